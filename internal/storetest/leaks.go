package storetest

import (
	"fmt"
	"slices"
	"testing"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/dedup"
)

// testLeaks is the leak matrix: viewers of every member and role × items of
// every marking × every read operation. Each read must return exactly what
// jic.Viewer.CanSee allows, and a derived object (a product's citations, a
// request's answers) only the parts the viewer may see.
func testLeaks(t *testing.T, b Backend) {
	s := b.Open(t)
	w := newWorld(t, s)
	c := &jic.Member{Name: "Gamma Group"}
	must(t, s.CreateMember(ctx, c))
	user := func(name string, m *jic.Member, role jic.Role) jic.Viewer {
		u := &jic.User{MemberID: m.ID, Name: name, Role: role, PasswordHash: "x"}
		must(t, s.CreateUser(ctx, u))
		return jic.Viewer{UserID: u.ID, MemberID: m.ID, Role: role}
	}
	viewers := map[string]jic.Viewer{
		"anonymous":             {},
		"owner analyst (alice)": w.viewerA(),
		"owner viewer":          user("alfred", w.a, jic.RoleViewer),
		"shared analyst (bob)":  w.viewerB(),
		"shared viewer":         user("bert", w.b, jic.RoleViewer),
		"other member":          user("carol", c, jic.RoleViewer),
		"operator":              jic.SystemViewer,
	}
	shared, recipients := []int64{w.b.ID}, []int64{w.ua.ID}

	type item struct {
		marking jic.Marking
		id      int64
	}
	var reports, requests, products []item
	for i, m := range jic.Markings {
		word := fmt.Sprintf("leakword%d", 1000+i)
		// Copies of one article: one syndication group, one story.
		r := w.report("Report "+word, "matrix "+word+"\n"+dedupArticle, "en", i)
		r.Marking, r.ShareWith, r.Recipients = m, shared, recipients
		w.add(t, r)
		reports = append(reports, item{m, r.ID})

		assignee := w.b.ID
		if m == jic.TLPAmberStrict {
			assignee = w.a.ID // the only way such a request can exist
		}
		rq := &jic.Request{Title: "Request " + word, AssigneeMemberID: assignee, Marking: m, ShareWith: shared, Recipients: recipients}
		must(t, s.CreateRequest(ctx, w.viewerA(), rq))
		if m == jic.TLPAmber && !slices.Equal(rq.ShareWith, shared) {
			t.Fatalf("AMBER request shared with %v", rq.ShareWith)
		}
		requests = append(requests, item{m, rq.ID})

		p := &jic.Product{Title: "Product " + word, Marking: m, ShareWith: shared, Recipients: recipients}
		must(t, s.CreateProduct(ctx, w.viewerA(), p))
		products = append(products, item{m, p.ID})
	}
	// The reports are one syndication group and one story; each has a
	// claim, the first report's asserted and the others' denying it, all
	// linked.
	basra := &jic.Entity{Kind: jic.EntityPlace, Key: "geonames:99532", CanonicalName: "Basra"}
	var claimIDs []int64
	for i, it := range reports {
		r, err := s.Report(ctx, jic.SystemViewer, it.id)
		must(t, err)
		p := dedup.Fingerprint(r.Title, r.Text, r.Language)
		bs, _ := p.MarshalBinary()
		_, err = s.Deduplicate(ctx, it.id, bs)
		must(t, err)
		_, err = s.AssignStory(ctx, it.id, []string{basra.Key, basra.Key}, []string{"matrix", "port", "basra"})
		must(t, err)
		stance := jic.StanceDenies
		if i == 0 {
			stance = jic.StanceAsserts
		}
		must(t, s.SetMentions(ctx, it.id, jic.EntityPlace, []jic.Mention{{Field: "text", Start: 0, End: 6, Surface: "matrix", Entity: basra}}))
		must(t, s.SetClaims(ctx, it.id, []jic.Claim{{Speaker: "the port authority", SpeakerKind: jic.SpeakerOrganization, Stance: stance, Cue: "said",
			Field: "text", Start: 0, End: 6, Quote: "matrix", AboutKeys: []string{basra.Key}}}))
		cs, err := s.ReportClaims(ctx, it.id)
		must(t, err)
		claimIDs = append(claimIDs, cs[0].ID)
	}
	var links []jic.ClaimLink
	for _, id := range claimIDs[1:] {
		links = append(links, jic.ClaimLink{A: claimIDs[0], B: id, Score: 0.9, Contradiction: true})
	}
	must(t, s.LinkClaims(ctx, links))
	story := reports[0].id

	// A CLEAR product and a GREEN request that point at every report.
	var refs []jic.Ref
	for _, r := range reports {
		refs = append(refs, jic.Ref{Kind: "report", ID: r.id})
	}
	hub := &jic.Product{Title: "Hub", Marking: jic.TLPClear, Cites: refs}
	must(t, s.CreateProduct(ctx, w.viewerA(), hub))
	hubRequest := &jic.Request{Title: "Hub request", AssigneeMemberID: w.a.ID, Marking: jic.TLPClear}
	must(t, s.CreateRequest(ctx, w.viewerA(), hubRequest))
	for _, ref := range refs {
		must(t, s.AddRequestAnswer(ctx, w.viewerA(), hubRequest.ID, ref))
	}

	for name, v := range viewers {
		t.Run(name, func(t *testing.T) {
			want := func(items []item) map[int64]bool {
				out := map[int64]bool{}
				for _, it := range items {
					if v.CanSee(it.marking, w.a.ID, shared, recipients) {
						out[it.id] = true
					}
				}
				return out
			}
			wantReports, wantRequests, wantProducts := want(reports), want(requests), want(products)

			for _, it := range reports {
				_, err := s.Report(ctx, v, it.id)
				checkOne(t, "Report", it, wantReports[it.id], err)
				res, err := s.Search(ctx, v, jic.SearchQuery{Q: fmt.Sprintf("leakword%d", 1000+slices.Index(jic.Markings, it.marking))})
				must(t, err)
				if got := len(res.Hits) == 1; got != wantReports[it.id] {
					t.Errorf("Search for the %s report's word: %d hits, want visible=%v", it.marking, len(res.Hits), wantReports[it.id])
				}
			}
			list, err := s.Reports(ctx, v, jic.ReportFilter{})
			must(t, err)
			n, err := s.CountReports(ctx, v)
			must(t, err)
			checkSet(t, "Reports", ids(list, func(r *jic.Report) int64 { return r.ID }), wantReports)
			if n != len(wantReports) {
				t.Errorf("CountReports = %d, want %d", n, len(wantReports))
			}
			res, err := s.Search(ctx, v, jic.SearchQuery{Q: "matrix", Limit: 100})
			must(t, err)
			checkSet(t, "Search", ids(res.Hits, func(h jic.SearchHit) int64 { return h.Report.ID }), wantReports)

			// Derived objects: syndication groups, stories, contradictions.
			for _, it := range reports {
				sy, err := s.Syndication(ctx, v, it.id)
				checkOne(t, "Syndication", it, wantReports[it.id], err)
				if err == nil {
					checkSet(t, "Syndication members", sy.Members, wantReports)
				}
				_, err = s.StoryOf(ctx, v, it.id)
				checkOne(t, "StoryOf", it, wantReports[it.id], err)
			}
			st, err := s.Story(ctx, v, story)
			checkOne(t, "Story", item{jic.TLPClear, story}, len(wantReports) > 0, err)
			if err == nil {
				checkSet(t, "Story reports", st.ReportIDs, wantReports)
				if st.Reports != len(wantReports) || st.IndependentSources != 1 {
					t.Errorf("Story: %d reports, %d sources; want %d and 1", st.Reports, st.IndependentSources, len(wantReports))
				}
			}
			page, err := s.Stories(ctx, v, jic.StoryFilter{})
			must(t, err)
			if got := len(page.Stories) == 1; got != (len(wantReports) > 0) {
				t.Errorf("Stories lists %d stories, want the story only if some report is visible (%d)", len(page.Stories), len(wantReports))
			}
			cs, err := s.Contradictions(ctx, v, nil, 100)
			must(t, err)
			for _, c := range cs {
				if !wantReports[c.Claim.ReportID] || !wantReports[c.Denial.ReportID] {
					t.Errorf("Contradictions leaked a claim of report %d or %d", c.Claim.ReportID, c.Denial.ReportID)
				}
			}
			if wantAll := wantReports[reports[0].id]; wantAll && len(cs) != len(wantReports)-1 {
				t.Errorf("Contradictions = %d, want %d", len(cs), len(wantReports)-1)
			}

			for _, it := range requests {
				_, err := s.Request(ctx, v, it.id)
				checkOne(t, "Request", it, wantRequests[it.id], err)
			}
			rqs, err := s.Requests(ctx, v, jic.RequestFilter{})
			must(t, err)
			wantRequests[hubRequest.ID] = true
			checkSet(t, "Requests", ids(rqs, func(r *jic.Request) int64 { return r.ID }), wantRequests)

			for _, it := range products {
				_, err := s.Product(ctx, v, it.id)
				checkOne(t, "Product", it, wantProducts[it.id], err)
			}
			ps, err := s.Products(ctx, v, "", 100)
			must(t, err)
			wantProducts[hub.ID] = true
			checkSet(t, "Products", ids(ps, func(p *jic.Product) int64 { return p.ID }), wantProducts)

			hp, err := s.Product(ctx, v, hub.ID)
			must(t, err)
			checkSet(t, "the hub product's citations", ids(hp.Cites, func(r jic.Ref) int64 { return r.ID }), wantReports)
			hr, err := s.Request(ctx, v, hubRequest.ID)
			must(t, err)
			checkSet(t, "the hub request's answers", ids(hr.Answers, func(r jic.Ref) int64 { return r.ID }), wantReports)
		})
	}
}

func ids[T any](xs []T, id func(T) int64) []int64 {
	var out []int64
	for _, x := range xs {
		out = append(out, id(x))
	}
	return out
}

func checkOne(t *testing.T, op string, it struct {
	marking jic.Marking
	id      int64
}, visible bool, err error) {
	t.Helper()
	switch {
	case visible && err != nil:
		t.Errorf("%s(%s item) = %v, want it", op, it.marking, err)
	case !visible && jic.ErrorCode(err) != jic.ENOTFOUND:
		t.Errorf("%s(%s item) = %v, want ENOTFOUND (a leak)", op, it.marking, err)
	}
}

func checkSet(t *testing.T, op string, got []int64, want map[int64]bool) {
	t.Helper()
	seen := map[int64]bool{}
	for _, id := range got {
		if !want[id] {
			t.Errorf("%s leaked item %d", op, id)
		}
		seen[id] = true
	}
	for id := range want {
		if !seen[id] {
			t.Errorf("%s is missing item %d", op, id)
		}
	}
}
