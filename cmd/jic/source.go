package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/config"
)

// SourceCmd manages the sources reports come from.
type SourceCmd struct {
	Add    SourceAddCmd    `cmd:"" help:"Register a source: a feed, a web page or sitemap, a directory, a mailbox, or a manual source."`
	List   SourceListCmd   `cmd:"" help:"List sources with how gathering from them goes."`
	Show   SourceShowCmd   `cmd:"" help:"Show one source in full."`
	Edit   SourceEditCmd   `cmd:"" help:"Change a source's settings."`
	Pause  SourcePauseCmd  `cmd:"" help:"Stop polling a source (its reports stay)."`
	Resume SourceResumeCmd `cmd:"" help:"Poll a paused source again."`
	Remove SourceRemoveCmd `cmd:"" help:"Remove a source nothing came from yet (pause the others)."`
}

// sourceFlags are the settings add and edit share.
type sourceFlags struct {
	Every       string `help:"Poll interval, e.g. 15m, 1h (default 15m)." placeholder:"DURATION"`
	Reliability string `help:"Admiralty source reliability A–F (default F: cannot be judged)."`
	Language    string `help:"Language hint for its reports."`
	Country     string `help:"Country hint (ISO 3166 code)."`
	Marking     string `help:"TLP marking of its reports (default GREEN)."`
	Republishes string `help:"The outlet whose articles this source carries, if it republishes one."`
}

func (f sourceFlags) apply(src *jic.Source) error {
	if f.Every != "" {
		d, err := time.ParseDuration(f.Every)
		if err != nil {
			return jic.FieldErrorf(jic.EINVALID, "every", "%q is not a duration such as 15m or 1h", f.Every)
		}
		src.PollInterval = d
	}
	set := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	set((*string)(&src.Reliability), strings.ToUpper(f.Reliability))
	set((*string)(&src.DefaultMarking), strings.ToUpper(f.Marking))
	set(&src.Language, f.Language)
	set(&src.Country, strings.ToUpper(f.Country))
	set(&src.Republishes, f.Republishes)
	return nil
}

// SourceAddCmd registers a source.
type SourceAddCmd struct {
	Name   string `arg:"" help:"A name for the source, e.g. \"BBC Arabic\"."`
	Kind   string `arg:"" help:"feed, page, dir, mail or manual." enum:"feed,page,dir,mail,manual"`
	URL    string `arg:"" optional:"" help:"The feed or page URL, or the directory or mailbox path."`
	Member string `help:"Member that owns the source and its reports (default: the first founding member)."`
	sourceFlags
}

// Run registers the source; collectors poll it from the next round.
func (cmd *SourceAddCmd) Run(ctx context.Context, g *Globals) error {
	return withStore(ctx, g, func(s jic.Store, _ config.Config) error {
		owner, err := ownerMember(ctx, s, cmd.Member)
		if err != nil {
			return err
		}
		src := &jic.Source{Name: cmd.Name, Kind: jic.SourceKind(cmd.Kind), URL: cmd.URL, OwnerMemberID: owner.ID}
		if err := cmd.sourceFlags.apply(src); err != nil {
			return err
		}
		if err := s.CreateSource(ctx, src); err != nil {
			return err
		}
		fmt.Printf("source %d %q added (%s, every %s, reliability %s, %s)\n", src.ID, src.Name, src.Kind, src.PollInterval, src.Reliability, src.DefaultMarking)
		return nil
	})
}

// SourceListCmd lists sources.
type SourceListCmd struct{}

