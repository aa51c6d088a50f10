package storetest

import (
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/jic-center/jic"
)

// entityWorld holds three reports that name Baghdad, in English, Arabic
// and Russian; the Russian one is AMBER+STRICT of member a and is the only
// one that names Mosul and a person, "Ivan Secret".
type entityWorld struct {
	*world
	en, ar, ru                           *jic.Report
	baghdad, basra, mosul, ali, secret   int64
	baghdadE, basraE, mosulE, aliE, secE *jic.Entity
}

func newEntityWorld(t *testing.T, s jic.Store) *entityWorld {
	t.Helper()
	w := &entityWorld{world: newWorld(t, s)}
	w.en = w.report("Floods in Baghdad", "Zebra floods: Ali Hassan said Baghdad and Basra are under water.", "en", 24*31) // August
	w.ar = w.report("فيضانات في بغداد", "zebra فيضانات في بغداد والبصرة", "ar", 2)
	w.ru = w.report("Наводнение в Багдаде", "zebra Иван Секрет: Багдад и Мосул", "ru", 1)
	w.ru.Marking = jic.TLPAmberStrict
	w.add(t, w.en, w.ar, w.ru) // ids in that order; the Russian one is filed first
	w.baghdadE = &jic.Entity{Kind: jic.EntityPlace, Key: "geonames:98182", CanonicalName: "Baghdad", Country: "IQ", Lat: 33.34, Lon: 44.40, Precision: "city"}
	w.basraE = &jic.Entity{Kind: jic.EntityPlace, Key: "geonames:99532", CanonicalName: "Basra", Country: "IQ", Lat: 30.51, Lon: 47.78, Precision: "city"}
	w.mosulE = &jic.Entity{Kind: jic.EntityPlace, Key: "geonames:99072", CanonicalName: "Mosul", Country: "IQ", Lat: 36.34, Lon: 43.13, Precision: "city"}
	w.aliE = &jic.Entity{Kind: jic.EntityPerson, Key: "name:person:ali hassan", CanonicalName: "Ali Hassan"}
	w.secE = &jic.Entity{Kind: jic.EntityPerson, Key: "name:person:ivan secret", CanonicalName: "Ivan Secret"}
	place := func(e *jic.Entity, surface string) jic.Mention {
		return jic.Mention{Field: "text", Start: 30, End: 30 + len(surface), Surface: surface, Entity: e}
	}
	must(t, s.SetMentions(ctx, w.en.ID, jic.EntityPlace, []jic.Mention{
		{Field: "title", Start: 10, End: 17, Surface: "Baghdad", Entity: w.baghdadE},
		{Field: "text", Start: 30, End: 37, Surface: "Baghdad", Entity: w.baghdadE},
		{Field: "text", Start: 42, End: 47, Surface: "Basra", Entity: w.basraE}}))
	must(t, s.SetMentions(ctx, w.en.ID, jic.EntityPerson, []jic.Mention{{Field: "text", Start: 14, End: 24, Surface: "Ali Hassan", Entity: w.aliE}}))
	must(t, s.SetMentions(ctx, w.ar.ID, jic.EntityPlace, []jic.Mention{place(w.baghdadE, "بغداد"), {Field: "text", Start: 50, End: 60, Surface: "البصرة", Entity: w.basraE}}))
	must(t, s.SetMentions(ctx, w.ru.ID, jic.EntityPlace, []jic.Mention{place(w.baghdadE, "Багдад"), {Field: "text", Start: 50, End: 60, Surface: "Мосул", Entity: w.mosulE}}))
	must(t, s.SetMentions(ctx, w.ru.ID, jic.EntityPerson, []jic.Mention{{Field: "text", Start: 6, End: 25, Surface: "Иван Секрет", Entity: w.secE}}))
	ms, err := s.Mentions(ctx, w.en.ID)
	must(t, err)
	for _, m := range ms {
		switch m.Name {
		case "Baghdad":
			w.baghdad = m.EntityID
		case "Basra":
			w.basra = m.EntityID
		case "Ali Hassan":
			w.ali = m.EntityID
		}
	}
	ms, err = s.Mentions(ctx, w.ru.ID)
	must(t, err)
	for _, m := range ms {
		switch m.Name {
		case "Mosul":
			w.mosul = m.EntityID
		case "Ivan Secret":
			w.secret = m.EntityID
		}
	}
	if w.baghdad == 0 || w.basra == 0 || w.ali == 0 || w.mosul == 0 || w.secret == 0 {
		t.Fatal("mentions were not stored")
	}
	return w
}

