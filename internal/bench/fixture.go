package bench

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/pipeline"
	"github.com/jic-center/jic/internal/postgres"
	"github.com/jic-center/jic/internal/sqlite"
	"github.com/jic-center/jic/internal/sqlstore"
)

// A processed store at scale is built in four steps, each recorded in the
// table bench_fixture of the store so that a stopped build resumes and a
// finished one is reused:
//
//  1. base: the first Processed reports of the seeded base corpus are
//     stored through AddReports;
//  2. process: they go through the real processing pipeline (River
//     workers, every stage, the serialized copies and story decisions);
//  3. copies: the perturbed copies of those reports (NewCorpus over them)
//     are stored through AddReports up to N, each copy's origin kept in
//     bench_origin;
//  4. facts: each copy gets the processed facts of its origin with bulk
//     INSERT … SELECT: mentions and dates (spans kept where they fit its
//     text), claims with what they are about and their links to the base's
//     claims, stage records, a place in its origin's syndication group and
//     story; then the groups' and stories' counters are recounted.
//
// The copies are not processed for real: at about 55 reports a second,
// processing a million would take five hours. What step 4 cannot give is
// listed in BENCHMARKS.md (Desk pages at 1M reports).
const (
	stepBase    = "base"
	stepProcess = "process"
	stepCopies  = "copies"
	stepFacts   = "facts"
)

// FixtureOptions configure BuildFixture.
type FixtureOptions struct {
	Target
	DataDir   string        // the shared data; "" = DefaultDataDir
	Base      []*jic.Report // the base corpus if already loaded; nil = LoadBase(DataDir)
	N         int           // reports in all
	Processed int           // real reports processed for real; 0 = the whole base (at most N)
	Seed      uint64        // of the corpus
	Batch     int           // reports per AddReports call; 0 = DefaultBatch
	Workers   int           // processing workers; 0 = 2
	Progress  io.Writer     // progress lines; nil = none
	Every     time.Duration // between progress lines; 0 = 5s
}

// fixture is an open fixture store.
type fixture struct {
	store *sqlstore.Store
	pool  *pgxpool.Pool // postgres only, for the job queue
	pg    bool
}

func openFixture(ctx context.Context, t Target) (*fixture, error) {
	t, err := t.check()
	if err != nil {
		return nil, err
	}
	if t.Backend == BackendSQLite {
		s, err := sqlite.Open(ctx, filepath.Join(t.Dir, sqliteJicFile), sqlite.Options{})
		if err != nil {
			return nil, err
		}
		return &fixture{store: s}, nil
	}
	s, pool, err := postgres.Open(ctx, t.URL, postgres.Options{Schema: t.Schema})
	if err != nil {
		return nil, err
	}
	return &fixture{store: s, pool: pool, pg: true}, nil
}

func (f *fixture) Close() error { return f.store.Close() }

// exec runs statements with ? placeholders on the write handle.
func (f *fixture) exec(ctx context.Context, ex interface {
	ExecContext(context.Context, string, ...any) (sql.Result, error)
}, query string, args ...any) (int64, error) {
	res, err := ex.ExecContext(ctx, f.store.Dialect.Rebind(query), args...)
	if err != nil {
		return 0, fmt.Errorf("%.60s…: %w", query, err)
	}
	return res.RowsAffected()
}

func (f *fixture) count(ctx context.Context, query string, args ...any) (int64, error) {
	var n sql.NullInt64
	err := f.store.DB.QueryRowContext(ctx, f.store.Dialect.Rebind(query), args...).Scan(&n)
	return n.Int64, err
}

// byteLen is the dialect's length in bytes of a text expression.
func (f *fixture) byteLen(expr string) string {
	if f.pg {
		return "octet_length(" + expr + ")"
	}
	return "length(CAST(" + expr + " AS BLOB))"
}

