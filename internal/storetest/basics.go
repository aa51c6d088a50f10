package storetest

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/jic-center/jic"
)

func testMembers(t *testing.T, b Backend) {
	s := b.Open(t)
	m := &jic.Member{Name: "Alpha Agency", Founding: true, RotationOrder: 2}
	must(t, s.CreateMember(ctx, m))
	if m.ID == 0 {
		t.Fatal("CreateMember did not set ID")
	}
	must(t, s.CreateMember(ctx, &jic.Member{Name: "Beta Bureau", RotationOrder: 1}))
	wantCode(t, "CreateMember(duplicate name)", s.CreateMember(ctx, &jic.Member{Name: "Alpha Agency"}), jic.ECONFLICT)
	wantCode(t, "CreateMember(no name)", s.CreateMember(ctx, &jic.Member{}), jic.EINVALID)

	got, err := s.MemberByName(ctx, "Alpha Agency")
	must(t, err)
	if got.ID != m.ID || !got.Founding || got.RotationOrder != 2 || !got.AdmittedAt.Equal(m.AdmittedAt) {
		t.Errorf("MemberByName = %+v, want %+v", got, m)
	}
	_, err = s.Member(ctx, 9999)
	wantCode(t, "Member(9999)", err, jic.ENOTFOUND)
	all, err := s.Members(ctx)
	must(t, err)
	if len(all) != 2 || all[0].Name != "Beta Bureau" {
		t.Errorf("Members = %v, want Beta Bureau first by rotation order", all)
	}
}

func testUsers(t *testing.T, b Backend) {
	s := b.Open(t)
	m := &jic.Member{Name: "Alpha Agency"}
	must(t, s.CreateMember(ctx, m))
	u := &jic.User{MemberID: m.ID, Name: "alice", Role: jic.RoleAdmin, PasswordHash: "$argon2id$..."}
	must(t, s.CreateUser(ctx, u))
	wantCode(t, "CreateUser(duplicate)", s.CreateUser(ctx, &jic.User{MemberID: m.ID, Name: "alice", Role: jic.RoleViewer, PasswordHash: "x"}), jic.ECONFLICT)
	wantCode(t, "CreateUser(unknown member)", s.CreateUser(ctx, &jic.User{MemberID: 999, Name: "bob", Role: jic.RoleViewer, PasswordHash: "x"}), jic.EINVALID)
	wantCode(t, "CreateUser(bad role)", s.CreateUser(ctx, &jic.User{MemberID: m.ID, Name: "carol", Role: "boss", PasswordHash: "x"}), jic.EINVALID)
	got, err := s.UserByName(ctx, "alice")
	must(t, err)
	if got.ID != u.ID || got.MemberID != m.ID || got.Role != jic.RoleAdmin || got.PasswordHash != u.PasswordHash {
		t.Errorf("UserByName = %+v, want %+v", got, u)
	}
	_, err = s.UserByName(ctx, "nobody")
	wantCode(t, "UserByName(nobody)", err, jic.ENOTFOUND)
	if n, err := s.CountUsers(ctx); err != nil || n != 1 {
		t.Errorf("CountUsers = %d, %v; want 1", n, err)
	}
}

func testSources(t *testing.T, b Backend) {
	s := b.Open(t)
	src := &jic.Source{Name: "Al Arabiya", Kind: jic.SourceFeed, URL: "https://www.alarabiya.net/rss", Reliability: "b", Language: "ar", Country: "AE"}
	must(t, s.CreateSource(ctx, src))
	got, err := s.SourceByName(ctx, "Al Arabiya")
	must(t, err)
	want := *src
	want.Reliability, want.DefaultMarking = jic.ReliabilityB, jic.TLPGreen
	if diff := cmp.Diff(&want, got); diff != "" {
		t.Errorf("SourceByName (-want +got):\n%s", diff)
	}
	wantCode(t, "CreateSource(duplicate)", s.CreateSource(ctx, &jic.Source{Name: "Al Arabiya"}), jic.ECONFLICT)
	wantCode(t, "CreateSource(bad reliability)", s.CreateSource(ctx, &jic.Source{Name: "X", Reliability: "G"}), jic.EINVALID)
	_, err = s.Source(ctx, 12345)
	wantCode(t, "Source(12345)", err, jic.ENOTFOUND)
	list, err := s.Sources(ctx)
	must(t, err)
	if len(list) != 1 {
		t.Errorf("Sources = %d, want 1", len(list))
	}
}

