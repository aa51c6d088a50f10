// Package sqlite is jic's embedded store: one SQLite file in the data
// directory (WAL, full sync, busy timeout), full-text search in FTS5 over
// the terms of internal/textindex. It supplies the SQLite dialect of
// internal/sqlstore, which implements jic.Store.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strconv"

	"github.com/pressly/goose/v3"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/sqlstore"
	"github.com/jic-center/jic/internal/textindex"
)

//go:embed migrations/*.sql
var migrations embed.FS

// ApplicationID marks a SQLite file as a jic database ("jic1").
const ApplicationID = 0x6a696331

// Options tune Open.
type Options struct {
	ReadConns int // read connections; default 4
	MaxRaw    int // bytes per text or raw payload; default jic.DefaultMaxRaw
}

// Open opens or creates the database file at path, migrates it and returns
// the store. It refuses a file that is another program's SQLite database.
func Open(ctx context.Context, path string, opt Options) (*sqlstore.Store, error) {
	if opt.ReadConns <= 0 {
		opt.ReadConns = 4
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	// One writer: SQLite serializes writes anyway, and one connection makes
	// every write transaction start with the lock (BEGIN IMMEDIATE) instead
	// of failing with SQLITE_BUSY halfway through.
	w := openDB(dsn(path, false))
	w.SetMaxOpenConns(1)
	if err := prepare(ctx, w, path); err != nil {
		w.Close()
		return nil, err
	}
	r := openDB(dsn(path, true))
	r.SetMaxOpenConns(opt.ReadConns)
	s := sqlstore.New(w, r, dialect{}, r.Close, w.Close)
	s.MaxRaw = opt.MaxRaw
	if err := checkAnalyzer(ctx, s); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func dsn(path string, readOnly bool) string {
	v := url.Values{}
	v.Add("_pragma", "busy_timeout(10000)")
	v.Add("_pragma", "journal_mode(WAL)")
	v.Add("_pragma", "synchronous(FULL)") // durable at commit, also on power loss
	v.Add("_pragma", "foreign_keys(1)")
	if readOnly {
		v.Add("_pragma", "query_only(1)")
	} else {
		v.Add("_txlock", "immediate")
	}
	return "file:" + filepath.ToSlash(path) + "?" + v.Encode()
}

// prepare checks that the file is ours (or new) and migrates it.
func prepare(ctx context.Context, db *sql.DB, path string) error {
	var appID int64
	if err := db.QueryRowContext(ctx, `PRAGMA application_id`).Scan(&appID); err != nil {
		return &jic.Error{Code: jic.EINVALID, Field: "database", Message: fmt.Sprintf("%s is not a SQLite database: %v", path, err)}
	}
	var tables int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema`).Scan(&tables); err != nil {
		return fmt.Errorf("open database: %w", err)
	}
	switch {
	case appID == 0 && tables == 0:
		if _, err := db.ExecContext(ctx, `PRAGMA application_id = `+strconv.Itoa(ApplicationID)); err != nil {
			return fmt.Errorf("open database: %w", err)
		}
	case appID != ApplicationID:
		return &jic.Error{Code: jic.EINVALID, Field: "database", Message: fmt.Sprintf("%s is a SQLite database of another program (application id %#x)", path, appID)}
	}
	return Migrate(ctx, db)
}

// Migrate applies the embedded migrations that have not run yet, each in a
// transaction.
func Migrate(ctx context.Context, db *sql.DB) error {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return err
	}
	p, err := goose.NewProvider(goose.DialectSQLite3, db, sub)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return nil
}

// checkAnalyzer rebuilds the search index when it was built by another
// version of the analyzer.
func checkAnalyzer(ctx context.Context, s *sqlstore.Store) error {
	var v string
	err := s.DB.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'analyzer_version'`).Scan(&v)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("open database: %w", err)
	}
	want := strconv.Itoa(textindex.Version)
	if v == want {
		return nil
	}
	if v != "" {
		if _, err := s.DB.ExecContext(ctx, `DELETE FROM report_fts`); err != nil {
			return fmt.Errorf("rebuild search index: %w", err)
		}
		if err := s.Reindex(ctx); err != nil {
			return fmt.Errorf("rebuild search index: %w", err)
		}
	}
	_, err = s.DB.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES ('analyzer_version', ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, want)
	return err
}

type dialect struct{}

func (dialect) Name() string               { return "sqlite" }
func (dialect) Rebind(query string) string { return query }

// ForUpdate is empty: a write transaction holds SQLite's only write lock.
func (dialect) ForUpdate() string { return "" }

func (dialect) NextReportID(ctx context.Context, tx *sql.Tx) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) + 1 FROM reports`).Scan(&id)
	return id, err
}

func (dialect) InsertColumns(sqlstore.IndexRow) (string, string, []any) { return "", "", nil }

func (dialect) IndexReport(ctx context.Context, tx *sql.Tx, r sqlstore.IndexRow, fresh bool) error {
	if !fresh {
		if _, err := tx.ExecContext(ctx, `DELETE FROM report_fts WHERE rowid = ?`, r.SortKey); err != nil {
			return err
		}
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO report_fts (rowid, title, body) VALUES (?, ?, ?)`,
		r.SortKey, textindex.IndexText(r.Title, r.Language), textindex.IndexText(r.Text, r.Language))
	return err
}

// Candidates walks the FTS5 index in rowid (sort key) order from the newest
// match, joining each to its report for the filters and the viewer's scope,
// and stops after limit rows: the cost follows the page, not the number of
// matches. Relevance is FTS5's bm25 with the title weighted 4:1.
func (dialect) Candidates(ctx context.Context, db *sql.DB, c sqlstore.CandidateQuery) ([]sqlstore.Candidate, error) {
	score := "0"
	if c.Scored {
		score = "-bm25(report_fts, 4.0, 1.0)"
	}
	query := `SELECT r.id, f.rowid, ` + score + ` FROM report_fts f JOIN reports r ON r.skey = f.rowid
		WHERE report_fts MATCH ?`
	args := []any{c.Match.FTS5}
	if c.Before > 0 {
		query, args = query+` AND f.rowid < ?`, append(args, c.Before)
	}
	if c.After > 0 {
		query, args = query+` AND f.rowid >= ?`, append(args, c.After)
	}
	if c.Filter != "" {
		query, args = query+` AND `+c.Filter, append(args, c.Args...)
	}
	query += ` ORDER BY f.rowid DESC LIMIT ` + strconv.Itoa(c.Limit)
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return sqlstore.ScanCandidates(rows)
}

func (dialect) ResetSequences(context.Context, *sql.Tx) error { return nil }

func (dialect) ClassifyError(err error) error {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return nil
	}
	switch se.Code() {
	case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
		return &jic.Error{Code: jic.ECONFLICT, Message: "already exists: " + se.Error()}
	case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
		return &jic.Error{Code: jic.EINVALID, Message: "refers to something that does not exist"}
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return &jic.Error{Code: jic.EUNAVAILABLE, Message: "the database is busy; try again"}
	case sqlite3.SQLITE_FULL:
		return &jic.Error{Code: jic.EUNAVAILABLE, Message: "the disk is full"}
	}
	return nil
}
