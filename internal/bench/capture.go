package bench

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"strings"
	"sync"
)

// A capture records the statements a store sends, so that the bench can
// show the plans of exactly what jic ran for its slowest queries without
// keeping a copy of each dialect's SQL.
type capture struct {
	mu     sync.Mutex
	events []statement
	nextTx int
}

// statement is one statement sent through a capturing handle.
type statement struct {
	tx    int  // the transaction it ran in, 0 for none
	exec  bool // Exec (SET LOCAL...) rather than Query
	query string
	args  []any
}

func (c *capture) add(s statement) {
	c.mu.Lock()
	c.events = append(c.events, s)
	c.mu.Unlock()
}

// statements returns what was captured.
func (c *capture) statements() []statement {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]statement(nil), c.events...)
}

// openCapture returns a handle that opens its connections with d and dsn
// and records every statement in c.
func openCapture(d driver.Driver, dsn string, c *capture) *sql.DB {
	return sql.OpenDB(captureConnector{d: d, dsn: dsn, c: c})
}

type captureConnector struct {
	d   driver.Driver
	dsn string
	c   *capture
}

func (cc captureConnector) Connect(context.Context) (driver.Conn, error) {
	conn, err := cc.d.Open(cc.dsn)
	if err != nil {
		return nil, err
	}
	return &captureConn{Conn: conn, c: cc.c}, nil
}

func (cc captureConnector) Driver() driver.Driver { return cc.d }

// captureConn passes everything to the driver's connection and records
// queries and execs with the transaction they run in.
type captureConn struct {
	driver.Conn
	c  *capture
	tx int
}

var errNoContext = errors.New("bench capture: the driver lacks a context method")

func (cn *captureConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	q, ok := cn.Conn.(driver.QueryerContext)
	if !ok {
		return nil, errNoContext
	}
	cn.c.add(statement{tx: cn.tx, query: query, args: values(args)})
	return q.QueryContext(ctx, query, args)
}

func (cn *captureConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	e, ok := cn.Conn.(driver.ExecerContext)
	if !ok {
		return nil, errNoContext
	}
	cn.c.add(statement{tx: cn.tx, exec: true, query: query, args: values(args)})
	return e.ExecContext(ctx, query, args)
}

func (cn *captureConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	b, ok := cn.Conn.(driver.ConnBeginTx)
	if !ok {
		return nil, errNoContext
	}
	tx, err := b.BeginTx(ctx, opts)
	if err != nil {
		return nil, err
	}
	cn.c.mu.Lock()
	cn.c.nextTx++
	cn.tx = cn.c.nextTx
	cn.c.mu.Unlock()
	return captureTx{Tx: tx, conn: cn}, nil
}

type captureTx struct {
	driver.Tx
	conn *captureConn
}

func (t captureTx) Commit() error   { t.conn.tx = 0; return t.Tx.Commit() }
func (t captureTx) Rollback() error { t.conn.tx = 0; return t.Tx.Rollback() }

func values(args []driver.NamedValue) []any {
	out := make([]any, len(args))
	for i, a := range args {
		out[i] = a.Value
	}
	return out
}

// explainStatements replays captured statements on db with prefix
// ("EXPLAIN QUERY PLAN ", "EXPLAIN (ANALYZE, BUFFERS) ") before each query,
// inside a rolled-back transaction where the original ran in one (so that
// its SET LOCALs apply), and returns each query with its plan, formatted
// by format.
func explainStatements(ctx context.Context, db *sql.DB, stmts []statement, prefix string, format func(*sql.Rows) (string, error)) (string, error) {
	var b strings.Builder
	for i := 0; i < len(stmts); {
		j := i + 1
		for stmts[i].tx != 0 && j < len(stmts) && stmts[j].tx == stmts[i].tx {
			j++
		}
		if err := explainGroup(ctx, db, stmts[i:j], prefix, format, &b); err != nil {
			return b.String(), err
		}
		i = j
	}
	return b.String(), nil
}

// querier is a *sql.DB or a *sql.Tx.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// explainGroup explains the statements of one transaction, in a read-only
// transaction rolled back afterwards, or one statement outside any.
func explainGroup(ctx context.Context, db *sql.DB, group []statement, prefix string, format func(*sql.Rows) (string, error), b *strings.Builder) error {
	var q querier = db
	if group[0].tx != 0 {
		tx, err := db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
		if err != nil {
			return err
		}
		defer tx.Rollback()
		q = tx
	}
	for _, s := range group {
		if s.exec {
			fmt.Fprintf(b, "%s\n", oneLine(s.query))
			if _, err := q.ExecContext(ctx, s.query, s.args...); err != nil {
				return err
			}
			continue
		}
		fmt.Fprintf(b, "%s\n  args: %s\n", oneLine(s.query), argList(s.args))
		rows, err := q.QueryContext(ctx, prefix+s.query, s.args...)
		if err != nil {
			return err
		}
		plan, err := format(rows)
		rows.Close()
		if err != nil {
			return err
		}
		b.WriteString(plan)
	}
	return nil
}

func argList(args []any) string {
	parts := make([]string, len(args))
	for i, a := range args {
		parts[i] = fmt.Sprintf("%v", a)
		if s, ok := a.(string); ok {
			parts[i] = fmt.Sprintf("%q", s)
		}
	}
	return strings.Join(parts, ", ")
}