func testAddReports(t *testing.T, b Backend) {
	w := newWorld(t, b.Open(t))
	r := w.report("Floods in Baghdad", "Heavy rain flooded streets.", "en", 0)
	r.Collected = w.base.Add(time.Hour)
	res := w.add(t, r)
	if res[0].ID == 0 || res[0].Duplicate {
		t.Fatalf("AddReports = %+v, want a new id", res)
	}
	got, err := w.s.Report(ctx, jic.SystemViewer, res[0].ID)
	must(t, err)
	want := *r
	want.SourceName = "Wire"
	if diff := cmp.Diff(&want, got); diff != "" {
		t.Errorf("Report (-want +got):\n%s", diff)
	}
	if len(got.ContentHash) != 64 {
		t.Errorf("ContentHash = %q, want 64 hex digits", got.ContentHash)
	}

	// The same content again, alone and inside a batch, is the same report.
	again := w.report("Floods in Baghdad", "Heavy rain flooded streets.", "en", 0)
	other := w.report("Fire in Mosul", "A fire broke out.", "en", 1)
	res2 := w.add(t, again, other, w.report("Fire in Mosul", "A fire broke out.", "en", 1))
	if !res2[0].Duplicate || res2[0].ID != res[0].ID {
		t.Errorf("re-adding the same content = %+v, want duplicate of %d", res2[0], res[0].ID)
	}
	if res2[1].Duplicate || !res2[2].Duplicate || res2[2].ID != res2[1].ID {
		t.Errorf("a batch holding one report twice = %+v, want the second a duplicate of the first", res2[1:])
	}
	if n, _ := w.s.CountReports(ctx, jic.SystemViewer); n != 2 {
		t.Errorf("CountReports = %d, want 2", n)
	}
	// The same content from another member is that member's own report.
	fromB := w.report("Floods in Baghdad", "Heavy rain flooded streets.", "en", 0)
	fromB.OwnerMemberID = w.b.ID
	if res3 := w.add(t, fromB); res3[0].Duplicate {
		t.Errorf("the same content from another member was taken as a duplicate")
	}
}

func testAddReportsInvalid(t *testing.T, b Backend) {
	w := newWorld(t, b.Open(t))
	w.add(t, w.report("Kept", "This report was stored before.", "en", 0))
	huge := w.report("Huge", strings.Repeat("a", jic.DefaultMaxRaw+1), "en", 0)
	tests := []struct {
		name string
		r    *jic.Report
		code string
	}{
		{"invalid utf8 title", w.report("bad \xff title", "text", "en", 0), jic.EINVALID},
		{"invalid utf8 text", w.report("title", "bad \xc3\x28 text", "en", 0), jic.EINVALID},
		{"empty", w.report("", "  ", "en", 0), jic.EINVALID},
		{"too large", huge, jic.ETOOLARGE},
		{"bad marking", func() *jic.Report { r := w.report("t", "x", "en", 0); r.Marking = "PURPLE"; return r }(), jic.EINVALID},
		{"no owner", func() *jic.Report { r := w.report("t", "x", "en", 0); r.OwnerMemberID = 0; return r }(), jic.EINVALID},
		{"unknown source", func() *jic.Report { r := w.report("t", "x", "en", 0); r.SourceID = 999; return r }(), jic.EINVALID},
		{"red without recipients", func() *jic.Report { r := w.report("t", "x", "en", 0); r.Marking = jic.TLPRed; return r }(), jic.EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			good := w.report("Good "+tt.name, "A valid report in the same batch.", "en", 2)
			_, err := w.s.AddReports(ctx, []*jic.Report{good, tt.r})
			wantCode(t, "AddReports", err, tt.code)
			if n, _ := w.s.CountReports(ctx, jic.SystemViewer); n != 1 {
				t.Errorf("after a rejected batch CountReports = %d, want 1 (nothing of the batch kept, nothing before lost)", n)
			}
		})
	}
}

