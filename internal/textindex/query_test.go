package textindex_test

import (
	"strings"
	"testing"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/textindex"
)

func TestParseQuery(t *testing.T) {
	tests := []struct {
		name, q   string
		langs     []string
		fts5, tsq string
	}{
		{"one english word", "floods", []string{"en"}, `("flood")`, `('flood')`},
		{"words must all match", "Baghdad floods", []string{"en"}, `("baghdad") AND ("flood")`, `('baghdad') & ('flood')`},
		{"or", "flood OR fire", []string{"en"}, `("flood" OR "fire")`, `('flood' | 'fire')`},
		{"exclusion", "flood -fire", []string{"en"}, `("flood") NOT ("fire")`, `('flood') & !('fire')`},
		{"phrase", `"Security Council"`, []string{"en"}, `("secur council")`, `(('secur' <-> 'council'))`},
		{"hyphen makes a phrase", "al-Assad", []string{"en"}, `("al assad")`, `(('al' <-> 'assad'))`},
		{"arabic unknown language", "الفيضانات", nil, `("فيضان" OR "الفيض")`, `('فيضان' | 'الفيض')`},
		{"latin unknown language gives variants", "élections", nil, `("election" OR "elect" OR "elections")`, `('election' | 'elect' | 'elections')`},
		{"unclosed quote", `"Security Council`, []string{"en"}, `("secur council")`, `(('secur' <-> 'council'))`},
		{"quote inside a word", `O"Brien`, []string{"en"}, `("o brien")`, `(('o' <-> 'brien'))`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := textindex.ParseQuery(tt.q, tt.langs)
			if err != nil {
				t.Fatalf("ParseQuery(%q) error %v", tt.q, err)
			}
			if got := q.FTS5(); got != tt.fts5 {
				t.Errorf("ParseQuery(%q).FTS5() = %s, want %s", tt.q, got, tt.fts5)
			}
			if got := q.TSQuery(); got != tt.tsq {
				t.Errorf("ParseQuery(%q).TSQuery() = %s, want %s", tt.q, got, tt.tsq)
			}
		})
	}
}

func TestParseQueryInvalid(t *testing.T) {
	for name, q := range map[string]string{
		"empty":        "",
		"only spaces":  "   ",
		"only exclude": "-fire",
		"punctuation":  "!!! ???",
		"too long":     strings.Repeat("a", textindex.MaxQueryBytes+1),
		"too many":     strings.Repeat("word ", textindex.MaxQueryWords+1),
		"invalid utf8": "\xff\xfe",
	} {
		t.Run(name, func(t *testing.T) {
			_, err := textindex.ParseQuery(q, nil)
			if jic.ErrorCode(err) != jic.EINVALID {
				t.Errorf("ParseQuery(%q) error %v, want code %s", q, err, jic.EINVALID)
			}
		})
	}
}

func TestTSVector(t *testing.T) {
	got := textindex.TSVector("Floods in Iraq", "The floods: O'Brien's report", "en")
	want := `'flood':1A,6 'in':2A 'iraq':3A 'obrien':7 'report':8 'the':5`
	if got != want {
		t.Errorf("TSVector = %s, want %s", got, want)
	}
}

func TestSnippet(t *testing.T) {
	q, err := textindex.ParseQuery("floods", []string{"en"})
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Repeat("Nothing here. ", 40) + "Heavy floods hit the city.\nMore flooding is expected. " + strings.Repeat("Other news. ", 40)
	s := textindex.Snippet(text, "en", q, 120)
	if len(s.Marks) != 2 {
		t.Fatalf("Snippet marks = %v in %q, want 2", s.Marks, s.Text)
	}
	for _, m := range s.Marks {
		if w := s.Text[m[0]:m[1]]; !strings.HasPrefix(w, "flood") {
			t.Errorf("mark %v covers %q, want a form of flood", m, w)
		}
	}
	if !strings.HasPrefix(s.Text, "…") || !strings.HasSuffix(s.Text, "…") || strings.Contains(s.Text, "\n") {
		t.Errorf("Snippet text %q: want ellipses at both ends and no line break", s.Text)
	}
}
