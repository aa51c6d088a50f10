package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/ingest"
	"github.com/jic-center/jic/internal/pipeline"
)

// IngestCmd loads reports from files.
type IngestCmd struct {
	Paths    []string `arg:"" help:"Files, directories or archives (.tar.gz, .zip, .gz) to load; - reads standard input." placeholder:"PATH|-"`
	Member   string   `help:"Member that owns the reports (default: the first founding member)."`
	Source   string   `help:"Source name for items that do not name one."`
	Marking  string   `help:"TLP 2.0 marking for items that do not carry one." default:"GREEN"`
	Language string   `help:"Language of items that do not say (default: guessed)."`
	Format   string   `help:"Input format: text, markdown, html, json, jsonl or trec (default: from the name, then the content)." enum:",text,markdown,html,json,jsonl,trec" default:""`
}

// Run parses every path and stores what it finds. It exits with status 2
// when some items were rejected, after storing the rest.
func (cmd *IngestCmd) Run(ctx context.Context, g *Globals) error {
	c, err := loadConfig(g, nil)
	if err != nil {
		return err
	}
	s, newQueue, err := openBackend(ctx, c, false)
	if err != nil {
		return err
	}
	defer s.Close()
	// An insert-only queue: the reports are processed by jic serve or jic worker.
	q, err := newQueue(pipeline.Deps{Store: s}, pipeline.Options{})
	if err != nil {
		return err
	}
	marking, err := jic.ParseMarking(cmd.Marking)
	if err != nil {
		return err
	}
	owner, err := ownerMember(ctx, s, cmd.Member)
	if err != nil {
		return err
	}
	start := time.Now()
	l := newLoader(s, owner.ID, marking, cmd.Source, c.MaxBodyBytes)
	l.progress, l.process = newProgress(), q.Process
	opt := ingest.Options{Format: ingest.Format(cmd.Format), MaxBytes: c.MaxBodyBytes, Language: cmd.Language}
	for _, p := range cmd.Paths {
		if err := ingest.Walk(p, opt, func(it ingest.Item) error { return l.add(ctx, it) }); err != nil {
			l.progress.done()
			return err
		}
	}
	if err := l.flush(ctx); err != nil {
		return err
	}
	l.progress.done()
	return report(g, l.summary(start))
}

func report(g *Globals, sum summary) error {
	if g.JSON {
		json.NewEncoder(os.Stdout).Encode(sum)
	} else {
		for i, r := range sum.Reasons {
			if i == 20 {
				fmt.Fprintf(os.Stderr, "rejected: ... and %d more (use --json for all)\n", len(sum.Reasons)-20)
				break
			}
			fmt.Fprintf(os.Stderr, "rejected: %s: %s\n", r.Where, r.Reason)
		}
		fmt.Printf("added %d, duplicate %d, rejected %d in %.1fs\n", sum.Added, sum.Duplicate, sum.Rejected, sum.Seconds)
	}
	if sum.Rejected > 0 {
		return jic.Errorf(jic.EINVALID, "%d items were rejected (the others were stored)", sum.Rejected)
	}
	return nil
}

// ownerMember returns the named member, or the first founding member.
func ownerMember(ctx context.Context, s jic.Store, name string) (*jic.Member, error) {
	if name != "" {
		return s.MemberByName(ctx, name)
	}
	members, err := s.Members(ctx)
	if err != nil {
		return nil, err
	}
	for _, m := range members {
		if m.Founding {
			return m, nil
		}
	}
	if len(members) > 0 {
		return members[0], nil
	}
	return nil, jic.Errorf(jic.ENOTFOUND, "the center has no members; run jic init first")
}
