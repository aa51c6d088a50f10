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

// TestAccuracy holds Detect to floors on the held-out test split of the
// real texts. The goals are at least 99.8% right on articles and
// 99% on headlines in the six languages, and at least 99% of
// other-language texts not filed as one of the six; the model, derived
// only from shippable text (see README.md), meets them (articles 100%,
// headlines 99.04%, other-language texts 99.96%), so the floors are the
// goals. Persian headlines typed with Arabic yeh and kaf are at 97.7%; their
// floor is set just under that, so that the test catches a regression,
// not the gap. It is an accuracy threshold, not a timing test.
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
	floors := map[string]float64{"articles": 0.998, "headlines": 0.99, "other-language texts": 0.99}
	jic := e.Systems[0]
	for _, c := range lang.Conditions {
		acc := jic.Accuracy(c, e)
		t.Logf("%s: %.2f%% of %d texts", c, 100*acc, e.Texts[c])
		if acc < floors[c] {
			t.Errorf("accuracy on %s = %.2f%%, want at least %.1f%%", c, 100*acc, 100*floors[c])
		}
	}
	for k, n := range jic.PerSourceTotal {
		if strings.HasSuffix(k, lang.ArabicYehKaf) {
			acc := float64(jic.PerSource[k]) / float64(n)
			t.Logf("%s: %.2f%% of %d texts", k, 100*acc, n)
			floor := 0.99
			if strings.HasPrefix(k, "headlines") {
				floor = 0.97
			}
			if acc < floor {
				t.Errorf("accuracy on %s = %.2f%%, want at least %.0f%%", k, 100*acc, 100*floor)
			}
		}
	}
	if n := jic.Confusion["fa"]["ar"] + jic.Confusion["ar"]["fa"]; n > 10 {
		t.Errorf("%d texts confused between Arabic and Persian, want at most 10", n)
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

// TestEvaluateDiagnose prints the table for the train and dev sides of the
// test-only data sets, which the model never trains on either: the place
// to study errors without looking at the test side.
func TestEvaluateDiagnose(t *testing.T) {
	if os.Getenv("JIC_LANG_DIAG") == "" {
		t.Skip("set JIC_LANG_DIAG=1 to print the table for the non-test sides of the test-only sets")
	}
	e, err := lang.Measure(dataDir, lang.MeasureOptions{Diagnose: true, MaxErrors: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.WriteTable(os.Stdout); err != nil {
		t.Fatal(err)
	}
}
