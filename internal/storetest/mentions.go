package storetest

import (
	"testing"
	"time"

	"github.com/jic-center/jic"
)

func testMentions(t *testing.T, b Backend) {
	s := b.Open(t)
	w := newWorld(t, s)
	r := w.report("Floods in Baghdad", "Rain hit Basra and Baghdad.", "en", 0)
	w.add(t, r)
	baghdad := &jic.Entity{Kind: jic.EntityPlace, Key: "geonames:98182", CanonicalName: "Baghdad", Country: "IQ", Lat: 33.34, Lon: 44.40, GeonameID: 98182, Precision: "city"}
	basra := &jic.Entity{Kind: jic.EntityPlace, Key: "geonames:99532", CanonicalName: "Basra", Country: "IQ", Lat: 30.51, Lon: 47.78, GeonameID: 99532, Precision: "city"}
	ms := []jic.Mention{
		{Field: "text", Start: 9, End: 14, Surface: "Basra", Confidence: 0.9, Entity: basra},
		{Field: "title", Start: 10, End: 17, Surface: "Baghdad", Confidence: 0.95, Entity: baghdad},
		{Field: "text", Start: 19, End: 26, Surface: "Baghdad", Confidence: 0.95, Entity: baghdad},
	}
	must(t, s.SetMentions(ctx, r.ID, jic.EntityPlace, ms))
	must(t, s.SetMentions(ctx, r.ID, jic.EntityPlace, ms)) // a stage run again replaces, not adds
	got, err := s.Mentions(ctx, r.ID)
	must(t, err)
	if len(got) != 3 || got[0].Field != "title" || got[1].Surface != "Basra" || got[2].EntityID != got[0].EntityID || got[0].Entity.Lat != 33.34 {
		t.Errorf("Mentions = %+v, want the title's Baghdad first, then Basra, then Baghdad again as the same entity", got)
	}
	wantCode(t, "SetMentions(no entity)", s.SetMentions(ctx, r.ID, jic.EntityPlace, []jic.Mention{{Field: "text", Start: 0, End: 1}}), jic.EINVALID)
	wantCode(t, "SetMentions(unknown report)", s.SetMentions(ctx, 999, jic.EntityPlace, ms), jic.ENOTFOUND)
	must(t, s.SetMentions(ctx, r.ID, jic.EntityPlace, nil))
	if got, _ := s.Mentions(ctx, r.ID); len(got) != 0 {
		t.Errorf("after clearing, %d mentions", len(got))
	}
}

func testDates(t *testing.T, b Backend) {
	s := b.Open(t)
	w := newWorld(t, s)
	r := w.report("Vote on Friday", "Voters went to the polls in September 2023.", "en", 0)
	w.add(t, r)
	friday := time.Date(2023, 9, 8, 0, 0, 0, 0, time.UTC)
	ds := []jic.DateMention{
		{Field: "text", Start: 30, End: 44, Surface: "September 2023", First: time.Date(2023, 9, 1, 0, 0, 0, 0, time.UTC),
			Last: time.Date(2023, 9, 30, 0, 0, 0, 0, time.UTC), Precision: "month"},
		{Field: "title", Start: 5, End: 14, Surface: "on Friday", First: friday, Last: friday, Precision: "day", Relative: true},
	}
	must(t, s.SetDates(ctx, r.ID, ds))
	must(t, s.SetDates(ctx, r.ID, ds)) // a stage run again replaces, not adds
	got, err := s.Dates(ctx, r.ID)
	must(t, err)
	if len(got) != 2 || got[0] != ds[1] || got[1] != ds[0] {
		t.Errorf("Dates = %+v, want the title's Friday, then September 2023", got)
	}
	wantCode(t, "SetDates(last before first)", s.SetDates(ctx, r.ID, []jic.DateMention{{Field: "text", First: friday, Last: friday.AddDate(0, 0, -1), Precision: "day"}}), jic.EINVALID)
	wantCode(t, "SetDates(no precision)", s.SetDates(ctx, r.ID, []jic.DateMention{{Field: "text", First: friday, Last: friday}}), jic.EINVALID)
	wantCode(t, "SetDates(unknown report)", s.SetDates(ctx, 999, ds), jic.ENOTFOUND)
	if got, _ := s.Dates(ctx, r.ID); len(got) != 2 {
		t.Errorf("a refused SetDates changed the dates: %+v", got)
	}
	must(t, s.SetDates(ctx, r.ID, nil))
	if got, _ := s.Dates(ctx, r.ID); len(got) != 0 {
		t.Errorf("after clearing, %d dates", len(got))
	}
}
