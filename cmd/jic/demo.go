package main

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"slices"
	"time"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/access"
	"github.com/jic-center/jic/internal/config"
	"github.com/jic-center/jic/internal/demo"
	"github.com/jic-center/jic/internal/ingest"
	"github.com/jic-center/jic/internal/pipeline"
	"github.com/jic-center/jic/internal/server"
	"github.com/jic-center/jic/internal/sqlite"
)

// DemoCmd runs a center with the bundled corpus.
type DemoCmd struct {
	Addr string `help:"Address to listen on (default 127.0.0.1:8080; env JIC_ADDR)." placeholder:"HOST:PORT"`
	Keep bool   `help:"Keep the temporary data directory when the demo stops."`
}

// Run creates a temporary center, loads the bundled real news as TLP:CLEAR,
// and serves it to anyone until interrupted.
func (cmd *DemoCmd) Run(ctx context.Context, g *Globals) error {
	dir, err := os.MkdirTemp("", "jic-demo-")
	if err != nil {
		return err
	}
	if !cmd.Keep {
		defer os.RemoveAll(dir)
	}
	c, err := loadConfig(&Globals{LogLevel: g.LogLevel}, func(c *config.Config) error {
		c.Data, c.Database, c.PublishClear = dir, "", true
		if cmd.Addr != "" {
			c.Addr = cmd.Addr
		}
		return nil
	})
	if err != nil {
		return err
	}
	s, err := sqlite.Open(ctx, c.SQLitePath(), sqlite.Options{MaxRaw: c.MaxBodyBytes})
	if err != nil {
		return err
	}
	defer s.Close()
	password := access.NewPassword()
	admin, err := initCenter(ctx, s, []string{"Demo Center"}, jic.DefaultTermMonths, "admin", password)
	if err != nil {
		return err
	}
	log := newLogger(c.LogLevel)
	q, err := pipeline.NewSQLite(ctx, s.DB, pipeline.Deps{Store: s, Log: log}, pipeline.Options{Workers: 2})
	if err != nil {
		return err
	}
	start := time.Now()
	sum, err := loadDemo(ctx, s, admin.MemberID, c.MaxBodyBytes, q.Process)
	if err != nil {
		return err
	}
	if err := q.Start(ctx); err != nil {
		return err
	}
	defer q.Stop(context.Background())
	srv := server.New(server.Config{Addr: c.Addr, MaxBodyBytes: c.MaxBodyBytes, PublishClear: true, Process: q.Process}, s, log)
	if err := srv.Open(); err != nil {
		return err
	}
	fmt.Printf("jic demo: %d real news reports (Arabic, English, French, Russian) loaded in %.1fs.\n", sum.Added, time.Since(start).Seconds())
	fmt.Printf("Open http://%s/ — readers need no account; to submit reports sign in as %s / %s\n", srv.Addr(), admin.Name, password)
	fmt.Printf("Data directory: %s (%s). Press Ctrl-C to stop.\n", dir, keepWord(cmd.Keep))
	fmt.Println("Sources and licences of the bundled news: see NOTICE (internal/demo/NOTICE).")
	<-ctx.Done()
	return srv.Close()
}

func keepWord(keep bool) string {
	if keep {
		return "kept after the demo"
	}
	return "deleted when the demo stops"
}

// loadDemo stores the embedded corpus as CLEAR reports of the member.
func loadDemo(ctx context.Context, s jic.Store, member int64, maxBytes int, process func(context.Context, ...int64) error) (summary, error) {
	start := time.Now()
	rc, err := demo.Open()
	if err != nil {
		return summary{}, err
	}
	defer rc.Close()
	l := newLoader(s, member, jic.TLPClear, "", maxBytes)
	// The corpus's sources, with the reliability the demo gives them.
	names := slices.Sorted(maps.Keys(demo.Reliability))
	for _, name := range names {
		src := &jic.Source{Name: name, Kind: jic.SourceManual, OwnerMemberID: member, DefaultMarking: jic.TLPClear,
			Reliability: demo.Reliability[name]}
		if err := s.CreateSource(ctx, src); err != nil {
			return summary{}, err
		}
		l.sources[name] = src.ID
	}
	l.process = process
	err = ingest.Parse(rc, "demo.jsonl", ingest.Options{Format: ingest.FormatJSONL, MaxBytes: maxBytes},
		func(it ingest.Item) error { return l.add(ctx, it) })
	if err == nil {
		err = l.flush(ctx)
	}
	if err == nil && len(l.rejected) > 0 {
		err = fmt.Errorf("the bundled corpus has %d bad items, first: %s: %s", len(l.rejected), l.rejected[0].Where, l.rejected[0].Reason)
	}
	return l.summary(start), errors.Join(err)
}
