package storetest

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/dedup"
	"github.com/jic-center/jic/internal/textindex"
)

func testStories(t *testing.T, b Backend) {
	s := b.Open(t)
	w := newWorld(t, s)
	echo := &jic.Source{Name: "Daily Echo", Kind: jic.SourceManual, Reliability: "C", OwnerMemberID: w.a.ID}
	tass := &jic.Source{Name: "TASS", Kind: jic.SourceManual, Reliability: "D", OwnerMemberID: w.a.ID}
	must(t, s.CreateSource(ctx, echo))
	must(t, s.CreateSource(ctx, tass))

	wire := w.report("Basra port reopens after sandstorm", dedupArticle, "en", 0)
	copied := w.report("Basra port reopens after sandstorm", dedupArticle, "en", 1) // the Echo runs the wire story
	copied.SourceID, copied.URL = echo.ID, "https://echo.example.org/basra"
	own := w.report("Cranes damaged as Basra storm ends", "Two cranes at the Umm Qasr terminal near Basra were damaged by the sandstorm, the port authority of Basra said; ships are entering the channel again.", "en", 3)
	own.SourceID = echo.ID
	russian := w.report("Порт Басры возобновил работу", "Порт Басры и терминал Умм-Каср возобновили работу после песчаной бури, сообщили власти порта.", "ru", 4)
	russian.SourceID = tass.ID
	other := w.report("Parliament passes budget", "The parliament in Baghdad passed the 2019 budget on Monday after months of debate over oil revenue sharing with the Kurdistan region.", "en", 2)
	hidden := w.report("Basra port: our own assessment", "Our assessment of the Basra port and the Umm Qasr terminal after the sandstorm.", "en", 5)
	hidden.OwnerMemberID, hidden.SourceID, hidden.Marking = w.b.ID, 0, jic.TLPAmberStrict
	w.add(t, wire, copied, own, russian, other, hidden)

	ents := map[int64][]string{
		wire.ID:    {"geonames:99532", "geonames:99532", "geonames:388349", "country:IQ", "name:organization:port authority"},
		copied.ID:  {"geonames:99532", "geonames:99532", "geonames:388349", "country:IQ", "name:organization:port authority"},
		own.ID:     {"geonames:99532", "geonames:388349", "name:organization:port authority"},
		russian.ID: {"geonames:99532", "geonames:388349"},
		other.ID:   {"geonames:98182", "name:organization:parliament", "geonames:92430"},
		hidden.ID:  {"geonames:99532", "geonames:388349"},
	}
	file := func(r *jic.Report) *jic.StoryAssignment {
		t.Helper()
		p := dedup.Fingerprint(r.Title, r.Text, r.Language)
		bs, _ := p.MarshalBinary()
		_, err := s.Deduplicate(ctx, r.ID, bs)
		must(t, err)
		a, err := s.AssignStory(ctx, r.ID, ents[r.ID], textindex.Terms(r.Title+"\n"+r.Text, r.Language))
		must(t, err)
		return a
	}
	if a := file(wire); !a.New || a.Story != wire.ID {
		t.Errorf("first report: %+v, want a new story", a)
	}
	if a := file(other); !a.New {
		t.Errorf("another event: %+v, want a new story", a)
	}
	for _, r := range []*jic.Report{copied, own, russian, hidden} {
		if a := file(r); a.Story != wire.ID || a.New {
			t.Errorf("report %q: %+v, want it in story %d", r.Title, a, wire.ID)
		}
	}
	if again, err := s.AssignStory(ctx, russian.ID, nil, nil); err != nil || again.Story != wire.ID {
		t.Errorf("AssignStory again: %+v %v, want the first decision", again, err)
	}
	if _, err := s.AssignStory(ctx, 999999, nil, nil); jic.ErrorCode(err) != jic.ENOTFOUND {
		t.Errorf("AssignStory(unknown report): %v, want ENOTFOUND", err)
	}

	// A sees its four reports: the wire story and the Echo's copy are one
	// syndication group, the Echo's own article is the Echo again, so two
	// independent sources (Wire B with the Echo, TASS D).
	st, err := s.Story(ctx, w.viewerA(), wire.ID)
	must(t, err)
	if st.Reports != 4 || !slices.Equal(st.ReportIDs, []int64{wire.ID, copied.ID, own.ID, russian.ID}) || st.Groups != 3 ||
		st.IndependentSources != 2 || !slices.Equal(st.Languages, []string{"en", "ru"}) || st.Title != wire.Title ||
		!st.First.Equal(wire.Published) || !st.Last.Equal(russian.Published) || st.Marking != jic.TLPClear {
		t.Errorf("A's story = %+v", st)
	}
	if st.Credibility != jic.ProbablyTrue || !strings.Contains(st.CredibilityWhy, "two independent sources") || !strings.Contains(st.CredibilityWhy, "no denial") {
		t.Errorf("A's rating = %d %q, want 2 with two sources and no denial", st.Credibility, st.CredibilityWhy)
	}
	// B sees A's CLEAR reports and its own assessment: five reports, the
	// most restrictive marking, and itself as a third source.
	sb, err := s.Story(ctx, w.viewerB(), wire.ID)
	must(t, err)
	if sb.Reports != 5 || sb.Marking != jic.TLPAmberStrict || sb.IndependentSources != 3 {
		t.Errorf("B's story = %d reports, marking %s, %d sources; want 5, AMBER+STRICT, 3", sb.Reports, sb.Marking, sb.IndependentSources)
	}
	if id, err := s.StoryOf(ctx, w.viewerA(), hidden.ID); jic.ErrorCode(err) != jic.ENOTFOUND {
		t.Errorf("StoryOf(B's report) for A = %d, %v; want ENOTFOUND", id, err)
	}
	if id, err := s.StoryOf(ctx, w.viewerA(), russian.ID); err != nil || id != wire.ID {
		t.Errorf("StoryOf(russian) = %d, %v", id, err)
	}

	// Stories by newest report: A's newest story report is the Russian
	// one (hour 4), so the port story comes before the budget (hour 2).
	page, err := s.Stories(ctx, w.viewerA(), jic.StoryFilter{Limit: 1})
	must(t, err)
	if len(page.Stories) != 1 || page.Stories[0].ID != wire.ID || page.Next == 0 {
		t.Fatalf("first page = %+v", page)
	}
	page2, err := s.Stories(ctx, w.viewerA(), jic.StoryFilter{Limit: 1, Before: page.Next})
	must(t, err)
	if len(page2.Stories) != 1 || page2.Stories[0].ID != other.ID {
		t.Errorf("second page = %+v, want the budget story", page2)
	}

	// A denial linked to the story's claim lowers the rating by two.
	entity := &jic.Entity{Kind: jic.EntityPlace, Key: "geonames:99532", CanonicalName: "Basra"}
	for _, r := range []*jic.Report{wire, russian} {
		must(t, s.SetMentions(ctx, r.ID, jic.EntityPlace, []jic.Mention{{Field: "title", Start: 0, End: 5, Surface: "Basra", Entity: entity}}))
	}
	must(t, s.SetClaims(ctx, wire.ID, []jic.Claim{{Speaker: "the port authority", SpeakerKind: jic.SpeakerOrganization, Stance: jic.StanceAsserts, Cue: "said",
		Field: "text", Start: 0, End: 10, Quote: "the port reopened", AboutKeys: []string{entity.Key}}}))
	must(t, s.SetClaims(ctx, russian.ID, []jic.Claim{{Speaker: "the harbour master", SpeakerKind: jic.SpeakerPerson, Stance: jic.StanceDenies, Cue: "опроверг",
		Field: "text", Start: 0, End: 10, Quote: "порт открыт", AboutKeys: []string{entity.Key}}}))
	ca, _ := s.ReportClaims(ctx, wire.ID)
	cr, _ := s.ReportClaims(ctx, russian.ID)
	must(t, s.LinkClaims(ctx, []jic.ClaimLink{{A: ca[0].ID, B: cr[0].ID, Score: 0.8, Contradiction: true}}))
	st, err = s.Story(ctx, w.viewerA(), wire.ID)
	must(t, err)
	if len(st.Entities) != 1 || st.Entities[0].Name != "Basra" || st.Entities[0].Reports != 2 {
		t.Errorf("story entities = %+v, want Basra in two reports", st.Entities)
	}
	if st.Contradictions != 1 || st.Credibility != jic.DoubtfullyTrue || !strings.Contains(st.CredibilityWhy, "denied by the harbour master") {
		t.Errorf("rating with a denial = %d %q (%d contradictions), want 4", st.Credibility, st.CredibilityWhy, st.Contradictions)
	}

	// Only the head overrides, with a reason; the rule's rating stays beside it.
	wantCode(t, "override by a non-head", s.OverrideCredibility(ctx, w.viewerA(), wire.ID, jic.Confirmed, "seen by our team", false), jic.EFORBIDDEN)
	wantCode(t, "override without a reason", s.OverrideCredibility(ctx, w.viewerA(), wire.ID, jic.Confirmed, "  ", true), jic.EINVALID)
	wantCode(t, "override to 7", s.OverrideCredibility(ctx, w.viewerA(), wire.ID, 7, "x", true), jic.EINVALID)
	wantCode(t, "override of a story A cannot see", s.OverrideCredibility(ctx, w.viewerA(), 999999, jic.Confirmed, "x", true), jic.ENOTFOUND)
	must(t, s.OverrideCredibility(ctx, w.viewerA(), wire.ID, jic.Confirmed, "our team saw the ships enter", true))
	st, err = s.Story(ctx, w.viewerA(), wire.ID)
	must(t, err)
	if st.Credibility != jic.Confirmed || st.RuleCredibility != jic.DoubtfullyTrue || st.Override == nil || st.Override.UserID != w.ua.ID ||
		!strings.Contains(st.CredibilityWhy, "our team saw the ships enter") {
		t.Errorf("overridden rating = %d (rule %d) %q", st.Credibility, st.RuleCredibility, st.CredibilityWhy)
	}
	evs, err := s.AuditEvents(ctx, 0, 1000)
	must(t, err)
	if last := evs[len(evs)-1]; last.Action != "story.rate" || last.UserID != w.ua.ID {
		t.Errorf("last audit event = %+v, want the rating", last)
	}
	if _, err := s.Story(ctx, w.viewerB(), other.ID); err != nil {
		t.Errorf("B cannot see the CLEAR budget story: %v", err)
	}

	// A page of stories is read for all of them at once: each is the
	// story as Story shows it to the same viewer.
	baghdad := &jic.Entity{Kind: jic.EntityPlace, Key: "geonames:98182", CanonicalName: "Baghdad"}
	must(t, s.SetMentions(ctx, other.ID, jic.EntityPlace, []jic.Mention{{Field: "text", Start: 19, End: 26, Surface: "Baghdad", Entity: baghdad}}))
	for name, v := range map[string]jic.Viewer{"A": w.viewerA(), "B": w.viewerB()} {
		page, err := s.Stories(ctx, v, jic.StoryFilter{Limit: 10})
		must(t, err)
		if len(page.Stories) != 2 {
			t.Errorf("%s's stories: %d, want 2", name, len(page.Stories))
		}
		for _, listed := range page.Stories {
			one, err := s.Story(ctx, v, listed.ID)
			must(t, err)
			if diff := cmp.Diff(one, listed); diff != "" {
				t.Errorf("%s's story %d listed differs from Story (-Story +listed):\n%s", name, listed.ID, diff)
			}
		}
	}
}
