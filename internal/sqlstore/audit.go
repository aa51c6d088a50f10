package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/audit"
)

// audit appends an event for a change made in tx, by the actor of ctx. The
// head row is locked first, so concurrent appends queue instead of forking
// the chain.
func (s *Store) audit(ctx context.Context, tx *sql.Tx, action, object string, detail any) error {
	var seq int64
	var prev string
	err := tx.QueryRowContext(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`+s.Dialect.ForUpdate()).Scan(&seq, &prev)
	if err != nil {
		return fmt.Errorf("audit: read head: %w", err)
	}
	d, err := json.Marshal(detail)
	if err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	actor := jic.ActorFrom(ctx)
	e := jic.AuditEvent{Seq: seq + 1, At: s.Now().UTC().Truncate(1e6), UserID: actor.UserID, MemberID: actor.MemberID,
		Action: action, Object: object, Detail: string(d), PrevHash: prev}
	e.Hash = audit.Hash(e)
	if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO audit_events (seq, at, user_id, member_id, action, object, detail, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`), e.Seq, ms(e.At), e.UserID, e.MemberID, e.Action, e.Object, e.Detail, e.PrevHash, e.Hash); err != nil {
		return fmt.Errorf("audit: append: %w", err)
	}
	_, err = tx.ExecContext(ctx, s.q(`UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1`), e.Seq, e.Hash)
	return err
}

// AuditEvents returns up to limit events after seq, in order.
func (s *Store) AuditEvents(ctx context.Context, after int64, limit int) ([]jic.AuditEvent, error) {
	rows, err := s.reader(ctx).QueryContext(ctx, s.q(`SELECT seq, at, user_id, member_id, action, object, detail, prev_hash, hash
		FROM audit_events WHERE seq > ? ORDER BY seq LIMIT ?`), after, limit)
	if err != nil {
		return nil, s.wrap(err, "read audit log")
	}
	defer rows.Close()
	var out []jic.AuditEvent
	for rows.Next() {
		var e jic.AuditEvent
		var at int64
		if err := rows.Scan(&e.Seq, &at, &e.UserID, &e.MemberID, &e.Action, &e.Object, &e.Detail, &e.PrevHash, &e.Hash); err != nil {
			return nil, s.wrap(err, "scan audit event")
		}
		e.At = fromMS(at)
		out = append(out, e)
	}
	return out, s.wrap(rows.Err(), "read audit log")
}

// VerifyAudit walks the whole chain and returns nil, or EINVALID naming the
// first event that does not match.
func (s *Store) VerifyAudit(ctx context.Context) (int64, error) {
	var v audit.Verifier
	var after int64
	for {
		events, err := s.AuditEvents(ctx, after, 1000)
		if err != nil {
			return v.Count, err
		}
		for _, e := range events {
			if err := v.Next(e); err != nil {
				return v.Count, &jic.Error{Code: jic.EINVALID, Field: "audit", Message: err.Error()}
			}
		}
		if len(events) < 1000 {
			break
		}
		after = events[len(events)-1].Seq
	}
	var seq int64
	var hash string
	if err := s.reader(ctx).QueryRowContext(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&seq, &hash); err != nil {
		return v.Count, s.wrap(err, "read audit head")
	}
	if err := v.End(seq, hash); err != nil {
		return v.Count, &jic.Error{Code: jic.EINVALID, Field: "audit", Message: err.Error()}
	}
	return v.Count, nil
}
