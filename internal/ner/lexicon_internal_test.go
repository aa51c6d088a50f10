package ner

import (
	"strings"
	"testing"
)

func TestParseLexiconErrors(t *testing.T) {
	for name, text := range map[string]string{
		"two fields":       "title\ten\n",
		"unknown class":    "titel\ten\tPresident\n",
		"unknown language": "title\tde\tPräsident\n",
		"no word":          "title\ten\tPresident | -- \n",
		"prefix phrase":    "org\ttr\tGenel Müdürlüğü*\n",
	} {
		if _, err := parseLexicon(text); err == nil || !strings.HasPrefix(err.Error(), "line 1:") {
			t.Errorf("parseLexicon(%s) = %v, want an error at line 1", name, err)
		}
	}
}

// TestTablesBeforeVariables guards the order of package initialization:
// variables built from keys (lightVerbs) need the folding tables filled
// first, or every key is "".
func TestTablesBeforeVariables(t *testing.T) {
	if len(lightVerbs) < 20 || lightVerbs[""] || !lightVerbs[key("کرد")] || key("کرد") == "" {
		t.Errorf("lightVerbs = %v, built before the folding tables", lightVerbs)
	}
	for in, want := range map[string]string{"Ünİversİte’nİn": "universitenin", "الأمم": "الامم", "ООН": "оон", "Ёлка": "елка"} {
		if got := key(in); got != want {
			t.Errorf("key(%s) = %q, want %q", in, got, want)
		}
	}
}

// The prefix filter never rejects a word that starts with a prefix.
func TestPrefixHeads(t *testing.T) {
	x := New(Options{}).lex.idx
	if len(x.prefixes) == 0 {
		t.Fatal("the lexicon has no prefixes")
	}
	rejected := 0
	for p := range x.prefixes {
		if !x.mayHavePrefix(p) || !x.mayHavePrefix(p+"ların") {
			t.Errorf("prefix %q rejected", p)
		}
	}
	for _, w := range []string{"government", "правительство", "الحكومة", "hükümet"} {
		if !x.mayHavePrefix(w) {
			rejected++
		}
	}
	if rejected == 0 {
		t.Error("the filter rejects no word")
	}
}