// step returns the recorded value of a step: how far it got, "" before.
func (f *fixture) step(ctx context.Context, name string) (string, error) {
	var v string
	err := f.store.DB.QueryRowContext(ctx, f.store.Dialect.Rebind(`SELECT value FROM bench_fixture WHERE step = ?`), name).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

func (f *fixture) setStep(ctx context.Context, ex interface {
	ExecContext(context.Context, string, ...any) (sql.Result, error)
}, name, value string) error {
	_, err := f.exec(ctx, ex, `INSERT INTO bench_fixture (step, value) VALUES (?, ?) ON CONFLICT (step) DO UPDATE SET value = excluded.value`, name, value)
	return err
}

// BuildFixture builds (or finishes, or finds built) the processed store of
// opt.N reports described above, and returns it open; the caller closes it.
func BuildFixture(ctx context.Context, opt FixtureOptions) (*fixture, error) {
	if opt.Batch <= 0 {
		opt.Batch = DefaultBatch
	}
	if opt.Every <= 0 {
		opt.Every = 5 * time.Second
	}
	if opt.Workers <= 0 {
		opt.Workers = 2
	}
	f, err := openFixture(ctx, opt.Target)
	if err != nil {
		return nil, err
	}
	if err := f.build(ctx, opt); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

func (f *fixture) build(ctx context.Context, opt FixtureOptions) error {
	for _, ddl := range []string{
		`CREATE TABLE IF NOT EXISTS bench_fixture (step TEXT PRIMARY KEY, value TEXT NOT NULL)`,
		// pos is the corpus position, origin_id the report a copy was made
		// from (its own id for a base report).
		`CREATE TABLE IF NOT EXISTS bench_origin (pos BIGINT PRIMARY KEY, report_id BIGINT NOT NULL UNIQUE, origin_id BIGINT NOT NULL)`,
	} {
		if _, err := f.exec(ctx, f.store.DB, ddl); err != nil {
			return err
		}
	}
	if err := f.grow(ctx, opt.N); err != nil {
		return err
	}
	done, err := f.step(ctx, stepFacts)
	if err != nil || done == "done" {
		return err
	}
	base := opt.Base
	if base == nil {
		if base, err = LoadBase(opt.DataDir); err != nil {
			return err
		}
	}
	if len(base) == 0 {
		return jic.Errorf(jic.EINVALID, "the base corpus is empty")
	}
	if opt.Processed <= 0 || opt.Processed > len(base) {
		opt.Processed = len(base)
	}
	opt.Processed = min(opt.Processed, opt.N)
	sources, err := prepareStore(ctx, f.store, base)
	if err != nil {
		return err
	}
	// The processed reports are a seeded sample of the base, in
	// proportion of languages and sources; the copies are made from them.
	sub := make([]*jic.Report, 0, opt.Processed)
	for _, r := range NewCorpus(base, opt.Seed).Range(0, opt.Processed) {
		sub = append(sub, r)
	}
	c := NewCorpus(sub, opt.Seed)
	if err := f.load(ctx, c, sources, 0, opt.Processed, stepBase, opt); err != nil {
		return err
	}
	if err := f.process(ctx, opt); err != nil {
		return err
	}
	if err := f.load(ctx, c, sources, opt.Processed, opt.N, stepCopies, opt); err != nil {
		return err
	}
	return f.copyFacts(ctx, opt)
}

// grow records n as the store's size and, if a built store is asked to
// grow, reopens the copies and facts steps where they ended.
func (f *fixture) grow(ctx context.Context, n int) error {
	v, err := f.step(ctx, "n")
	if err != nil {
		return err
	}
	had, _ := strconv.Atoi(v)
	if v != "" && had >= n {
		return nil
	}
	if v != "" {
		done, err := f.step(ctx, stepFacts)
		if err != nil {
			return err
		}
		if done == "done" {
			if err := f.setStep(ctx, f.store.DB, stepCopies, ""); err != nil {
				return err
			}
			if err := f.setStep(ctx, f.store.DB, stepFacts, strconv.Itoa(had)); err != nil {
				return err
			}
		}
	}
	return f.setStep(ctx, f.store.DB, "n", strconv.Itoa(n))
}

// load stores corpus positions from..to-1 that are not stored yet and
// records their origins.
func (f *fixture) load(ctx context.Context, c *Corpus, sources map[string]int64, from, to int, step string, opt FixtureOptions) error {
	if v, err := f.step(ctx, step); err != nil || v == "done" {
		return err
	}
	have, err := f.count(ctx, `SELECT max(pos) + 1 FROM bench_origin`)
	if err != nil {
		return err
	}
	from = max(from, int(have))
	origins, err := f.baseIDs(ctx, c.BaseLen())
	if err != nil {
		return err
	}
	p := newProgress(opt.Progress, opt.Every, opt.Backend+" "+step, from, to)
	batch := make([]*jic.Report, 0, opt.Batch)
	for at := from; at < to; at += opt.Batch {
		end := min(to, at+opt.Batch)
		batch = batch[:0]
		for _, r := range c.Range(at, end) {
			r.SourceID = sources[r.SourceName]
			batch = append(batch, r)
		}
		res, err := f.store.AddReports(ctx, batch)
		if err != nil {
			return fmt.Errorf("add reports %d..%d: %w", at, end-1, err)
		}
		err = f.inTx(ctx, func(tx *sql.Tx) error {
			for i, r := range res {
				pos := at + i
				origin := r.ID
				if o := c.Origin(pos); o != pos {
					origin = origins[o]
				}
				// A copy whose text some earlier report already has is
				// that report: it keeps its own facts.
				if _, err := f.exec(ctx, tx, `INSERT INTO bench_origin (pos, report_id, origin_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`, pos, r.ID, origin); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		p.update(end)
	}
	p.done(to)
	return f.setStep(ctx, f.store.DB, step, "done")
}

// baseIDs returns the report ids of the base positions stored so far.
func (f *fixture) baseIDs(ctx context.Context, n int) ([]int64, error) {
	ids := make([]int64, n)
	rows, err := f.store.DB.QueryContext(ctx, f.store.Dialect.Rebind(`SELECT pos, report_id FROM bench_origin WHERE pos < ?`), n)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var pos, id int64
		if err := rows.Scan(&pos, &id); err != nil {
			return nil, err
		}
		ids[pos] = id
	}
	return ids, rows.Err()
}

func (f *fixture) inTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := f.store.DB.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// process runs the real pipeline over the base reports until every one has
// its story.
func (f *fixture) process(ctx context.Context, opt FixtureOptions) error {
	if v, err := f.step(ctx, stepProcess); err != nil || v == "done" {
		return err
	}
	deps := pipeline.Deps{Store: f.store, Log: slog.New(slog.DiscardHandler)}
	popt := pipeline.Options{Workers: opt.Workers}
	var q *pipeline.Queue
	var err error
	if f.pg {
		q, err = pipeline.NewPostgres(ctx, f.pool, deps, popt)
	} else {
		q, err = pipeline.NewSQLite(ctx, f.store.DB, deps, popt)
	}
	if err != nil {
		return err
	}
	ids, err := f.unprocessed(ctx)
	if err != nil {
		return err
	}
	for i := 0; i < len(ids); i += 1000 {
		if err := q.Process(ctx, ids[i:min(len(ids), i+1000)]...); err != nil {
			return err
		}
	}
	if err := q.Start(ctx); err != nil {
		return err
	}
	defer q.Stop(context.Background())
	total := int(opt.Processed)
	p := newProgress(opt.Progress, opt.Every, opt.Backend+" process", total-len(ids), total)
	for left := len(ids); left > 0; {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second):
		}
		n, err := f.count(ctx, `SELECT count(*) FROM bench_origin o WHERE NOT EXISTS (SELECT 1 FROM report_stages s WHERE s.report_id = o.report_id AND s.stage = ?)`, pipeline.StageStory)
		if err != nil {
			return err
		}
		left = int(n)
		p.update(total - left)
	}
	p.done(total)
	return f.setStep(ctx, f.store.DB, stepProcess, "done")
}

// unprocessed returns the base reports without a story stage.
func (f *fixture) unprocessed(ctx context.Context) ([]int64, error) {
	rows, err := f.store.DB.QueryContext(ctx, f.store.Dialect.Rebind(`SELECT o.report_id FROM bench_origin o
		WHERE NOT EXISTS (SELECT 1 FROM report_stages s WHERE s.report_id = o.report_id AND s.stage = ?) ORDER BY o.report_id`), pipeline.StageStory)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// copyFacts gives every copy its origin's facts, a slice of positions at a
// time, each slice in one transaction with its mark.
func (f *fixture) copyFacts(ctx context.Context, opt FixtureOptions) error {
	v, err := f.step(ctx, stepFacts)
	if err != nil {
		return err
	}
	from := opt.Processed
	if v != "" {
		if from, err = strconv.Atoi(v); err != nil {
			return err
		}
	}
	// Links go only to the claims found by real processing, so that they
	// do not multiply with the copies.
	lastClaim, err := f.count(ctx, `SELECT max(c.id) FROM claims c JOIN bench_origin o ON o.report_id = c.report_id WHERE o.pos < ?`, opt.Processed)
	if err != nil {
		return err
	}
	const slice = 20000
	p := newProgress(opt.Progress, opt.Every, opt.Backend+" facts", from, opt.N)
	for at := from; at < opt.N; at += slice {
		end := min(opt.N, at+slice)
		err := f.inTx(ctx, func(tx *sql.Tx) error {
			if err := f.copySlice(ctx, tx, at, end, lastClaim); err != nil {
				return err
			}
			return f.setStep(ctx, tx, stepFacts, strconv.Itoa(end))
		})
		if err != nil {
			return fmt.Errorf("facts of %d..%d: %w", at, end-1, err)
		}
		p.update(end)
	}
	p.done(opt.N)
	err = f.inTx(ctx, func(tx *sql.Tx) error {
		if err := f.recount(ctx, tx); err != nil {
			return err
		}
		return f.setStep(ctx, tx, stepFacts, "done")
	})
	if err != nil || !f.pg {
		return err
	}
	// A bulk load leaves PostgreSQL's statistics and visibility map behind
	// what autovacuum keeps on a store that grew by use; without them the
	// planner misjudges every query over the new rows.
	var tables string
	err = f.store.DB.QueryRowContext(ctx, `SELECT string_agg(quote_ident(schemaname) || '.' || quote_ident(tablename), ', ')
		FROM pg_tables WHERE schemaname = current_schema()`).Scan(&tables)
	if err != nil {
		return err
	}
	_, err = f.exec(ctx, f.store.DB, `VACUUM (ANALYZE) `+tables)
	return err
}

// copySlice copies the facts of the copies at positions at..end-1.
func (f *fixture) copySlice(ctx context.Context, tx *sql.Tx, at, end int, lastClaim int64) error {
	// copies of the slice: o.report_id the copy, o.origin_id its origin
	const copies = `bench_origin o JOIN reports cr ON cr.id = o.report_id JOIN reports br ON br.id = o.origin_id`
	const inSlice = ` o.pos >= ? AND o.pos < ? AND o.report_id <> o.origin_id`
	shift := `(COALESCE(cr.published_at, cr.collected_at) - COALESCE(br.published_at, br.collected_at))`
	fits := func(t string) string {
		return `(` + t + `.field = 'title' AND ` + t + `.span_end <= ` + f.byteLen("cr.title") + ` OR ` + t + `.field = 'text' AND ` + t + `.span_end <= ` + f.byteLen("cr.body") + `)`
	}
	var claimMax sql.NullInt64 // read in tx: the write handle has one connection
	if err := tx.QueryRowContext(ctx, `SELECT max(id) FROM claims`).Scan(&claimMax); err != nil {
		return err
	}
	stmts := []string{
		`INSERT INTO mentions (report_id, field, span_start, span_end, entity_id, kind, surface, confidence)
		SELECT o.report_id, m.field, m.span_start, m.span_end, m.entity_id, m.kind, m.surface, m.confidence
		FROM ` + copies + ` JOIN mentions m ON m.report_id = o.origin_id WHERE` + inSlice + ` AND ` + fits("m") + ` ON CONFLICT DO NOTHING`,
		`INSERT INTO report_dates (report_id, field, span_start, span_end, surface, first_day, last_day, precision, relative)
		SELECT o.report_id, d.field, d.span_start, d.span_end, d.surface, d.first_day, d.last_day, d.precision, d.relative
		FROM ` + copies + ` JOIN report_dates d ON d.report_id = o.origin_id WHERE` + inSlice + ` AND ` + fits("d") + ` ON CONFLICT DO NOTHING`,
		`INSERT INTO report_stages (report_id, stage, ok, detail, at)
		SELECT o.report_id, s.stage, s.ok, s.detail, s.at
		FROM ` + copies + ` JOIN report_stages s ON s.report_id = o.origin_id WHERE` + inSlice + ` ON CONFLICT DO NOTHING`,
		// A copy is a near copy of its origin, in the origin's group.
		`INSERT INTO dedup_prints (report_id, version, exact_hash, print, group_id, kind, of_report, jaccard, containment, numbers)
		SELECT o.report_id, p.version, p.exact_hash, p.print, p.group_id, 'near', o.origin_id, 1, 1, 1
		FROM ` + copies + ` JOIN dedup_prints p ON p.report_id = o.origin_id WHERE` + inSlice + ` ON CONFLICT DO NOTHING`,
		`INSERT INTO story_reports (report_id, story_id, group_id, score, why)
		SELECT o.report_id, r.story_id, r.group_id, r.score, r.why
		FROM ` + copies + ` JOIN story_reports r ON r.report_id = o.origin_id WHERE` + inSlice + ` ON CONFLICT DO NOTHING`,
		// Claims get new ids above every claim so far, in the order of
		// (copy, origin's claim); the same numbering then finds them for
		// their entities and links.
		`INSERT INTO claims (id, report_id, field, span_start, span_end, speaker, speaker_kind, speaker_entity_id, stance, cue, quote, via, said_at)
		SELECT ? + row_number() OVER (ORDER BY o.report_id, c.id), o.report_id, c.field, c.span_start, c.span_end, c.speaker, c.speaker_kind,
			c.speaker_entity_id, c.stance, c.cue, c.quote, c.via, c.said_at + ` + shift + `
		FROM ` + copies + ` JOIN claims c ON c.report_id = o.origin_id WHERE` + inSlice,
		`INSERT INTO claim_about (entity_id, claim_id, said_at)
		SELECT a.entity_id, n.id, n.said_at FROM (SELECT ? + row_number() OVER (ORDER BY o.report_id, c.id) AS id, c.id AS old,
			c.said_at + ` + shift + ` AS said_at FROM ` + copies + ` JOIN claims c ON c.report_id = o.origin_id WHERE` + inSlice + `) n
		JOIN claim_about a ON a.claim_id = n.old ON CONFLICT DO NOTHING`,
		`INSERT INTO claim_links (claim_a, claim_b, score, contradiction)
		SELECT CASE WHEN l.claim_a = n.old THEN l.claim_b ELSE l.claim_a END, n.id, l.score, l.contradiction
		FROM (SELECT ? + row_number() OVER (ORDER BY o.report_id, c.id) AS id, c.id AS old
			FROM ` + copies + ` JOIN claims c ON c.report_id = o.origin_id WHERE` + inSlice + `) n
		JOIN claim_links l ON (l.claim_a = n.old OR l.claim_b = n.old) AND l.claim_a <= ? AND l.claim_b <= ? ON CONFLICT DO NOTHING`,
	}
	for i, q := range stmts {
		args := []any{at, end}
		switch i {
		case 5, 6:
			args = []any{claimMax.Int64, at, end}
		case 7:
			args = []any{claimMax.Int64, at, end, lastClaim, lastClaim}
		}
		if _, err := f.exec(ctx, tx, q, args...); err != nil {
			return err
		}
	}
	return nil
}

// recount sets the counters processing keeps from the rows now stored:
// group sizes, story sizes and spans, the story decisions' report count,
// the copied contradictions' times.
func (f *fixture) recount(ctx context.Context, tx *sql.Tx) error {
	stmts := []string{
		`UPDATE dedup_groups SET members = (SELECT count(*) FROM dedup_prints p WHERE p.group_id = dedup_groups.group_id)`,
		`UPDATE stories SET reports = (SELECT count(*) FROM story_reports r WHERE r.story_id = stories.id),
			first_at = (SELECT min(COALESCE(x.published_at, x.collected_at)) FROM story_reports r JOIN reports x ON x.id = r.report_id WHERE r.story_id = stories.id),
			last_at = (SELECT max(COALESCE(x.published_at, x.collected_at)) FROM story_reports r JOIN reports x ON x.id = r.report_id WHERE r.story_id = stories.id)`,
		`UPDATE story_lock SET reports = (SELECT count(*) FROM story_reports)`,
		`UPDATE claim_links SET later_at = (SELECT max(c.said_at) FROM claims c WHERE c.id IN (claim_links.claim_a, claim_links.claim_b))
			WHERE contradiction = 1 AND later_at IS NULL`,
	}
	if f.pg {
		stmts = append(stmts, `SELECT setval(pg_get_serial_sequence('claims', 'id'), (SELECT max(id) FROM claims))`)
	}
	for _, q := range stmts {
		if _, err := f.exec(ctx, tx, q); err != nil {
			return err
		}
	}
	return nil
}
