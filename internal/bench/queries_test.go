package bench_test

import (
	"strings"
	"testing"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/bench"
)

func TestQueries(t *testing.T) {
	qs, err := bench.Queries()
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) != 200 {
		t.Errorf("Queries() has %d queries, want 200", len(qs))
	}
	n := map[string]int{}
	seen := map[string]bool{}
	for _, q := range qs {
		n[q.Lang]++
		if seen[q.Lang+q.Q] {
			t.Errorf("query %s %q appears twice", q.Lang, q.Q)
		}
		seen[q.Lang+q.Q] = true
	}
	for _, lang := range []string{"ar", "fa", "ru", "en", "fr", "tr"} {
		if n[lang] < 33 || n[lang] > 34 {
			t.Errorf("Queries() has %d queries in %s, want 33 or 34", n[lang], lang)
		}
	}
}

func TestParseQueries(t *testing.T) {
	tests := []struct {
		name, in string
		want     int
		code     string
	}{
		{"lines", "en\tSyria\n# comment\n\nfr\t\"Vendée Globe\"\n", 2, ""},
		{"no tab", "en Syria\n", 0, jic.EINVALID},
		{"unknown language", "de\tBerlin\n", 0, jic.EINVALID},
		{"nothing to look for", "en\t--- ...\n", 0, jic.EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			qs, err := bench.ParseQueries(strings.NewReader(tt.in))
			if jic.ErrorCode(err) != tt.code || len(qs) != tt.want {
				t.Errorf("ParseQueries(%q) = %d queries, %v; want %d, code %q", tt.in, len(qs), err, tt.want, tt.code)
			}
		})
	}
}
