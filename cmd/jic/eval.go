package main

import (
	"context"
	"os"

	"github.com/jic-center/jic/internal/dedup"
	"github.com/jic-center/jic/internal/gazetteer"
	"github.com/jic-center/jic/internal/lang"
)

// EvalCmd measures jic's processing on real annotated data and prints
// tables (see BENCHMARKS.md for the figures).
type EvalCmd struct {
	Langid   EvalLangidCmd   `cmd:"" help:"Language identification on held-out real texts in the six languages and in other languages."`
	Dedup    EvalDedupCmd    `cmd:"" help:"Duplicate and near-duplicate detection on ANT's identical texts, derived copies and hard negatives."`
	Geoparse EvalGeoparseCmd `cmd:"" help:"Toponym recognition and resolution on GeoWebNews, TR-News or GeoVirus."`
}

// EvalDedupCmd evaluates duplicate detection.
type EvalDedupCmd struct {
	Corpora string `name:"corpora" help:"The shared data directory with the corpora." default:"../shared/data"`
}

// Run prints precision and recall per corpus and per kind of edit, and the
// cost per report as the index grows.
func (cmd EvalDedupCmd) Run(ctx context.Context) error {
	return dedup.Evaluate(cmd.Corpora, os.Stdout)
}

// EvalGeoparseCmd evaluates geoparsing.
type EvalGeoparseCmd struct {
	File string `arg:"" help:"GWN.xml, a GeoWebNews-brat folder, TR-News.xml or GeoVirus.xml (../shared/data/geoparsing)."`
}

// Run prints toponym precision, recall and F1 and accuracy within 161 km.
func (cmd EvalGeoparseCmd) Run(ctx context.Context) error {
	return gazetteer.EvaluateGeoparse(cmd.File, os.Stdout)
}

// EvalLangidCmd evaluates language identification.
type EvalLangidCmd struct {
	Corpora string `name:"corpora" help:"The shared data directory with the annotated corpora." default:"../shared/data"`
}

// Run prints accuracy on articles, headlines and other-language texts,
// speed and memory.
func (cmd EvalLangidCmd) Run(ctx context.Context) error {
	return lang.Evaluate(cmd.Corpora, os.Stdout, langBaselines()...)
}
