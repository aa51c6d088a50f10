package storetest

import (
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/dedup"
)

// dedupArticle is a hand-written wire story; its copies below are edited
// the way outlets edit agency copy.
const dedupArticle = `The river port of Basra reopened on Tuesday after three days of closure caused by a sandstorm that grounded flights across southern Iraq, the port authority said.
Ships that had waited at anchor in the Gulf began entering the channel at dawn, and officials expected the backlog of 41 vessels to clear by the end of the week.
The authority said the storm had damaged two cranes at the Umm Qasr terminal and that repairs would take about ten days, during which container traffic would be diverted to the northern berths.
Traders in the city said prices of imported flour and cooking oil had risen by about 15 percent during the closure, and the provincial council called on the government to release reserves from its warehouses.
Meteorologists warned that another storm could reach the region next week, with winds of up to 70 kilometres an hour forecast for the desert west of the city.`

func testDedup(t *testing.T, b Backend) {
	s := b.Open(t)
	w := newWorld(t, s)
	src2 := &jic.Source{Name: "Daily Echo", Kind: jic.SourceManual, Reliability: "C", OwnerMemberID: w.a.ID, Republishes: "Wire"}
	must(t, s.CreateSource(ctx, src2))

	orig := w.report("Basra port reopens after sandstorm", dedupArticle, "en", 0)
	exact := w.report("Basra port reopens after sandstorm", dedupArticle, "en", 2)
	exact.SourceID, exact.URL = src2.ID, "https://echo.example.org/basra"
	near := w.report("Sandstorm over: Basra port back in business", strings.Replace(strings.Replace(dedupArticle, "the port authority said", "the port's authority announced", 1),
		"Meteorologists warned", "Forecasters warned", 1)+"\nFollow us on Twitter for more news.", "en", 3)
	other := w.report("Parliament passes budget", "The parliament passed the 2019 budget on Monday after months of debate over oil revenue sharing between Baghdad and the Kurdistan region, with 204 of 329 members voting in favour.", "en", 1)
	for _, r := range []*jic.Report{orig, exact, near} {
		r.Marking = jic.TLPAmberStrict
	}
	// A copy of member B's that only B may see, published before all the others.
	hidden := w.report("Basra port reopens after sandstorm (B)", dedupArticle, "en", -5)
	hidden.OwnerMemberID, hidden.SourceID, hidden.Marking = w.b.ID, 0, jic.TLPAmberStrict
	w.add(t, orig, exact, near, other, hidden)

	file := func(r *jic.Report) *jic.Syndication {
		t.Helper()
		p := dedup.Fingerprint(r.Title, r.Text, r.Language)
		bs, err := p.MarshalBinary()
		must(t, err)
		sy, err := s.Deduplicate(ctx, r.ID, bs)
		must(t, err)
		return sy
	}
	wantCode(t, "Syndication before Deduplicate", func() error { _, err := s.Syndication(ctx, jic.SystemViewer, orig.ID); return err }(), jic.ENOTFOUND)
	if sy := file(orig); sy.Kind != jic.SyndicationNew || sy.Group != orig.ID || sy.Original != orig.ID || !slices.Equal(sy.Members, []int64{orig.ID}) {
		t.Errorf("first report: %+v, want a new group of its own", sy)
	}
	if sy := file(other); sy.Kind != jic.SyndicationNew || sy.Group != other.ID {
		t.Errorf("unrelated report: %+v, want a new group", sy)
	}
	// Copies filed concurrently: decisions are serialized, so every copy
	// finds the group.
	var wg sync.WaitGroup
	got := make([]*jic.Syndication, 3)
	for i, r := range []*jic.Report{exact, near, hidden} {
		wg.Go(func() {
			p := dedup.Fingerprint(r.Title, r.Text, r.Language)
			bs, _ := p.MarshalBinary()
			sy, err := s.Deduplicate(ctx, r.ID, bs)
			if err != nil {
				t.Errorf("Deduplicate(%d): %v", r.ID, err)
				return
			}
			got[i] = sy
		})
	}
	wg.Wait()
	if t.Failed() {
		return
	}
	for i, want := range []string{jic.SyndicationExact, jic.SyndicationNear, jic.SyndicationExact} {
		if got[i].Kind != want || got[i].Group != orig.ID {
			t.Errorf("copy %d: %+v, want %s in group %d", i, got[i], want, orig.ID)
		}
	}
	// The system sees the whole group and B's earlier copy as the original.
	all, err := s.Syndication(ctx, jic.SystemViewer, near.ID)
	must(t, err)
	if !slices.Equal(all.Members, []int64{orig.ID, exact.ID, near.ID, hidden.ID}) || all.Original != hidden.ID || all.Rule != dedup.RuleEarliest.String() {
		t.Errorf("system's view: %+v, want 4 members and report %d as the earliest original", all, hidden.ID)
	}
	// A sees neither B's copy nor any trace of it.
	a, err := s.Syndication(ctx, w.viewerA(), near.ID)
	must(t, err)
	if !slices.Equal(a.Members, []int64{orig.ID, exact.ID, near.ID}) || a.Original != orig.ID || strings.Contains(a.Explanation, "(B)") {
		t.Errorf("A's view: %+v, want 3 members and report %d as the original", a, orig.ID)
	}
	if sa := mustSyndication(t, s, w.viewerA(), exact.ID); sa.Of != orig.ID {
		t.Errorf("A's view of the exact copy: %+v", sa)
	}
	// B sees only its own copy: to B it copies nothing.
	bv, err := s.Syndication(ctx, w.viewerB(), hidden.ID)
	must(t, err)
	if bv.Kind != jic.SyndicationNew || bv.Of != 0 || !slices.Equal(bv.Members, []int64{hidden.ID}) || bv.Group != hidden.ID || bv.Original != hidden.ID {
		t.Errorf("B's view: %+v, want its report alone", bv)
	}
	wantCode(t, "Syndication of B's report for A", func() error { _, err := s.Syndication(ctx, w.viewerA(), hidden.ID); return err }(), jic.ENOTFOUND)

	// A second call returns the first decision; bad input changes nothing.
	if again := file(near); again.Kind != jic.SyndicationNear || again.Group != orig.ID {
		t.Errorf("Deduplicate again: %+v", again)
	}
	_, err = s.Deduplicate(ctx, orig.ID, []byte("not a print"))
	wantCode(t, "Deduplicate(bad print)", err, jic.EINVALID)
	p := dedup.Fingerprint("x", "y z", "en")
	bs, _ := p.MarshalBinary()
	_, err = s.Deduplicate(ctx, 999999, bs)
	wantCode(t, "Deduplicate(unknown report)", err, jic.ENOTFOUND)
	if sy := mustSyndication(t, s, jic.SystemViewer, orig.ID); len(sy.Members) != 4 {
		t.Errorf("after refused calls the group has %d members", len(sy.Members))
	}
}

func mustSyndication(t *testing.T, s jic.Store, v jic.Viewer, id int64) *jic.Syndication {
	t.Helper()
	sy, err := s.Syndication(ctx, v, id)
	must(t, err)
	return sy
}
