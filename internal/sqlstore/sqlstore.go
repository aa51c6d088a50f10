// Package sqlstore implements jic.Store over database/sql for any SQL
// database that supplies a Dialect. internal/sqlite and internal/postgres are
// its two dialects: they differ in how they open, migrate, index text and
// classify errors, and share everything else here, so one implementation
// passes the conformance suite on both.
package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jic-center/jic"
)

// Dialect is what differs between SQL databases.
type Dialect interface {
	// Name is "sqlite" or "postgres".
	Name() string
	// Rebind rewrites a query written with ? placeholders for the driver.
	Rebind(query string) string
	// ForUpdate is the clause that locks the rows a SELECT reads until the
	// transaction ends ("" where transactions already serialize writes).
	ForUpdate() string
	// NextReportID reserves the id for the next report inside tx.
	NextReportID(ctx context.Context, tx *sql.Tx) (int64, error)
	// InsertColumns returns extra columns, their value expressions and
	// values for the INSERT of a new report, for dialects that keep the
	// search index in the reports row.
	InsertColumns(r IndexRow) (cols, exprs string, vals []any)
	// IndexReport (re)writes the search index entry of a stored report inside
	// tx; fresh says it was just inserted with InsertColumns.
	IndexReport(ctx context.Context, tx *sql.Tx, r IndexRow, fresh bool) error
	// Candidates returns matches of q newest first (sort key descending),
	// at most limit, with the filters and viewer scope applied in the query.
	Candidates(ctx context.Context, db *sql.DB, c CandidateQuery) ([]Candidate, error)
	// ResetSequences brings id generators past restored rows.
	ResetSequences(ctx context.Context, tx *sql.Tx) error
	// ClassifyError maps a driver error to a domain error, or returns nil
	// when it is not one the domain names.
	ClassifyError(err error) error
}

// IndexRow is what the search index holds for one report.
type IndexRow struct {
	ID, SortKey int64
	Title, Text string
	Language    string
}

// Candidate is one report matching a search.
type Candidate struct {
	ID, SortKey int64
	Score       float64 // higher is better; set when Scored
}

// CandidateQuery is a search the dialect runs against its index.
type CandidateQuery struct {
	Match  MatchExpr
	Before int64  // sort key bound, exclusive; 0 = none
	After  int64  // sort key bound, inclusive; 0 = none
	Filter string // SQL predicate over reports aliased r, with ? placeholders; includes the viewer's scope
	Args   []any
	Limit  int
	Scored bool
}

// ScanCandidates reads rows of id, sort key and score, and closes them.
func ScanCandidates(rows *sql.Rows) ([]Candidate, error) {
	defer rows.Close()
	var out []Candidate
	for rows.Next() {
		var cd Candidate
		if err := rows.Scan(&cd.ID, &cd.SortKey, &cd.Score); err != nil {
			return nil, err
		}
		out = append(out, cd)
	}
	return out, rows.Err()
}

// MatchExpr is a parsed query in each dialect's syntax.
type MatchExpr struct {
	FTS5    string
	TSQuery string
}

// Store is a jic.Store over one database.
type Store struct {
	DB      *sql.DB // writes, and reads that must see them
	ReadDB  *sql.DB // reads; may be the same as DB
	Dialect Dialect
	Now     jic.Clock
	MaxRaw  int // bytes; 0 = jic.DefaultMaxRaw
	closers []func() error
}

var _ jic.Store = (*Store)(nil)

// New returns a Store. closers run in order on Close.
func New(db, readDB *sql.DB, d Dialect, closers ...func() error) *Store {
	if readDB == nil {
		readDB = db
	}
	return &Store{DB: db, ReadDB: readDB, Dialect: d, Now: time.Now, closers: closers}
}

// Close releases the database handles.
func (s *Store) Close() error {
	var errs []error
	for _, c := range s.closers {
		errs = append(errs, c())
	}
	return errors.Join(errs...)
}

// Ping returns EUNAVAILABLE when the database does not answer.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.DB.PingContext(ctx); err != nil {
		return &jic.Error{Code: jic.EUNAVAILABLE, Message: "database unavailable: " + err.Error()}
	}
	return nil
}

func (s *Store) q(query string) string { return s.Dialect.Rebind(query) }

// wrap turns a driver error into a domain error where the domain names it,
// adding context for internal ones.
func (s *Store) wrap(err error, what string) error {
	if err == nil {
		return nil
	}
	var de *jic.Error
	if errors.As(err, &de) {
		return err
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	if c := s.Dialect.ClassifyError(err); c != nil {
		return c
	}
	return fmt.Errorf("%s: %w", what, err)
}

// batchKey marks a context that carries a Batch's transaction.
type batchKey struct{ s *Store }

// Batch runs fn's store calls in one transaction; see
// jic.ProcessingStore.
func (s *Store) Batch(ctx context.Context, fn func(ctx context.Context) error) error {
	if s.batch(ctx) != nil {
		return fn(ctx)
	}
	return s.inTx(ctx, func(tx *sql.Tx) error { return fn(context.WithValue(ctx, batchKey{s}, tx)) })
}

func (s *Store) batch(ctx context.Context) *sql.Tx {
	tx, _ := ctx.Value(batchKey{s}).(*sql.Tx)
	return tx
}

// dbtx is what runs statements: a database or a transaction.
type dbtx interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// reader is what reads run on: the batch's transaction inside a Batch, so
// that they see its writes, else the read pool.
func (s *Store) reader(ctx context.Context) dbtx {
	if tx := s.batch(ctx); tx != nil {
		return tx
	}
	return s.ReadDB
}

// writer is what a single write runs on: the batch's transaction inside a
// Batch (on SQLite, the one write connection it holds), else the database.
func (s *Store) writer(ctx context.Context) dbtx {
	if tx := s.batch(ctx); tx != nil {
		return tx
	}
	return s.DB
}

// inTx runs fn in a transaction of its own, or in the batch's inside a
// Batch (whose end then commits or rolls back).
func (s *Store) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if tx := s.batch(ctx); tx != nil {
		return fn(tx)
	}
	tx, err := s.DB.BeginTx(ctx, nil)
	if err != nil {
		return s.wrap(err, "begin")
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return s.wrap(tx.Commit(), "commit")
}

// Times are stored as Unix milliseconds in both dialects so that backups
// move between them unchanged.
func ms(t time.Time) int64 { return t.UnixMilli() }

func nullMS(t time.Time) sql.NullInt64 {
	if t.IsZero() {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: t.UnixMilli(), Valid: true}
}

func fromMS(v int64) time.Time { return time.UnixMilli(v).UTC() }

func fromNullMS(v sql.NullInt64) time.Time {
	if !v.Valid {
		return time.Time{}
	}
	return fromMS(v.Int64)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// valueRows returns the VALUES list of a multi-row INSERT: rows
// parenthesized groups of cols placeholders.
func valueRows(rows, cols int) string {
	return strings.TrimSuffix(strings.Repeat("("+placeholders(cols)+"), ", rows), ", ")
}
