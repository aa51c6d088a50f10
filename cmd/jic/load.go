package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/ingest"
	"github.com/jic-center/jic/internal/lang"
)

// loader feeds parsed items into a store in batches, keeping count.
type loader struct {
	store    jic.Store
	owner    int64
	marking  jic.Marking // when an item does not say
	source   string      // when an item does not say
	maxBytes int
	batch    int
	now      time.Time

	process func(ctx context.Context, ids ...int64) error // enqueues processing; may be nil

	sources  map[string]int64
	pending  []*jic.Report
	where    []string
	added    int
	dups     int
	rejected []rejection
	progress *progress
}

type rejection struct {
	Where  string `json:"where"`
	Reason string `json:"reason"`
}

// summary is what jic ingest prints at the end.
type summary struct {
	Added     int         `json:"added"`
	Duplicate int         `json:"duplicate"`
	Rejected  int         `json:"rejected"`
	Reasons   []rejection `json:"reasons,omitempty"`
	Seconds   float64     `json:"seconds"`
}

func newLoader(s jic.Store, owner int64, marking jic.Marking, source string, maxBytes int) *loader {
	return &loader{store: s, owner: owner, marking: marking, source: source, maxBytes: maxBytes,
		batch: 500, now: time.Now().UTC(), sources: map[string]int64{}}
}

// add takes one parsed item; it stores full batches as it goes.
func (l *loader) add(ctx context.Context, it ingest.Item) error {
	if it.Err != nil {
		l.reject(it.Where, it.Err)
		return nil
	}
	r := it.Report
	r.OwnerMemberID, r.Collected = l.owner, l.now
	r.Marking = l.marking
	if it.Marking != "" {
		r.Marking = jic.Marking(it.Marking)
	}
	if r.Language == "" {
		r.Language = lang.Guess(lang.Head(r.Title, r.Text))
	}
	name := firstOf(it.Source, l.source)
	if name != "" {
		id, err := l.sourceID(ctx, name)
		if err != nil {
			return err
		}
		r.SourceID = id
	}
	// Validate here so one bad item is rejected alone, not with its batch.
	if err := r.Validate(l.maxBytes); err != nil {
		l.reject(it.Where, err)
		return nil
	}
	l.pending, l.where = append(l.pending, r), append(l.where, it.Where)
	if len(l.pending) >= l.batch {
		return l.flush(ctx)
	}
	return nil
}

func (l *loader) reject(where string, err error) {
	l.rejected = append(l.rejected, rejection{Where: where, Reason: jic.ErrorMessage(err)})
	l.progress.update(l)
}

func (l *loader) sourceID(ctx context.Context, name string) (int64, error) {
	if id, ok := l.sources[name]; ok {
		return id, nil
	}
	src, err := l.store.SourceByName(ctx, name)
	if jic.ErrorCode(err) == jic.ENOTFOUND {
		src = &jic.Source{Name: name, Kind: jic.SourceManual, OwnerMemberID: l.owner, DefaultMarking: l.marking}
		err = l.store.CreateSource(ctx, src)
	}
	if err != nil {
		return 0, err
	}
	l.sources[name] = src.ID
	return src.ID, nil
}

// flush stores the pending batch. If the store refuses it as invalid, it
// stores the reports one by one to reject only the bad ones.
func (l *loader) flush(ctx context.Context) error {
	if len(l.pending) == 0 {
		return nil
	}
	res, err := l.store.AddReports(ctx, l.pending)
	switch {
	case err == nil:
		if err := l.count(ctx, res); err != nil {
			return err
		}
	case jic.ErrorCode(err) == jic.EINVALID || jic.ErrorCode(err) == jic.ETOOLARGE:
		for i, r := range l.pending {
			res, err := l.store.AddReports(ctx, []*jic.Report{r})
			if err != nil && (jic.ErrorCode(err) == jic.EINVALID || jic.ErrorCode(err) == jic.ETOOLARGE) {
				l.reject(l.where[i], err)
				continue
			}
			if err != nil {
				return err
			}
			if err := l.count(ctx, res); err != nil {
				return err
			}
		}
	default:
		return err
	}
	l.pending, l.where = l.pending[:0], l.where[:0]
	l.progress.update(l)
	return nil
}

// count tallies a batch's results and enqueues the new reports' processing.
func (l *loader) count(ctx context.Context, res []jic.AddResult) error {
	var added []int64
	for _, r := range res {
		if r.Duplicate {
			l.dups++
		} else {
			l.added++
			added = append(added, r.ID)
		}
	}
	if l.process == nil {
		return nil
	}
	return l.process(ctx, added...)
}

func (l *loader) summary(start time.Time) summary {
	return summary{Added: l.added, Duplicate: l.dups, Rejected: len(l.rejected), Reasons: l.rejected,
		Seconds: time.Since(start).Seconds()}
}

// progress draws a one-line counter on a terminal, at most five times a
// second; it draws nothing when standard error is not a terminal.
type progress struct {
	w    io.Writer
	last time.Time
	t0   time.Time
}

func newProgress() *progress {
	if !term.IsTerminal(int(os.Stderr.Fd())) {
		return nil
	}
	return &progress{w: os.Stderr, t0: time.Now()}
}

func (p *progress) update(l *loader) {
	if p == nil || time.Since(p.last) < 200*time.Millisecond {
		return
	}
	p.last = time.Now()
	done := l.added + l.dups + len(l.rejected)
	rate := float64(done) / max(time.Since(p.t0).Seconds(), 0.001)
	fmt.Fprintf(p.w, "\r\033[K%s items  %.0f/s  added %d  duplicate %d  rejected %d", thousands(done), rate, l.added, l.dups, len(l.rejected))
}

func (p *progress) done() {
	if p != nil {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

func thousands(n int) string {
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}
