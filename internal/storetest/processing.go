package storetest

import (
	"testing"
	"time"

	"github.com/jic-center/jic"
)

func testSaveProcessed(t *testing.T, b Backend) {
	s := b.Open(t)
	w := newWorld(t, s)
	r := w.report("Выборы в Москве", "Избиратели пришли на участки в субботу, сообщил Интерфакс.", "", 0)
	w.add(t, r)
	saturday := time.Date(2018, 7, 14, 0, 0, 0, 0, time.UTC)
	p := &jic.Processed{
		Language: "ru",
		Mentions: map[jic.EntityKind][]jic.Mention{
			jic.EntityPlace:        {{Field: "title", Start: 15, End: 27, Surface: "Москве", Entity: &jic.Entity{Kind: jic.EntityPlace, Key: "geonames:524901", CanonicalName: "Moscow"}}},
			jic.EntityOrganization: {{Field: "text", Start: 89, End: 105, Surface: "Интерфакс", Entity: &jic.Entity{Kind: jic.EntityOrganization, Key: "org:interfax", CanonicalName: "Interfax"}}},
		},
		Dates:  []jic.DateMention{{Field: "text", Start: 55, End: 71, Surface: "в субботу", First: saturday, Last: saturday, Precision: "day", Relative: true}},
		Claims: []jic.Claim{{Speaker: "Интерфакс", SpeakerKind: jic.SpeakerOutlet, SpeakerKey: "org:interfax", Stance: jic.StanceReports, Cue: "сообщил", Field: "text", Start: 0, End: 70, Quote: "Избиратели пришли на участки в субботу", AboutKeys: []string{"geonames:524901"}}},
		Stages: []jic.Stage{{Name: "language", OK: true, Detail: "ru"}, {Name: "places", OK: true, Detail: "1"}},
	}
	must(t, s.SaveProcessed(ctx, r.ID, p))
	if p.Claims[0].ID == 0 {
		t.Error("SaveProcessed did not set the claim's id")
	}
	got, err := s.Report(ctx, jic.SystemViewer, r.ID)
	must(t, err)
	ms, _ := s.Mentions(ctx, r.ID)
	ds, _ := s.Dates(ctx, r.ID)
	cs, _ := s.ReportClaims(ctx, r.ID)
	st, _ := s.Stages(ctx, r.ID)
	if got.Language != "ru" || len(ms) != 2 || len(ds) != 1 || len(cs) != 1 || cs[0].SpeakerID == 0 || len(cs[0].About) != 1 || len(st) != 2 {
		t.Errorf("after SaveProcessed: language %q, %d mentions, %d dates, %d claims %+v, %d stages", got.Language, len(ms), len(ds), len(cs), cs, len(st))
	}
	if res, err := s.Search(ctx, jic.SystemViewer, jic.SearchQuery{Q: "выборах", Languages: []string{"ru"}}); err != nil || len(res.Hits) != 1 {
		t.Errorf("the report is not re-indexed in Russian: %v %v", res, err)
	}
	// All or nothing: a bad claim after good mentions changes nothing.
	bad := &jic.Processed{Mentions: map[jic.EntityKind][]jic.Mention{jic.EntityPlace: nil}, Claims: []jic.Claim{{SpeakerKind: "ghost", Stance: jic.StanceAsserts, Field: "text"}}}
	wantCode(t, "SaveProcessed(bad claim)", s.SaveProcessed(ctx, r.ID, bad), jic.EINVALID)
	wantCode(t, "SaveProcessed(unknown report)", s.SaveProcessed(ctx, 999999, p), jic.ENOTFOUND)
	if ms, _ := s.Mentions(ctx, r.ID); len(ms) != 2 {
		t.Errorf("a refused SaveProcessed changed the mentions: %d", len(ms))
	}
	// Kinds left out keep their mentions; nil dates and claims keep theirs.
	must(t, s.SaveProcessed(ctx, r.ID, &jic.Processed{Mentions: map[jic.EntityKind][]jic.Mention{jic.EntityPlace: {}}}))
	ms, _ = s.Mentions(ctx, r.ID)
	ds, _ = s.Dates(ctx, r.ID)
	cs, _ = s.ReportClaims(ctx, r.ID)
	if len(ms) != 1 || ms[0].Kind != jic.EntityOrganization || len(ds) != 1 || len(cs) != 1 {
		t.Errorf("after clearing places only: %d mentions, %d dates, %d claims", len(ms), len(ds), len(cs))
	}
}
