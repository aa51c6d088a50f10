package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/config"
)

// AuditCmd checks and exports the audit log.
type AuditCmd struct {
	Verify AuditVerifyCmd `cmd:"" help:"Walk the hash chain and name the first event that does not match."`
	Export AuditExportCmd `cmd:"" help:"Write every event as JSON Lines for an outside checker."`
}

// AuditVerifyCmd verifies the chain.
type AuditVerifyCmd struct{}

// Run exits with status 2 and names the first bad event when the chain is
// broken.
func (AuditVerifyCmd) Run(ctx context.Context, g *Globals) error {
	return withStore(ctx, g, func(s jic.Store, _ config.Config) error {
		n, err := s.VerifyAudit(ctx)
		if err != nil {
			return fmt.Errorf("audit log does not verify after %d good events: %w", n, err)
		}
		fmt.Printf("audit log verified: %d events, chain intact\n", n)
		return nil
	})
}

// AuditExportCmd exports the chain.
type AuditExportCmd struct {
	File string `arg:"" optional:"" help:"File to write (default standard output)." placeholder:"FILE"`
}

// Run writes one JSON object per event, oldest first. Each event's hash is
// the hex SHA-256 of the JSON array [seq, at in Unix milliseconds, user_id,
// member_id, action, object, detail, prev_hash].
func (cmd AuditExportCmd) Run(ctx context.Context, g *Globals) error {
	return withStore(ctx, g, func(s jic.Store, _ config.Config) error {
		out := os.Stdout
		if cmd.File != "" {
			f, err := os.Create(cmd.File)
			if err != nil {
				return jic.FieldErrorf(jic.EINVALID, "file", "%v", err)
			}
			defer f.Close()
			out = f
		}
		w := bufio.NewWriter(out)
		enc := json.NewEncoder(w)
		var after int64
		for {
			events, err := s.AuditEvents(ctx, after, 1000)
			if err != nil {
				return err
			}
			for _, e := range events {
				if err := enc.Encode(e); err != nil {
					return err
				}
			}
			if len(events) < 1000 {
				return w.Flush()
			}
			after = events[len(events)-1].Seq
		}
	})
}
