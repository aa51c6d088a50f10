package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/jic-center/jic"

	"github.com/jic-center/jic/internal/config"
	"github.com/jic-center/jic/internal/server"
)

// ServeCmd serves the center over HTTP.
type ServeCmd struct {
	Addr         string `help:"Address to listen on (default 127.0.0.1:8080; env JIC_ADDR)." placeholder:"HOST:PORT"`
	PublishClear bool   `help:"Let readers without an account see TLP:CLEAR reports (env JIC_PUBLISH_CLEAR)."`
}

// Run serves until interrupted, then drains requests in flight.
func (cmd *ServeCmd) Run(ctx context.Context, g *Globals) error {
	c, err := loadConfig(g, func(c *config.Config) error {
		if cmd.Addr != "" {
			c.Addr = cmd.Addr
		}
		c.PublishClear = c.PublishClear || cmd.PublishClear
		return nil
	})
	if err != nil {
		return err
	}
	s, err := openStore(ctx, c, false)
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
	srv := server.New(server.Config{Addr: c.Addr, MaxBodyBytes: c.MaxBodyBytes, PublishClear: c.PublishClear}, s, log)
	if err := srv.Open(); err != nil {
		return err
	}
	fmt.Printf("jic serving %s on http://%s/\n", c.Data, srv.Addr())
	h := startHandovers(ctx, s, log)
	<-ctx.Done()
	log.Info("shutting down")
	err = srv.Close()
	h.wait()
	return err
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
