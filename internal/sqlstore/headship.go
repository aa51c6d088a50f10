package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jic-center/jic"
)

// Found records the founding of the center. ECONFLICT if it was founded.
func (s *Store) Found(ctx context.Context, c jic.Center) error {
	if c.TermMonths <= 0 || c.TermMonths > 60 {
		return jic.FieldErrorf(jic.EINVALID, "term_months", "must be between 1 and 60")
	}
	if c.Founded.IsZero() {
		c.Founded = s.Now()
	}
	c.Founded = c.Founded.UTC().Truncate(time.Millisecond)
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO center (id, founded_at, term_months) VALUES (1, ?, ?)`),
			ms(c.Founded), c.TermMonths); err != nil {
			return err
		}
		return s.audit(ctx, tx, "center.found", "center", c)
	})
	if jic.ErrorCode(s.wrap(err, "")) == jic.ECONFLICT {
		return jic.Errorf(jic.ECONFLICT, "the center is already founded")
	}
	return s.wrap(err, "found center")
}

// Center returns the founding record; ENOTFOUND before founding.
func (s *Store) Center(ctx context.Context) (*jic.Center, error) {
	var c jic.Center
	var founded int64
	err := s.reader(ctx).QueryRowContext(ctx, `SELECT founded_at, term_months FROM center WHERE id = 1`).Scan(&founded, &c.TermMonths)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, jic.Errorf(jic.ENOTFOUND, "the center has not been founded; run jic init")
	}
	if err != nil {
		return nil, s.wrap(err, "read center")
	}
	c.Founded = fromMS(founded)
	return &c, nil
}

// RecordTerms records every term that has started by now and is not yet
// recorded, each with its head, and returns them. Recording is idempotent:
// several nodes may call it at once, after restarts, after clock changes;
// each term is recorded, and its handover audited, exactly once.
func (s *Store) RecordTerms(ctx context.Context, now time.Time) ([]jic.Term, error) {
	c, err := s.Center(ctx)
	if err != nil {
		return nil, err
	}
	current := c.TermAt(now)
	last, err := s.lastTerm(ctx)
	if err != nil || last >= current {
		return nil, err
	}
	members, err := s.Members(ctx)
	if err != nil {
		return nil, err
	}
	var recorded []jic.Term
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		for k := last + 1; k <= current; k++ {
			t, ok, err := s.recordTerm(ctx, tx, c, members, k, now)
			if err != nil {
				return err
			}
			if ok {
				recorded = append(recorded, t)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return recorded, nil
}

func (s *Store) lastTerm(ctx context.Context) (int64, error) {
	var last sql.NullInt64
	err := s.writer(ctx).QueryRowContext(ctx, `SELECT max(term_no) FROM terms`).Scan(&last)
	if err != nil {
		return 0, s.wrap(err, "read terms")
	}
	if !last.Valid {
		return -1, nil
	}
	return last.Int64, nil
}

func (s *Store) recordTerm(ctx context.Context, tx *sql.Tx, c *jic.Center, members []*jic.Member, k int64, now time.Time) (jic.Term, bool, error) {
	order := jic.Rotation(members, k)
	if len(order) == 0 {
		return jic.Term{}, false, jic.Errorf(jic.ECONFLICT, "no founding member can head term %d (none, or all suspended)", k)
	}
	head := order[0]
	t := jic.Term{No: k, MemberID: head.ID, Starts: c.TermStart(k), Ends: c.TermStart(k + 1)}
	user, err := s.headUser(ctx, tx, head)
	if err != nil {
		return t, false, err
	}
	t.UserID = user
	res, err := tx.ExecContext(ctx, s.q(`INSERT INTO terms (term_no, member_id, user_id, starts_at, ends_at, recorded_at)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (term_no) DO NOTHING`),
		k, t.MemberID, sql.NullInt64{Int64: user, Valid: user != 0}, ms(t.Starts), ms(t.Ends), ms(now))
	if err != nil {
		return t, false, s.wrap(err, "record term")
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return t, false, nil // another node recorded it first
	}
	err = s.audit(ctx, tx, "head.handover", fmt.Sprintf("term/%d", k), t)
	return t, err == nil, err
}

// headUser is the member's designated head, or else its first admin.
func (s *Store) headUser(ctx context.Context, tx *sql.Tx, m *jic.Member) (int64, error) {
	if m.HeadUserID != 0 {
		return m.HeadUserID, nil
	}
	var id sql.NullInt64
	err := tx.QueryRowContext(ctx, s.q(`SELECT min(id) FROM users WHERE member_id = ? AND role = 'admin' AND disabled = 0`), m.ID).Scan(&id)
	return id.Int64, s.wrap(err, "find head user")
}

// Terms returns up to limit recorded terms, newest first.
func (s *Store) Terms(ctx context.Context, limit int) ([]jic.Term, error) {
	rows, err := s.reader(ctx).QueryContext(ctx, s.q(`SELECT term_no, member_id, user_id, starts_at, ends_at FROM terms ORDER BY term_no DESC LIMIT ?`), limit)
	if err != nil {
		return nil, s.wrap(err, "list terms")
	}
	defer rows.Close()
	var out []jic.Term
	for rows.Next() {
		var t jic.Term
		var user sql.NullInt64
		var starts, ends int64
		if err := rows.Scan(&t.No, &t.MemberID, &user, &starts, &ends); err != nil {
			return nil, s.wrap(err, "scan term")
		}
		t.UserID, t.Starts, t.Ends = user.Int64, fromMS(starts), fromMS(ends)
		out = append(out, t)
	}
	return out, s.wrap(rows.Err(), "list terms")
}

// SetMemberSuspended suspends or reinstates a member.
func (s *Store) SetMemberSuspended(ctx context.Context, id int64, suspended bool) error {
	status, action := "active", "member.reinstate"
	if suspended {
		status, action = "suspended", "member.suspend"
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`UPDATE members SET status = ? WHERE id = ?`), status, id)
		if err != nil {
			return s.wrap(err, "update member")
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return jic.Errorf(jic.ENOTFOUND, "no member %d", id)
		}
		return s.audit(ctx, tx, action, fmt.Sprintf("member/%d", id), map[string]any{})
	})
}

// SetHeadUser names the user who heads the center in the member's terms.
// EINVALID if the user is not of that member.
func (s *Store) SetHeadUser(ctx context.Context, memberID, userID int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`UPDATE members SET head_user_id = ? WHERE id = ?
			AND EXISTS (SELECT 1 FROM users WHERE id = ? AND member_id = ?)`), userID, memberID, userID, memberID)
		if err != nil {
			return s.wrap(err, "update member")
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return jic.FieldErrorf(jic.EINVALID, "user_id", "user %d is not a user of member %d", userID, memberID)
		}
		return s.audit(ctx, tx, "member.head_user", fmt.Sprintf("member/%d", memberID), map[string]any{"user_id": userID})
	})
}
