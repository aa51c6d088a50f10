package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/jic-center/jic"
)

// CreateSource validates and stores src. ECONFLICT if the name is taken.
func (s *Store) CreateSource(ctx context.Context, src *jic.Source) error {
	if err := src.Validate(); err != nil {
		return err
	}
	if src.CreatedAt.IsZero() {
		src.CreatedAt = s.Now()
	}
	src.CreatedAt = src.CreatedAt.UTC().Truncate(1e6)
	owner := sql.NullInt64{Int64: src.OwnerMemberID, Valid: src.OwnerMemberID != 0}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, s.q(`INSERT INTO sources
			(name, kind, url, reliability, language, country, owner_member_id, default_marking, republishes, created_at, poll_seconds, paused)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
			src.Name, string(src.Kind), src.URL, string(src.Reliability), src.Language, src.Country, owner,
			string(src.DefaultMarking), src.Republishes, ms(src.CreatedAt), int64(src.PollInterval/time.Second), boolInt(src.Paused)).Scan(&src.ID)
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, "source.create", fmt.Sprintf("source/%d", src.ID), src)
	})
	return s.sourceError(err, src)
}

func (s *Store) sourceError(err error, src *jic.Source) error {
	switch jic.ErrorCode(s.wrap(err, "")) {
	case jic.ECONFLICT:
		return jic.Errorf(jic.ECONFLICT, "a source named %q already exists", src.Name)
	case jic.EINVALID:
		return jic.FieldErrorf(jic.EINVALID, "owner_member_id", "no member %d", src.OwnerMemberID)
	}
	return s.wrap(err, "save source")
}

// UpdateSource saves the settings of an existing source (not its status).
func (s *Store) UpdateSource(ctx context.Context, src *jic.Source) error {
	if err := src.Validate(); err != nil {
		return err
	}
	owner := sql.NullInt64{Int64: src.OwnerMemberID, Valid: src.OwnerMemberID != 0}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`UPDATE sources SET name = ?, kind = ?, url = ?, reliability = ?, language = ?, country = ?,
			owner_member_id = ?, default_marking = ?, republishes = ?, poll_seconds = ?, paused = ? WHERE id = ?`),
			src.Name, string(src.Kind), src.URL, string(src.Reliability), src.Language, src.Country, owner,
			string(src.DefaultMarking), src.Republishes, int64(src.PollInterval/time.Second), boolInt(src.Paused), src.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return jic.Errorf(jic.ENOTFOUND, "no source %d", src.ID)
		}
		return s.audit(ctx, tx, "source.update", fmt.Sprintf("source/%d", src.ID), src)
	})
	return s.sourceError(err, src)
}

// DeleteSource removes a source that has gathered nothing. ECONFLICT when
// reports come from it: pause it instead, so their provenance stays.
func (s *Store) DeleteSource(ctx context.Context, id int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, s.q(`SELECT count(*) FROM reports WHERE source_id = ?`), id).Scan(&n); err != nil {
			return s.wrap(err, "delete source")
		}
		if n > 0 {
			return jic.Errorf(jic.ECONFLICT, "%d reports come from source %d; pause it instead of removing it", n, id)
		}
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM source_items WHERE source_id = ?`), id); err != nil {
			return s.wrap(err, "delete source")
		}
		res, err := tx.ExecContext(ctx, s.q(`DELETE FROM sources WHERE id = ?`), id)
		if err != nil {
			return s.wrap(err, "delete source")
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return jic.Errorf(jic.ENOTFOUND, "no source %d", id)
		}
		return s.audit(ctx, tx, "source.delete", fmt.Sprintf("source/%d", id), map[string]any{})
	})
}

const sourceCols = `id, name, kind, url, reliability, language, country, owner_member_id, default_marking, republishes, created_at,
	poll_seconds, paused, next_poll_at, last_poll_at, last_success_at, items_total, failures, last_error, etag, last_modified`

func scanSource(row interface{ Scan(...any) error }) (*jic.Source, error) {
	var src jic.Source
	var kind, rel, marking string
	var owner, next, last, success sql.NullInt64
	var created, poll int64
	var paused int
	st := &src.Status
	err := row.Scan(&src.ID, &src.Name, &kind, &src.URL, &rel, &src.Language, &src.Country, &owner, &marking, &src.Republishes, &created,
		&poll, &paused, &next, &last, &success, &st.Items, &st.Failures, &st.LastError, &st.ETag, &st.LastModified)
	if err != nil {
		return nil, err
	}
	src.Kind, src.Reliability, src.DefaultMarking = jic.SourceKind(kind), jic.Reliability(rel), jic.Marking(marking)
	src.OwnerMemberID, src.CreatedAt = owner.Int64, fromMS(created)
	src.PollInterval, src.Paused = time.Duration(poll)*time.Second, paused != 0
	st.NextPoll, st.LastPoll, st.LastSuccess = fromNullMS(next), fromNullMS(last), fromNullMS(success)
	return &src, nil
}

