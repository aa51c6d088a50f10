package storetest

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/jic-center/jic"
)

func testClaims(t *testing.T, b Backend) {
	s := b.Open(t)
	w := newWorld(t, s)
	said := w.report("Ministry: strike hit depot", "The defence ministry said the strike destroyed an arms depot near Idlib.", "en", 0)
	denied := w.report("Rebels deny losses", "A rebel spokesman denied that any depot near Idlib was hit.", "en", 5)
	hidden := w.report("Observatory: depot burning", "The observatory reported the depot near Idlib was still burning.", "en", 6)
	hidden.OwnerMemberID, hidden.Marking = w.b.ID, jic.TLPAmberStrict
	w.add(t, said, denied, hidden)
	idlib := &jic.Entity{Kind: jic.EntityPlace, Key: "geonames:169389", CanonicalName: "Idlib"}
	ministry := &jic.Entity{Kind: jic.EntityOrganization, Key: "name:organization:defence ministry", CanonicalName: "defence ministry"}
	for _, r := range []*jic.Report{said, denied, hidden} {
		must(t, s.SetMentions(ctx, r.ID, jic.EntityPlace, []jic.Mention{{Field: "text", Start: 0, End: 1, Surface: "Idlib", Entity: idlib}}))
	}
	must(t, s.SetMentions(ctx, said.ID, jic.EntityOrganization, []jic.Mention{{Field: "text", Start: 4, End: 20, Surface: "defence ministry", Entity: ministry}}))

	c1 := jic.Claim{Speaker: "The defence ministry", SpeakerKind: jic.SpeakerOrganization, SpeakerKey: ministry.Key, Stance: jic.StanceAsserts, Cue: "said",
		Field: "text", Start: 31, End: 71, Quote: "the strike destroyed an arms depot near Idlib", AboutKeys: []string{idlib.Key, "unknown:key"}}
	c2 := jic.Claim{Speaker: "A rebel spokesman", SpeakerKind: jic.SpeakerPerson, Stance: jic.StanceDenies, Cue: "denied", Field: "text", Start: 25, End: 57,
		Quote: "any depot near Idlib was hit", AboutKeys: []string{idlib.Key}, Via: []string{"Reuters"}}
	c3 := jic.Claim{Speaker: "The observatory", SpeakerKind: jic.SpeakerOrganization, Stance: jic.StanceReports, Cue: "reported", Field: "text", Start: 25, End: 63,
		Quote: "the depot near Idlib was still burning", AboutKeys: []string{idlib.Key}}
	noSpeaker := jic.Claim{SpeakerKind: jic.SpeakerUnknown, Stance: jic.StanceAsserts, Cue: "said", Field: "title", Start: 0, End: 8, Quote: "Ministry"}
	must(t, s.SetClaims(ctx, said.ID, []jic.Claim{c1, noSpeaker}))
	must(t, s.SetClaims(ctx, said.ID, []jic.Claim{c1, noSpeaker})) // run again: replaced, not added
	must(t, s.SetClaims(ctx, denied.ID, []jic.Claim{c2}))
	must(t, s.SetClaims(ctx, hidden.ID, []jic.Claim{c3}))

	got, err := s.ReportClaims(ctx, said.ID)
	must(t, err)
	if len(got) != 2 || got[0].Field != "title" || got[0].Speaker != "" || got[0].SpeakerKind != jic.SpeakerUnknown {
		t.Fatalf("ReportClaims = %+v, want the title's speakerless claim, then the ministry's", got)
	}
	g := got[1]
	if g.SpeakerID == 0 || g.SpeakerKey != ministry.Key || !slices.Equal(g.AboutKeys, []string{idlib.Key}) || len(g.About) != 1 ||
		g.Stance != jic.StanceAsserts || !g.Said.Equal(said.Published) || g.Language != "en" || g.Marking != jic.TLPClear || g.Source != w.src.Name {
		t.Errorf("stored claim = %+v", g)
	}
	d, err := s.ReportClaims(ctx, denied.ID)
	must(t, err)
	if len(d) != 1 || !slices.Equal(d[0].Via, []string{"Reuters"}) {
		t.Errorf("denial = %+v, want its relay kept", d)
	}
	h, err := s.ReportClaims(ctx, hidden.ID)
	must(t, err)

	// Candidates for linking: by the entities a claim names or its speaker,
	// in the window, never from the report itself.
	near, err := s.ClaimsAbout(ctx, []string{idlib.Key}, denied.ID, said.Published.Add(-time.Hour), said.Published.Add(24*time.Hour), 10)
	must(t, err)
	if ids := claimIDs(near); !slices.Equal(ids, []int64{h[0].ID, g.ID}) {
		t.Errorf("ClaimsAbout(Idlib) = %v, want the observatory's and the ministry's, newest first", ids)
	}
	if bySpeaker, _ := s.ClaimsAbout(ctx, []string{ministry.Key}, denied.ID, said.Published, said.Published, 10); !slices.Equal(claimIDs(bySpeaker), []int64{g.ID}) {
		t.Errorf("ClaimsAbout(the ministry as speaker) = %v", claimIDs(bySpeaker))
	}
	if late, _ := s.ClaimsAbout(ctx, []string{idlib.Key}, denied.ID, said.Published.Add(time.Hour), said.Published.Add(2*time.Hour), 10); len(late) != 0 {
		t.Errorf("ClaimsAbout outside the window = %v", claimIDs(late))
	}

	must(t, s.LinkClaims(ctx, []jic.ClaimLink{{A: d[0].ID, B: g.ID, Score: 0.7, Contradiction: true}, {A: h[0].ID, B: d[0].ID, Score: 0.6, Contradiction: true}}))
	// A sees the ministry against the rebels, and nothing of B's report.
	cs, err := s.Contradictions(ctx, w.viewerA(), nil, 10)
	must(t, err)
	if len(cs) != 1 || cs[0].Claim.ID != g.ID || cs[0].Denial.ID != d[0].ID || cs[0].Score != 0.7 {
		t.Errorf("A's contradictions = %+v, want the ministry's claim against the denial", cs)
	}
	all, err := s.Contradictions(ctx, jic.SystemViewer, nil, 10)
	must(t, err)
	if len(all) != 2 || all[0].Claim.ID != h[0].ID {
		t.Errorf("all contradictions = %d, want 2 with the observatory's newest", len(all))
	}
	// A restored store finds the same newest contradictions.
	var buf bytes.Buffer
	must(t, s.Backup(ctx, &buf))
	fresh := b.Open(t)
	must(t, fresh.Restore(ctx, &buf))
	if again, err := fresh.Contradictions(ctx, jic.SystemViewer, nil, 10); err != nil || !cmp.Equal(again, all) {
		t.Errorf("contradictions after a restore = %+v, %v; want %+v", again, err, all)
	}
	if of, _ := s.Contradictions(ctx, jic.SystemViewer, []int64{said.ID}, 10); len(of) != 1 {
		t.Errorf("contradictions of the ministry's report = %d, want 1", len(of))
	}
	// Ratings: the ministry's claim has one source (Wire, B) and a denial;
	// the denial is opposed by the ministry, and for the system also by
	// B's observatory report, which A may not see.
	rated, err := s.ReportClaims(ctx, said.ID)
	must(t, err)
	must(t, s.RateClaims(ctx, w.viewerA(), rated))
	if r := rated[1]; r.Credibility != jic.Improbable || !strings.Contains(r.CredibilityWhy, "denied by A rebel spokesman") {
		t.Errorf("the ministry's claim rated %d %q, want 5, denied by the rebel spokesman", r.Credibility, r.CredibilityWhy)
	}
	for _, c := range []struct {
		v    jic.Viewer
		want bool
	}{{w.viewerA(), false}, {jic.SystemViewer, true}} {
		den, err := s.ReportClaims(ctx, denied.ID)
		must(t, err)
		must(t, s.RateClaims(ctx, c.v, den))
		if got := strings.Contains(den[0].CredibilityWhy, "observatory"); got != c.want || !strings.Contains(den[0].CredibilityWhy, "The defence ministry") {
			t.Errorf("the denial's rating for %+v: %q; want the ministry, and the observatory only for the system", c.v, den[0].CredibilityWhy)
		}
	}

	// Replacing a report's claims drops their links.
	must(t, s.SetClaims(ctx, said.ID, nil))
	if cs, _ := s.Contradictions(ctx, w.viewerA(), nil, 10); len(cs) != 0 {
		t.Errorf("after the claims were replaced, A sees %d contradictions", len(cs))
	}

	wantCode(t, "SetClaims(bad stance)", s.SetClaims(ctx, denied.ID, []jic.Claim{{SpeakerKind: jic.SpeakerUnknown, Stance: "shouts", Field: "text"}}), jic.EINVALID)
	wantCode(t, "SetClaims(invented speaker)", s.SetClaims(ctx, denied.ID, []jic.Claim{{SpeakerKind: jic.SpeakerUnknown, SpeakerKey: ministry.Key, Stance: jic.StanceAsserts, Field: "text"}}), jic.EINVALID)
	wantCode(t, "SetClaims(unknown report)", s.SetClaims(ctx, 99999, []jic.Claim{c2}), jic.ENOTFOUND)
	wantCode(t, "LinkClaims(unknown claim)", s.LinkClaims(ctx, []jic.ClaimLink{{A: d[0].ID, B: 99999, Score: 0.5}}), jic.ENOTFOUND)
	if d2, _ := s.ReportClaims(ctx, denied.ID); len(d2) != 1 {
		t.Errorf("a refused SetClaims changed the claims: %+v", d2)
	}
}

func claimIDs(cs []jic.Claim) []int64 {
	var out []int64
	for _, c := range cs {
		out = append(out, c.ID)
	}
	return out
}
