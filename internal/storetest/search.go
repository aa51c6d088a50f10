package storetest

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jic-center/jic"
)

// corpus is a small multilingual set of news sentences, each phrased so that
// the queries in testSearch reach it only through normalization or stemming.
var corpus = []struct{ lang, title, text string }{
	{"en", "Floods kill dozens in Baghdad", "Heavy rains flooded the Iraqi capital on Sunday, officials said."},
	{"en", "Sanctions on Iran tightened", "The United States announced new sanctions against Iran's oil sector."},
	{"ar", "الفيضانات تجتاح بغداد", "قال مسؤولون إن الأمطار الغزيرة أغرقت شوارع العاصمة العراقية."},
	{"ar", "مُحَمَّد يلتقي وزير الخارجية", "التقى الرئيس مُحَمَّد وزيرَ الخارجية لبحث العقوبات."},
	{"fa", "کشورهای منطقه تحریم‌ها را محکوم کردند", "وزیران خارجه کشورهای منطقه در تهران دیدار کردند."},
	{"fa", "سیل در استان خوزستان", "سیلاب‌ها روستاهای زیادی را در خوزستان ویران کرد."},
	{"ru", "Выборы в Москве прошли спокойно", "Избиратели пришли на участки в субботу, сообщил Интерфакс."},
	{"ru", "Санкции против Ирана", "США ввели новые санкции против иранской нефтяной отрасли."},
	{"fr", "Les élections en Irak reportées", "Le scrutin législatif a été reporté, a annoncé l'armée irakienne."},
	{"fr", "Inondations à Bagdad", "Des pluies torrentielles ont inondé la capitale irakienne dimanche."},
	{"tr", "ABD yeni yaptırımlar açıkladı", "Washington, İran'ın petrol sektörüne yönelik yaptırımları genişletti."},
	{"tr", "İstanbul'da seçimler", "Seçimlerde katılım oranı yüzde seksen oldu."},
}

// searchWorld stores the corpus, one report an hour.
func searchWorld(t *testing.T, b Backend) (*world, map[string]int64) {
	w := newWorld(t, b.Open(t))
	ids := map[string]int64{}
	var rs []*jic.Report
	for i, c := range corpus {
		rs = append(rs, w.report(c.title, c.text, c.lang, i))
	}
	for i, res := range w.add(t, rs...) {
		ids[corpus[i].title] = res.ID
	}
	return w, ids
}

