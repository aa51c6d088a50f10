package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/backup"
)

// Schema is the version of the tables below; backups record it and a
// restore refuses rows written for another one.
const Schema = 10

// backupTables are the tables a backup holds, parents before children, with
// the same columns in every dialect. Search indexes are derived and rebuilt
// on restore.
var backupTables = []struct {
	name    string
	columns []string
	order   string
	from    string // where the rows come from, if not the table itself
	restore string // the statement that puts a row back, if not an INSERT
}{
	{"members", []string{"id", "name", "founding", "rotation_order", "admitted_at", "status"}, "id", "", ""},
	{"users", []string{"id", "member_id", "name", "role", "password_hash", "created_at", "disabled"}, "id", "", ""},
	// Members and users refer to each other: the head users go in last.
	{"member_heads", []string{"head_user_id", "id"}, "id", "members WHERE head_user_id IS NOT NULL",
		"UPDATE members SET head_user_id = ? WHERE id = ?"},
	{"sources", []string{"id", "name", "kind", "url", "reliability", "language", "country", "owner_member_id", "default_marking", "republishes", "created_at",
		"poll_seconds", "paused", "next_poll_at", "last_poll_at", "last_success_at", "items_total", "failures", "last_error", "etag", "last_modified"}, "id", "", ""},
	{"reports", []string{"id", "skey", "source_id", "owner_member_id", "submitted_by", "title", "body", "url", "published_at", "collected_at", "language", "marking", "content_hash", "original_outlet"}, "id", "", ""},
	{"source_items", []string{"source_id", "item_key", "report_id", "first_seen"}, "source_id, item_key", "", ""},
	{"report_stages", []string{"report_id", "stage", "ok", "detail", "at"}, "report_id, stage", "", ""},
	{"entities", []string{"id", "kind", "key", "name", "country", "lat", "lon", "geoname_id", "precision", "created_at"}, "id", "", ""},
	{"mentions", []string{"report_id", "field", "span_start", "span_end", "entity_id", "kind", "surface", "confidence"}, "report_id, field, span_start", "", ""},
	{"report_dates", []string{"report_id", "field", "span_start", "span_end", "surface", "first_day", "last_day", "precision", "relative"}, "report_id, field, span_start", "", ""},
	{"dedup_prints", []string{"report_id", "version", "exact_hash", "print", "group_id", "kind", "of_report", "jaccard", "containment", "numbers"}, "report_id", "", ""},
	{"dedup_bands", []string{"band_key", "report_id"}, "band_key, report_id", "", ""},
	{"dedup_groups", []string{"group_id", "original_id", "rule", "members"}, "group_id", "", ""},
	{"claims", []string{"id", "report_id", "field", "span_start", "span_end", "speaker", "speaker_kind", "speaker_entity_id", "stance", "cue", "quote", "via", "said_at"}, "id", "", ""},
	{"claim_about", []string{"entity_id", "claim_id", "said_at"}, "entity_id, said_at, claim_id", "", ""},
	{"claim_links", []string{"claim_a", "claim_b", "score", "contradiction"}, "claim_a, claim_b", "", ""},
	{"stories", []string{"id", "title", "first_at", "last_at", "reports", "open"}, "id", "", ""},
	{"story_reports", []string{"report_id", "story_id", "group_id", "score", "why"}, "report_id", "", ""},
	{"story_keys", []string{"key", "df"}, "key", "", ""},
	{"story_postings", []string{"key", "story_id", "seq"}, "key, story_id", "", ""},
	{"story_profiles", []string{"story_id", "lang", "profile"}, "story_id, lang", "", ""},
	{"story_ratings", []string{"story_id", "at", "credibility", "reason", "user_id"}, "story_id, at", "", ""},
	{"report_raw", []string{"report_id", "media_type", "payload"}, "report_id", "", ""},
	{"report_shares", []string{"report_id", "member_id"}, "report_id, member_id", "", ""},
	{"report_recipients", []string{"report_id", "user_id"}, "report_id, user_id", "", ""},
	{"center", []string{"id", "founded_at", "term_months"}, "id", "", ""},
	{"terms", []string{"term_no", "member_id", "user_id", "starts_at", "ends_at", "recorded_at"}, "term_no", "", ""},
	{"requests", []string{"id", "kind", "title", "body", "owner_member_id", "requester_user_id", "assignee_member_id", "due_at", "priority", "status", "marking", "created_at", "updated_at"}, "id", "", ""},
	{"request_shares", []string{"request_id", "member_id"}, "request_id, member_id", "", ""},
	{"request_recipients", []string{"request_id", "user_id"}, "request_id, user_id", "", ""},
	{"request_messages", []string{"id", "request_id", "user_id", "body", "created_at"}, "id", "", ""},
	{"request_answers", []string{"request_id", "kind", "ref_id", "user_id", "created_at"}, "request_id, kind, ref_id", "", ""},
	{"products", []string{"id", "title", "body", "state", "version", "previous_id", "owner_member_id", "author_user_id", "marking", "created_at", "updated_at", "released_at", "released_by"}, "id", "", ""},
	{"product_shares", []string{"product_id", "member_id"}, "product_id, member_id", "", ""},
	{"product_recipients", []string{"product_id", "user_id"}, "product_id, user_id", "", ""},
	{"product_citations", []string{"product_id", "kind", "ref_id"}, "product_id, kind, ref_id", "", ""},
	{"watches", []string{"id", "name", "query", "owner_user_id", "owner_member_id", "priority", "webhook", "created_at"}, "id", "", ""},
	{"tokens", []string{"id", "user_id", "name", "hash", "created_at", "expires_at", "last_used", "revoked_at"}, "id", "", ""},
	{"audit_events", []string{"seq", "at", "user_id", "member_id", "action", "object", "detail", "prev_hash", "hash"}, "seq", "", ""},
}

