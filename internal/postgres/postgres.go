// Package postgres is jic's scale-out store: PostgreSQL through pgx, with
// full-text search in a tsvector column under a GIN index holding the terms
// of internal/textindex. It supplies the PostgreSQL dialect of
// internal/sqlstore, which implements jic.Store, so any number of jic nodes
// can share one database.
package postgres

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/sqlstore"
	"github.com/jic-center/jic/internal/textindex"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Options tune Open.
type Options struct {
	Schema   string // schema to use (created if missing); "" = the server's default search_path
	MaxConns int32  // pool size; default pgx's (max(4, CPUs))
	MaxRaw   int    // bytes per text or raw payload; default jic.DefaultMaxRaw
}

// Open connects to the database at url (a postgres:// URL or key=value
// string), migrates it and returns the store and its pool, which River's
// riverpgxv5 driver can share.
func Open(ctx context.Context, url string, opt Options) (*sqlstore.Store, *pgxpool.Pool, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, nil, &jic.Error{Code: jic.EINVALID, Field: "database", Message: "not a PostgreSQL connection string: " + err.Error()}
	}
	if opt.MaxConns > 0 {
		cfg.MaxConns = opt.MaxConns
	}
	if opt.Schema != "" {
		if err := createSchema(ctx, url, opt.Schema); err != nil {
			return nil, nil, err
		}
		cfg.ConnConfig.RuntimeParams["search_path"] = opt.Schema
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, nil, unavailable(err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, nil, unavailable(err)
	}
	db := stdlib.OpenDBFromPool(pool)
	if err := migrate(ctx, db); err != nil {
		db.Close()
		pool.Close()
		return nil, nil, err
	}
	s := sqlstore.New(db, db, dialect{}, db.Close, func() error { pool.Close(); return nil })
	s.MaxRaw = opt.MaxRaw
	if err := checkAnalyzer(ctx, s); err != nil {
		s.Close()
		return nil, nil, err
	}
	return s, pool, nil
}

func unavailable(err error) error {
	return &jic.Error{Code: jic.EUNAVAILABLE, Field: "database", Message: "cannot reach PostgreSQL: " + err.Error()}
}

func createSchema(ctx context.Context, url, schema string) error {
	conn, err := pgxpool.New(ctx, url)
	if err != nil {
		return unavailable(err)
	}
	defer conn.Close()
	_, err = conn.Exec(ctx, `CREATE SCHEMA IF NOT EXISTS `+quoteIdent(schema))
	if err != nil {
		return unavailable(err)
	}
	return nil
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

func migrate(ctx context.Context, db *sql.DB) error {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return err
	}
	p, err := goose.NewProvider(goose.DialectPostgres, db, sub)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return nil
}

// checkAnalyzer rebuilds the search index when another analyzer version
// built it.
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
		if err := s.Reindex(ctx); err != nil {
			return fmt.Errorf("rebuild search index: %w", err)
		}
	}
	_, err = s.DB.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES ('analyzer_version', $1)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, want)
	return err
}

type dialect struct{}

func (dialect) Name() string { return "postgres" }

func (dialect) ForUpdate() string { return " FOR UPDATE" }

