// Package pipeline runs jic's background work as River jobs, the same job
// code on SQLite (riversqlite, sharing the store's single write connection)
// and PostgreSQL (riverpgxv5, sharing the store's pool): jobs are rows in
// the same database as the reports, so a job in flight when the process
// dies is found and run again after a restart.
//
// Jobs: process one report (the process stages in order: language, and the
// stages later issues add); sweep, every few minutes, for reports a crash
// left unprocessed; schedule the polls of the sources that are due; poll a
// source (a feed, a web page, a directory, a mailbox); fetch the article
// page of a feed item that carried only a summary (gather.go).
package pipeline

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/riverqueue/river/rivertype"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/fetch"
	"github.com/jic-center/jic/internal/gazetteer"
	"github.com/jic-center/jic/internal/ner"
)

// Deps are what the jobs work with.
type Deps struct {
	Store jic.Store
	Fetch *fetch.Client // outbound requests; nil: sources that need the network fail their polls
	Log   *slog.Logger
	Now   jic.Clock
	// Gazetteer returns the place data, loaded once on first use; nil:
	// the embedded gazetteer.
	Gazetteer func() (*gazetteer.Gazetteer, error)
	// Names is the alias registry of people, organizations and groups;
	// nil: ner.DefaultRegistry().
	Names *ner.Registry

	finder    func() (*ner.Finder, error) // built once from Names and the gazetteer
	oneWriter bool                        // the store has one writer at a time (SQLite)
}

// Options tune the queue.
type Options struct {
	// Workers is how many jobs run at once in this process; 0 makes a
	// queue that only inserts (jic ingest, a serve node without workers).
	Workers int
	// SweepEvery is how often unprocessed reports are looked for.
	SweepEvery time.Duration
	// RescueAfter is how long a job may stay running before it is taken
	// for abandoned (its process died) and run again.
	RescueAfter time.Duration
	// PollEvery is how often due sources are looked for.
	PollEvery time.Duration
}

func (o *Options) defaults() {
	if o.SweepEvery == 0 {
		o.SweepEvery = 5 * time.Minute
	}
	if o.RescueAfter == 0 {
		o.RescueAfter = 10 * time.Minute
	}
	if o.PollEvery == 0 {
		o.PollEvery = 5 * time.Second
	}
}

// Queue inserts jobs and, with workers, runs them. It hides River's
// transaction type, which differs between the two drivers.
type Queue struct {
	insert     func(ctx context.Context, args []river.InsertManyParams) error
	start      func(ctx context.Context) error
	stop       func(ctx context.Context) error
	hasWorkers bool
}

// NewSQLite returns a queue in the SQLite database db (the store's write
// handle, limited to one connection), migrating River's tables.
func NewSQLite(ctx context.Context, db *sql.DB, deps Deps, opt Options) (*Queue, error) {
	deps.oneWriter = true
	return newQueue(ctx, riversqlite.New(db), deps, opt)
}

// NewPostgres returns a queue in the PostgreSQL database of pool.
func NewPostgres(ctx context.Context, pool *pgxpool.Pool, deps Deps, opt Options) (*Queue, error) {
	return newQueue[pgx.Tx](ctx, riverpgxv5.New(pool), deps, opt)
}

