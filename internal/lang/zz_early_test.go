package lang_test

import (
	"fmt"
	"os"
	"testing"

	"github.com/jic-center/jic/internal/lang"
)

func TestZZEarly(t *testing.T) {
	if os.Getenv("ZZ") == "" {
		t.Skip()
	}
	for _, cfg := range []struct {
		n int
		c float64
	}{{0, 1}} {
		_ = cfg
		e, err := lang.Measure(dataDir, lang.MeasureOptions{Speed: true})
		if err != nil {
			t.Fatal(err)
		}
		s := e.Systems[0]
		fmt.Printf("early %d conf %g: ", cfg.n, cfg.c)
		for _, c := range lang.Conditions {
			fmt.Printf("%s %.3f%% (%d wrong of %d) ", c, 100*s.Accuracy(c, e), e.Texts[c]-s.Correct[c], e.Texts[c])
		}
		fmt.Printf(" %.0f articles/s\n", s.ArticlesPerSec)
	}
}
