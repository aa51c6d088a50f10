package corroborate

import (
	"strings"
	"testing"

	"github.com/jic-center/jic"
)

func TestRate(t *testing.T) {
	src := func(rs ...jic.Reliability) []Source {
		var out []Source
		for i, r := range rs {
			out = append(out, Source{Name: string(rune('P' + i)), Reliability: r})
		}
		return out
	}
	for _, c := range []struct {
		sources []Source
		deniers []string
		want    jic.Credibility
		why     string
	}{
		{nil, nil, jic.CannotJudge, "6: no source; no denial"},
		{src("F", ""), nil, jic.CannotJudge, "6: two independent sources, P (F) and Q (F); no denial"},
		{src("A", "B", "E"), nil, jic.Confirmed, "1: three independent sources, P (A), Q (B) and R (E); no denial"},
		{src("B", "C"), nil, jic.ProbablyTrue, "2: two independent sources, P (B) and Q (C); no denial"},
		{src("B", "F"), nil, jic.ProbablyTrue, ""},
		{src("D", "E"), nil, jic.PossiblyTrue, ""},
		{src("A"), nil, jic.PossiblyTrue, "3: one source, P (A); no denial"},
		{src("D"), nil, jic.DoubtfullyTrue, ""},
		{src("A", "B", "C"), []string{"the ministry"}, jic.PossiblyTrue, "3: three independent sources, P (A), Q (B) and R (C), which alone would rate 1; denied by the ministry"},
		{src("D"), []string{"x", "y"}, jic.Improbable, ""},
		{src("F"), []string{"x"}, jic.CannotJudge, "6: one source, P (F); denied by x"},
	} {
		got := Rate(c.sources, c.deniers)
		if got.Credibility != c.want || c.why != "" && got.Why != c.why {
			t.Errorf("Rate(%v, %v) = %+v, want %d %q", c.sources, c.deniers, got, c.want, c.why)
		}
	}
}

func TestSources(t *testing.T) {
	ms := []Member{
		{Report: 1, Group: 1, Source: "Reuters", Reliability: "B"},
		{Report: 2, Group: 1, Source: "Daily Echo", Reliability: "D"}, // a copy of 1
		{Report: 3, Group: 3, Source: "BBC", Reliability: "A"},
		{Report: 4, Group: 4, Source: "bbc ", Reliability: "C"},       // another BBC article: the same source
		{Report: 5, Group: 5, Source: "Daily Echo", Reliability: "D"}, // the Echo's own article joins the Reuters copy's outlet
		{Report: 6, Group: 6, Source: "", Reliability: ""},
	}
	got := Sources(ms)
	var names []string
	for _, s := range got {
		names = append(names, s.Name+":"+string(s.Reliability))
	}
	if strings.Join(names, " ") != "Reuters:B BBC:A report 6:" {
		t.Errorf("Sources = %v, want Reuters (with the Echo), BBC and the report without a source", names)
	}
	if len(Sources(nil)) != 0 {
		t.Error("Sources(nil) is not empty")
	}
}
