package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"reflect"

	"modernc.org/sqlite"
)

// maxCachedStmts bounds the statements each connection keeps prepared.
const maxCachedStmts = 256

// openDB opens a pool whose connections keep their statements prepared.
// The driver parses and plans every statement that is not prepared anew
// each time it runs, and the store runs the same few hundred statements
// over and over: processing a report spent a fifth of its time in SQLite's
// parser before.
func openDB(dsn string) *sql.DB {
	return sql.OpenDB(connector{dsn: dsn, d: &sqlite.Driver{}})
}

type connector struct {
	dsn string
	d   *sqlite.Driver
}

func (c connector) Connect(context.Context) (driver.Conn, error) {
	conn, err := c.d.Open(c.dsn)
	if err != nil {
		return nil, err
	}
	return &cachingConn{Conn: conn, stmts: map[string]*cachedStmt{}}, nil
}

func (c connector) Driver() driver.Driver { return c.d }

// cachingConn is a driver connection that runs Exec and Query through
// prepared statements it keeps, by query text. database/sql uses a
// connection from one goroutine at a time, so it needs no lock; a
// statement whose rows are still open is not shared: a second use of its
// text meanwhile gets a statement of its own.
type cachingConn struct {
	driver.Conn
	stmts map[string]*cachedStmt
}

type cachedStmt struct {
	driver.Stmt
	busy bool // rows of it are open
}

// The interfaces database/sql looks for, all passed to the driver's
// connection (which has them all).
var (
	_ driver.ConnBeginTx        = (*cachingConn)(nil)
	_ driver.ConnPrepareContext = (*cachingConn)(nil)
	_ driver.ExecerContext      = (*cachingConn)(nil)
	_ driver.QueryerContext     = (*cachingConn)(nil)
	_ driver.Pinger             = (*cachingConn)(nil)
	_ driver.SessionResetter    = (*cachingConn)(nil)
	_ driver.Validator          = (*cachingConn)(nil)
)

func (c *cachingConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	return c.Conn.(driver.ConnBeginTx).BeginTx(ctx, opts)
}

func (c *cachingConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	return c.Conn.(driver.ConnPrepareContext).PrepareContext(ctx, query)
}

func (c *cachingConn) Ping(ctx context.Context) error { return c.Conn.(driver.Pinger).Ping(ctx) }

func (c *cachingConn) ResetSession(ctx context.Context) error {
	return c.Conn.(driver.SessionResetter).ResetSession(ctx)
}

func (c *cachingConn) IsValid() bool { return c.Conn.(driver.Validator).IsValid() }

// Close closes the kept statements, then the connection.
func (c *cachingConn) Close() error {
	var errs []error
	for q, st := range c.stmts {
		errs = append(errs, st.Close())
		delete(c.stmts, q)
	}
	return errors.Join(append(errs, c.Conn.Close())...)
}

// stmt returns the kept statement of query, preparing it if needed, or,
// when the kept one is busy, a new statement that the caller must close
// (kept is false).
func (c *cachingConn) stmt(ctx context.Context, query string) (st *cachedStmt, kept bool, err error) {
	if st := c.stmts[query]; st != nil {
		if !st.busy {
			return st, true, nil
		}
		ds, err := c.PrepareContext(ctx, query)
		return &cachedStmt{Stmt: ds}, false, err
	}
	ds, err := c.PrepareContext(ctx, query)
	if err != nil {
		return nil, false, err
	}
	if len(c.stmts) >= maxCachedStmts {
		for q, old := range c.stmts { // one that is not busy, any
			if !old.busy {
				old.Close()
				delete(c.stmts, q)
				break
			}
		}
	}
	st = &cachedStmt{Stmt: ds}
	c.stmts[query] = st
	return st, true, nil
}

func (c *cachingConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	st, kept, err := c.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	if !kept {
		defer st.Close()
	}
	return st.Stmt.(driver.StmtExecContext).ExecContext(ctx, args)
}

func (c *cachingConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	st, kept, err := c.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	rows, err := st.Stmt.(driver.StmtQueryContext).QueryContext(ctx, args)
	if err != nil {
		if !kept {
			st.Close()
		}
		return nil, err
	}
	st.busy = true
	return &stmtRows{Rows: rows, done: func() error {
		st.busy = false
		if !kept {
			return st.Close()
		}
		return nil
	}}, nil
}

// stmtRows frees its statement when closed and passes on the column type
// methods of the driver's rows.
type stmtRows struct {
	driver.Rows
	done func() error
}

func (r *stmtRows) Close() error {
	err := r.Rows.Close()
	if r.done != nil {
		err = errors.Join(err, r.done())
		r.done = nil
	}
	return err
}

func (r *stmtRows) ColumnTypeDatabaseTypeName(i int) string {
	if t, ok := r.Rows.(driver.RowsColumnTypeDatabaseTypeName); ok {
		return t.ColumnTypeDatabaseTypeName(i)
	}
	return ""
}

func (r *stmtRows) ColumnTypeScanType(i int) reflect.Type {
	if t, ok := r.Rows.(driver.RowsColumnTypeScanType); ok {
		return t.ColumnTypeScanType(i)
	}
	return reflect.TypeFor[any]()
}

func (r *stmtRows) ColumnTypeNullable(i int) (nullable, ok bool) {
	if t, ok := r.Rows.(driver.RowsColumnTypeNullable); ok {
		return t.ColumnTypeNullable(i)
	}
	return false, false
}
