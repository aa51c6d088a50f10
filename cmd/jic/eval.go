package main

import (
	"context"
	"os"
	"path/filepath"

	"github.com/jic-center/jic/internal/claims"
	"github.com/jic-center/jic/internal/dedup"
	"github.com/jic-center/jic/internal/gazetteer"
	"github.com/jic-center/jic/internal/lang"
	"github.com/jic-center/jic/internal/ner"
	"github.com/jic-center/jic/internal/stories"
)

// EvalCmd measures jic's processing on real annotated data and prints
// tables (see BENCHMARKS.md for the figures).
type EvalCmd struct {
	Langid   EvalLangidCmd   `cmd:"" help:"Language identification on held-out real texts in the six languages and in other languages."`
	Dedup    EvalDedupCmd    `cmd:"" help:"Duplicate and near-duplicate detection on ANT's identical texts, derived copies and hard negatives."`
	Geoparse EvalGeoparseCmd `cmd:"" help:"Toponym recognition and resolution on GeoWebNews, TR-News or GeoVirus."`
	Ner      EvalNerCmd      `cmd:"" help:"Person and organization recognition on the Arabic, Persian and Turkish NER test sets."`
	Claims   EvalClaimsCmd   `cmd:"" help:"Attributed claims (speaker, stance, span) on hand-annotated real articles in four languages."`
	Stories  EvalStoriesCmd  `cmd:"" help:"Story clustering: cross-language grouping of Wikipedia news blurbs, hand-labelled ANT stories, cost as the index grows."`
}

// EvalNerCmd evaluates person and organization recognition.
type EvalNerCmd struct {
	Corpora string `name:"corpora" help:"The shared data directory with the annotated corpora." default:"../shared/data"`
}

// Run prints precision, recall and F1 per corpus and type, for exact spans
// and for overlapping ones, with the gazetteer keeping places out as in
// processing.
func (cmd EvalNerCmd) Run(ctx context.Context) error {
	g, err := gazetteer.Load()
	if err != nil {
		return err
	}
	res, err := ner.Eval(filepath.Join(cmd.Corpora, "ner"), ner.EvalOptions{Finder: ner.Options{IsPlace: ner.PlaceTest(g)}})
	if err != nil {
		return err
	}
	return res.WriteTable(os.Stdout)
}

// EvalClaimsCmd evaluates claim extraction.
type EvalClaimsCmd struct {
	Corpora string `name:"corpora" help:"The shared data directory with the corpora." default:"../shared/data"`
}

// Run prints speaker, span and stance scores per language.
func (cmd EvalClaimsCmd) Run(ctx context.Context) error {
	_, err := claims.Eval(os.Stdout, cmd.Corpora)
	return err
}

// EvalStoriesCmd evaluates story clustering.
type EvalStoriesCmd struct {
	Corpora string `name:"corpora" help:"The shared data directory with the corpora." default:"../shared/data"`
}

// Run prints B-cubed scores with and without the entity bridge, and the
// cost of clustering a report at 10k and 100k reports (1M with
// JIC_BENCH_STORIES=1).
func (cmd EvalStoriesCmd) Run(ctx context.Context) error {
	_, err := stories.Eval(os.Stdout, cmd.Corpora)
	return err
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
