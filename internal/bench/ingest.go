package bench

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"text/tabwriter"
	"time"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/sqlstore"
)

// Backends a bench runs on.
const (
	BackendSQLite   = "sqlite"
	BackendPostgres = "postgres"
)

// DefaultBatch is how many reports go to the store in one AddReports call
// (and the raw engine in one transaction).
const DefaultBatch = 500

// Target says where a bench store lives. The raw engine's tables live
// beside jic's: in DIR/raw.db next to DIR/jic.db on SQLite, in schema
// Schema+"_raw" next to Schema on PostgreSQL.
type Target struct {
	Backend string // BackendSQLite or BackendPostgres
	Dir     string // sqlite: the directory of jic.db and raw.db; created, and kept afterwards
	URL     string // postgres: connection URL of an existing database
	Schema  string // postgres: jic's schema, created if missing; default "jicbench"
}

// IngestOptions configure Ingest.
type IngestOptions struct {
	Target
	DataDir  string        // the shared data; "" = DefaultDataDir
	Base     []*jic.Report // the base corpus if already loaded; nil = LoadBase(DataDir)
	N        int           // reports to load; 0 = the base corpus
	Seed     uint64        // of the scaled corpus (see Corpus.Report)
	Batch    int           // reports per transaction; 0 = DefaultBatch
	Progress io.Writer     // progress lines every few seconds; nil = none
	Every    time.Duration // between progress lines; 0 = 5s
}

// loadState is how far a load got. The raw engine saves it in the same
// transaction as each batch, so a load stopped at any point resumes after
// the last batch both sides committed.
type loadState struct {
	Seed    uint64 `json:"seed"`
	BaseLen int    `json:"base_len"`
	Done    int    `json:"done"` // corpus positions 0..Done-1 are in both stores
	Batch   int    `json:"batch"`
	Bytes   int64  `json:"bytes"`   // of title and text loaded
	Stored  int    `json:"stored"`  // reports jic stored (not duplicates)
	JicNS   int64  `json:"jic_ns"`  // in AddReports
	AnaNS   int64  `json:"ana_ns"`  // in the raw path's analysis
	InsNS   int64  `json:"ins_ns"`  // in the raw path's INSERTs and commits
	Resumes int    `json:"resumes"` // times the load was resumed
}

// rawRow is one report as the raw engine inserts it: the values jic
// stores, plus the index terms the raw path computes itself.
type rawRow struct {
	id, skey, sourceID, owner int64
	title, text, url          string
	published, collected      int64 // Unix ms
	lang, marking, hash       string
	titleTerms, textTerms     string // SQLite: textindex.IndexText of title and text
	tsv                       string // PostgreSQL: textindex.TSVector
}

// rawEngine is the raw database of one backend: plain tables with the same
// search index as jic's, written and queried with hand-written SQL.
type rawEngine interface {
	// state returns the saved load state; ok is false before the first batch.
	state(ctx context.Context) (st loadState, ok bool, err error)
	// analyze fills the index terms of rows, as jic's dialect would.
	analyze(rows []rawRow)
	// insert stores rows and st in one transaction with plain INSERTs.
	insert(ctx context.Context, rows []rawRow, st loadState) error
	// sizes returns the bytes on disk of jic's database and the raw one,
	// after making both compact as their engine does (checkpoint, vacuum).
	sizes(ctx context.Context) (jicBytes, rawBytes int64, err error)
	// search runs one raw query mode; see searchModes.
	search(ctx context.Context, mode string, q rawQuery) (ids []int64, err error)
	// explain returns the plan of a raw mode's query.
	explain(ctx context.Context, mode string, q rawQuery) (string, error)
	// captureJic returns a new handle to jic's database that records the
	// statements sent through it in c; the caller closes it.
	captureJic(c *capture) *sql.DB
	// explainJic returns the plans of statements captured from jic.
	explainJic(ctx context.Context, stmts []statement) (string, error)
	// count returns how many reports match q.
	count(ctx context.Context, q rawQuery) (int, error)
	close() error
}

// rawQuery is a parsed query in both dialects, and the viewer of the
// scoped modes.
type rawQuery struct {
	fts5, tsquery string
	viewer        jic.Viewer
}

// bench is an open bench target: jic's store and the raw engine.
type bench struct {
	store *sqlstore.Store
	raw   rawEngine
}

// check returns t with its defaults, or EINVALID naming what it lacks.
func (t Target) check() (Target, error) {
	switch t.Backend {
	case BackendSQLite:
		if t.Dir == "" {
			return t, jic.FieldErrorf(jic.EINVALID, "dir", "the sqlite bench needs a directory")
		}
		return t, nil
	case BackendPostgres:
		if t.URL == "" {
			return t, jic.FieldErrorf(jic.EINVALID, "url", "the postgres bench needs a database URL")
		}
		if t.Schema == "" {
			t.Schema = "jicbench"
		}
		return t, nil
	}
	return t, jic.FieldErrorf(jic.EINVALID, "backend", "%q is not sqlite or postgres", t.Backend)
}

