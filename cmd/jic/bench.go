package main

import (
	"context"
	"os"
	"regexp"
	"strings"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/bench"
)

// BenchCmd measures ingest and search on real corpora, beside the raw
// database doing the same work in the same run (see BENCHMARKS.md).
type BenchCmd struct {
	Ingest BenchIngestCmd `cmd:"" help:"Load the real base corpus (57,775 reports), or N reports scaled from it, through jic and through plain INSERTs."`
	Search BenchSearchCmd `cmd:"" help:"Time 200 real queries in six languages through jic and through the same query issued directly."`
	Pages  BenchPagesCmd  `cmd:"" help:"Build a processed store of N reports (or reuse it) and time every desk page on it."`
}

// benchTarget are the flags that say where a benchmark's data lives.
type benchTarget struct {
	Backend string `help:"sqlite or postgres." enum:"sqlite,postgres" default:"sqlite"`
	Dir     string `help:"sqlite: the directory of the benchmark's databases (kept)." placeholder:"DIR"`
	URL     string `help:"postgres: the database URL." placeholder:"URL"`
	Schema  string `help:"postgres: jic's schema; the raw engine's is SCHEMA_raw." default:"jicbench"`
}

func (t benchTarget) target() bench.Target {
	return bench.Target{Backend: t.Backend, Dir: t.Dir, URL: t.URL, Schema: t.Schema}
}

// BenchIngestCmd loads a corpus.
type BenchIngestCmd struct {
	benchTarget
	Corpora string `name:"corpora" help:"The shared data directory with the real corpora." default:"../shared/data"`
	N       int    `help:"Reports to load; 0 loads the base corpus only." default:"0"`
	Seed    uint64 `help:"Seed of the scaled corpus: the same seed gives the same reports." default:"1"`
	Batch   int    `help:"Reports per transaction." default:"500"`
}

// Run loads the corpus and prints the table; an interrupted load resumes.
func (cmd BenchIngestCmd) Run(ctx context.Context) error {
	return bench.Ingest(ctx, bench.IngestOptions{Target: cmd.target(), DataDir: cmd.Corpora, N: cmd.N, Seed: cmd.Seed,
		Batch: cmd.Batch, Progress: os.Stderr}, os.Stdout)
}

// BenchSearchCmd times the queries.
type BenchSearchCmd struct {
	benchTarget
	Passes  int    `help:"Timed passes after one warm-up pass." default:"3"`
	Slowest int    `help:"Slowest queries to list per mode, with the plan of the first." default:"5"`
	Modes   string `help:"Comma-separated modes to run (default: all)."`
	Queries string `help:"A file of lang<TAB>query lines to run instead of the committed 200." placeholder:"FILE" type:"existingfile"`
}

// Run prints latency percentiles per mode and language.
func (cmd BenchSearchCmd) Run(ctx context.Context) error {
	var modes []string
	if cmd.Modes != "" {
		modes = strings.Split(cmd.Modes, ",")
	}
	var queries []bench.Query
	if cmd.Queries != "" {
		f, err := os.Open(cmd.Queries)
		if err != nil {
			return err
		}
		defer f.Close()
		if queries, err = bench.ParseQueries(f); err != nil {
			return err
		}
	}
	return bench.Search(ctx, bench.SearchOptions{Target: cmd.target(), Queries: queries, Passes: cmd.Passes, Slowest: cmd.Slowest,
		Modes: modes, Progress: os.Stderr}, os.Stdout)
}

// BenchPagesCmd times the desk pages on a processed store of N reports.
type BenchPagesCmd struct {
	benchTarget
	Corpora   string `name:"corpora" help:"The shared data directory with the real corpora." default:"../shared/data"`
	N         int    `help:"Reports in the store." default:"1000000"`
	Processed int    `help:"Real reports processed through the pipeline; the others are copies of them given their facts (0: the whole base corpus)." default:"0"`
	Seed      uint64 `help:"Seed of the corpus." default:"1"`
	Requests  int    `help:"Timed requests per page and viewer, after one warm-up." default:"30"`
	Only      string `help:"Time only the pages whose name matches this regular expression." placeholder:"REGEXP"`
}

// Run builds the store if it is not built yet, then prints the page times.
func (cmd BenchPagesCmd) Run(ctx context.Context) error {
	var only *regexp.Regexp
	if cmd.Only != "" {
		var err error
		if only, err = regexp.Compile(cmd.Only); err != nil {
			return jic.FieldErrorf(jic.EINVALID, "only", "%v", err)
		}
	}
	return bench.Pages(ctx, bench.PagesOptions{FixtureOptions: bench.FixtureOptions{Target: cmd.target(), DataDir: cmd.Corpora,
		N: cmd.N, Processed: cmd.Processed, Seed: cmd.Seed, Progress: os.Stderr}, Requests: cmd.Requests, Only: only}, os.Stdout)
}
