package stories_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/jic-center/jic/internal/stories"
	"github.com/jic-center/jic/internal/textindex"
)

var t0 = time.Date(2018, 5, 8, 12, 0, 0, 0, time.UTC)

// doc makes a report with the terms of text in lang.
func doc(id int64, at time.Duration, lang, source string, group int64, text string, entities ...string) stories.Doc {
	return stories.Doc{ID: id, Time: t0.Add(at), Lang: lang, Source: source, Group: group, Title: text,
		Entities: entities, Terms: textindex.Terms(text, lang)}
}

// background fills an index with unrelated reports so that the keys of
// the cases are rare, as they are in a real index.
func background(x *stories.Index, n int) {
	for i := range n {
		x.Add(stories.Doc{ID: int64(1000 + i), Time: t0.Add(-time.Duration(n-i) * time.Minute), Lang: "en", Source: "bg",
			Entities: []string{fmt.Sprintf("geonames:%d", 9000000+i)}, Terms: []string{fmt.Sprintf("filler%d", i), "common"}})
	}
}

func TestAddCopiesCountOnce(t *testing.T) {
	x := stories.NewIndex(stories.DefaultOptions())
	background(x, 50)
	ents := []string{"country:IQ", "geonames:98182", "name:person:nouri al-maliki"}
	const text = "Maliki warns of civil war after the Iraqi election in Baghdad"
	adds := []stories.Doc{
		doc(1, 0, "en", "reuters", 1, text, ents...),
		doc(2, time.Hour, "en", "reuters", 1, text, ents...),   // a copy: its group's original is Reuters
		doc(3, 2*time.Hour, "en", "reuters", 1, text, ents...), // another copy, by another outlet, same original
		doc(4, 3*time.Hour, "en", "afp", 4, "Former premier Maliki warns of a civil war after Iraq votes, in Baghdad", ents...),
	}
	var got []stories.Assignment
	for _, d := range adds {
		got = append(got, x.Add(d))
	}
	for i, a := range got {
		if a.Story != 1 {
			t.Errorf("Add(report %d) = story %d (%s), want 1", adds[i].ID, a.Story, a.Why)
		}
	}
	if !strings.Contains(got[1].Why, "syndication group 1") {
		t.Errorf("Add(copy).Why = %q, want it to name the syndication group", got[1].Why)
	}
	s, ok := x.Story(1)
	if !ok {
		t.Fatal("Story(1) not found")
	}
	want := stories.Story{ID: 1, Title: text, First: t0, Last: t0.Add(3 * time.Hour), Reports: []int64{1, 2, 3, 4}, Groups: []int64{1, 4},
		Langs: []string{"en"}, IndependentSources: 2, Open: true}
	s.Entities, s.Places = nil, nil
	if diff := cmp.Diff(want, s); diff != "" {
		t.Errorf("Story(1) mismatch (-want +got):\n%s", diff)
	}
}

func TestAddCopyFromAnotherOutletCountsOnce(t *testing.T) {
	x := stories.NewIndex(stories.DefaultOptions())
	// A republisher's copy whose Source was left as its own outlet: the
	// group still counts once.
	x.Add(doc(1, 0, "en", "reuters", 1, "Quake hits Islamabad", "geonames:1176615"))
	x.Add(doc(2, time.Hour, "en", "dawn", 1, "Quake hits Islamabad", "geonames:1176615"))
	s, _ := x.Story(1)
	if s.IndependentSources != 1 || len(s.Reports) != 2 {
		t.Errorf("Story(1) = %d reports from %d independent sources, want 2 from 1", len(s.Reports), s.IndependentSources)
	}
}

func TestAddJoinsLanguagesThroughEntities(t *testing.T) {
	x := stories.NewIndex(stories.DefaultOptions())
	background(x, 50)
	ents := []string{"country:PE", "name:person:pedro castillo", "geonames:3936456"}
	en := x.Add(doc(1, 0, "en", "reuters", 1, "Peru's Congress removes President Pedro Castillo after failed self-coup in Lima", ents...))
	ar := x.Add(doc(2, 5*time.Hour, "ar", "bbc-arabic", 2, "البرلمان البيروفي يعزل الرئيس بيدرو كاستيلو بعد محاولة انقلاب فاشلة في ليما", ents...))
	if !en.New || ar.Story != 1 || ar.New {
		t.Fatalf("Add(en), Add(ar) = %+v, %+v; want the Arabic report to join story 1", en, ar)
	}
	s, _ := x.Story(1)
	if diff := cmp.Diff([]string{"en", "ar"}, s.Langs); diff != "" {
		t.Errorf("Story(1).Langs mismatch (-want +got):\n%s", diff)
	}
	if s.IndependentSources != 2 {
		t.Errorf("Story(1).IndependentSources = %d, want 2", s.IndependentSources)
	}
	// Without the entities the scripts share nothing.
	y := stories.NewIndex(stories.DefaultOptions())
	background(y, 50)
	y.Add(doc(1, 0, "en", "reuters", 1, "Peru's Congress removes President Pedro Castillo after failed self-coup in Lima"))
	if a := y.Add(doc(2, 5*time.Hour, "ar", "bbc-arabic", 2, "البرلمان البيروفي يعزل الرئيس بيدرو كاستيلو بعد محاولة انقلاب فاشلة في ليما")); !a.New {
		t.Errorf("Add(ar without entities) = %+v, want a new story", a)
	}
}

