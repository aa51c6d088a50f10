package bench_test

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/bench"
)

// dataDir is the shared data beside the repository.
var dataDir = filepath.Join("..", "..", "..", "shared", "data")

func needData(tb testing.TB) {
	tb.Helper()
	if _, err := os.Stat(filepath.Join(dataDir, "news")); err != nil {
		tb.Skip("../shared/data absent: the bench tests need the project's shared data next to the repository")
	}
}

var loaded struct {
	once    sync.Once
	reports []*jic.Report
	err     error
}

// sample returns a base of about 2,400 real reports, at most 400 per file,
// read once per test binary; callers must not modify them.
func sample(tb testing.TB) []*jic.Report {
	tb.Helper()
	needData(tb)
	loaded.once.Do(func() { loaded.reports, loaded.err = bench.LoadSample(dataDir, 400) })
	if loaded.err != nil {
		tb.Fatal(loaded.err)
	}
	return loaded.reports
}

var base struct {
	once    sync.Once
	reports []*jic.Report
	err     error
}

// loadBase returns the whole base corpus, read once per test binary.
func loadBase(tb testing.TB) []*jic.Report {
	tb.Helper()
	needData(tb)
	base.once.Do(func() { base.reports, base.err = bench.LoadBase(dataDir) })
	if base.err != nil {
		tb.Fatal(base.err)
	}
	return base.reports
}
