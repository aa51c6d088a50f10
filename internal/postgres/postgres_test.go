package postgres_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/postgres"
	"github.com/jic-center/jic/internal/sqlite"
	"github.com/jic-center/jic/internal/sqlstore"
	"github.com/jic-center/jic/internal/storetest"
)

// testURL returns JIC_TEST_POSTGRES_URL or skips.
func testURL(t *testing.T) string {
	url := os.Getenv("JIC_TEST_POSTGRES_URL")
	if url == "" {
		t.Skip("JIC_TEST_POSTGRES_URL is not set: PostgreSQL tests skipped")
	}
	return url
}

func TestConformance(t *testing.T) {
	storetest.Run(t, backend(t))
}

// TestSearchInTimeSlices runs the search tests with a walk of three
// reports, so that most queries reach the time slices.
func TestSearchInTimeSlices(t *testing.T) {
	b := backend(t)
	defer postgres.SetWalk(3)()
	storetest.RunSearch(t, b)
}

func backend(t *testing.T) storetest.Backend {
	url := testURL(t)
	schemas := map[jic.Store]string{}
	open := func(t *testing.T, schema string) jic.Store {
		s, _, err := postgres.Open(t.Context(), url, postgres.Options{Schema: schema, MaxConns: 4})
		if err != nil {
			t.Fatalf("Open(schema %s): %v", schema, err)
		}
		schemas[s] = schema
		t.Cleanup(func() { s.Close() })
		return s
	}
	return storetest.Backend{
		Open: func(t *testing.T) jic.Store {
			schema := fmt.Sprintf("jic_test_%d_%08x", os.Getpid(), rand.Uint32())
			t.Cleanup(func() { dropSchema(t, url, schema) })
			return open(t, schema)
		},
		Reopen: func(t *testing.T, s jic.Store) jic.Store {
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			return open(t, schemas[s])
		},
		Exec: func(t *testing.T, s jic.Store, query string) {
			if _, err := s.(*sqlstore.Store).DB.ExecContext(t.Context(), query); err != nil {
				t.Fatal(err)
			}
		},
	}
}

func dropSchema(t *testing.T, url, schema string) {
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Errorf("drop schema %s: %v", schema, err)
		return
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(context.Background(), `DROP SCHEMA `+pgx.Identifier{schema}.Sanitize()+` CASCADE`); err != nil {
		t.Errorf("drop schema %s: %v", schema, err)
	}
}

// TestSameHitsAsSQLite checks that PostgreSQL and SQLite return the same
// hits for the same reports, with the usual walk and with a walk so short
// that the time slices answer.
func TestSameHitsAsSQLite(t *testing.T) {
	t.Run("walk", func(t *testing.T) { sameHitsAsSQLite(t) })
	t.Run("slices", func(t *testing.T) {
		defer postgres.SetWalk(3)()
		sameHitsAsSQLite(t)
	})
	t.Run("slices by statistics", func(t *testing.T) {
		defer postgres.SetWalk(3)()
		sameHitsAsSQLite(t, func(t *testing.T, s jic.Store) {
			if pg, ok := s.(*sqlstore.Store); ok && pg.Dialect.Name() == "postgres" {
				// Fine statistics, so that slices are a few reports each.
				for _, q := range []string{`ALTER TABLE reports ALTER COLUMN skey SET STATISTICS 10000`, `ANALYZE reports`} {
					if _, err := pg.DB.ExecContext(t.Context(), q); err != nil {
						t.Fatal(err)
					}
				}
			}
		})
	})
}

func sameHitsAsSQLite(t *testing.T, settle ...func(*testing.T, jic.Store)) {
	url := testURL(t)
	schema := fmt.Sprintf("jic_test_%d_%08x", os.Getpid(), rand.Uint32())
	t.Cleanup(func() { dropSchema(t, url, schema) })
	pg, _, err := postgres.Open(t.Context(), url, postgres.Options{Schema: schema, MaxConns: 4})
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	lite, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "jic.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	storetest.SameHits(t, lite, pg, settle...)
}

func TestSliceQuery(t *testing.T) {
	for _, c := range []struct {
		lo, hi int64
		want   string
		ok     bool
	}{
		{4096, 3*4096 + 5, "(a & b) & ('~12.1' | '~12.2' | '~12.3')", true},
		{0, 16 * 4096, "(a & b) & ('~16.0' | '~16.1')", true},
		{1 << 28, 1<<28 + 20<<24, "(a & b) & ('~28.1' | '~28.2')", true},
		{0, 16 << 28, "", false},
	} {
		got, ok := postgres.SliceQuery("a & b", c.lo, c.hi)
		if got != c.want || ok != c.ok {
			t.Errorf("sliceQuery(%d, %d) = %q, %v; want %q, %v", c.lo, c.hi, got, ok, c.want, c.ok)
		}
	}
}

func TestHistogramBelow(t *testing.T) {
	h := postgres.Histogram([]int64{0, 10, 20, 30, 40}, 100) // 4 intervals of 25 reports
	for _, c := range []struct {
		hi      int64
		rows    float64
		lo      int64
		reports float64
	}{
		{35, 10, 30, 25}, // within the last interval
		{35, 30, 20, 50}, // two intervals
		{45, 10, 40, 25}, // above the last bound: reports since ANALYZE
		{35, 200, 0, -1}, // more than there are: everything
		{10, 10, 0, -1},  // in the first interval: everything
	} {
		lo, n := h.Below(c.hi, c.rows)
		if lo != c.lo || (c.reports >= 0 && n != c.reports) || (c.reports < 0 && !math.IsInf(n, 1)) {
			t.Errorf("below(%d, %g) = %d, %g; want %d, %g", c.hi, c.rows, lo, n, c.lo, c.reports)
		}
	}
	if lo, n := postgres.Histogram(nil, 0).Below(35, 10); lo != 0 || !math.IsInf(n, 1) {
		t.Errorf("no statistics: below = %d, %g; want everything", lo, n)
	}
}
