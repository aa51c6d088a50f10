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
	s := sqlstore.New(db, db, dialect{hist: &histCache{}}, db.Close, func() error { pool.Close(); return nil })
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

type dialect struct {
	hist *histCache // the sort keys' distribution, for search's slices
}

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
	return ", tsv", ", ?::tsvector", []any{tsvector(r)}
}

func (dialect) IndexReport(ctx context.Context, tx *sql.Tx, r sqlstore.IndexRow, fresh bool) error {
	if fresh {
		return nil
	}
	_, err := tx.ExecContext(ctx, `UPDATE reports SET tsv = $1::tsvector WHERE id = $2`,
		tsvector(r), r.ID)
	return err
}

func (dialect) ResetSequences(ctx context.Context, tx *sql.Tx) error {
	for _, t := range []string{"members", "users", "sources", "reports", "tokens", "requests", "request_messages", "products", "watches", "entities", "claims"} {
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
