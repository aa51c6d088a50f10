package bench_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, to read the raw schema

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/bench"
	"github.com/jic-center/jic/internal/postgres"
	"github.com/jic-center/jic/internal/sqlite"
	"github.com/jic-center/jic/internal/textindex"
)

var ctx = context.Background()

// testN is how many reports the small-scale runs load: a seeded sample of
// the base corpus in every language.
const testN = 2000

// shortSample is sample with texts cut to about 300 bytes: FTS5 under the
// race detector indexes about 100 kB/s, and the tests check plumbing, not
// speed.
func shortSample(t *testing.T) []*jic.Report {
	t.Helper()
	var out []*jic.Report
	for _, r := range sample(t) {
		c := *r
		if len(c.Text) > 300 {
			c.Text = c.Text[:max(strings.LastIndexByte(c.Text[:300], ' '), 0)]
		}
		out = append(out, &c)
	}
	return out
}

// testQueries returns three queries of each language from the committed set.
func testQueries(t *testing.T) []bench.Query {
	t.Helper()
	all, err := bench.Queries()
	if err != nil {
		t.Fatal(err)
	}
	var out []bench.Query
	n := map[string]int{}
	for _, q := range all {
		if n[q.Lang] < 3 {
			n[q.Lang]++
			out = append(out, q)
		}
	}
	return out
}

func TestIngestSearchSQLite(t *testing.T) {
	base := shortSample(t)
	target := bench.Target{Backend: bench.BackendSQLite, Dir: t.TempDir()}
	runIngestSearch(t, base, target, func(t *testing.T) (jic.Store, func(string) []int64) {
		s, err := sqlite.Open(ctx, filepath.Join(target.Dir, "jic.db"), sqlite.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		raw, err := sql.Open("sqlite", "file:"+filepath.Join(target.Dir, "raw.db")+"?_pragma=query_only(1)")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { raw.Close() })
		return s, func(q string) []int64 {
			p, err := textindex.ParseQuery(q, nil)
			if err != nil {
				t.Fatal(err)
			}
			return queryIDs(t, raw, `SELECT r.id FROM report_fts f JOIN reports r ON r.skey = f.rowid
				WHERE report_fts MATCH ? ORDER BY f.rowid DESC LIMIT 10`, p.FTS5())
		}
	})
}

func TestIngestSearchPostgres(t *testing.T) {
	url := os.Getenv("JIC_TEST_POSTGRES_URL")
	if url == "" {
		t.Skip("JIC_TEST_POSTGRES_URL is not set")
	}
	base := shortSample(t)
	schema := fmt.Sprintf("benchtest_%d", time.Now().UnixNano())
	target := bench.Target{Backend: bench.BackendPostgres, URL: url, Schema: schema}
	t.Cleanup(func() {
		if err := bench.Drop(ctx, target); err != nil {
			t.Errorf("drop schemas: %v", err)
		}
	})
	runIngestSearch(t, base, target, func(t *testing.T) (jic.Store, func(string) []int64) {
		s, _, err := postgres.Open(ctx, url, postgres.Options{Schema: schema})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		raw, err := sql.Open("pgx", url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { raw.Close() })
		return s, func(q string) []int64 {
			p, err := textindex.ParseQuery(q, nil)
			if err != nil {
				t.Fatal(err)
			}
			return queryIDs(t, raw, `SELECT id FROM `+schema+bench.RawSchemaSuffix+`.reports
				WHERE tsv @@ $1::tsquery ORDER BY skey DESC LIMIT 10`, p.TSQuery())
		}
	})
}

// runIngestSearch loads testN reports, extends the load (a resume), runs
// the search bench, and checks that jic as the system viewer and the raw
// date query find the same ids. open opens jic's store and returns it with
// a function running the raw date query.
func runIngestSearch(t *testing.T, base []*jic.Report, target bench.Target, open func(*testing.T) (jic.Store, func(q string) []int64)) {
	var out bytes.Buffer
	opt := bench.IngestOptions{Target: target, Base: base, N: testN, Seed: 7, Batch: 250}
	if err := bench.Ingest(ctx, opt, &out); err != nil {
		t.Fatalf("Ingest: %v\n%s", err, out.String())
	}
	for _, path := range []string{"jic AddReports", "raw analysis + INSERT", "raw INSERT only", "raw analysis only"} {
		wantRow(t, out.String(), fmt.Sprintf(`%s\s+%s\s+%d\s`, target.Backend, regexp.QuoteMeta(path), testN))
	}
	out.Reset()
	opt.N = testN + 100
	if err := bench.Ingest(ctx, opt, &out); err != nil {
		t.Fatalf("Ingest resumed: %v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), fmt.Sprintf("Resuming the load after %d reports.", testN)) {
		t.Errorf("second Ingest did not resume:\n%s", out.String())
	}
	wantRow(t, out.String(), fmt.Sprintf(`jic AddReports\s+%d\s`, opt.N))

	queries := testQueries(t)
	out.Reset()
	err := bench.Search(ctx, bench.SearchOptions{Target: target, Queries: queries, Passes: 1, Slowest: 1}, &out)
	if err != nil {
		t.Fatalf("Search: %v\n%s", err, out.String())
	}
	for _, mode := range bench.Modes {
		wantRow(t, out.String(), fmt.Sprintf(`(?m)^\s*%s\s+%s\s+[0-9.]+\s+[0-9.]+`, target.Backend, regexp.QuoteMeta(mode)))
	}
	wantRow(t, out.String(), fmt.Sprintf(`returned the same ids for %d of %d queries`, len(queries), len(queries)))

	s, rawDate := open(t)
	distinct := map[string]bool{} // what AddReports stores: one report per owner and content hash
	for _, r := range bench.Scale(base, opt.N, opt.Seed) {
		distinct[fmt.Sprint(r.OwnerMemberID, jic.ContentHash(r.URL, r.Title, r.Text))] = true
	}
	if n, err := s.CountReports(ctx, jic.SystemViewer); err != nil || n != len(distinct) {
		t.Errorf("CountReports(system) = %d, %v; want %d", n, err, len(distinct))
	}
	matched := 0
	for _, q := range queries {
		res, err := s.Search(ctx, jic.SystemViewer, jic.SearchQuery{Q: q.Q, Limit: 10})
		if err != nil {
			t.Fatalf("Search(%q): %v", q.Q, err)
		}
		var got []int64
		for _, h := range res.Hits {
			got = append(got, h.Report.ID)
		}
		want := rawDate(q.Q)
		if !slices.Equal(got, want) {
			t.Errorf("query %q: Store.Search as system = %v, raw date query = %v", q.Q, got, want)
		}
		if len(got) > 0 {
			matched++
		}
	}
	if matched < len(queries)/2 {
		t.Errorf("only %d of %d queries matched anything in %d reports", matched, len(queries), opt.N)
	}
}

func wantRow(t *testing.T, out, pattern string) {
	t.Helper()
	if !regexp.MustCompile(pattern).MatchString(out) {
		t.Errorf("output has no line matching %q:\n%s", pattern, out)
	}
}

func queryIDs(t *testing.T, db *sql.DB, query string, args ...any) []int64 {
	t.Helper()
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return ids
}
