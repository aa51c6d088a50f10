package dedup_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/dedup"
)

// antTime reads a fixture's RSS date.
func antTime(tb testing.TB, a fixture) time.Time {
	tb.Helper()
	for _, layout := range []string{time.RFC1123Z, time.RFC1123} {
		if t, err := time.Parse(layout, a.Time); err == nil {
			return t
		}
	}
	tb.Fatalf("%s: bad time %q", a.ID, a.Time)
	return time.Time{}
}

func TestIndexFixtures(t *testing.T) {
	fx := fixtures(t)
	tests := []struct {
		name string
		a, b string // fixture ids, added in this order
		want dedup.Kind
	}{
		{"same text, two titles", "SK-economy-990-20180717", "SK-economy-988-20180717", dedup.Exact},
		{"agency story, two outlets", "AL-technology-209-20180420", "SK-technology-468-20180421", dedup.Near},
		{"agency story, two outlets, sport", "SK-sport-41-20180220", "AL-sport-124-20180220", dedup.Near},
		{"one death, written up by Al Arabiya and BBC", "AL-culture-193-20180324", "BB-culture-84-20180324", dedup.New},
		{"one death, written up by Al Arabiya and France 24", "AL-culture-193-20180324", "FR-culture-33-20180324", dedup.New},
		{"one death, written up by BBC and France 24", "BB-culture-84-20180324", "FR-culture-33-20180324", dedup.New},
		{"one template, other figures", "SK-middleEast-1534-20180509", "SK-middleEast-2342-20180613", dedup.New},
		{"two columns with only the disclaimer", "AL-culture-57-20130112", "AL-culture-62-20121201", dedup.New},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			x := dedup.NewIndex(dedup.DefaultOptions(), 0)
			for i, id := range []string{tc.a, tc.b} {
				a := fx[id]
				m := x.Add(int64(i+1), dedup.Fingerprint(a.Title, a.Text, a.Lang), dedup.Meta{Published: antTime(t, a), Outlet: a.Src})
				if i == 1 && m.Kind != tc.want {
					p, q := dedup.Fingerprint(fx[tc.a].Title, fx[tc.a].Text, "ar"), dedup.Fingerprint(a.Title, a.Text, "ar")
					t.Errorf("Add(%s) after %s = %v, want %v (similarity %+v)", tc.b, tc.a, m.Kind, tc.want, dedup.Compare(&p, &q))
				}
			}
		})
	}
}

// Edits an outlet makes when it republishes, applied to real articles.
var edits = []struct {
	name string
	edit func(title, text string) (string, string)
	want dedup.Kind
}{
	{"re-headline", func(ti, tx string) (string, string) { return "EXCLUSIVE: " + ti, tx }, dedup.Exact},
	{"listed boilerplate", func(ti, tx string) (string, string) {
		return ti, "Read more: another story\n" + tx + "\n© 2024 Some Outlet. All rights reserved."
	}, dedup.Exact},
	{"trim the last paragraph", func(ti, tx string) (string, string) {
		p := paragraphs(tx)
		return ti, strings.Join(p[:len(p)-1], "\n\n")
	}, dedup.Near},
	{"unlisted lines", func(ti, tx string) (string, string) {
		return ti, "This story was updated at 10:45.\n" + tx + "\nWatch our video report above"
	}, dedup.Near},
	{"swap two paragraphs", func(ti, tx string) (string, string) {
		p := paragraphs(tx)
		p[0], p[1] = p[1], p[0]
		return ti, strings.Join(p, "\n\n")
	}, dedup.Near},
	{"replace some words", func(ti, tx string) (string, string) {
		w := strings.Fields(tx)
		for i := 5; i < len(w); i += 20 {
			w[i] = "xyz"
		}
		return ti, strings.Join(w, " ")
	}, dedup.Near},
}