func testEntity(t *testing.T, b Backend) {
	s := b.Open(t)
	w := newEntityWorld(t, s)
	e, err := s.Entity(ctx, w.viewerA(), w.baghdad)
	must(t, err)
	want := map[string][]string{"en": {"Baghdad"}, "ar": {"بغداد"}, "ru": {"Багдад"}}
	if e.CanonicalName != "Baghdad" || e.Kind != jic.EntityPlace || e.Lat != 33.34 || e.Country != "IQ" || !equalAliases(e.Aliases, want) {
		t.Errorf("Entity(a, Baghdad) = %+v, want Baghdad at 33.34 with aliases %v", e, want)
	}
	e, err = s.Entity(ctx, w.viewerA(), w.secret)
	must(t, err)
	if !equalAliases(e.Aliases, map[string][]string{"ru": {"Иван Секрет"}}) {
		t.Errorf("Entity(a, Ivan Secret).Aliases = %v", e.Aliases)
	}
	wantCode(t, "Entity(unknown)", func() error { _, err := s.Entity(ctx, w.viewerA(), 99999); return err }(), jic.ENOTFOUND)
}

func testEntityMentions(t *testing.T, b Backend) {
	s := b.Open(t)
	w := newEntityWorld(t, s)
	got, err := s.EntityMentions(ctx, w.viewerA(), w.baghdad, jic.ReportFilter{})
	must(t, err)
	if ids := reportIDs(got.Reports); !slices.Equal(ids, []int64{w.en.ID, w.ar.ID, w.ru.ID}) || got.Next != 0 {
		t.Errorf("EntityMentions(a).Reports = %v (next %d), want %v newest first", ids, got.Next, []int64{w.en.ID, w.ar.ID, w.ru.ID})
	}
	day := func(d time.Time) time.Time { return d.Truncate(24 * time.Hour) }
	wantDays := []jic.DayCount{{Day: day(w.ru.Published), Reports: 2}, {Day: day(w.en.Published), Reports: 1}}
	if !slices.Equal(got.Days, wantDays) {
		t.Errorf("EntityMentions(a).Days = %v, want %v", got.Days, wantDays)
	}
	if names := entityNames(got.Places); !slices.Equal(names, []string{"Basra 2", "Mosul 1"}) {
		t.Errorf("EntityMentions(a).Places = %v, want Basra in 2 reports, Mosul in 1", names)
	}
	if names := entityNames(got.Entities); !slices.Equal(names, []string{"Ali Hassan 1", "Ivan Secret 1"}) {
		t.Errorf("EntityMentions(a).Entities = %v", names)
	}
	if got.Window != 3 || got.DayReports != 3 {
		t.Errorf("EntityMentions(a).Window, DayReports = %d, %d, want the 3 reports", got.Window, got.DayReports)
	}

	page1, err := s.EntityMentions(ctx, w.viewerA(), w.baghdad, jic.ReportFilter{Limit: 2})
	must(t, err)
	if len(page1.Reports) != 2 || page1.Next == 0 {
		t.Fatalf("EntityMentions(limit 2) = %d reports, next %d; want 2 and a cursor", len(page1.Reports), page1.Next)
	}
	page2, err := s.EntityMentions(ctx, w.viewerA(), w.baghdad, jic.ReportFilter{Limit: 2, Before: page1.Next})
	must(t, err)
	if ids := reportIDs(page2.Reports); !slices.Equal(ids, []int64{w.ru.ID}) || page2.Next != 0 {
		t.Errorf("second page = %v (next %d), want the Russian report and no cursor", ids, page2.Next)
	}
	if len(page2.Days) != 2 {
		t.Errorf("a later page counts days over the whole window: %v", page2.Days)
	}

	window, err := s.EntityMentions(ctx, w.viewerA(), w.baghdad, jic.ReportFilter{Until: w.base.Add(24 * time.Hour)})
	must(t, err)
	if ids := reportIDs(window.Reports); !slices.Equal(ids, []int64{w.ar.ID, w.ru.ID}) || len(window.Days) != 1 {
		t.Errorf("EntityMentions(until) = %v, days %v; want the two July reports", ids, window.Days)
	}
	none, err := s.EntityMentions(ctx, w.viewerA(), 99999, jic.ReportFilter{})
	must(t, err)
	if len(none.Reports)+len(none.Days)+len(none.Places)+len(none.Entities) != 0 {
		t.Errorf("EntityMentions(unknown) = %+v, want empty", none)
	}
}

