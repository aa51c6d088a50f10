package postgres_test

import (
	"context"
	"fmt"
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

// TestSearchPastRecentWindow runs the search tests with a walk of three
// reports, so that most queries reach the GIN step.
func TestSearchPastRecentWindow(t *testing.T) {
	b := backend(t)
	defer postgres.SetRecentRows(3)()
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
// hits for the same reports.
func TestSameHitsAsSQLite(t *testing.T) {
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
	storetest.SameHits(t, lite, pg)
}
