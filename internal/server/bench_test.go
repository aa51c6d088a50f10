package server_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/access"
	"github.com/jic-center/jic/internal/bench"
	"github.com/jic-center/jic/internal/demo"
	"github.com/jic-center/jic/internal/ingest"
	"github.com/jic-center/jic/internal/pipeline"
	"github.com/jic-center/jic/internal/server"
	"github.com/jic-center/jic/internal/sqlite"
	"github.com/jic-center/jic/internal/sqlstore"
)

// BenchmarkPages measures the server time of each page, as a signed-in
// analyst, on the bundled demo corpus stored and processed (places,
// entities, dates) as `jic demo` does. Each page reports its p50 and p95
// in milliseconds:
//
//	go test ./internal/server/ -run '^$' -bench Pages -benchtime 200x
func BenchmarkPages(b *testing.B) {
	ctx := b.Context()
	s, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "jic.db"), sqlite.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	start := time.Now()
	cookie, ids := loadDemo(b, s)
	fmt.Printf("demo corpus: %d reports stored and processed in %.1fs\n", len(ids), time.Since(start).Seconds())
	h := server.New(server.Config{}, s, slog.New(slog.DiscardHandler)).Handler()

	pages, err := bench.DeskPages(ctx, s)
	if err != nil {
		b.Fatal(err)
	}
	for _, p := range pages {
		b.Run(p.Name, func(b *testing.B) {
			var took []time.Duration
			for b.Loop() {
				req := httptest.NewRequest("GET", p.Path, nil)
				req.AddCookie(cookie)
				rec := httptest.NewRecorder()
				t0 := time.Now()
				h.ServeHTTP(rec, req)
				took = append(took, time.Since(t0))
				if rec.Code != http.StatusOK {
					b.Fatalf("GET %s = %d %s", p.Path, rec.Code, rec.Body)
				}
			}
			slices.Sort(took)
			b.ReportMetric(ms(took[len(took)/2]), "p50-ms")
			b.ReportMetric(ms(took[len(took)*95/100]), "p95-ms")
		})
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// loadDemo stores the demo corpus as CLEAR reports of one member, runs the
// processing stages on every report and returns a signed-in analyst's
// session cookie and the report ids.
func loadDemo(b *testing.B, s *sqlstore.Store) (*http.Cookie, []int64) {
	ctx := b.Context()
	m := &jic.Member{Name: "Demo Center", Founding: true, RotationOrder: 1}
	if err := s.CreateMember(ctx, m); err != nil {
		b.Fatal(err)
	}
	h, _ := access.HashPassword(password)
	u := &jic.User{MemberID: m.ID, Name: "analyst", Role: jic.RoleAnalyst, PasswordHash: h}
	if err := s.CreateUser(ctx, u); err != nil {
		b.Fatal(err)
	}
	if err := s.Found(ctx, jic.Center{Founded: time.Now().Add(-24 * time.Hour), TermMonths: 3}); err != nil {
		b.Fatal(err)
	}
	secret := "bench-session-secret"
	if err := s.CreateSession(ctx, &jic.Session{ID: access.SessionID(secret), UserID: u.ID, CSRF: "x", ExpiresAt: time.Now().Add(time.Hour)}); err != nil {
		b.Fatal(err)
	}
	rc, err := demo.Open()
	if err != nil {
		b.Fatal(err)
	}
	defer rc.Close()
	sources := map[string]int64{}
	var batch []*jic.Report
	var ids []int64
	flush := func() {
		res, err := s.AddReports(ctx, batch)
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range res {
			ids = append(ids, r.ID)
		}
		batch = batch[:0]
	}
	err = ingest.Parse(rc, "demo.jsonl", ingest.Options{Format: ingest.FormatJSONL}, func(it ingest.Item) error {
		if it.Err != nil {
			return it.Err
		}
		r := it.Report
		r.OwnerMemberID, r.Marking, r.Collected = m.ID, jic.TLPClear, time.Now()
		if it.Source != "" {
			if sources[it.Source] == 0 {
				src := &jic.Source{Name: it.Source, Kind: jic.SourceManual, OwnerMemberID: m.ID}
				if err := s.CreateSource(ctx, src); err != nil {
					return err
				}
				sources[it.Source] = src.ID
			}
			r.SourceID = sources[it.Source]
		}
		if batch = append(batch, r); len(batch) == 500 {
			flush()
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	flush()
	process(b, s, ids)
	return &http.Cookie{Name: access.SessionCookie, Value: secret}, ids
}

// process runs the processing stages on the reports and waits for them.
func process(b *testing.B, s *sqlstore.Store, ids []int64) {
	ctx, cancel := context.WithTimeout(b.Context(), 10*time.Minute)
	defer cancel()
	q, err := pipeline.NewSQLite(ctx, s.DB, pipeline.Deps{Store: s, Log: slog.New(slog.DiscardHandler)}, pipeline.Options{Workers: 2})
	if err != nil {
		b.Fatal(err)
	}
	if err := q.Start(ctx); err != nil {
		b.Fatal(err)
	}
	defer q.Stop(context.Background())
	if err := q.Process(ctx, ids...); err != nil {
		b.Fatal(err)
	}
	for {
		left, err := s.ReportsWithoutStage(ctx, pipeline.StageDates, time.Now().Add(time.Hour), 1)
		if err != nil {
			b.Fatal(err)
		}
		if len(left) == 0 {
			return
		}
		select {
		case <-ctx.Done():
			b.Fatal(fmt.Errorf("processing the demo corpus: %w", ctx.Err()))
		case <-time.After(200 * time.Millisecond):
		}
	}
}
