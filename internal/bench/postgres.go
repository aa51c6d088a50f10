package bench

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"strings"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/postgres"
	"github.com/jic-center/jic/internal/textindex"
)

// RawSchemaSuffix names the raw engine's schema after jic's.
const RawSchemaSuffix = "_raw"

// postgresRawSchema is the raw engine's schema: jic's reports table with
// the same columns, UNIQUE indexes and GIN index on tsv, without foreign
// keys or the tables around it.
const postgresRawSchema = `
CREATE TABLE IF NOT EXISTS reports (
    id              BIGINT   PRIMARY KEY,
    skey            BIGINT   NOT NULL UNIQUE,
    source_id       BIGINT,
    owner_member_id BIGINT   NOT NULL,
    submitted_by    BIGINT,
    title           TEXT     NOT NULL,
    body            TEXT     NOT NULL,
    url             TEXT     NOT NULL,
    published_at    BIGINT,
    collected_at    BIGINT   NOT NULL,
    language        TEXT     NOT NULL,
    marking         TEXT     NOT NULL,
    content_hash    TEXT     NOT NULL,
    original_outlet TEXT     NOT NULL DEFAULT '',
    tsv             tsvector NOT NULL,
    UNIQUE (owner_member_id, content_hash)
);
CREATE INDEX IF NOT EXISTS reports_tsv ON reports USING gin (tsv);
-- Empty, as in jic's store where no report is shared: the scope predicate
-- of the "raw date + scope" mode reads them.
CREATE TABLE IF NOT EXISTS report_shares (report_id BIGINT NOT NULL, member_id BIGINT NOT NULL, PRIMARY KEY (report_id, member_id));
CREATE TABLE IF NOT EXISTS report_recipients (report_id BIGINT NOT NULL, user_id BIGINT NOT NULL, PRIMARY KEY (report_id, user_id));
CREATE TABLE IF NOT EXISTS bench_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`

// postgresRaw is the raw engine on PostgreSQL: a schema next to jic's in
// the same database, reached through its own pool.
type postgresRaw struct {
	db            *sql.DB
	pool          *pgxpool.Pool
	jicDB         *sql.DB
	url           string
	schema, jicSc string
}

func openPostgres(ctx context.Context, url, schema string) (*bench, error) {
	store, _, err := postgres.Open(ctx, url, postgres.Options{Schema: schema})
	if err != nil {
		return nil, err
	}
	raw := schema + RawSchemaSuffix
	e, err := openPostgresRaw(ctx, url, raw)
	if err != nil {
		store.Close()
		return nil, err
	}
	e.jicDB, e.jicSc, e.url = store.ReadDB, schema, url
	if err := e.mirrorStorage(ctx); err != nil {
		e.close()
		store.Close()
		return nil, err
	}
	return &bench{store: store, raw: e}, nil
}