func openBench(ctx context.Context, t Target) (*bench, error) {
	t, err := t.check()
	if err != nil {
		return nil, err
	}
	if t.Backend == BackendSQLite {
		return openSQLite(ctx, t.Dir)
	}
	return openPostgres(ctx, t.URL, t.Schema)
}

func (b *bench) Close() error {
	err := b.raw.close()
	if err2 := b.store.Close(); err == nil {
		err = err2
	}
	return err
}

// Ingest loads opt.N reports of the scaled corpus into jic's store (members
// and sources first, then AddReports in batches) and, batch by batch in the
// same run, into the raw engine with plain INSERTs of the same rows in one
// transaction per batch. The raw path analyzes the text itself
// (textindex.IndexText for FTS5, textindex.TSVector for PostgreSQL), timed
// apart, so the table shows it with and without analysis. It writes the
// corpus counts and the result table to out and progress to opt.Progress.
//
// A target that already holds part of the same load (same seed and base)
// resumes after its last committed batch; one that holds all of it is not
// loaded again, and the table shows the times of the original load.
func Ingest(ctx context.Context, opt IngestOptions, out io.Writer) error {
	if opt.Batch <= 0 {
		opt.Batch = DefaultBatch
	}
	if opt.Every <= 0 {
		opt.Every = 5 * time.Second
	}
	base := opt.Base
	if base == nil {
		var err error
		if base, err = LoadBase(opt.DataDir); err != nil {
			return err
		}
	}
	if len(base) == 0 {
		return jic.Errorf(jic.EINVALID, "the base corpus is empty")
	}
	n := opt.N
	if n <= 0 {
		n = len(base)
	}
	fmt.Fprintf(out, "Base corpus: %d real reports from %s\n", len(base), dataDirName(opt.DataDir, opt.Base))
	if err := WriteCounts(out, base); err != nil {
		return err
	}
	b, err := openBench(ctx, opt.Target)
	if err != nil {
		return err
	}
	defer b.Close()
	sources, err := prepareStore(ctx, b.store, base)
	if err != nil {
		return err
	}
	st, ok, err := b.raw.state(ctx)
	if err != nil {
		return err
	}
	switch {
	case !ok:
		st = loadState{Seed: opt.Seed, BaseLen: len(base), Batch: opt.Batch}
	case st.Seed != opt.Seed || st.BaseLen != len(base):
		return jic.Errorf(jic.ECONFLICT, "the target holds a load of seed %d over a base of %d reports, not seed %d over %d; use another one",
			st.Seed, st.BaseLen, opt.Seed, len(base))
	case st.Done < n:
		st.Resumes++
		fmt.Fprintf(out, "Resuming the load after %d reports.\n", st.Done)
	}
	corpus := NewCorpus(base, opt.Seed)
	if st.Done < n {
		if st, err = load(ctx, b, corpus, sources, st, n, opt); err != nil {
			return err
		}
	} else if st.Done > n {
		fmt.Fprintf(out, "The target holds %d reports, more than the %d asked for; the table is of those.\n", st.Done, n)
	}
	jicSize, rawSize, err := b.raw.sizes(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintln(out)
	return writeIngestTable(out, opt.Backend, st, jicSize, rawSize)
}

func dataDirName(dir string, given []*jic.Report) string {
	switch {
	case given != nil:
		return "the caller"
	case dir == "":
		return DefaultDataDir
	}
	return dir
}

// prepareStore creates the bench members, the viewer user and one source
// per source name of base, or finds them in a store that has them, and
// returns the source ids by name.
func prepareStore(ctx context.Context, s *sqlstore.Store, base []*jic.Report) (map[string]int64, error) {
	for _, m := range []struct {
		id   int64
		name string
	}{{MemberAlpha, MemberAlphaName}, {MemberBeta, MemberBetaName}} {
		got, err := s.MemberByName(ctx, m.name)
		if jic.ErrorCode(err) == jic.ENOTFOUND {
			got = &jic.Member{Name: m.name, Founding: true, RotationOrder: int(m.id)}
			err = s.CreateMember(ctx, got)
		}
		if err != nil {
			return nil, err
		}
		if got.ID != m.id {
			return nil, jic.Errorf(jic.ECONFLICT, "member %q has id %d, not %d: the bench needs a store of its own", m.name, got.ID, m.id)
		}
	}
	if _, err := viewerUser(ctx, s); err != nil {
		return nil, err
	}
	langs := map[string]string{}
	for _, r := range base {
		langs[r.SourceName] = r.Language
	}
	names := sortedKeys(langs)
	ids := map[string]int64{}
	for _, name := range names {
		src, err := s.SourceByName(ctx, name)
		if jic.ErrorCode(err) == jic.ENOTFOUND {
			src = &jic.Source{Name: name, Kind: jic.SourceManual, Language: langs[name], OwnerMemberID: MemberAlpha, Reliability: jic.ReliabilityB}
			err = s.CreateSource(ctx, src)
		}
		if err != nil {
			return nil, err
		}
		ids[name] = src.ID
	}
	return ids, nil
}

// viewerUserName is the user of MemberAlpha that searches run as.
const viewerUserName = "bench-viewer"

// viewerUser returns the search viewer, creating its user if needed.
func viewerUser(ctx context.Context, s jic.Store) (jic.Viewer, error) {
	u, err := s.UserByName(ctx, viewerUserName)
	if jic.ErrorCode(err) == jic.ENOTFOUND {
		u = &jic.User{MemberID: MemberAlpha, Name: viewerUserName, Role: jic.RoleViewer, PasswordHash: "bench: no login"}
		err = s.CreateUser(ctx, u)
	}
	if err != nil {
		return jic.Viewer{}, err
	}
	return jic.Viewer{UserID: u.ID, MemberID: u.MemberID, Role: u.Role}, nil
}

// load runs the batches from st.Done to n.
func load(ctx context.Context, b *bench, c *Corpus, sources map[string]int64, st loadState, n int, opt IngestOptions) (loadState, error) {
	p := newProgress(opt.Progress, opt.Every, opt.Backend, st.Done, n)
	batch := make([]*jic.Report, 0, opt.Batch)
	rows := make([]rawRow, 0, opt.Batch)
	rawMax, err := b.rawMaxID(ctx)
	if err != nil {
		return st, err
	}
	for from := st.Done; from < n; from += opt.Batch {
		if err := ctx.Err(); err != nil {
			return st, err
		}
		to := min(n, from+opt.Batch)
		batch, rows = batch[:0], rows[:0]
		for _, r := range c.Range(from, to) {
			r.SourceID = sources[r.SourceName]
			batch = append(batch, r)
			rows = append(rows, rowOf(r))
			st.Bytes += int64(len(r.Title) + len(r.Text))
		}
		start := time.Now()
		res, err := b.store.AddReports(ctx, batch)
		if err != nil {
			return st, fmt.Errorf("add reports %d..%d: %w", from, to-1, err)
		}
		st.JicNS += int64(time.Since(start))
		// The raw engine gets the ids jic assigned, so that both hold the
		// same rows. A duplicate jic already had is skipped, unless it is
		// one of a batch jic committed before a stopped load (id > rawMax).
		keep := rows[:0]
		for i, res := range res {
			if res.Duplicate && res.ID <= rawMax {
				continue
			}
			if !res.Duplicate {
				st.Stored++
			}
			rows[i].id = res.ID
			keep = append(keep, rows[i])
			rawMax = max(rawMax, res.ID)
		}
		start = time.Now()
		b.raw.analyze(keep)
		st.AnaNS += int64(time.Since(start))
		start = time.Now()
		for i := range keep {
			finishRow(&keep[i])
		}
		st.Done = to
		st.InsNS += int64(time.Since(start)) // the hash and sort key; insert adds its own time below
		start = time.Now()
		if err := b.raw.insert(ctx, keep, st); err != nil {
			return st, fmt.Errorf("raw insert %d..%d: %w", from, to-1, err)
		}
		st.InsNS += int64(time.Since(start))
		p.update(to)
	}
	p.done(n)
	return st, nil
}

// rawMaxID returns the largest report id in the raw engine, 0 if none.
func (b *bench) rawMaxID(ctx context.Context) (int64, error) {
	ids, err := b.raw.search(ctx, modeMaxID, rawQuery{})
	if err != nil || len(ids) == 0 {
		return 0, err
	}
	return ids[0], nil
}

// rowOf copies the values jic will store for r before AddReports touches it.
func rowOf(r *jic.Report) rawRow {
	return rawRow{
		sourceID: r.SourceID, owner: r.OwnerMemberID,
		title: r.Title, text: r.Text, url: r.URL,
		published: r.Published.UnixMilli(), collected: r.Collected.UnixMilli(),
		lang: r.Language, marking: string(r.Marking),
	}
}

// finishRow computes what jic derives from a report besides its index
// terms: the content hash and the sort key.
func finishRow(r *rawRow) {
	r.hash = jic.ContentHash(r.url, r.title, r.text)
	r.skey = sqlstore.SortKey(r.published/1000, r.id)
}

func stateJSON(st loadState) string {
	b, _ := json.Marshal(st)
	return string(b)
}

// readState reads the load's state from the raw engine's bench_state
// table; ok is false before the first batch.
func readState(ctx context.Context, db *sql.DB) (st loadState, ok bool, err error) {
	var s string
	err = db.QueryRowContext(ctx, `SELECT value FROM bench_state WHERE key = 'load'`).Scan(&s)
	if errors.Is(err, sql.ErrNoRows) {
		return loadState{}, false, nil
	}
	if err != nil {
		return loadState{}, false, err
	}
	st, err = parseState(s)
	return st, err == nil, err
}

func parseState(s string) (loadState, error) {
	var st loadState
	if err := json.Unmarshal([]byte(s), &st); err != nil {
		return st, fmt.Errorf("read bench state: %w", err)
	}
	return st, nil
}

// progress prints a line every so often: reports done, rate, ETA.
type progress struct {
	w           io.Writer
	every       time.Duration
	what        string
	start, last time.Time
	from, lastN int
	total       int
}

func newProgress(w io.Writer, every time.Duration, what string, from, total int) *progress {
	now := time.Now()
	return &progress{w: w, every: every, what: what, start: now, last: now, from: from, lastN: from, total: total}
}

func (p *progress) update(n int) {
	if p.w == nil || time.Since(p.last) < p.every {
		return
	}
	now := time.Now()
	rate := float64(n-p.from) / now.Sub(p.start).Seconds()
	recent := float64(n-p.lastN) / now.Sub(p.last).Seconds()
	eta := time.Duration(float64(p.total-n)/max(recent, 1e-9)) * time.Second
	fmt.Fprintf(p.w, "ingest %s: %d/%d reports (%.1f%%), %.0f reports/s (%.0f recently), ETA %s\n",
		p.what, n, p.total, 100*float64(n)/float64(p.total), rate, recent, eta.Round(time.Second))
	p.last, p.lastN = now, n
}

func (p *progress) done(n int) {
	if p.w != nil {
		fmt.Fprintf(p.w, "ingest %s: %d reports loaded in %s\n", p.what, n, time.Since(p.start).Round(time.Second))
	}
}

// writeIngestTable prints one row per path: jic, the raw engine with and
// without its analysis, and the analysis alone.
func writeIngestTable(w io.Writer, backend string, st loadState, jicSize, rawSize int64) error {
	fmt.Fprintf(w, "Ingest on %s: %d reports (corpus seed %d: %d real, %d copies; %d stored, %d duplicates), batches of %d, %d resumes, %.1f MB of title and text\n",
		backend, st.Done, st.Seed, min(st.Done, st.BaseLen), max(0, st.Done-st.BaseLen), st.Stored, st.Done-st.Stored, st.Batch, st.Resumes, mb(st.Bytes))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "backend\tpath\treports\tseconds\treports/s\tMB/s text\tDB size MB\tjic/path\t")
	rows := []struct {
		path string
		ns   int64
		size int64
	}{
		{"jic AddReports", st.JicNS, jicSize},
		{"raw analysis + INSERT", st.AnaNS + st.InsNS, rawSize},
		{"raw INSERT only", st.InsNS, -1},
		{"raw analysis only", st.AnaNS, -1},
	}
	for _, r := range rows {
		sec := float64(r.ns) / 1e9
		size := "-"
		if r.size >= 0 {
			size = fmt.Sprintf("%.0f", float64(r.size)/1e6)
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%.1f\t%.0f\t%.2f\t%s\t%.2f\t\n", backend, r.path, st.Done, sec,
			float64(st.Done)/sec, mb(st.Bytes)/sec, size, float64(st.JicNS)/float64(r.ns))
	}
	return tw.Flush()
}

// Drop deletes a bench target: jic.db and raw.db (with their logs) in Dir
// on SQLite, jic's schema and the raw schema on PostgreSQL.
func Drop(ctx context.Context, t Target) error {
	switch t.Backend {
	case BackendSQLite:
		for _, f := range []string{sqliteJicFile, sqliteRawFile} {
			for _, suffix := range []string{"", "-wal", "-shm"} {
				if err := os.Remove(filepath.Join(t.Dir, f+suffix)); err != nil && !os.IsNotExist(err) {
					return err
				}
			}
		}
		return nil
	case BackendPostgres:
		if t.Schema == "" {
			t.Schema = "jicbench"
		}
		return dropPostgres(ctx, t.URL, t.Schema)
	}
	return jic.FieldErrorf(jic.EINVALID, "backend", "%q is not sqlite or postgres", t.Backend)
}

// sortedStrings returns the keys of a set in order.
func sortedStrings(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