// Backup writes a consistent snapshot of every table to w from one read
// transaction, while the store stays online.
func (s *Store) Backup(ctx context.Context, w io.Writer) error {
	tx, err := s.ReadDB.BeginTx(ctx, &sql.TxOptions{Isolation: s.snapshotLevel(), ReadOnly: true})
	if err != nil {
		return s.wrap(err, "backup: begin")
	}
	defer tx.Rollback()
	bw, err := backup.NewWriter(w, backup.Header{Jic: jic.Version, Created: s.Now().UTC(), Dialect: s.Dialect.Name(), Schema: Schema})
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	for _, t := range backupTables {
		from := t.from
		if from == "" {
			from = t.name
		}
		if err := s.backupTable(ctx, tx, bw, t.name, t.columns, from, t.order); err != nil {
			return err
		}
	}
	if err := bw.Close(); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	return nil
}

// snapshotLevel is the isolation that gives one consistent view: SQLite's
// read transactions always do; PostgreSQL needs REPEATABLE READ.
func (s *Store) snapshotLevel() sql.IsolationLevel {
	if s.Dialect.Name() == "postgres" {
		return sql.LevelRepeatableRead
	}
	return sql.LevelDefault
}

func (s *Store) backupTable(ctx context.Context, tx *sql.Tx, bw *backup.Writer, name string, cols []string, from, order string) error {
	if err := bw.Table(name, cols); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	rows, err := tx.QueryContext(ctx, fmt.Sprintf(`SELECT %s FROM %s ORDER BY %s`, strings.Join(cols, ", "), from, order))
	if err != nil {
		return s.wrap(err, "backup: read "+name)
	}
	defer rows.Close()
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return s.wrap(err, "backup: scan "+name)
		}
		if err := bw.Row(vals); err != nil {
			return fmt.Errorf("backup: %w", err)
		}
	}
	return s.wrap(rows.Err(), "backup: read "+name)
}