func TestAddOutsideWindow(t *testing.T) {
	o := stories.DefaultOptions()
	x := stories.NewIndex(o)
	background(x, 50)
	ents := []string{"country:IR", "name:person:hassan rouhani", "org:iaea"}
	const text = "Rouhani says Iran will keep to the nuclear deal with Europe"
	x.Add(doc(1, 0, "en", "reuters", 1, text, ents...))
	if a := x.Add(doc(2, o.Window/2, "en", "afp", 2, text, ents...)); a.Story != 1 {
		t.Errorf("Add(within the window) = %+v, want story 1", a)
	}
	late := o.Window/2 + o.Window + time.Hour
	if a := x.Add(doc(3, late, "en", "ap", 3, text, ents...)); !a.New {
		t.Errorf("Add(%s after the story's last report) = %+v, want a new story", o.Window+time.Hour, a)
	}
}

func TestAddUnrelated(t *testing.T) {
	x := stories.NewIndex(stories.DefaultOptions())
	background(x, 50)
	x.Add(doc(1, 0, "en", "reuters", 1, "Trump withdraws the United States from the Iran nuclear deal", "country:US", "country:IR", "name:person:donald trump"))
	a := x.Add(doc(2, time.Hour, "en", "afp", 2, "Mahathir's coalition wins the Malaysian general election", "country:MY", "name:person:mahathir mohamad"))
	if !a.New {
		t.Errorf("Add(unrelated) = %+v, want a new story", a)
	}
}

func TestAddTwice(t *testing.T) {
	x := stories.NewIndex(stories.DefaultOptions())
	d := doc(7, 0, "en", "reuters", 7, "Quake hits Islamabad", "geonames:1176615")
	first := x.Add(d)
	again := x.Add(d)
	if !first.New || again.Story != 7 || x.Stats().Reports != 1 {
		t.Errorf("Add twice = %+v, %+v, %d reports; want story 7 once", first, again, x.Stats().Reports)
	}
}

func TestAddBadInput(t *testing.T) {
	x := stories.NewIndex(stories.DefaultOptions())
	huge := make([]string, 100000)
	for i := range huge {
		huge[i] = fmt.Sprintf("t%d", i)
	}
	manyEnts := make([]string, 20000)
	for i := range manyEnts {
		manyEnts[i] = fmt.Sprintf("name:person:%d", i%5000)
	}
	tests := []struct {
		name string
		d    stories.Doc
	}{
		{"empty", stories.Doc{}},
		{"empty again", stories.Doc{ID: 2}},
		{"no entities", stories.Doc{ID: 3, Time: t0, Lang: "en", Terms: []string{"quake", "islamabad"}}},
		{"no terms", stories.Doc{ID: 4, Time: t0, Entities: []string{"geonames:1176615"}}},
		{"empty strings", stories.Doc{ID: 5, Time: t0, Entities: []string{"", ""}, Terms: []string{""}}},
		{"100k terms", stories.Doc{ID: 6, Time: t0, Lang: "en", Terms: huge}},
		{"100k terms again", stories.Doc{ID: 7, Time: t0, Lang: "en", Terms: huge}},
		{"20k entities", stories.Doc{ID: 8, Time: t0, Entities: manyEnts}},
		{"unknown language", stories.Doc{ID: 9, Time: t0, Lang: "xx-YY", Terms: []string{"a"}}},
		{"negative id, far past", stories.Doc{ID: -1, Time: time.Date(1, 1, 1, 0, 0, 0, 1, time.UTC), Terms: []string{"a"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := x.Add(tt.d)
			if a.Story == 0 && tt.d.ID != 0 {
				t.Errorf("Add(%s) = story 0", tt.name)
			}
		})
	}
	if a := x.Add(stories.Doc{ID: 10, Time: t0, Lang: "en", Terms: huge}); a.Story != 6 {
		t.Errorf("Add(100k terms, third time) = %+v, want story 6", a)
	}
}

func TestStoryPlacesAndEntities(t *testing.T) {
	x := stories.NewIndex(stories.DefaultOptions())
	x.Add(doc(1, 0, "en", "reuters", 1, "Israel strikes Iranian targets near Damascus", "geonames:170654", "country:SY", "country:IL", "name:person:benjamin netanyahu"))
	s, _ := x.Story(1)
	if len(s.Places) != 3 || len(s.Entities) != 1 || s.Entities[0] != "name:person:benjamin netanyahu" {
		t.Errorf("Story(1) places %v, entities %v; want 3 places and Netanyahu", s.Places, s.Entities)
	}
	if _, ok := x.Story(2); ok {
		t.Error("Story(2) found, want not found")
	}
}

func TestIndexConcurrent(t *testing.T) {
	x := stories.NewIndex(stories.DefaultOptions())
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 200 {
				id := int64(g*1000 + i + 1)
				x.Add(doc(id, time.Duration(i)*time.Minute, "en", fmt.Sprint("s", g), id, fmt.Sprintf("report %d about topic %d", i, i%7), fmt.Sprintf("country:%c%c", 'A'+i%7, 'A')))
				x.Story(id)
			}
		})
	}
	wg.Wait()
	if n := x.Stats().Reports; n != 800 {
		t.Errorf("Stats().Reports = %d, want 800", n)
	}
}