func testPlaceCounts(t *testing.T, b Backend) {
	s := b.Open(t)
	w := newEntityWorld(t, s)
	got, err := s.PlaceCounts(ctx, w.viewerA(), jic.ReportFilter{})
	must(t, err)
	if names := placeNames(got); !slices.Equal(names, []string{"Baghdad 3", "Basra 2", "Mosul 1"}) {
		t.Errorf("PlaceCounts(a) = %v", names)
	}
	if got[0].Lat != 33.34 || got[0].Lon != 44.40 || got[0].Country != "IQ" || got[0].ID != w.baghdad {
		t.Errorf("PlaceCounts(a)[0] = %+v, want Baghdad's id and coordinates", got[0])
	}
	got, err = s.PlaceCounts(ctx, w.viewerA(), jic.ReportFilter{Since: w.base.Add(24 * time.Hour)})
	must(t, err)
	if names := placeNames(got); !slices.Equal(names, []string{"Baghdad 1", "Basra 1"}) {
		t.Errorf("PlaceCounts(a, since August) = %v", names)
	}
	got, err = s.PlaceCounts(ctx, w.viewerA(), jic.ReportFilter{Limit: 2, Language: "ru"})
	must(t, err)
	if names := placeNames(got); !slices.Equal(names, []string{"Baghdad 1", "Mosul 1"}) {
		t.Errorf("PlaceCounts(a, ru) = %v", names)
	}
	got, err = s.PlaceCounts(ctx, w.viewerA(), jic.ReportFilter{Limit: 1})
	must(t, err)
	if names := placeNames(got); !slices.Equal(names, []string{"Baghdad 1", "Basra 1"}) {
		t.Errorf("PlaceCounts(a, newest report) = %v", names)
	}
}