// Restore loads a backup into an empty store in one transaction, verifying
// the whole file before it commits; see jic.Store.
func (s *Store) Restore(ctx context.Context, r io.Reader) error {
	br, err := backup.NewReader(r)
	if err != nil {
		return err
	}
	if br.Header.Schema != Schema {
		return &jic.Error{Code: jic.EINVALID, Field: "backup", Message: fmt.Sprintf(
			"the backup holds schema version %d; this jic (%s) restores version %d", br.Header.Schema, jic.Version, Schema)}
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.mustBeEmpty(ctx, tx); err != nil {
			return err
		}
		if err := s.loadRows(ctx, tx, br); err != nil {
			return err
		}
		// The reports' counts, the contradictions' times and story
		// clustering's counters follow from the restored rows.
		if err := s.recountReports(ctx, tx); err != nil {
			return err
		}
		if err := s.recountContradictionTimes(ctx, tx); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE story_lock SET reports = (SELECT count(*) FROM story_reports),
			newest = COALESCE((SELECT max(last_at) FROM stories), 0) WHERE id = 1`); err != nil {
			return s.wrap(err, "restore: story counters")
		}
		if err := s.Dialect.ResetSequences(ctx, tx); err != nil {
			return s.wrap(err, "restore: reset sequences")
		}
		if err := s.reindex(ctx, tx); err != nil {
			return err
		}
		// The chain goes on from the restored events.
		if _, err := tx.ExecContext(ctx, `UPDATE audit_head SET
			seq = COALESCE((SELECT max(seq) FROM audit_events), 0),
			hash = COALESCE((SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1), '') WHERE id = 1`); err != nil {
			return s.wrap(err, "restore: audit head")
		}
		return s.audit(ctx, tx, "backup.restore", "center", map[string]any{
			"jic": br.Header.Jic, "created": br.Header.Created, "dialect": br.Header.Dialect})
	})
}

func (s *Store) mustBeEmpty(ctx context.Context, tx *sql.Tx) error {
	for _, t := range []string{"members", "reports", "audit_events"} {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+t).Scan(&n); err != nil {
			return s.wrap(err, "restore: check empty")
		}
		if n > 0 {
			return jic.Errorf(jic.ECONFLICT, "the database already holds %s; restore into an empty one", t)
		}
	}
	return nil
}

func (s *Store) loadRows(ctx context.Context, tx *sql.Tx, br *backup.Reader) error {
	var stmt *sql.Stmt
	var current string
	defer func() {
		if stmt != nil {
			stmt.Close()
		}
	}()
	for {
		table, cols, vals, err := br.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if table != current {
			query, err := restoreStatement(table, cols)
			if err != nil {
				return err
			}
			if stmt != nil {
				stmt.Close()
			}
			if stmt, err = tx.PrepareContext(ctx, s.q(query)); err != nil {
				return s.wrap(err, "restore: prepare "+table)
			}
			current = table
		}
		if _, err := stmt.ExecContext(ctx, vals...); err != nil {
			return &jic.Error{Code: jic.EINVALID, Field: "backup", Message: fmt.Sprintf("table %s: a row does not fit: %v", table, err)}
		}
	}
}

// restoreStatement returns the statement that restores a row of table,
// after checking that the backup's columns are this schema's.
func restoreStatement(table string, cols []string) (string, error) {
	for _, t := range backupTables {
		if t.name != table {
			continue
		}
		if !slices.Equal(t.columns, cols) {
			return "", &jic.Error{Code: jic.EINVALID, Field: "backup", Message: fmt.Sprintf("table %s has columns %v; expected %v", table, cols, t.columns)}
		}
		if t.restore != "" {
			return t.restore, nil
		}
		return fmt.Sprintf(`INSERT INTO %s (%s) VALUES (%s)`, table, strings.Join(cols, ", "), placeholders(len(cols))), nil
	}
	return "", &jic.Error{Code: jic.EINVALID, Field: "backup", Message: fmt.Sprintf("unknown table %q", table)}
}

// reindex rebuilds the search index of every report inside tx.
func (s *Store) reindex(ctx context.Context, tx *sql.Tx) error {
	var last int64
	for {
		rows, err := tx.QueryContext(ctx, s.q(`SELECT id, skey, title, body, language FROM reports WHERE id > ? ORDER BY id LIMIT 500`), last)
		if err != nil {
			return s.wrap(err, "reindex")
		}
		var batch []IndexRow
		for rows.Next() {
			var r IndexRow
			if err := rows.Scan(&r.ID, &r.SortKey, &r.Title, &r.Text, &r.Language); err != nil {
				rows.Close()
				return s.wrap(err, "reindex")
			}
			batch = append(batch, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return s.wrap(err, "reindex")
		}
		if len(batch) == 0 {
			return nil
		}
		for _, r := range batch {
			if err := s.Dialect.IndexReport(ctx, tx, r, false); err != nil {
				return s.wrap(err, "reindex")
			}
		}
		last = batch[len(batch)-1].ID
	}
}

// Reindex rebuilds the whole search index, as after an analyzer change.
func (s *Store) Reindex(ctx context.Context) error {
	return s.inTx(ctx, func(tx *sql.Tx) error { return s.reindex(ctx, tx) })
}
