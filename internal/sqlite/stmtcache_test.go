package sqlite

import (
	"fmt"
	"path/filepath"
	"testing"
)

// TestStatementCache runs statements through the connection's kept
// statements in the ways that could trip them: the same query nested while
// its rows are open, more distinct queries than are kept, a failing
// statement and the same text again, a transaction rolled back.
func TestStatementCache(t *testing.T) {
	ctx := t.Context()
	db := openDB(dsn(filepath.Join(t.TempDir(), "c.db"), false))
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.ExecContext(ctx, `CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	for i := range 10 {
		if _, err := db.ExecContext(ctx, `INSERT INTO t (id, v) VALUES (?, ?)`, i, fmt.Sprint("v", i)); err != nil {
			t.Fatal(err)
		}
	}
	const q = `SELECT id FROM t WHERE id >= ? ORDER BY id`
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	outer, err := tx.QueryContext(ctx, q, 5)
	if err != nil {
		t.Fatal(err)
	}
	var pairs []string
	for outer.Next() {
		var a int
		if err := outer.Scan(&a); err != nil {
			t.Fatal(err)
		}
		inner, err := tx.QueryContext(ctx, q, 8) // the same text while outer is open
		if err != nil {
			t.Fatal(err)
		}
		for inner.Next() {
			var b int
			if err := inner.Scan(&b); err != nil {
				t.Fatal(err)
			}
			pairs = append(pairs, fmt.Sprint(a, b))
		}
		if err := inner.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if err := outer.Close(); err != nil {
		t.Fatal(err)
	}
	if len(pairs) != 10 || pairs[0] != "5 8" || pairs[9] != "9 9" {
		t.Fatalf("nested reads gave %v", pairs)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO t (id, v) VALUES (?, ?)`, 100, "x"); err != nil {
		t.Fatal(err)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	// A constraint failure, then the same statement succeeds.
	if _, err := db.ExecContext(ctx, `INSERT INTO t (id, v) VALUES (?, ?)`, 1, "dup"); err == nil {
		t.Fatal("a duplicate id was accepted")
	}
	if _, err := db.ExecContext(ctx, `INSERT INTO t (id, v) VALUES (?, ?)`, 11, "v11"); err != nil {
		t.Fatal(err)
	}
	// More distinct statements than a connection keeps.
	for i := range maxCachedStmts + 50 {
		var v string
		if err := db.QueryRowContext(ctx, fmt.Sprintf(`SELECT v FROM t WHERE id = ? AND %d = %d`, i, i), i%10).Scan(&v); err != nil {
			t.Fatalf("query %d: %v", i, err)
		}
		if want := fmt.Sprint("v", i%10); v != want {
			t.Fatalf("query %d read %q, want %q", i, v, want)
		}
	}
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM t`).Scan(&n); err != nil || n != 11 {
		t.Fatalf("count = %d, %v; want 11 (the rolled back row absent)", n, err)
	}
}