func testSearchFacets(t *testing.T, b Backend) {
	s := b.Open(t)
	w := newEntityWorld(t, s)
	got, err := s.SearchFacets(ctx, w.viewerA(), jic.SearchQuery{Q: "zebra", Sort: jic.SortRelevance, Limit: 1})
	must(t, err)
	if got.Matches != 3 || got.Capped {
		t.Fatalf("SearchFacets(a, zebra) counted %d matches (capped %v), want 3", got.Matches, got.Capped)
	}
	if f := facetStrings(got.Languages); !slices.Equal(f, []string{"ar ar 1", "en en 1", "ru ru 1"}) {
		t.Errorf("languages = %v", f)
	}
	src := itoa(w.src.ID)
	if f := facetStrings(got.Sources); !slices.Equal(f, []string{src + " Wire 3"}) {
		t.Errorf("sources = %v", f)
	}
	if f := facetStrings(got.Months); !slices.Equal(f, []string{"2018-07 Jul 2018 2", "2018-08 Aug 2018 1"}) {
		t.Errorf("months = %v", f)
	}
	if f := facetStrings(got.Places); !slices.Equal(f, []string{itoa(w.baghdad) + " Baghdad 3", itoa(w.basra) + " Basra 2", itoa(w.mosul) + " Mosul 1"}) {
		t.Errorf("places = %v", f)
	}
	if f := facetStrings(got.Entities); !slices.Equal(f, []string{itoa(w.ali) + " Ali Hassan 1", itoa(w.secret) + " Ivan Secret 1"}) {
		t.Errorf("entities = %v", f)
	}
	got, err = s.SearchFacets(ctx, w.viewerA(), jic.SearchQuery{Q: "zebra", Languages: []string{"en"}})
	must(t, err)
	if got.Matches != 1 || len(got.Languages) != 1 {
		t.Errorf("SearchFacets(lang en) = %+v, want one match", got)
	}
	got, err = s.SearchFacets(ctx, w.viewerA(), jic.SearchQuery{Q: "nothingmatchesthis"})
	must(t, err)
	if got.Matches != 0 || got.Languages == nil || got.Months == nil {
		t.Errorf("SearchFacets(no match) = %+v, want zero and empty lists", got)
	}
	_, err = s.SearchFacets(ctx, w.viewerA(), jic.SearchQuery{Q: `"unclosed`})
	if err != nil {
		wantCode(t, "SearchFacets(bad query)", err, jic.EINVALID)
	}
}

// testReportFilters checks the filters the live stream and /reports use:
// AfterID (oldest first by id) and EntityID.
func testReportFilters(t *testing.T, b Backend) {
	s := b.Open(t)
	w := newEntityWorld(t, s)
	got, err := s.Reports(ctx, w.viewerA(), jic.ReportFilter{AfterID: w.en.ID})
	must(t, err)
	if ids := reportIDs(got); !slices.Equal(ids, []int64{w.ar.ID, w.ru.ID}) {
		t.Errorf("Reports(after %d) = %v, want %v in id order", w.en.ID, ids, []int64{w.ar.ID, w.ru.ID})
	}
	got, err = s.Reports(ctx, w.viewerA(), jic.ReportFilter{AfterID: w.en.ID, Limit: 1})
	must(t, err)
	if ids := reportIDs(got); !slices.Equal(ids, []int64{w.ar.ID}) {
		t.Errorf("Reports(after %d, limit 1) = %v, want the next stored", w.en.ID, ids)
	}
	got, err = s.Reports(ctx, w.viewerA(), jic.ReportFilter{EntityID: w.basra})
	must(t, err)
	if ids := reportIDs(got); !slices.Equal(ids, []int64{w.en.ID, w.ar.ID}) {
		t.Errorf("Reports(entity Basra) = %v, want %v", ids, []int64{w.en.ID, w.ar.ID})
	}
	got, err = s.Reports(ctx, w.viewerA(), jic.ReportFilter{EntityID: w.mosul, Language: "en"})
	must(t, err)
	if len(got) != 0 {
		t.Errorf("Reports(entity Mosul, en) = %v, want none", reportIDs(got))
	}
}

