package ner_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/gazetteer"
	"github.com/jic-center/jic/internal/ner"
)

const nerDir = "../../../shared/data/ner"

// Reproduce the full table with:
//
//	NER_EVAL=1 go test ./internal/ner -run TestEval -v
//
// (ANERcorp test split, 25k tokens; ArmanPersoNER test fold 1, 83k tokens;
// Turkish wiki NER test split, 1,000 sentences), with the gazetteer as the
// place test.

// TestEvalSlice runs the evaluation over the first sentences of each corpus
// and checks that the numbers are sane; TestEval runs it all when NER_EVAL
// is set.
func TestEvalSlice(t *testing.T) {
	if _, err := os.Stat(nerDir); err != nil {
		t.Skip("../shared/data/ner is absent: the NER corpora are test data, not shipped")
	}
	res, err := ner.Eval(nerDir, ner.EvalOptions{MaxSentences: 200})
	if err != nil {
		t.Fatalf("Eval: %v", err)
	}
	if len(res.Corpora) != 3 {
		t.Fatalf("Eval read %d corpora, want 3", len(res.Corpora))
	}
	for _, c := range res.Corpora {
		if c.Sentences != 200 || c.Tokens < 1000 {
			t.Errorf("%s: %d sentences, %d tokens; want 200 sentences", c.Corpus, c.Sentences, c.Tokens)
		}
		for _, k := range c.Kinds {
			p, r, f1 := k.Overlap()
			ep, er, _ := k.Exact()
			if k.Gold == 0 || k.Pred == 0 || k.OverlapTP > k.Pred || k.OverlapTP > k.Gold || k.ExactTP > k.OverlapTP || ep > p || er > r {
				t.Errorf("%s %s: gold %d, pred %d, exact %d, overlap %d: inconsistent", c.Corpus, k.Kind, k.Gold, k.Pred, k.ExactTP, k.OverlapTP)
			}
			if f1 < 0.15 || f1 > 1 {
				t.Errorf("%s %s: overlap F1 %.3f, want a sane 0.15–1", c.Corpus, k.Kind, f1)
			}
		}
	}
	var buf bytes.Buffer
	if err := res.WriteTable(&buf); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "ANERcorp test") || strings.Count(buf.String(), "\n") != 1+3*2 {
		t.Errorf("WriteTable wrote:\n%s", buf.String())
	}
	t.Logf("first 200 sentences of each corpus, no place test:\n%s", buf.String())
}

func TestEval(t *testing.T) {
	if os.Getenv("NER_EVAL") == "" {
		t.Skip("set NER_EVAL=1 to run the full evaluation (about 2 s, with the gazetteer)")
	}
	if _, err := os.Stat(nerDir); err != nil {
		t.Skip("../shared/data/ner is absent: the NER corpora are test data, not shipped")
	}
	g, err := gazetteer.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range []struct {
		name string
		opts ner.Options
	}{{"without a place test", ner.Options{}}, {"with the gazetteer as the place test", ner.Options{IsPlace: ner.PlaceTest(g)}}} {
		res, err := ner.Eval(nerDir, ner.EvalOptions{Finder: o.opts})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		res.WriteTable(&buf)
		t.Logf("%s:\n%s", o.name, buf.String())
	}
}

func TestEvalErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := ner.Eval(dir, ner.EvalOptions{}); err == nil {
		t.Errorf("Eval(empty dir) = nil error, want one")
	}
	for _, sub := range []string{"arabic-ner", "arman-persian-ner", "turkish-wiki-ner"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write := func(path, s string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, path), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("arabic-ner/ANERCorp_CamelLab_test.txt", "قال O\nالرئيس O\nبشار B-PERS\nالأسد I-PERS\n\n")
	write("arman-persian-ner/test_fold1.txt", "آقای O\nخاتمی B-pers\nگفت O\n\n")
	write("turkish-wiki-ner/test.txt", "Cumhurbaşkanı\tO\nErdoğan\tB-PERSON\nkonuştu\tO\n")
	res, err := ner.Eval(dir, ner.EvalOptions{})
	if err != nil {
		t.Fatalf("Eval(small corpora) error: %v", err)
	}
	for _, c := range res.Corpora {
		k := c.Kinds[0]
		if k.Kind != jic.EntityPerson || k.Gold != 1 || k.ExactTP != 1 {
			t.Errorf("%s: person gold %d, exact %d; want 1 and 1", c.Corpus, k.Gold, k.ExactTP)
		}
	}
	write("turkish-wiki-ner/test.txt", "Erdoğan\tX-PERSON\n")
	if _, err := ner.Eval(dir, ner.EvalOptions{}); err == nil {
		t.Errorf("Eval(bad tag) = nil error, want one")
	}
}
