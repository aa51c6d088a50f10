package textindex_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/textindex"
)

var seeds = []string{
	"Floods kill dozens in Baghdad", "الفيضانات تجتاح بغداد", "مُحَمَّد", "کتاب‌ها", "İstanbul'da seçimler",
	"Выборы в Москве", "l'armée française", "北京大学", `"security council" OR un -russia`, "a\xffb", "ﷺ",
}

func FuzzAnalyze(f *testing.F) {
	for _, s := range seeds {
		f.Add(s, "")
		f.Add(s, "tr")
	}
	f.Fuzz(func(t *testing.T, text, lang string) {
		last := -1
		textindex.Analyze(text, lang, func(tok textindex.Token) {
			if tok.Term == "" || strings.ContainsAny(tok.Term, " \t\n\"'") || len(tok.Term) > textindex.MaxTermBytes || !utf8.ValidString(tok.Term) {
				t.Fatalf("bad term %q from %q", tok.Term, text)
			}
			if tok.Start < last || tok.Start >= tok.End || tok.End > len(text) {
				t.Fatalf("bad span [%d,%d) after %d in %d bytes", tok.Start, tok.End, last, len(text))
			}
			last = tok.Start
		})
	})
}

func FuzzParseQuery(f *testing.F) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		p, err := textindex.ParseQuery(q, nil)
		if err != nil {
			if jic.ErrorCode(err) != jic.EINVALID {
				t.Fatalf("ParseQuery(%q) error %v, want EINVALID", q, err)
			}
			return
		}
		if p.FTS5() == "" || p.TSQuery() == "" {
			t.Fatalf("ParseQuery(%q) renders empty", q)
		}
		textindex.Snippet(q, "", p, 40)
	})
}
