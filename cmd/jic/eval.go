package main

import (
	"context"
	"os"

	"github.com/jic-center/jic/internal/lang"
)

// EvalCmd measures jic's processing on real annotated data and prints
// tables (see BENCHMARKS.md for the figures).
type EvalCmd struct {
	Langid EvalLangidCmd `cmd:"" help:"Language identification on held-out real texts in the six languages and in other languages."`
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
