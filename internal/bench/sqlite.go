package bench

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/scope"
	"github.com/jic-center/jic/internal/sqlite"
	"github.com/jic-center/jic/internal/textindex"
)

// File names in a SQLite bench directory.
const (
	sqliteJicFile = "jic.db"
	sqliteRawFile = "raw.db"
)

// sqliteRawSchema is the raw engine's database: jic's reports table with
// the same columns and the same UNIQUE indexes, without foreign keys or the
// tables around it, and the same contentless FTS5 table keyed by skey.
const sqliteRawSchema = `
CREATE TABLE IF NOT EXISTS reports (
    id              INTEGER PRIMARY KEY,
    skey            INTEGER NOT NULL UNIQUE,
    source_id       INTEGER,
    owner_member_id INTEGER NOT NULL,
    submitted_by    INTEGER,
    title           TEXT    NOT NULL,
    body            TEXT    NOT NULL,
    url             TEXT    NOT NULL,
    published_at    INTEGER,
    collected_at    INTEGER NOT NULL,
    language        TEXT    NOT NULL,
    marking         TEXT    NOT NULL,
    content_hash    TEXT    NOT NULL,
    original_outlet TEXT    NOT NULL DEFAULT '',
    UNIQUE (owner_member_id, content_hash)
);
CREATE VIRTUAL TABLE IF NOT EXISTS report_fts USING fts5 (
    title, body,
    content = '', contentless_delete = 1, tokenize = 'ascii'
);
-- Empty, as in jic's store where no report is shared: the scope predicate
-- of the "raw date + scope" mode reads them.
CREATE TABLE IF NOT EXISTS report_shares (report_id INTEGER NOT NULL, member_id INTEGER NOT NULL, PRIMARY KEY (report_id, member_id));
CREATE TABLE IF NOT EXISTS report_recipients (report_id INTEGER NOT NULL, user_id INTEGER NOT NULL, PRIMARY KEY (report_id, user_id));
CREATE TABLE IF NOT EXISTS bench_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`

// sqliteRaw is the raw engine on SQLite: a file next to jic's, opened with
// jic's pragmas (WAL, synchronous FULL) on one connection.
type sqliteRaw struct {
	db       *sql.DB
	jicDB    *sql.DB // jic's read handle, for plans and sizes
	jicWrite *sql.DB
	dir      string
}

func openSQLite(ctx context.Context, dir string) (*bench, error) {
	store, err := sqlite.Open(ctx, filepath.Join(dir, sqliteJicFile), sqlite.Options{})
	if err != nil {
		return nil, err
	}
	v := url.Values{}
	for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "synchronous(FULL)"} {
		v.Add("_pragma", p)
	}
	v.Add("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(filepath.Join(dir, sqliteRawFile))+"?"+v.Encode())
	if err == nil {
		db.SetMaxOpenConns(1)
		_, err = db.ExecContext(ctx, sqliteRawSchema)
	}
	if err != nil {
		store.Close()
		return nil, fmt.Errorf("open raw database: %w", err)
	}
	return &bench{store: store, raw: &sqliteRaw{db: db, jicDB: store.ReadDB, jicWrite: store.DB, dir: dir}}, nil
}

func (e *sqliteRaw) close() error { return e.db.Close() }

func (e *sqliteRaw) state(ctx context.Context) (loadState, bool, error) { return readState(ctx, e.db) }

func (e *sqliteRaw) analyze(rows []rawRow) {
	for i := range rows {
		rows[i].titleTerms = textindex.IndexText(rows[i].title, rows[i].lang)
		rows[i].textTerms = textindex.IndexText(rows[i].text, rows[i].lang)
	}
}

