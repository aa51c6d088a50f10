// Package storetest is the conformance suite every jic.Store must pass:
// members, users, sources, idempotent durable reports, marking scope on
// every read, multilingual search with filters and paging, and backups. The
// SQLite store runs it always, the PostgreSQL store when
// JIC_TEST_POSTGRES_URL is set.
package storetest

import (
	"context"
	"net/url"
	"testing"
	"time"

	"github.com/jic-center/jic"
)

// Backend opens stores for the suite.
type Backend struct {
	// Open returns a new, empty, migrated store that the test owns; it is
	// closed by t.Cleanup.
	Open func(t *testing.T) jic.Store
	// Reopen closes s and opens the same database again, as a restarted
	// process would.
	Reopen func(t *testing.T, s jic.Store) jic.Store
	// Exec runs SQL on s's database behind the store's back, as an
	// attacker with the database would.
	Exec func(t *testing.T, s jic.Store, query string)
}

// Run runs the whole suite against b.
func Run(t *testing.T, b Backend) {
	t.Run("Members", func(t *testing.T) { testMembers(t, b) })
	t.Run("Users", func(t *testing.T) { testUsers(t, b) })
	t.Run("Sources", func(t *testing.T) { testSources(t, b) })
	t.Run("AddReports", func(t *testing.T) { testAddReports(t, b) })
	t.Run("AddReportsInvalid", func(t *testing.T) { testAddReportsInvalid(t, b) })
	t.Run("Durable", func(t *testing.T) { testDurable(t, b) })
	t.Run("Scope", func(t *testing.T) { testScope(t, b) })
	t.Run("Search", func(t *testing.T) { testSearch(t, b) })
	t.Run("SearchFilters", func(t *testing.T) { testSearchFilters(t, b) })
	t.Run("SearchPaging", func(t *testing.T) { testSearchPaging(t, b) })
	t.Run("SearchScope", func(t *testing.T) { testSearchScope(t, b) })
	t.Run("RealInflections", func(t *testing.T) { testRealInflections(t, b) })
	t.Run("Tokens", func(t *testing.T) { testTokens(t, b) })
	t.Run("Headship", func(t *testing.T) { testHeadship(t, b) })
	t.Run("Requests", func(t *testing.T) { testRequests(t, b) })
	t.Run("Products", func(t *testing.T) { testProducts(t, b) })
	t.Run("Leaks", func(t *testing.T) { testLeaks(t, b) })
	t.Run("Watches", func(t *testing.T) { testWatches(t, b) })
	t.Run("SourcePolling", func(t *testing.T) { testSourcePolling(t, b) })
	t.Run("Stages", func(t *testing.T) { testStages(t, b) })
	t.Run("Mentions", func(t *testing.T) { testMentions(t, b) })
	t.Run("Dates", func(t *testing.T) { testDates(t, b) })
	t.Run("Dedup", func(t *testing.T) { testDedup(t, b) })
	t.Run("Claims", func(t *testing.T) { testClaims(t, b) })
	t.Run("Stories", func(t *testing.T) { testStories(t, b) })
	t.Run("SaveProcessed", func(t *testing.T) { testSaveProcessed(t, b) })
	t.Run("Batch", func(t *testing.T) { testBatch(t, b) })
	t.Run("Entity", func(t *testing.T) { testEntity(t, b) })
	t.Run("EntityMentions", func(t *testing.T) { testEntityMentions(t, b) })
	t.Run("PlaceCounts", func(t *testing.T) { testPlaceCounts(t, b) })
	t.Run("SearchFacets", func(t *testing.T) { testSearchFacets(t, b) })
	t.Run("ReportFilters", func(t *testing.T) { testReportFilters(t, b) })
	t.Run("EntityLeaks", func(t *testing.T) { testEntityLeaks(t, b) })
	t.Run("Audit", func(t *testing.T) { testAudit(t, b) })
	t.Run("Backup", func(t *testing.T) { testBackup(t, b) })
	t.Run("RestoreRefuses", func(t *testing.T) { testRestoreRefuses(t, b) })
}

var ctx = context.Background()

// RunSearch runs the search part of the suite.
func RunSearch(t *testing.T, b Backend) {
	t.Run("Search", func(t *testing.T) { testSearch(t, b) })
	t.Run("SearchFilters", func(t *testing.T) { testSearchFilters(t, b) })
	t.Run("SearchPaging", func(t *testing.T) { testSearchPaging(t, b) })
	t.Run("SearchScope", func(t *testing.T) { testSearchScope(t, b) })
	t.Run("RealInflections", func(t *testing.T) { testRealInflections(t, b) })
}

// world is a small center: two members with one user each and a source.
type world struct {
	s      jic.Store
	a, b   *jic.Member
	ua, ub *jic.User
	src    *jic.Source
	base   time.Time
}

func newWorld(t *testing.T, s jic.Store) *world {
	t.Helper()
	w := &world{s: s, base: time.Date(2018, 7, 15, 12, 0, 0, 0, time.UTC)}
	w.a = &jic.Member{Name: "Alpha Agency", Founding: true, RotationOrder: 1}
	w.b = &jic.Member{Name: "Beta Bureau", Founding: true, RotationOrder: 2}
	for _, m := range []*jic.Member{w.a, w.b} {
		must(t, s.CreateMember(ctx, m))
	}
	w.ua = &jic.User{MemberID: w.a.ID, Name: "alice", Role: jic.RoleAnalyst, PasswordHash: "x"}
	w.ub = &jic.User{MemberID: w.b.ID, Name: "bob", Role: jic.RoleAnalyst, PasswordHash: "x"}
	for _, u := range []*jic.User{w.ua, w.ub} {
		must(t, s.CreateUser(ctx, u))
	}
	w.src = &jic.Source{Name: "Wire", Kind: jic.SourceManual, Reliability: "B", OwnerMemberID: w.a.ID}
	must(t, s.CreateSource(ctx, w.src))
	return w
}

func (w *world) viewerA() jic.Viewer {
	return jic.Viewer{UserID: w.ua.ID, MemberID: w.a.ID, Role: jic.RoleAnalyst}
}

func (w *world) viewerB() jic.Viewer {
	return jic.Viewer{UserID: w.ub.ID, MemberID: w.b.ID, Role: jic.RoleAnalyst}
}

// report returns a CLEAR report of member a, published hours after base.
func (w *world) report(title, text, lang string, hours int) *jic.Report {
	return &jic.Report{
		SourceID: w.src.ID, OwnerMemberID: w.a.ID, Title: title, Text: text, Language: lang,
		URL: "https://example.org/" + url.PathEscape(title), Published: w.base.Add(time.Duration(hours) * time.Hour),
		Marking: jic.TLPClear, Raw: []byte(title + "\n" + text), RawType: "text/plain",
	}
}

func (w *world) add(t *testing.T, rs ...*jic.Report) []jic.AddResult {
	t.Helper()
	res, err := w.s.AddReports(ctx, rs)
	if err != nil {
		t.Fatalf("AddReports: %v", err)
	}
	return res
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func wantCode(t *testing.T, what string, err error, code string) {
	t.Helper()
	if got := jic.ErrorCode(err); got != code {
		t.Errorf("%s: error %v (code %q), want code %q", what, err, got, code)
	}
}
