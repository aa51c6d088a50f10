package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/jic-center/jic"

	"github.com/jic-center/jic/internal/config"
	"github.com/jic-center/jic/internal/fetch"
	"github.com/jic-center/jic/internal/ner"
	"github.com/jic-center/jic/internal/pipeline"
	"github.com/jic-center/jic/internal/server"
)

// ServeCmd serves the center over HTTP.
type ServeCmd struct {
	Addr         string   `help:"Address to listen on (default 127.0.0.1:8080; env JIC_ADDR)." placeholder:"HOST:PORT"`
	PublishClear bool     `help:"Let readers without an account see TLP:CLEAR reports (env JIC_PUBLISH_CLEAR)."`
	Workers      int      `help:"Background jobs to run at once in this process (0: leave them to jic worker nodes)." default:"2"`
	AllowNet     []string `help:"Open an address range (CIDR) to outbound fetching, which refuses loopback, private and other inside addresses; repeatable (env JIC_ALLOW_NET, comma-separated)." placeholder:"CIDR"`
}

// Run serves until interrupted, then drains requests in flight.
func (cmd *ServeCmd) Run(ctx context.Context, g *Globals) error {
	c, err := loadConfig(g, func(c *config.Config) error {
		if cmd.Addr != "" {
			c.Addr = cmd.Addr
		}
		c.PublishClear = c.PublishClear || cmd.PublishClear
		c.AllowNet = append(c.AllowNet, cmd.AllowNet...)
		return nil
	})
	if err != nil {
		return err
	}
	s, newQueue, err := openBackend(ctx, c, false)
	if err != nil {
		return err
	}
	defer s.Close()
	if !c.Postgres() {
		release, err := lockData(c.Data)
		if err != nil {
			return err
		}
		defer release()
	}
	log := newLogger(c.LogLevel)
	client, err := fetchClient(c)
	if err != nil {
		return err
	}
	reg, err := names(c)
	if err != nil {
		return err
	}
	q, err := newQueue(pipeline.Deps{Store: s, Fetch: client, Log: log, Names: reg}, pipeline.Options{Workers: cmd.Workers, RescueAfter: time.Duration(c.RescueAfter)})
	if err != nil {
		return err
	}
	if err := q.Start(ctx); err != nil {
		return err
	}
	srv := server.New(server.Config{Addr: c.Addr, MaxBodyBytes: c.MaxBodyBytes, PublishClear: c.PublishClear, Process: q.Process}, s, log)
	if err := srv.Open(); err != nil {
		return errors.Join(err, q.Stop(context.Background()))
	}
	fmt.Printf("jic serving %s on http://%s/\n", c.Data, srv.Addr())
	h := startHandovers(ctx, s, log)
	<-ctx.Done()
	log.Info("shutting down")
	err = srv.Close()
	h.wait()
	stopCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return errors.Join(err, q.Stop(stopCtx))
}

// WorkerCmd runs background jobs without serving HTTP: add these nodes to
// share the work of a PostgreSQL-backed center.
type WorkerCmd struct {
	Workers  int      `help:"Jobs to run at once." default:"4"`
	AllowNet []string `help:"Open an address range (CIDR) to outbound fetching; repeatable." placeholder:"CIDR"`
}

// Run works until interrupted, then lets running jobs finish for up to ten
// seconds; jobs cut short are run again later.
func (cmd *WorkerCmd) Run(ctx context.Context, g *Globals) error {
	c, err := loadConfig(g, func(c *config.Config) error {
		c.AllowNet = append(c.AllowNet, cmd.AllowNet...)
		return nil
	})
	if err != nil {
		return err
	}
	client, err := fetchClient(c)
	if err != nil {
		return err
	}
	reg, err := names(c)
	if err != nil {
		return err
	}
	s, newQueue, err := openBackend(ctx, c, false)
	if err != nil {
		return err
	}
	defer s.Close()
	log := newLogger(c.LogLevel)
	q, err := newQueue(pipeline.Deps{Store: s, Fetch: client, Log: log, Names: reg}, pipeline.Options{Workers: max(1, cmd.Workers), RescueAfter: time.Duration(c.RescueAfter)})
	if err != nil {
		return err
	}
	if err := q.Start(ctx); err != nil {
		return err
	}
	fmt.Printf("jic worker running %d jobs at once on %s\n", max(1, cmd.Workers), c.Data)
	<-ctx.Done()
	stopCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return q.Stop(stopCtx)
}

// handovers records each head's term when it starts: it checks at start-up
// and every minute after, so a handover happens within a minute of the
// term boundary, and one missed while jic was down happens at start-up.
type handovers struct{ done chan struct{} }

func startHandovers(ctx context.Context, s jic.Store, log *slog.Logger) *handovers {
	h := &handovers{done: make(chan struct{})}
	go func() {
		defer close(h.done)
		tick := time.NewTicker(time.Minute)
		defer tick.Stop()
		for {
			terms, err := s.RecordTerms(ctx, time.Now())
			switch {
			case err != nil && ctx.Err() == nil && jic.ErrorCode(err) != jic.ENOTFOUND:
				log.Error("record handover", "err", err)
			case len(terms) > 0:
				t := terms[len(terms)-1]
				log.Info("handover: a new head's term starts", "term", t.No+1, "member_id", t.MemberID, "user_id", t.UserID, "ends", t.Ends)
			}
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
		}
	}()
	return h
}

func (h *handovers) wait() { <-h.done }

// fetchClient is the process's one outbound client: its per-host limits
// hold across every collector.
// names returns the alias registry: the embedded one, extended by the
// operator's names_file if set.
func names(c config.Config) (*ner.Registry, error) {
	if c.NamesFile == "" {
		return ner.DefaultRegistry(), nil
	}
	f, err := os.Open(c.NamesFile)
	if err != nil {
		return nil, jic.FieldErrorf(jic.EINVALID, "names_file", "%v", err)
	}
	defer f.Close()
	reg, err := ner.DefaultRegistry().Extend(f)
	if err != nil {
		return nil, jic.FieldErrorf(jic.EINVALID, "names_file", "%s: %s", c.NamesFile, jic.ErrorMessage(err))
	}
	return reg, nil
}

func fetchClient(c config.Config) (*fetch.Client, error) {
	nets, err := fetch.ParseAllowNets(c.AllowNet)
	if err != nil {
		return nil, err
	}
	return fetch.New(fetch.Options{AllowNets: nets, MaxBytes: int64(c.MaxBodyBytes), Timeout: time.Duration(c.FetchTimeout)}), nil
}
