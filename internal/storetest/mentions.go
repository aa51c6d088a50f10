package storetest

import (
	"testing"

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