// testEntityLeaks: a viewer of another member sees nothing of an
// AMBER+STRICT report through the entity reads: not its mentions'
// aliases, not the entities only it names, not its counts or facets.
func testEntityLeaks(t *testing.T, b Backend) {
	s := b.Open(t)
	w := newEntityWorld(t, s)
	for name, v := range map[string]jic.Viewer{"other member": w.viewerB(), "anonymous": {}} {
		t.Run(name, func(t *testing.T) {
			e, err := s.Entity(ctx, v, w.baghdad)
			must(t, err)
			if _, ok := e.Aliases["ru"]; ok {
				t.Errorf("Entity(Baghdad).Aliases = %v, shows the AMBER+STRICT report's surface", e.Aliases)
			}
			for _, id := range []int64{w.secret, w.mosul} {
				_, err := s.Entity(ctx, v, id)
				wantCode(t, "Entity(named only in the AMBER+STRICT report)", err, jic.ENOTFOUND)
			}
			em, err := s.EntityMentions(ctx, v, w.baghdad, jic.ReportFilter{})
			must(t, err)
			if ids := reportIDs(em.Reports); slices.Contains(ids, w.ru.ID) || len(ids) != 2 {
				t.Errorf("EntityMentions(Baghdad).Reports = %v, want the two CLEAR ones", ids)
			}
			total := 0
			for _, d := range em.Days {
				total += d.Reports
			}
			if total != 2 {
				t.Errorf("EntityMentions(Baghdad).Days = %v, counts %d reports, want 2", em.Days, total)
			}
			if names := append(entityNames(em.Places), entityNames(em.Entities)...); !slices.Equal(names, []string{"Basra 2", "Ali Hassan 1"}) {
				t.Errorf("EntityMentions(Baghdad) co-mentions = %v, want Basra and Ali Hassan only", names)
			}
			for _, id := range []int64{w.secret, w.mosul} {
				em, err := s.EntityMentions(ctx, v, id, jic.ReportFilter{})
				must(t, err)
				if len(em.Reports)+len(em.Days)+len(em.Places)+len(em.Entities) != 0 {
					t.Errorf("EntityMentions(%d) = %+v, want nothing", id, em)
				}
			}
			pc, err := s.PlaceCounts(ctx, v, jic.ReportFilter{})
			must(t, err)
			if names := placeNames(pc); !slices.Equal(names, []string{"Baghdad 2", "Basra 2"}) {
				t.Errorf("PlaceCounts = %v, want Baghdad 2 and Basra 2, no Mosul", names)
			}
			f, err := s.SearchFacets(ctx, v, jic.SearchQuery{Q: "zebra"})
			must(t, err)
			if f.Matches != 2 || slices.Contains(facetStrings(f.Languages), "ru ru 1") ||
				!slices.Equal(facetStrings(f.Places), []string{itoa(w.baghdad) + " Baghdad 2", itoa(w.basra) + " Basra 2"}) ||
				!slices.Equal(facetStrings(f.Entities), []string{itoa(w.ali) + " Ali Hassan 1"}) {
				t.Errorf("SearchFacets = %+v, shows the AMBER+STRICT report", f)
			}
			got, err := s.Reports(ctx, v, jic.ReportFilter{EntityID: w.mosul})
			must(t, err)
			if len(got) != 0 {
				t.Errorf("Reports(entity Mosul) = %v, want none", reportIDs(got))
			}
			got, err = s.Reports(ctx, v, jic.ReportFilter{AfterID: w.ar.ID})
			must(t, err)
			if len(got) != 0 {
				t.Errorf("Reports(after) = %v, want none", reportIDs(got))
			}
		})
	}
}

func equalAliases(got, want map[string][]string) bool {
	if len(got) != len(want) {
		return false
	}
	for k, v := range want {
		if !slices.Equal(got[k], v) {
			return false
		}
	}
	return true
}

func reportIDs(rs []*jic.Report) []int64 {
	var out []int64
	for _, r := range rs {
		out = append(out, r.ID)
	}
	return out
}

func entityNames(es []jic.EntityCount) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Entity.CanonicalName+" "+itoa(int64(e.Reports)))
	}
	return out
}

func placeNames(ps []jic.PlaceCount) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Name+" "+itoa(int64(p.Reports)))
	}
	return out
}

func facetStrings(fs []jic.FacetCount) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Value+" "+f.Label+" "+itoa(int64(f.Count)))
	}
	return out
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