func (e *sqliteRaw) insert(ctx context.Context, rows []rawRow, st loadState) error {
	tx, err := e.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	ins, err := tx.PrepareContext(ctx, `INSERT INTO reports
		(id, skey, source_id, owner_member_id, submitted_by, title, body, url, published_at, collected_at, language, marking, content_hash)
		VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer ins.Close()
	fts, err := tx.PrepareContext(ctx, `INSERT INTO report_fts (rowid, title, body) VALUES (?, ?, ?)`)
	if err != nil {
		return err
	}
	defer fts.Close()
	for _, r := range rows {
		_, err := ins.ExecContext(ctx, r.id, r.skey, nullID(r.sourceID), r.owner, r.title, r.text, r.url,
			r.published, r.collected, r.lang, r.marking, r.hash)
		if err != nil {
			return err
		}
		if _, err := fts.ExecContext(ctx, r.skey, r.titleTerms, r.textTerms); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO bench_state (key, value) VALUES ('load', ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, stateJSON(st)); err != nil {
		return err
	}
	return tx.Commit()
}

func nullID(id int64) sql.NullInt64 { return sql.NullInt64{Int64: id, Valid: id != 0} }

// sizes checkpoints both write-ahead logs into their databases and returns
// the bytes of each database's files.
func (e *sqliteRaw) sizes(ctx context.Context) (int64, int64, error) {
	for _, db := range []*sql.DB{e.jicWrite, e.db} {
		if _, err := db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
			return 0, 0, fmt.Errorf("checkpoint: %w", err)
		}
	}
	return fileSizes(filepath.Join(e.dir, sqliteJicFile)), fileSizes(filepath.Join(e.dir, sqliteRawFile)), nil
}

func fileSizes(path string) int64 {
	var n int64
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if fi, err := os.Stat(path + suffix); err == nil {
			n += fi.Size()
		}
	}
	return n
}

// The raw engine's queries on SQLite. Each returns the id, title and text
// of its hits: what a result page shows.
var sqliteRawQueries = map[string]string{
	ModeRawDate: `SELECT r.id, r.title, r.body FROM report_fts f JOIN reports r ON r.skey = f.rowid
		WHERE report_fts MATCH ? ORDER BY f.rowid DESC LIMIT 10`,
	ModeRawDateScope: `SELECT r.id, r.title, r.body FROM report_fts f JOIN reports r ON r.skey = f.rowid
		WHERE report_fts MATCH ? AND %s ORDER BY f.rowid DESC LIMIT 10`, // %s: the viewer's scope
	ModeRawWindow: `SELECT r.id, r.title, r.body FROM (
		SELECT rowid AS skey, bm25(report_fts, 4.0, 1.0) AS score FROM report_fts
		WHERE report_fts MATCH ? ORDER BY rowid DESC LIMIT ` + fmt.Sprint(jic.RelevanceWindow) + `) w
		JOIN reports r ON r.skey = w.skey ORDER BY w.score LIMIT 10`,
	ModeRawRanked: `SELECT r.id, r.title, r.body FROM report_fts f JOIN reports r ON r.skey = f.rowid
		WHERE report_fts MATCH ? ORDER BY bm25(report_fts) LIMIT 10`,
	modeMaxID: `SELECT COALESCE(MAX(id), 0), '', '' FROM reports`,
}

func (e *sqliteRaw) search(ctx context.Context, mode string, q rawQuery) ([]int64, error) {
	query, args, err := rawSQL(sqliteRawQueries, mode, q.fts5, q.viewer)
	if err != nil {
		return nil, err
	}
	return scanHits(e.db.QueryContext(ctx, query, args...))
}

// rawSQL returns the raw query of a mode from queries and its arguments:
// the match expression and, for the scoped mode, the viewer's scope.
func rawSQL(queries map[string]string, mode, match string, v jic.Viewer) (string, []any, error) {
	query, ok := queries[mode]
	switch {
	case !ok:
		return "", nil, fmt.Errorf("no raw query %q", mode)
	case mode == modeMaxID:
		return query, nil, nil
	case mode == ModeRawDateScope:
		where, args := scope.Reports(v, "r")
		return fmt.Sprintf(query, where), append([]any{match}, args...), nil
	}
	return query, []any{match}, nil
}

// scanHits reads rows of (id, title, text) and returns the ids.
func scanHits(rows *sql.Rows, err error) ([]int64, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		var title, text string
		if err := rows.Scan(&id, &title, &text); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

func (e *sqliteRaw) count(ctx context.Context, q rawQuery) (int, error) {
	var n int
	err := e.db.QueryRowContext(ctx, `SELECT count(*) FROM report_fts WHERE report_fts MATCH ?`, q.fts5).Scan(&n)
	return n, err
}

// explain returns EXPLAIN QUERY PLAN of a raw mode's query.
func (e *sqliteRaw) explain(ctx context.Context, mode string, q rawQuery) (string, error) {
	query, args, err := rawSQL(sqliteRawQueries, mode, q.fts5, q.viewer)
	if err != nil {
		return "", err
	}
	return explainStatements(ctx, e.db, []statement{{query: query, args: args}}, "EXPLAIN QUERY PLAN ", sqlitePlan)
}

func (e *sqliteRaw) captureJic(c *capture) *sql.DB {
	dsn := "file:" + filepath.ToSlash(filepath.Join(e.dir, sqliteJicFile)) + "?_pragma=busy_timeout(10000)&_pragma=query_only(1)"
	return openCapture(e.jicDB.Driver(), dsn, c)
}

func (e *sqliteRaw) explainJic(ctx context.Context, stmts []statement) (string, error) {
	return explainStatements(ctx, e.jicDB, stmts, "EXPLAIN QUERY PLAN ", sqlitePlan)
}

// sqlitePlan formats the rows of EXPLAIN QUERY PLAN as an indented tree.
func sqlitePlan(rows *sql.Rows) (string, error) {
	var b strings.Builder
	depth := map[int]int{}
	for rows.Next() {
		var id, parent, notused int
		var detail string
		if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
			return "", err
		}
		depth[id] = depth[parent] + 1
		fmt.Fprintf(&b, "%s%s\n", strings.Repeat("  ", depth[id]), detail)
	}
	return b.String(), rows.Err()
}
