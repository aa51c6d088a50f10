package bench_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jic-center/jic/internal/bench"
	"github.com/jic-center/jic/internal/sqlite"
)

func TestPagesSQLite(t *testing.T) {
	target := bench.Target{Backend: bench.BackendSQLite, Dir: t.TempDir()}
	runPages(t, target)
	s, err := sqlite.Open(ctx, filepath.Join(target.Dir, "jic.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// Every report, processed or copied, is in a story and a syndication
	// group, and the stories count them all.
	for _, q := range []string{
		`SELECT count(*) FROM reports WHERE id NOT IN (SELECT report_id FROM story_reports)`,
		`SELECT count(*) FROM reports WHERE id NOT IN (SELECT report_id FROM dedup_prints)`,
		`SELECT (SELECT count(*) FROM reports) - (SELECT sum(reports) FROM stories)`,
		`SELECT (SELECT count(*) FROM reports) - (SELECT sum(members) FROM dedup_groups)`,
		`SELECT (SELECT count(*) FROM reports) - (SELECT sum(n) FROM report_counts)`,                                     // counted as added
		`SELECT count(*) FROM claim_links WHERE contradiction = 1 AND later_at IS NULL`,                                  // the copies' contradictions have their time
		`SELECT count(*) - count(DISTINCT report_id || '.' || field || '.' || span_start || '.' || speaker) FROM claims`, // no claim copied twice
	} {
		var n int
		if err := s.DB.QueryRowContext(ctx, q).Scan(&n); err != nil || n != 0 {
			t.Errorf("%s = %d, %v; want 0", q, n, err)
		}
	}
}

func TestPagesPostgres(t *testing.T) {
	url := os.Getenv("JIC_TEST_POSTGRES_URL")
	if url == "" {
		t.Skip("JIC_TEST_POSTGRES_URL is not set")
	}
	target := bench.Target{Backend: bench.BackendPostgres, URL: url, Schema: fmt.Sprintf("pagestest_%d", time.Now().UnixNano())}
	t.Cleanup(func() {
		if err := bench.Drop(ctx, target); err != nil {
			t.Errorf("drop schemas: %v", err)
		}
	})
	runPages(t, target)
}

// runPages builds a store of testN reports, 200 of them processed, times
// the pages, runs again on the same store, which must be reused, then
// grows it by 500 reports.
func runPages(t *testing.T, target bench.Target) {
	opt := bench.PagesOptions{FixtureOptions: bench.FixtureOptions{Target: target, Base: shortSample(t), N: testN, Processed: 200, Seed: 1}, Requests: 2}
	for run, n := range []int{testN, testN, testN + 500} {
		opt.N = n
		var out bytes.Buffer
		start := time.Now()
		if err := bench.Pages(ctx, opt, &out); err != nil {
			t.Fatalf("run %d: %v", run, err)
		}
		t.Logf("run %d in %s:\n%s", run, time.Since(start), out.String())
		for _, want := range []string{fmt.Sprintf("Store: %d reports (200 processed for real", n), "dashboard", "entity (most mentioned place)", "story (", "products"} {
			if !strings.Contains(out.String(), want) {
				t.Errorf("run %d: the output lacks %q", run, want)
			}
		}
	}
}
