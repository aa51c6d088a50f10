package stories_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/jic-center/jic/internal/stories"
)

// dataDir returns ../shared/data beside the module root (or
// $JIC_TEST_DATA), or skips the test when it is absent.
func dataDir(tb testing.TB) string {
	tb.Helper()
	dir := os.Getenv("JIC_TEST_DATA")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "data")
	}
	if _, err := os.Stat(filepath.Join(dir, "news", "wikinews", "itn_5lang.jsonl")); err != nil {
		tb.Skip("../shared/data absent: the evaluation needs the project's shared data next to the repository")
	}
	return dir
}

func TestEval(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the evaluation reads 31,525 ANT articles")
	}
	var out bytes.Buffer
	// The cost table stops at 10k reports here; jic eval stories goes on
	// to 100k (and 1M with JIC_BENCH_STORIES=1).
	res, err := stories.EvalWith(&out, dataDir(t), stories.EvalConfig{Options: stories.DefaultOptions(), ScaleSizes: []int{10000}})
	t.Log("\n" + out.String())
	if err != nil {
		t.Fatal(err)
	}
	// Floors a little under the measured values (see doc.go), so that a
	// change that loses accuracy fails here.
	floors := []struct {
		name string
		got  stories.BCubed
		f1   float64
	}{
		{"ITN entities + terms", res.ITN, 0.69}, // measured 0.708
		// Measured 0.871 with internal/ner as of its Arabic recall work
		// (0.900 with the finder the thresholds were chosen with).
		{"ANT entities + terms", res.ANT, 0.85},
		{"ITN terms only", res.ITNTermsOnly, 0.58}, // measured 0.604
		{"ANT terms only", res.ANTTermsOnly, 0.81}, // measured 0.836
	}
	for _, f := range floors {
		if f.got.F1() < f.f1 {
			t.Errorf("%s: B-cubed F1 %.3f (P %.3f, R %.3f), want ≥ %.2f", f.name, f.got.F1(), f.got.Precision, f.got.Recall, f.f1)
		}
	}
	if res.ITN.F1() <= res.ITNTermsOnly.F1() || res.ANT.F1() <= res.ANTTermsOnly.F1() {
		t.Errorf("entities add nothing: ITN F1 %.3f vs %.3f terms only, ANT %.3f vs %.3f", res.ITN.F1(), res.ITNTermsOnly.F1(), res.ANT.F1(), res.ANTTermsOnly.F1())
	}
	max := float64(stories.DefaultOptions().MaxCandidates)
	for _, r := range res.Scale {
		if r.Candidates > max {
			t.Errorf("at %d reports: %.1f candidates per Add, want ≤ MaxCandidates %.0f", r.Reports, r.Candidates, max)
		}
	}
}