func testDurable(t *testing.T, b Backend) {
	s := b.Open(t)
	w := newWorld(t, s)
	raw := []byte("<DOC>raw bytes \x00\xff as received</DOC>")
	r := w.report("Durable", "Survives a restart.", "en", 0)
	r.Raw = raw
	res := w.add(t, r)
	s = b.Reopen(t, s)
	got, err := s.Report(ctx, jic.SystemViewer, res[0].ID)
	must(t, err)
	if got.Title != "Durable" || !bytes.Equal(got.Raw, raw) {
		t.Errorf("after reopen Report = %q raw %q, want Durable and the raw bytes", got.Title, got.Raw)
	}
	hits, err := s.Search(ctx, jic.SystemViewer, jic.SearchQuery{Q: "survive restart"})
	must(t, err)
	if len(hits.Hits) != 1 {
		t.Errorf("after reopen Search found %d hits, want 1", len(hits.Hits))
	}
}

// testScope checks every marking against every kind of viewer on the reads
// that return reports.
func testScope(t *testing.T, b Backend) {
	w := newWorld(t, b.Open(t))
	c := &jic.Member{Name: "Gamma Group"}
	must(t, w.s.CreateMember(ctx, c))
	uc := &jic.User{MemberID: c.ID, Name: "carol", Role: jic.RoleViewer, PasswordHash: "x"}
	must(t, w.s.CreateUser(ctx, uc))
	viewers := map[string]jic.Viewer{
		"anonymous": {},
		"owner":     w.viewerA(),
		"shared":    w.viewerB(),
		"other":     {UserID: uc.ID, MemberID: c.ID, Role: jic.RoleViewer},
		"system":    jic.SystemViewer,
	}
	ids := map[jic.Marking]int64{}
	for i, m := range jic.Markings {
		r := w.report("Scoped "+string(m), "marking test text", "en", i)
		r.Marking, r.SubmittedBy = m, w.ua.ID
		r.ShareWith = []int64{w.b.ID}
		ids[m] = w.add(t, r)[0].ID
	}
	for name, v := range viewers {
		visible := map[int64]bool{}
		for m, id := range ids {
			want := v.CanSee(m, w.a.ID, []int64{w.b.ID}, []int64{w.ua.ID})
			_, err := w.s.Report(ctx, v, id)
			if want && err != nil || !want && jic.ErrorCode(err) != jic.ENOTFOUND {
				t.Errorf("%s: Report(%s) error %v, want visible=%v", name, m, err, want)
			}
			if want {
				visible[id] = true
			}
		}
		list, err := w.s.Reports(ctx, v, jic.ReportFilter{})
		must(t, err)
		n, err := w.s.CountReports(ctx, v)
		must(t, err)
		hits, err := w.s.Search(ctx, v, jic.SearchQuery{Q: "marking test"})
		must(t, err)
		if len(list) != len(visible) || n != len(visible) || len(hits.Hits) != len(visible) {
			t.Errorf("%s: Reports %d, CountReports %d, Search %d; want %d each", name, len(list), n, len(hits.Hits), len(visible))
		}
		for _, r := range list {
			if !visible[r.ID] {
				t.Errorf("%s: Reports leaked %s report %d", name, r.Marking, r.ID)
			}
		}
		for _, h := range hits.Hits {
			if !visible[h.Report.ID] {
				t.Errorf("%s: Search leaked %s report %d", name, h.Report.Marking, h.Report.ID)
			}
		}
	}
}