// Run prints one line per source with its gathering status; sources that
// keep failing are flagged.
func (SourceListCmd) Run(ctx context.Context, g *Globals) error {
	return withStore(ctx, g, func(s jic.Store, _ config.Config) error {
		list, err := s.Sources(ctx)
		if err != nil {
			return err
		}
		if g.JSON {
			return json.NewEncoder(os.Stdout).Encode(list)
		}
		tw := tabwriter.NewWriter(os.Stdout, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tNAME\tKIND\tREL\tEVERY\tLAST POLL\tLAST SUCCESS\tITEMS\tFAILURES\tSTATE")
		for _, src := range list {
			st := src.Status
			state := "ok"
			switch {
			case src.Paused:
				state = "paused"
			case src.Kind == jic.SourceManual:
				state = "manual"
			case st.Failing():
				state = "FAILING: " + st.LastError
			case st.Failures > 0:
				state = "retrying: " + st.LastError
			case st.LastPoll.IsZero():
				state = "not polled yet"
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%d\t%s\n", src.ID, src.Name, src.Kind, src.Reliability,
				every(src), ago(st.LastPoll), ago(st.LastSuccess), st.Items, st.Failures, state)
		}
		return tw.Flush()
	})
}

func every(src *jic.Source) string {
	if src.Kind == jic.SourceManual {
		return "-"
	}
	return src.PollInterval.String()
}

func ago(t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	return time.Since(t).Round(time.Second).String() + " ago"
}

// SourceShowCmd shows a source.
type SourceShowCmd struct {
	Name string `arg:"" help:"The source's name."`
}

// Run prints the source as JSON, its status included.
func (cmd SourceShowCmd) Run(ctx context.Context, g *Globals) error {
	return withStore(ctx, g, func(s jic.Store, _ config.Config) error {
		src, err := s.SourceByName(ctx, cmd.Name)
		if err != nil {
			return err
		}
		enc := json.NewEncoder(os.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(src)
	})
}

// SourceEditCmd changes settings.
type SourceEditCmd struct {
	Name    string `arg:"" help:"The source's name."`
	URL     string `help:"A new URL or path."`
	NewName string `help:"A new name."`
	sourceFlags
}

// Run saves the changed settings.
func (cmd *SourceEditCmd) Run(ctx context.Context, g *Globals) error {
	return editSource(ctx, g, cmd.Name, func(src *jic.Source) error {
		if cmd.URL != "" {
			src.URL = cmd.URL
		}
		if cmd.NewName != "" {
			src.Name = cmd.NewName
		}
		return cmd.sourceFlags.apply(src)
	})
}

func editSource(ctx context.Context, g *Globals, name string, edit func(*jic.Source) error) error {
	return withStore(ctx, g, func(s jic.Store, _ config.Config) error {
		src, err := s.SourceByName(ctx, name)
		if err != nil {
			return err
		}
		if err := edit(src); err != nil {
			return err
		}
		if err := s.UpdateSource(ctx, src); err != nil {
			return err
		}
		fmt.Printf("source %d %q saved\n", src.ID, src.Name)
		return nil
	})
}

// SourcePauseCmd pauses a source.
type SourcePauseCmd struct {
	Name string `arg:"" help:"The source's name."`
}

// Run pauses it.
func (cmd SourcePauseCmd) Run(ctx context.Context, g *Globals) error {
	return editSource(ctx, g, cmd.Name, func(src *jic.Source) error { src.Paused = true; return nil })
}

// SourceResumeCmd resumes a source.
type SourceResumeCmd struct {
	Name string `arg:"" help:"The source's name."`
}

// Run resumes it.
func (cmd SourceResumeCmd) Run(ctx context.Context, g *Globals) error {
	return editSource(ctx, g, cmd.Name, func(src *jic.Source) error { src.Paused = false; return nil })
}

// SourceRemoveCmd removes a source.
type SourceRemoveCmd struct {
	Name string `arg:"" help:"The source's name."`
}

// Run removes it; a source reports came from cannot be removed.
func (cmd SourceRemoveCmd) Run(ctx context.Context, g *Globals) error {
	return withStore(ctx, g, func(s jic.Store, _ config.Config) error {
		src, err := s.SourceByName(ctx, cmd.Name)
		if err != nil {
			return err
		}
		if err := s.DeleteSource(ctx, src.ID); err != nil {
			return err
		}
		fmt.Printf("source %q removed\n", cmd.Name)
		return nil
	})
}