// Source returns ENOTFOUND if there is no source with that id.
func (s *Store) Source(ctx context.Context, id int64) (*jic.Source, error) {
	src, err := scanSource(s.reader(ctx).QueryRowContext(ctx, s.q(`SELECT `+sourceCols+` FROM sources WHERE id = ?`), id))
	return src, s.notFound(err, "source %d", id)
}

// SourceByName returns ENOTFOUND if there is no source with that name.
func (s *Store) SourceByName(ctx context.Context, name string) (*jic.Source, error) {
	src, err := scanSource(s.reader(ctx).QueryRowContext(ctx, s.q(`SELECT `+sourceCols+` FROM sources WHERE name = ?`), name))
	return src, s.notFound(err, "source %q", name)
}

// Sources lists every source by name.
func (s *Store) Sources(ctx context.Context) ([]*jic.Source, error) {
	return s.sources(ctx, `SELECT `+sourceCols+` FROM sources ORDER BY name`)
}

func (s *Store) sources(ctx context.Context, query string, args ...any) ([]*jic.Source, error) {
	rows, err := s.reader(ctx).QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, s.wrap(err, "list sources")
	}
	defer rows.Close()
	var out []*jic.Source
	for rows.Next() {
		src, err := scanSource(rows)
		if err != nil {
			return nil, s.wrap(err, "scan source")
		}
		out = append(out, src)
	}
	return out, s.wrap(rows.Err(), "list sources")
}

// DueSources returns up to limit unpaused sources of the kinds that are
// polled whose next poll is due at now, the most overdue first.
func (s *Store) DueSources(ctx context.Context, now time.Time, limit int) ([]*jic.Source, error) {
	return s.sources(ctx, `SELECT `+sourceCols+` FROM sources
		WHERE paused = 0 AND kind IN ('feed', 'page', 'dir', 'mail') AND (next_poll_at IS NULL OR next_poll_at <= ?)
		ORDER BY COALESCE(next_poll_at, 0), id LIMIT ?`, ms(now), limit)
}

// RecordPoll records how a poll went and when to poll next.
func (s *Store) RecordPoll(ctx context.Context, id int64, p jic.PollResult) error {
	var err error
	if p.Err == nil {
		_, err = s.writer(ctx).ExecContext(ctx, s.q(`UPDATE sources SET last_poll_at = ?, last_success_at = ?, next_poll_at = ?,
			failures = 0, last_error = '', etag = ?, last_modified = ? WHERE id = ?`),
			ms(p.At), ms(p.At), ms(p.Next), p.ETag, p.LastModified, id)
	} else {
		_, err = s.writer(ctx).ExecContext(ctx, s.q(`UPDATE sources SET last_poll_at = ?, next_poll_at = ?, failures = failures + 1,
			last_error = ? WHERE id = ?`), ms(p.At), ms(p.Next), truncateUTF8(jic.ErrorMessage(p.Err), 1000), id)
	}
	return s.wrap(err, "record poll")
}

// CountSourceItems adds n to the reports gathered from a source.
func (s *Store) CountSourceItems(ctx context.Context, id int64, n int) error {
	if n == 0 {
		return nil
	}
	_, err := s.writer(ctx).ExecContext(ctx, s.q(`UPDATE sources SET items_total = items_total + ? WHERE id = ?`), n, id)
	return s.wrap(err, "count source items")
}

func truncateUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}

// ItemsSeen returns which of the item keys the source has yielded before.
func (s *Store) ItemsSeen(ctx context.Context, sourceID int64, keys []string) (map[string]bool, error) {
	seen := map[string]bool{}
	for start := 0; start < len(keys); start += 500 {
		batch := keys[start:min(start+500, len(keys))]
		args := []any{sourceID}
		for _, k := range batch {
			args = append(args, k)
		}
		rows, err := s.reader(ctx).QueryContext(ctx, s.q(`SELECT item_key FROM source_items WHERE source_id = ? AND item_key IN (`+placeholders(len(batch))+`)`), args...)
		if err != nil {
			return nil, s.wrap(err, "read source items")
		}
		for rows.Next() {
			var k string
			if err := rows.Scan(&k); err != nil {
				rows.Close()
				return nil, s.wrap(err, "scan source item")
			}
			seen[k] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, s.wrap(err, "read source items")
		}
	}
	return seen, nil
}