func newQueue[TTx any](ctx context.Context, drv riverdriver.Driver[TTx], deps Deps, opt Options) (*Queue, error) {
	opt.defaults()
	if deps.Now == nil {
		deps.Now = time.Now
	}
	if deps.Log == nil {
		deps.Log = slog.New(slog.DiscardHandler)
	}
	if deps.Fetch == nil {
		deps.Fetch = fetch.New(fetch.Options{Now: deps.Now})
	}
	if deps.Gazetteer == nil {
		deps.Gazetteer = sync.OnceValues(gazetteer.Load)
	}
	if deps.Names == nil {
		deps.Names = ner.DefaultRegistry()
	}
	gaz, names := deps.Gazetteer, deps.Names
	deps.finder = sync.OnceValues(func() (*ner.Finder, error) {
		g, err := gaz()
		if err != nil {
			return nil, err
		}
		return ner.New(ner.Options{Registry: names, IsPlace: ner.PlaceTest(g)}), nil
	})
	m, err := rivermigrate.New(drv, nil)
	if err != nil {
		return nil, fmt.Errorf("job queue: %w", err)
	}
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return nil, fmt.Errorf("job queue: migrate: %w", err)
	}
	cfg := &river.Config{
		Logger:               deps.Log.With("part", "jobs"),
		RescueStuckJobsAfter: opt.RescueAfter,
		JobTimeout:           opt.RescueAfter / 2,
		FetchPollInterval:    time.Second,
		// While jobs are waiting, a queue fetches again as soon as a worker
		// is free, at most this often: River's default (100 ms) caps a
		// queue of two workers at 20 short jobs a second on SQLite, which
		// has no notifications. When the queues are empty, the poll
		// interval above sets the pace.
		FetchCooldown: 5 * time.Millisecond,
	}
	if opt.Workers > 0 {
		// Gathering waits on the network: it has its own workers, so slow
		// sites never hold back processing, nor processing gathering.
		cfg.Queues = map[string]river.QueueConfig{
			river.QueueDefault: {MaxWorkers: opt.Workers},
			QueueGather:        {MaxWorkers: max(4, 2*opt.Workers)},
		}
		cfg.PeriodicJobs = []*river.PeriodicJob{
			river.NewPeriodicJob(river.PeriodicInterval(opt.SweepEvery),
				func() (river.JobArgs, *river.InsertOpts) { return SweepArgs{}, nil }, &river.PeriodicJobOpts{RunOnStart: true}),
			river.NewPeriodicJob(river.PeriodicInterval(opt.PollEvery),
				func() (river.JobArgs, *river.InsertOpts) { return ScheduleArgs{}, nil }, &river.PeriodicJobOpts{RunOnStart: true}),
		}
	}
	q := &Queue{hasWorkers: opt.Workers > 0}
	if opt.Workers > 0 {
		cfg.Workers = workers(deps, q)
	}
	c, err := river.NewClient(drv, cfg)
	if err != nil {
		return nil, fmt.Errorf("job queue: %w", err)
	}
	q.insert = func(ctx context.Context, params []river.InsertManyParams) error {
		_, err := c.InsertMany(ctx, params)
		return err
	}
	q.start, q.stop = c.Start, c.Stop
	return q, nil
}

// workers registers every job kind's worker.
func workers(deps Deps, q *Queue) *river.Workers {
	ws := river.NewWorkers()
	river.AddWorker(ws, &processWorker{deps: deps})
	river.AddWorker(ws, &sweepWorker{deps: deps, queue: q})
	river.AddWorker(ws, &scheduleWorker{deps: deps, queue: q})
	river.AddWorker(ws, &pollWorker{deps: deps, queue: q})
	river.AddWorker(ws, &fetchWorker{deps: deps, queue: q})
	return ws
}

// Start runs the workers until Stop; a queue without workers does nothing.
func (q *Queue) Start(ctx context.Context) error {
	if !q.hasWorkers {
		return nil
	}
	return q.start(ctx)
}

// Stop lets running jobs finish (until ctx ends) and stops the workers.
func (q *Queue) Stop(ctx context.Context) error {
	if !q.hasWorkers {
		return nil
	}
	err := q.stop(ctx)
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return nil // unfinished jobs are rescued on the next start
	}
	return err
}

// Process enqueues the processing of reports, in jobs of up to
// ProcessBatch reports in the order given. A report enqueued twice is
// processed once: a job skips the reports processed before it.
func (q *Queue) Process(ctx context.Context, ids ...int64) error {
	seen := map[int64]bool{}
	var unique []int64
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			unique = append(unique, id)
		}
	}
	var params []river.InsertManyParams
	for batch := range slices.Chunk(unique, ProcessBatch) {
		params = append(params, river.InsertManyParams{Args: ProcessArgs{ReportIDs: batch}, InsertOpts: uniqueByArgs})
	}
	if len(params) == 0 {
		return nil
	}
	return q.insert(ctx, params)
}

// QueueGather is the queue of the jobs that fetch: polls and article pages.
const QueueGather = "gather"

// Poll enqueues a poll of a source now, whatever its schedule.
func (q *Queue) Poll(ctx context.Context, sourceID int64) error {
	return q.insert(ctx, []river.InsertManyParams{{Args: PollArgs{SourceID: sourceID}, InsertOpts: uniqueByArgs}})
}

// uniqueByArgs makes a job unique among the waiting and running jobs of its
// kind with the same arguments; once it has run, the same job may be
// enqueued again (River's default would also count completed jobs).
var uniqueByArgs = &river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: []rivertype.JobState{
	rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRetryable,
	rivertype.JobStateRunning, rivertype.JobStateScheduled,
}}}