func testSearch(t *testing.T, b Backend) {
	w, ids := searchWorld(t, b)
	tests := []struct {
		q     string
		langs []string
		want  []string // titles, newest first
	}{
		{"flood", nil, []string{"Floods kill dozens in Baghdad"}},
		{"flooding baghdad", nil, []string{"Floods kill dozens in Baghdad"}},
		{"فيضان", nil, []string{"الفيضانات تجتاح بغداد"}},
		{"محمد", nil, []string{"مُحَمَّد يلتقي وزير الخارجية"}},
		{"العقوبة", nil, []string{"مُحَمَّد يلتقي وزير الخارجية"}},
		{"تحریم", nil, []string{"کشورهای منطقه تحریم‌ها را محکوم کردند"}},
		{"كشور", nil, []string{"کشورهای منطقه تحریم‌ها را محکوم کردند"}}, // Arabic kaf for Persian keheh
		{"سیلاب", []string{"fa"}, []string{"سیل در استان خوزستان"}},
		{"выборах", nil, []string{"Выборы в Москве прошли спокойно"}},
		{"москва", nil, []string{"Выборы в Москве прошли спокойно"}},
		{"санкция", nil, []string{"Санкции против Ирана"}},
		{"election", nil, []string{"Les élections en Irak reportées"}},
		{"armée", []string{"fr"}, []string{"Les élections en Irak reportées"}},
		{"inondation", nil, []string{"Inondations à Bagdad"}},
		{"yaptırım", nil, []string{"ABD yeni yaptırımlar açıkladı"}},
		{"İSTANBUL", nil, []string{"İstanbul'da seçimler"}},
		{"seçim", []string{"tr"}, []string{"İstanbul'da seçimler"}},
		{"sanctions", nil, []string{"Sanctions on Iran tightened"}},
		{"iran OR ирана", nil, []string{"ABD yeni yaptırımlar açıkladı", "Санкции против Ирана", "Sanctions on Iran tightened"}},
		{"sanctions -oil", nil, nil},
		{`"new sanctions"`, nil, []string{"Sanctions on Iran tightened"}},
		{`"sanctions new"`, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			res, err := w.s.Search(ctx, jic.SystemViewer, jic.SearchQuery{Q: tt.q, Languages: tt.langs})
			if err != nil {
				t.Fatalf("Search(%q): %v", tt.q, err)
			}
			var got []string
			for _, h := range res.Hits {
				got = append(got, h.Report.Title)
				if h.Report.Text != "" {
					t.Errorf("Search(%q) hit carries the full text", tt.q)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Search(%q) = %q, want %q", tt.q, got, tt.want)
			}
		})
	}
	_ = ids

	t.Run("snippet marks", func(t *testing.T) {
		res, err := w.s.Search(ctx, jic.SystemViewer, jic.SearchQuery{Q: "العقوبة"})
		must(t, err)
		if len(res.Hits) != 1 {
			t.Fatalf("hits = %d, want 1", len(res.Hits))
		}
		sn := res.Hits[0].Snippet
		if len(sn.Marks) != 1 || sn.Text[sn.Marks[0][0]:sn.Marks[0][1]] != "العقوبات" {
			t.Errorf("Snippet = %+v, want العقوبات marked", sn)
		}
	})
	t.Run("title marks", func(t *testing.T) {
		res, err := w.s.Search(ctx, jic.SystemViewer, jic.SearchQuery{Q: "محمد"})
		must(t, err)
		h := res.Hits[0]
		if len(h.TitleMarks) != 1 || h.Report.Title[h.TitleMarks[0][0]:h.TitleMarks[0][1]] != "مُحَمَّد" {
			t.Errorf("TitleMarks = %v in %q, want the vowelled name marked", h.TitleMarks, h.Report.Title)
		}
	})
	t.Run("relevance", func(t *testing.T) {
		res, err := w.s.Search(ctx, jic.SystemViewer, jic.SearchQuery{Q: "iran OR sanctions", Sort: jic.SortRelevance})
		must(t, err)
		if len(res.Hits) != 2 || res.Hits[0].Report.Title != "Sanctions on Iran tightened" || res.Hits[1].Score <= 0 || res.Hits[0].Score < res.Hits[1].Score {
			t.Errorf("relevance hits = %+v, want the English report first, then the Turkish one, with positive scores", res.Hits)
		}
	})
	t.Run("invalid", func(t *testing.T) {
		for _, q := range []jic.SearchQuery{{Q: ""}, {Q: "-only"}, {Q: "x", Limit: 1000}, {Q: "x", Sort: "random"}, {Q: "x", Cursor: "garbage!"}, {Q: "\xff"}} {
			_, err := w.s.Search(ctx, jic.SystemViewer, q)
			wantCode(t, "Search("+q.Q+")", err, jic.EINVALID)
		}
	})
	t.Run("sql and fts syntax are words", func(t *testing.T) {
		for _, q := range []string{`'; DROP TABLE reports; --`, `NEAR(a b)`, `title:flood`, `a AND OR NOT b`, `"unclosed`, `*`, `flood*`} {
			if _, err := w.s.Search(ctx, jic.SystemViewer, jic.SearchQuery{Q: q}); err != nil && jic.ErrorCode(err) != jic.EINVALID {
				t.Errorf("Search(%q): %v, want results or EINVALID", q, err)
			}
		}
		if n, _ := w.s.CountReports(ctx, jic.SystemViewer); n != len(corpus) {
			t.Errorf("CountReports = %d after odd queries, want %d", n, len(corpus))
		}
	})
}

