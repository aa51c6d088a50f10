package lang_test

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jic-center/jic/internal/lang"
)

const dataDir = "../../../shared/data"

// TestAccuracy holds Detect to the goals on the held-out test split
// of the real texts: at least 99.8% right on articles and 99% on headlines
// in the six languages, and at least 99% of other-language texts not filed
// as one of the six. It is an accuracy threshold, not a timing test.
func TestAccuracy(t *testing.T) {
	start := time.Now()
	opt := lang.MeasureOptions{}
	if raceEnabled {
		opt.Sample = 150 // the race detector slows reading the corpora tenfold
	}
	e, err := lang.Measure(dataDir, opt)
	if errors.Is(err, os.ErrNotExist) {
		t.Skip("no ../shared/data beside the repository: accuracy not measured")
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("measured in %v", time.Since(start))
	goals := map[string]float64{"articles": 0.998, "headlines": 0.99, "other-language texts": 0.99}
	jic := e.Systems[0]
	for _, c := range lang.Conditions {
		acc := jic.Accuracy(c, e)
		t.Logf("%s: %.2f%% of %d texts", c, 100*acc, e.Texts[c])
		if acc < goals[c] {
			t.Errorf("accuracy on %s = %.2f%%, want at least %.1f%%", c, 100*acc, 100*goals[c])
		}
	}
	for k, n := range jic.PerSourceTotal {
		if strings.HasSuffix(k, lang.ArabicYehKaf) {
			acc := float64(jic.PerSource[k]) / float64(n)
			t.Logf("%s: %.2f%% of %d texts", k, 100*acc, n)
			if acc < 0.99 {
				t.Errorf("accuracy on %s = %.2f%%, want at least 99%%", k, 100*acc)
			}
		}
	}
	if n := jic.Confusion["fa"]["ar"] + jic.Confusion["ar"]["fa"]; n > 3 {
		t.Errorf("%d texts confused between Arabic and Persian, want at most 3", n)
	}
}

// TestEvaluatePrint prints the full table; see the README for CLD2 beside it.
func TestEvaluatePrint(t *testing.T) {
	if os.Getenv("JIC_LANG_EVAL") == "" {
		t.Skip("set JIC_LANG_EVAL=1 to print the evaluation table")
	}
	if err := lang.Evaluate(dataDir, os.Stdout); err != nil {
		t.Fatal(err)
	}
}
