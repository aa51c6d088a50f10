package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/config"
)

// SearchCmd searches from the command line, as the operator (every marking).
type SearchCmd struct {
	Query  []string `arg:"" help:"Words to find; \"quoted phrases\", OR and -excluded words work as on the web."`
	Lang   []string `help:"Only reports in these languages (repeatable)." placeholder:"LANG"`
	Source []string `help:"Only reports from these sources, by name (repeatable)." placeholder:"NAME"`
	Since  string   `help:"Only reports filed at or after this time (RFC 3339 or YYYY-MM-DD)."`
	Until  string   `help:"Only reports filed before this time."`
	Sort   string   `help:"date (newest first) or relevance." enum:"date,relevance" default:"date"`
	Limit  int      `help:"Hits to show." default:"10"`
}

// Run prints the hits.
func (cmd *SearchCmd) Run(ctx context.Context, g *Globals) error {
	return withStore(ctx, g, func(s jic.Store, _ config.Config) error {
		q := jic.SearchQuery{Q: strings.Join(cmd.Query, " "), Languages: cmd.Lang, Sort: cmd.Sort, Limit: cmd.Limit}
		var err error
		if q.Since, err = flagTime("since", cmd.Since); err != nil {
			return err
		}
		if q.Until, err = flagTime("until", cmd.Until); err != nil {
			return err
		}
		for _, name := range cmd.Source {
			src, err := s.SourceByName(ctx, name)
			if err != nil {
				return err
			}
			q.SourceIDs = append(q.SourceIDs, src.ID)
		}
		start := time.Now()
		res, err := s.Search(ctx, jic.SystemViewer, q)
		if err != nil {
			return err
		}
		if g.JSON {
			return json.NewEncoder(os.Stdout).Encode(res)
		}
		printHits(res, time.Since(start))
		return nil
	})
}

func flagTime(name, v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t, nil
	}
	t, err := time.Parse("2006-01-02", v)
	if err != nil {
		return t, jic.FieldErrorf(jic.EINVALID, name, "%q is not an RFC 3339 time or a YYYY-MM-DD date", v)
	}
	return t, nil
}

func printHits(res *jic.SearchResult, took time.Duration) {
	bold, plain := "[", "]"
	if term.IsTerminal(int(os.Stdout.Fd())) {
		bold, plain = "\033[1m", "\033[0m"
	}
	for _, h := range res.Hits {
		r := h.Report
		fmt.Printf("#%d  %s  %s  %s  %s\n", r.ID, r.When().Format("2006-01-02 15:04"), r.Language, r.SourceName, r.Marking)
		fmt.Printf("    %s\n", emphasize(r.Title, h.TitleMarks, bold, plain))
		if h.Snippet.Text != "" {
			fmt.Printf("    %s\n", emphasize(h.Snippet.Text, h.Snippet.Marks, bold, plain))
		}
	}
	more := ""
	if res.Next != "" {
		more = " (more with --limit)"
	}
	fmt.Printf("%d hits in %.1f ms%s\n", len(res.Hits), float64(took.Microseconds())/1000, more)
}

func emphasize(text string, marks [][2]int, on, off string) string {
	var b strings.Builder
	at := 0
	for _, m := range marks {
		if m[0] < at || m[1] > len(text) {
			continue
		}
		b.WriteString(text[at:m[0]] + on + text[m[0]:m[1]] + off)
		at = m[1]
	}
	return b.String() + text[at:]
}