func paragraphs(text string) []string {
	var out []string
	for _, p := range strings.Split(text, "\n") {
		if strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return out
}

func TestIndexEdits(t *testing.T) {
	fx := fixtures(t)
	for _, id := range []string{"ruwikinews-1592", "ruwikinews-2988", "frwikinews-44231", "frwikinews-44269", "AL-sport-124-20180220", "AL-technology-209-20180420"} {
		a := fx[id]
		for _, e := range edits {
			t.Run(id+"/"+e.name, func(t *testing.T) {
				x := dedup.NewIndex(dedup.DefaultOptions(), 0)
				x.Add(1, dedup.Fingerprint(a.Title, a.Text, a.Lang), dedup.Meta{})
				title, text := e.edit(a.Title, a.Text)
				m := x.Add(2, dedup.Fingerprint(title, text, a.Lang), dedup.Meta{})
				if m.Kind != e.want || m.Of != 1 || m.Group != 1 {
					t.Errorf("Add(copy) = %v of %d in group %d, want %v of 1 in group 1 (similarity %+v)", m.Kind, m.Of, m.Group, e.want, m.Similarity)
				}
			})
		}
	}
}

func TestIndexGroups(t *testing.T) {
	fx := fixtures(t)
	src := fx["AL-technology-209-20180420"]
	copyText := strings.Join(paragraphs(src.Text)[:2], "\n")
	t0 := time.Date(2018, 4, 20, 18, 0, 0, 0, time.UTC)
	x := dedup.NewIndex(dedup.DefaultOptions(), 0)
	add := func(id int64, title, text string, m dedup.Meta) dedup.Match {
		t.Helper()
		return x.Add(id, dedup.Fingerprint(title, text, "ar"), m)
	}
	add(1, src.Title, src.Text, dedup.Meta{Published: t0, Outlet: "Al Arabiya", Reliability: "C"})
	add(2, "other", fx["SK-sport-41-20180220"].Text, dedup.Meta{Published: t0})
	m3 := add(3, "copy", src.Text, dedup.Meta{Published: t0.Add(time.Hour), Outlet: "Aggregator"})
	if m3.Kind != dedup.Exact || m3.Of != 1 || m3.Original != 1 || m3.Rule != dedup.RuleEarliest {
		t.Errorf("exact copy: %+v, want exact of 1, original 1 by earliest publication", m3)
	}
	// A trimmed copy dated before the original, from a source that says it
	// republishes Al Arabiya: the original stays report 1.
	m4 := add(4, "trimmed", copyText, dedup.Meta{Published: t0.Add(-10 * time.Minute), Outlet: "Mirror", Republishes: "al arabiya"})
	if m4.Kind != dedup.Near || m4.Group != 1 || m4.Original != 1 || m4.Rule != dedup.RuleRepublication {
		t.Errorf("republished copy: %+v, want near in group 1, original 1 by republication", m4)
	}
	if again := add(4, "trimmed", copyText, dedup.Meta{}); again != m4 {
		t.Errorf("Add of an id again = %+v, want its match %+v", again, m4)
	}
	g, ok := x.Group(4)
	if !ok {
		t.Fatal("Group(4): not found")
	}
	if diff := cmp.Diff(dedup.Group{ID: 1, Original: 1, Rule: dedup.RuleRepublication, Members: []int64{1, 3, 4}}, g); diff != "" {
		t.Errorf("Group(4) mismatch (-want +got):\n%s", diff)
	}
	if gs := x.Groups(); len(gs) != 1 || gs[0].ID != 1 {
		t.Errorf("Groups() = %+v, want the one group 1", gs)
	}
	if g, _ := x.Group(2); len(g.Members) != 1 || g.Original != 2 || g.Rule != dedup.RuleOnly {
		t.Errorf("Group(2) = %+v, want report 2 alone", g)
	}
	e, ok := x.Explain(4)
	if !ok {
		t.Fatal("Explain(4): not found")
	}
	if e.Kind != dedup.Near || e.Of != 1 || e.Group != 1 || e.Members != 3 || e.Rule != dedup.RuleRepublication || e.Republishes != "al arabiya" {
		t.Errorf("Explain(4) = %+v", e)
	}
	for _, want := range []string{"report 4 is a near copy of report 1", "group 1 has 3 reports", "the original is report 1 (explicit republication: a copy says it republishes al arabiya)"} {
		if !strings.Contains(e.String(), want) {
			t.Errorf("Explain(4).String() = %q, want it to say %q", e, want)
		}
	}
	if _, ok := x.Explain(99); ok {
		t.Errorf("Explain(99) found a report never added")
	}
	if s := x.Stats(); s.Reports != 4 || s.Groups != 1 {
		t.Errorf("Stats() = %+v, want 4 reports in 1 group", s)
	}
}

func TestPickOriginal(t *testing.T) {
	t0 := time.Date(2018, 7, 17, 7, 45, 0, 0, time.UTC)
	m := func(id int64, at time.Duration, outlet string, rel jic.Reliability, republishes string) dedup.Member {
		var p time.Time
		if at >= 0 {
			p = t0.Add(at)
		}
		return dedup.Member{ID: id, Meta: dedup.Meta{Published: p, Outlet: outlet, Reliability: rel, Republishes: republishes}}
	}
	tests := []struct {
		name     string
		members  []dedup.Member
		tie      time.Duration
		want     int64
		wantRule dedup.Rule
	}{
		{"one report", []dedup.Member{m(7, 0, "a", "", "")}, 0, 7, dedup.RuleOnly},
		{"earliest", []dedup.Member{m(1, time.Hour, "a", "A", ""), m(2, 0, "b", "E", "")}, 0, 2, dedup.RuleEarliest},
		{"republication beats time", []dedup.Member{m(1, time.Hour, "Reuters", "B", ""), m(2, 0, "Wire Mirror", "B", "reuters")}, 0, 1, dedup.RuleRepublication},
		{"republication of an absent outlet counts for nothing", []dedup.Member{m(1, time.Hour, "a", "B", ""), m(2, 0, "b", "B", "AFP")}, 0, 2, dedup.RuleEarliest},
		{"a cycle of claims is ignored", []dedup.Member{m(1, time.Hour, "a", "B", "b"), m(2, 0, "b", "B", "a")}, 0, 2, dedup.RuleEarliest},
		{"same time: more reliable", []dedup.Member{m(1, 0, "a", "D", ""), m(2, 0, "b", "A", ""), m(3, 0, "c", "", "")}, 0, 2, dedup.RuleReliability},
		{"same time and reliability: lowest id", []dedup.Member{m(5, 0, "a", "B", ""), m(3, 0, "b", "B", "")}, 0, 3, dedup.RuleLowestID},
		{"within the tie window: more reliable", []dedup.Member{m(1, 0, "a", "D", ""), m(2, 30*time.Second, "b", "A", "")}, time.Minute, 2, dedup.RuleReliability},
		{"outside the tie window: earliest", []dedup.Member{m(1, 0, "a", "D", ""), m(2, 2*time.Minute, "b", "A", "")}, time.Minute, 1, dedup.RuleEarliest},
		{"unknown time is never earliest", []dedup.Member{m(1, -1, "a", "A", ""), m(2, time.Hour, "b", "F", "")}, 0, 2, dedup.RuleEarliest},
		{"no times: more reliable", []dedup.Member{m(1, -1, "a", "C", ""), m(2, -1, "b", "B", "")}, 0, 2, dedup.RuleReliability},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, rule := dedup.PickOriginal(tc.members, tc.tie)
			if got != tc.want || rule != tc.wantRule {
				t.Errorf("PickOriginal = %d, %v; want %d, %v", got, rule, tc.want, tc.wantRule)
			}
		})
	}
}

func TestMetaOf(t *testing.T) {
	at := time.Date(2018, 4, 20, 18, 29, 41, 0, time.UTC)
	r := &jic.Report{SourceID: 4, Collected: at.Add(time.Hour)}
	s := &jic.Source{ID: 4, Name: "Sky News Arabia", Reliability: "B", Republishes: "Reuters"}
	want := dedup.Meta{Published: at.Add(time.Hour), Source: 4, Outlet: "Sky News Arabia", Reliability: "B", Republishes: "Reuters"}
	if diff := cmp.Diff(want, dedup.MetaOf(r, s)); diff != "" {
		t.Errorf("MetaOf, undated report (-want +got):\n%s", diff)
	}
	r.Published = at
	if got := dedup.MetaOf(r, nil); got != (dedup.Meta{Published: at, Source: 4}) {
		t.Errorf("MetaOf(r, nil) = %+v, want the publication time and source id only", got)
	}
}