// mirrorStorage gives the raw reports table's columns the storage and
// compression of jic's (jic keeps tsv inline and lz4-compressed, say), so
// that both store the same rows the same way. It changes how new rows are
// stored only.
func (e *postgresRaw) mirrorStorage(ctx context.Context) error {
	rows, err := e.db.QueryContext(ctx, `SELECT a.attname, a.attstorage, a.attcompression
		FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = $1 AND c.relname = 'reports' AND a.attnum > 0 AND NOT a.attisdropped`, e.jicSc)
	if err != nil {
		return fmt.Errorf("read jic's storage: %w", err)
	}
	type col struct{ name, storage, compression string }
	var cols []col
	for rows.Next() {
		var c col
		if err := rows.Scan(&c.name, &c.storage, &c.compression); err != nil {
			rows.Close()
			return err
		}
		cols = append(cols, c)
	}
	rows.Close()
	storage := map[string]string{"p": "PLAIN", "e": "EXTERNAL", "m": "MAIN", "x": "EXTENDED"}
	compression := map[string]string{"p": "pglz", "l": "lz4"}
	for _, c := range cols {
		var exists bool
		if err := e.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM information_schema.columns
			WHERE table_schema = $1 AND table_name = 'reports' AND column_name = $2)`, e.schema, c.name).Scan(&exists); err != nil || !exists {
			continue
		}
		alter := `ALTER TABLE reports ALTER COLUMN ` + quoteIdent(c.name)
		if s, ok := storage[c.storage]; ok {
			if _, err := e.db.ExecContext(ctx, alter+` SET STORAGE `+s); err != nil {
				return fmt.Errorf("mirror storage of %s: %w", c.name, err)
			}
		}
		if m, ok := compression[c.compression]; ok {
			if _, err := e.db.ExecContext(ctx, alter+` SET COMPRESSION `+m); err != nil {
				return fmt.Errorf("mirror compression of %s: %w", c.name, err)
			}
		}
	}
	return nil
}

func openPostgresRaw(ctx context.Context, url, schema string) (*postgresRaw, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, jic.FieldErrorf(jic.EINVALID, "url", "not a PostgreSQL connection string: %v", err)
	}
	cfg.ConnConfig.RuntimeParams["search_path"] = schema
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open raw schema: %w", err)
	}
	if _, err := pool.Exec(ctx, `CREATE SCHEMA IF NOT EXISTS `+quoteIdent(schema)); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open raw schema: %w", err)
	}
	db := stdlib.OpenDBFromPool(pool)
	if _, err := db.ExecContext(ctx, postgresRawSchema); err != nil {
		db.Close()
		pool.Close()
		return nil, fmt.Errorf("open raw schema: %w", err)
	}
	return &postgresRaw{db: db, pool: pool, schema: schema}, nil
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

func (e *postgresRaw) close() error {
	err := e.db.Close()
	e.pool.Close()
	return err
}

func (e *postgresRaw) state(ctx context.Context) (loadState, bool, error) {
	return readState(ctx, e.db)
}

func (e *postgresRaw) analyze(rows []rawRow) {
	for i := range rows {
		rows[i].tsv = textindex.TSVector(rows[i].title, rows[i].text, rows[i].lang)
	}
}

func (e *postgresRaw) insert(ctx context.Context, rows []rawRow, st loadState) error {
	tx, err := e.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	ins, err := tx.PrepareContext(ctx, `INSERT INTO reports
		(id, skey, source_id, owner_member_id, submitted_by, title, body, url, published_at, collected_at, language, marking, content_hash, tsv)
		VALUES ($1, $2, $3, $4, NULL, $5, $6, $7, $8, $9, $10, $11, $12, $13::tsvector)`)
	if err != nil {
		return err
	}
	defer ins.Close()
	for _, r := range rows {
		_, err := ins.ExecContext(ctx, r.id, r.skey, nullID(r.sourceID), r.owner, r.title, r.text, r.url,
			r.published, r.collected, r.lang, r.marking, r.hash, r.tsv)
		if err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO bench_state (key, value) VALUES ('load', $1)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, stateJSON(st)); err != nil {
		return err
	}
	return tx.Commit()
}

// sizes vacuums and analyzes the reports tables of both schemas (which
// also empties the GIN indexes' pending lists, as autovacuum would in
// time) and returns the bytes of each schema's tables with their TOAST
// and indexes.
func (e *postgresRaw) sizes(ctx context.Context) (int64, int64, error) {
	var out [2]int64
	for i, sc := range []string{e.jicSc, e.schema} {
		if _, err := e.db.ExecContext(ctx, `VACUUM (ANALYZE) `+quoteIdent(sc)+`.reports`); err != nil {
			return 0, 0, fmt.Errorf("vacuum %s: %w", sc, err)
		}
		err := e.db.QueryRowContext(ctx, `SELECT COALESCE(sum(pg_total_relation_size(c.oid)), 0)::bigint
			FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
			WHERE n.nspname = $1 AND c.relkind = 'r'`, sc).Scan(&out[i])
		if err != nil {
			return 0, 0, fmt.Errorf("size of %s: %w", sc, err)
		}
	}
	return out[0], out[1], nil
}

// The raw engine's queries on PostgreSQL, returning id, title and text.
var postgresRawQueries = map[string]string{
	ModeRawDate: `SELECT id, title, body FROM reports WHERE tsv @@ $1::tsquery ORDER BY skey DESC LIMIT 10`,
	ModeRawDateScope: `SELECT r.id, r.title, r.body FROM reports r WHERE r.tsv @@ $1::tsquery AND %s
		ORDER BY r.skey DESC LIMIT 10`, // %s: the viewer's scope
	ModeRawWindow: `SELECT r.id, r.title, r.body FROM (
		SELECT id, ts_rank('{0.1, 0.2, 0.4, 1.0}', tsv, $1::tsquery) AS score FROM reports
		WHERE tsv @@ $1::tsquery ORDER BY skey DESC LIMIT ` + fmt.Sprint(jic.RelevanceWindow) + `) w
		JOIN reports r ON r.id = w.id ORDER BY w.score DESC LIMIT 10`,
	ModeRawRanked: `SELECT id, title, body FROM reports WHERE tsv @@ $1::tsquery
		ORDER BY ts_rank_cd(tsv, $1::tsquery) DESC LIMIT 10`,
	modeMaxID: `SELECT COALESCE(MAX(id), 0), '', '' FROM reports`,
}

func (e *postgresRaw) search(ctx context.Context, mode string, q rawQuery) ([]int64, error) {
	query, args, err := rawSQL(postgresRawQueries, mode, q.tsquery, q.viewer)
	if err != nil {
		return nil, err
	}
	return scanHits(e.db.QueryContext(ctx, rebind(query), args...))
}

// rebind numbers the ? placeholders of scope predicates after the $1 of
// the match: $2, $3...
func rebind(query string) string {
	var b strings.Builder
	n := 1
	for _, c := range query {
		if c == '?' {
			n++
			fmt.Fprintf(&b, "$%d", n)
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

func (e *postgresRaw) count(ctx context.Context, q rawQuery) (int, error) {
	var n int
	err := e.db.QueryRowContext(ctx, `SELECT count(*) FROM reports WHERE tsv @@ $1::tsquery`, q.tsquery).Scan(&n)
	return n, err
}

// explain returns EXPLAIN (ANALYZE, BUFFERS) of a raw mode's query: it
// runs the query once more.
func (e *postgresRaw) explain(ctx context.Context, mode string, q rawQuery) (string, error) {
	query, args, err := rawSQL(postgresRawQueries, mode, q.tsquery, q.viewer)
	if err != nil {
		return "", err
	}
	return explainStatements(ctx, e.db, []statement{{query: rebind(query), args: args}}, "EXPLAIN (ANALYZE, BUFFERS) ", postgresPlan)
}

func (e *postgresRaw) captureJic(c *capture) *sql.DB {
	return openCapture(e.jicDB.Driver(), withSearchPath(e.url, e.jicSc), c)
}

func (e *postgresRaw) explainJic(ctx context.Context, stmts []statement) (string, error) {
	return explainStatements(ctx, e.jicDB, stmts, "EXPLAIN (ANALYZE, BUFFERS) ", postgresPlan)
}

// withSearchPath adds a search_path run-time parameter to a connection
// string, a URL or key=value pairs.
func withSearchPath(conn, schema string) string {
	if u, err := url.Parse(conn); err == nil && (u.Scheme == "postgres" || u.Scheme == "postgresql") {
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		return u.String()
	}
	return conn + " search_path=" + schema
}

// postgresPlan returns the lines of EXPLAIN, indented.
func postgresPlan(rows *sql.Rows) (string, error) {
	var b strings.Builder
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return "", err
		}
		b.WriteString("  " + line + "\n")
	}
	return b.String(), rows.Err()
}

// dropPostgres drops jic's schema and the raw one: for tests.
func dropPostgres(ctx context.Context, url, schema string) error {
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		return err
	}
	defer pool.Close()
	_, err = pool.Exec(ctx, `DROP SCHEMA IF EXISTS `+quoteIdent(schema)+` CASCADE; DROP SCHEMA IF EXISTS `+quoteIdent(schema+RawSchemaSuffix)+` CASCADE`)
	return err
}