// Rebind numbers ? placeholders ($1, $2...) outside quoted literals.
func (dialect) Rebind(query string) string {
	var b strings.Builder
	n, quoted := 0, false
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch {
		case c == '\'':
			quoted = !quoted
		case c == '?' && !quoted:
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

func (dialect) NextReportID(ctx context.Context, tx *sql.Tx) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT nextval(pg_get_serial_sequence('reports', 'id'))`).Scan(&id)
	return id, err
}

func (dialect) InsertColumns(r sqlstore.IndexRow) (string, string, []any) {
	return ", tsv", ", ?::tsvector", []any{textindex.TSVector(r.Title, r.Text, r.Language)}
}

func (dialect) IndexReport(ctx context.Context, tx *sql.Tx, r sqlstore.IndexRow, fresh bool) error {
	if fresh {
		return nil
	}
	_, err := tx.ExecContext(ctx, `UPDATE reports SET tsv = $1::tsvector WHERE id = $2`,
		textindex.TSVector(r.Title, r.Text, r.Language), r.ID)
	return err
}

// Candidates returns the newest matches in two steps, so that neither a
// common nor a rare term makes PostgreSQL read much:
//
//  1. Walk the newest recentRows reports backwards in sort-key order and
//     test each one's tsvector, which the schema keeps inline and
//     lz4-compressed, so a test costs about a microsecond. A term in more
//     than about one report in two thousand has its page of hits here.
//  2. If not, the term is rare among recent reports: ask the GIN index for
//     its matches older than those, which are then few, and sort them.
//
// Relevance is ts_rank with the title weighted 10:1.
func (d dialect) Candidates(ctx context.Context, db *sql.DB, c sqlstore.CandidateQuery) ([]sqlstore.Candidate, error) {
	before := c.Before
	if before == 0 {
		before = math.MaxInt64
	}
	score := "0::float8"
	var scoreArgs []any
	if c.Scored {
		score = "ts_rank('{0.1, 0.2, 0.4, 1.0}', r.tsv, ?::tsquery)::float8"
		scoreArgs = []any{c.Match.TSQuery}
	}
	filter, fargs := "", []any(nil)
	if c.Filter != "" {
		filter, fargs = " AND "+c.Filter, c.Args
	}
	recent := `SELECT r.id, r.skey, ` + score + ` FROM (SELECT id, skey, tsv, marking, owner_member_id, language, source_id
		FROM reports WHERE skey < ? AND skey >= ? ORDER BY skey DESC LIMIT ` + strconv.Itoa(recentRows) + `) r
		WHERE r.tsv @@ ?::tsquery` + filter + ` ORDER BY r.skey DESC LIMIT ` + strconv.Itoa(c.Limit)
	args := append(append(append(scoreArgs, before, c.After), c.Match.TSQuery), fargs...)
	out, err := d.candidates(ctx, db, d.Rebind(recent), args)
	if err != nil || len(out) >= c.Limit {
		return out, err
	}
	// Where did the walk stop? If the range holds fewer reports, it saw them all.
	var edge int64
	err = db.QueryRowContext(ctx, `SELECT skey FROM reports WHERE skey < $1 AND skey >= $2 ORDER BY skey DESC OFFSET $3 LIMIT 1`,
		before, c.After, recentRows-1).Scan(&edge)
	if errors.Is(err, sql.ErrNoRows) {
		return out, nil
	}
	if err != nil {
		return nil, err
	}
	older := `SELECT r.id, r.skey, ` + score + ` FROM reports r WHERE r.tsv @@ ?::tsquery AND r.skey < ? AND r.skey >= ?` +
		filter + ` ORDER BY r.skey DESC LIMIT ` + strconv.Itoa(c.Limit-len(out))
	args = append(append(scoreArgs, c.Match.TSQuery, edge, c.After), fargs...)
	more, err := d.indexOnly(ctx, db, d.Rebind(older), args)
	return append(out, more...), err
}

// recentRows is how many of the newest reports the first step walks.
var recentRows = 20000

// indexOnly runs a query with PostgreSQL's plain index scans turned off, so
// that it answers from the GIN index (a bitmap of the matches) instead of
// walking the sort-key index and testing every older report.
func (d dialect) indexOnly(ctx context.Context, db *sql.DB, query string, args []any) ([]sqlstore.Candidate, error) {
	tx, err := db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `SET LOCAL enable_indexscan = off`); err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return scanCandidates(rows)
}

func (d dialect) candidates(ctx context.Context, db *sql.DB, query string, args []any) ([]sqlstore.Candidate, error) {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return scanCandidates(rows)
}

func scanCandidates(rows *sql.Rows) ([]sqlstore.Candidate, error) {
	defer rows.Close()
	var out []sqlstore.Candidate
	for rows.Next() {
		var cd sqlstore.Candidate
		if err := rows.Scan(&cd.ID, &cd.SortKey, &cd.Score); err != nil {
			return nil, err
		}
		out = append(out, cd)
	}
	return out, rows.Err()
}

func (dialect) ResetSequences(ctx context.Context, tx *sql.Tx) error {
	for _, t := range []string{"members", "users", "sources", "reports", "tokens", "requests", "request_messages", "products", "watches", "entities"} {
		_, err := tx.ExecContext(ctx, fmt.Sprintf(
			`SELECT setval(pg_get_serial_sequence('%[1]s', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM %[1]s`, t))
		if err != nil {
			return err
		}
	}
	return nil
}

func (dialect) ClassifyError(err error) error {
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		if pgconn.SafeToRetry(err) || errors.Is(err, sql.ErrConnDone) {
			return &jic.Error{Code: jic.EUNAVAILABLE, Message: "the database connection failed; try again"}
		}
		return nil
	}
	switch {
	case pe.Code == "23505":
		return &jic.Error{Code: jic.ECONFLICT, Message: "already exists (" + pe.ConstraintName + ")"}
	case pe.Code == "23503":
		return &jic.Error{Code: jic.EINVALID, Message: "refers to something that does not exist"}
	case pe.Code == "22P02" || pe.Code == "22021" || pe.Code == "54000":
		return &jic.Error{Code: jic.EINVALID, Message: pe.Message}
	case strings.HasPrefix(pe.Code, "08") || strings.HasPrefix(pe.Code, "53") || strings.HasPrefix(pe.Code, "57"):
		return &jic.Error{Code: jic.EUNAVAILABLE, Message: "the database is unavailable: " + pe.Message}
	}
	return nil
}
