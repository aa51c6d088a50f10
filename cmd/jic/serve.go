package main

import (
	"context"
	"fmt"

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
	<-ctx.Done()
	log.Info("shutting down")
	return srv.Close()
}