func testSearchFilters(t *testing.T, b Backend) {
	w, _ := searchWorld(t, b)
	other := &jic.Source{Name: "Other"}
	must(t, w.s.CreateSource(ctx, other))
	r := w.report("Sanctions again", "More sanctions were announced.", "en", 20)
	r.SourceID, r.Marking = other.ID, jic.TLPGreen
	w.add(t, r)
	count := func(q jic.SearchQuery) int {
		t.Helper()
		res, err := w.s.Search(ctx, jic.SystemViewer, q)
		must(t, err)
		return len(res.Hits)
	}
	tests := []struct {
		name string
		q    jic.SearchQuery
		want int
	}{
		{"none", jic.SearchQuery{Q: "sanctions"}, 2},
		{"language", jic.SearchQuery{Q: "санкции OR sanctions", Languages: []string{"ru"}}, 1},
		{"source", jic.SearchQuery{Q: "sanctions", SourceIDs: []int64{other.ID}}, 1},
		{"marking", jic.SearchQuery{Q: "sanctions", Markings: []jic.Marking{jic.TLPClear}}, 1},
		{"since", jic.SearchQuery{Q: "sanctions", Since: w.base.Add(2 * time.Hour)}, 1},
		{"until", jic.SearchQuery{Q: "sanctions", Until: w.base.Add(2 * time.Hour)}, 1},
		{"window", jic.SearchQuery{Q: "sanctions", Since: w.base.Add(2 * time.Hour), Until: w.base.Add(3 * time.Hour)}, 0},
	}
	for _, tt := range tests {
		if got := count(tt.q); got != tt.want {
			t.Errorf("%s: %d hits, want %d", tt.name, got, tt.want)
		}
	}
}

func testSearchPaging(t *testing.T, b Backend) {
	w := newWorld(t, b.Open(t))
	var rs []*jic.Report
	for i := range 45 {
		rs = append(rs, w.report("Report "+strings.Repeat("x", i), "A common word: ceasefire.", "en", i))
	}
	w.add(t, rs...)
	for _, sortBy := range []string{jic.SortDate, jic.SortRelevance} {
		seen := map[int64]bool{}
		var last time.Time
		q := jic.SearchQuery{Q: "ceasefire", Limit: 20, Sort: sortBy}
		pages := 0
		for {
			res, err := w.s.Search(ctx, jic.SystemViewer, q)
			must(t, err)
			pages++
			for _, h := range res.Hits {
				if seen[h.Report.ID] {
					t.Fatalf("%s: report %d on two pages", sortBy, h.Report.ID)
				}
				seen[h.Report.ID] = true
				if sortBy == jic.SortDate && !last.IsZero() && h.Report.When().After(last) {
					t.Errorf("%s: not newest first", sortBy)
				}
				last = h.Report.When()
			}
			if res.Next == "" {
				break
			}
			q.Cursor = res.Next
			if pages > 5 {
				t.Fatalf("%s: more than 5 pages", sortBy)
			}
		}
		if len(seen) != 45 || pages != 3 {
			t.Errorf("%s: %d reports in %d pages, want 45 in 3", sortBy, len(seen), pages)
		}
	}
}

func testSearchScope(t *testing.T, b Backend) {
	w := newWorld(t, b.Open(t))
	secret := w.report("Secret ceasefire talks", "Strictly for Alpha.", "en", 0)
	secret.Marking = jic.TLPAmberStrict
	w.add(t, secret)
	for _, q := range []string{"secret", "ceasefire", "alpha", `"ceasefire talks"`} {
		res, err := w.s.Search(ctx, w.viewerB(), jic.SearchQuery{Q: q})
		must(t, err)
		if len(res.Hits) != 0 || res.Next != "" {
			t.Errorf("Search(%q) as another member found %d hits (next %q), want nothing", q, len(res.Hits), res.Next)
		}
		res, err = w.s.Search(ctx, w.viewerA(), jic.SearchQuery{Q: q})
		must(t, err)
		if len(res.Hits) != 1 {
			t.Errorf("Search(%q) as the owner found %d hits, want 1", q, len(res.Hits))
		}
	}
}
