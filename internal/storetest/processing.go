package storetest

import (
	"context"
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
	twice := &jic.Processed{Stages: []jic.Stage{{Name: "places", OK: true}, {Name: "places", OK: false}}}
	wantCode(t, "SaveProcessed(a stage twice)", s.SaveProcessed(ctx, r.ID, twice), jic.EINVALID)
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

// testBatch checks that calls through a Batch's context share one
// transaction: reads through it see its writes, others see them only
// after it ends, a failure undoes all of them, and a Batch inside joins.
func testBatch(t *testing.T, b Backend) {
	s := b.Open(t)
	w := newWorld(t, s)
	r := w.report("Talks in Geneva", "Delegates met in Geneva on Monday, Reuters reported.", "", 0)
	w.add(t, r)
	geneva := jic.Mention{Field: "text", Start: 18, End: 24, Surface: "Geneva", Entity: &jic.Entity{Kind: jic.EntityPlace, Key: "geonames:2660646", CanonicalName: "Geneva"}}
	p := &jic.Processed{Mentions: map[jic.EntityKind][]jic.Mention{jic.EntityPlace: {geneva}}}
	stage := jic.Stage{Name: "places", OK: true, Detail: "1 place"}

	// A failure undoes every write made through the batch, nested ones too.
	boom := jic.Errorf(jic.EINVALID, "boom")
	err := s.Batch(ctx, func(ctx context.Context) error {
		must(t, s.SaveProcessed(ctx, r.ID, p))
		must(t, s.Batch(ctx, func(ctx context.Context) error { return s.RecordStage(ctx, r.ID, stage) }))
		if st, err := s.Stages(ctx, r.ID); err != nil || len(st) != 1 {
			t.Errorf("inside the batch, its own stage is not read back: %v %v", st, err)
		}
		return boom
	})
	if err != boom {
		t.Fatalf("Batch returned %v, want fn's error", err)
	}
	if ms, _ := s.Mentions(ctx, r.ID); len(ms) != 0 {
		t.Errorf("a failed batch left %d mentions", len(ms))
	}
	if st, _ := s.Stages(ctx, r.ID); len(st) != 0 {
		t.Errorf("a failed batch left %d stages", len(st))
	}

	// A batch that succeeds keeps everything, and a decision inside it sees
	// what was saved before it in the batch.
	must(t, s.Batch(ctx, func(ctx context.Context) error {
		if err := s.SaveProcessed(ctx, r.ID, p); err != nil {
			return err
		}
		if err := s.RecordStage(ctx, r.ID, stage); err != nil {
			return err
		}
		_, err := s.AssignStory(ctx, r.ID, []string{"geonames:2660646"}, []string{"talk", "geneva"})
		return err
	}))
	ms, _ := s.Mentions(ctx, r.ID)
	st, _ := s.Stages(ctx, r.ID)
	story, err := s.StoryOf(ctx, jic.SystemViewer, r.ID)
	if len(ms) != 1 || len(st) != 1 || err != nil || story == 0 {
		t.Errorf("after a batch: %d mentions, %d stages, story %d (%v)", len(ms), len(st), story, err)
	}
}
