package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"strings"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/textindex"
)

// CreateWatch stores a standing query; see jic.WatchStore.
func (s *Store) CreateWatch(ctx context.Context, v jic.Viewer, w *jic.Watch, head bool) error {
	if v.UserID == 0 {
		return jic.Errorf(jic.EFORBIDDEN, "watches belong to users")
	}
	if w.Priority && !head {
		return jic.Errorf(jic.EFORBIDDEN, "only the head of the center sets priority information requirements")
	}
	w.Name, w.Query = strings.TrimSpace(w.Name), strings.TrimSpace(w.Query)
	if w.Name == "" || len(w.Name) > 200 {
		return jic.FieldErrorf(jic.EINVALID, "name", "a watch needs a name of 1–200 bytes")
	}
	if _, err := textindex.ParseQuery(w.Query, nil); err != nil {
		return jic.FieldErrorf(jic.EINVALID, "query", "%s", strings.TrimPrefix(jic.ErrorMessage(err), "q: "))
	}
	if w.Webhook != "" {
		if u, err := url.Parse(w.Webhook); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return jic.FieldErrorf(jic.EINVALID, "webhook", "%q is not an http(s) URL", w.Webhook)
		}
	}
	w.OwnerUserID, w.OwnerMemberID = v.UserID, v.MemberID
	w.CreatedAt = s.Now().UTC().Truncate(1e6)
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, s.q(`INSERT INTO watches (name, query, owner_user_id, owner_member_id, priority, webhook, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`), w.Name, w.Query, w.OwnerUserID, w.OwnerMemberID,
			boolInt(w.Priority), w.Webhook, ms(w.CreatedAt)).Scan(&w.ID)
		if err != nil {
			return err
		}
		return s.audit(jic.WithActor(ctx, v), tx, "watch.create", fmt.Sprintf("watch/%d", w.ID),
			map[string]any{"name": w.Name, "query": w.Query, "priority": w.Priority})
	})
	return s.wrap(err, "create watch")
}

// Watches lists v's watches and every priority watch.
func (s *Store) Watches(ctx context.Context, v jic.Viewer) ([]*jic.Watch, error) {
	query := `SELECT id, name, query, owner_user_id, owner_member_id, priority, webhook, created_at FROM watches
		WHERE priority = 1 OR owner_user_id = ? ORDER BY priority DESC, id`
	args := []any{v.UserID}
	if v.System {
		query, args = `SELECT id, name, query, owner_user_id, owner_member_id, priority, webhook, created_at FROM watches ORDER BY priority DESC, id`, nil
	}
	rows, err := s.reader(ctx).QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, s.wrap(err, "list watches")
	}
	defer rows.Close()
	out := []*jic.Watch{}
	for rows.Next() {
		var w jic.Watch
		var priority int
		var created int64
		if err := rows.Scan(&w.ID, &w.Name, &w.Query, &w.OwnerUserID, &w.OwnerMemberID, &priority, &w.Webhook, &created); err != nil {
			return nil, s.wrap(err, "scan watch")
		}
		w.Priority, w.CreatedAt = priority != 0, fromMS(created)
		if w.OwnerUserID != v.UserID && !v.System {
			w.Webhook = "" // another user's endpoint is theirs to know
		}
		out = append(out, &w)
	}
	return out, s.wrap(rows.Err(), "list watches")
}

// DeleteWatch removes one of v's watches, or a priority watch for the head.
func (s *Store) DeleteWatch(ctx context.Context, v jic.Viewer, id int64, head bool) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`DELETE FROM watches WHERE id = ? AND (owner_user_id = ? OR (priority = 1 AND ?) OR ?)`),
			id, v.UserID, head, v.System)
		if err != nil {
			return s.wrap(err, "delete watch")
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return jic.Errorf(jic.ENOTFOUND, "no watch %d of yours", id)
		}
		return s.audit(jic.WithActor(ctx, v), tx, "watch.delete", fmt.Sprintf("watch/%d", id), map[string]any{})
	})
}
