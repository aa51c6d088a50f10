package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/scope"
)

// CreateRequest stores a request from v's member; see jic.RequestStore.
func (s *Store) CreateRequest(ctx context.Context, v jic.Viewer, r *jic.Request) error {
	if !v.System && !v.Role.AtLeast(jic.RoleAnalyst) {
		return jic.Errorf(jic.EFORBIDDEN, "asking other members needs the analyst role")
	}
	if !v.System {
		r.OwnerMemberID, r.RequesterUserID = v.MemberID, v.UserID
	}
	if err := r.Validate(); err != nil {
		return err
	}
	if r.RequesterUserID <= 0 {
		return jic.FieldErrorf(jic.EINVALID, "requester_user_id", "a request is made by a user")
	}
	if r.Marking == jic.TLPAmber && r.AssigneeMemberID != r.OwnerMemberID && !containsID(r.ShareWith, r.AssigneeMemberID) {
		r.ShareWith = append(r.ShareWith, r.AssigneeMemberID) // the assignee must see what it is asked
	}
	if r.Marking == jic.TLPRed && !containsID(r.Recipients, r.RequesterUserID) {
		r.Recipients = append(r.Recipients, r.RequesterUserID)
	}
	now := s.Now().UTC().Truncate(1e6)
	r.Status, r.CreatedAt, r.UpdatedAt = jic.RequestOpen, now, now
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, s.q(`INSERT INTO requests (kind, title, body, owner_member_id, requester_user_id,
			assignee_member_id, due_at, priority, status, marking, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
			r.Kind, r.Title, r.Body, r.OwnerMemberID, r.RequesterUserID, r.AssigneeMemberID, nullMS(r.Due),
			r.Priority, r.Status, string(r.Marking), ms(now), ms(now)).Scan(&r.ID)
		if err != nil {
			return err
		}
		if err := s.writeShares(ctx, tx, scope.RequestKind, r.ID, r.ShareWith, r.Recipients); err != nil {
			return err
		}
		return s.audit(jic.WithActor(ctx, v), tx, "request.create", fmt.Sprintf("request/%d", r.ID),
			map[string]any{"kind": r.Kind, "title": r.Title, "assignee_member_id": r.AssigneeMemberID, "marking": r.Marking})
	})
	if jic.ErrorCode(s.wrap(err, "")) == jic.EINVALID {
		return jic.FieldErrorf(jic.EINVALID, "assignee_member_id", "no member %d (or an unknown member or user to share with)", r.AssigneeMemberID)
	}
	return s.wrap(err, "create request")
}

const requestCols = `r.id, r.kind, r.title, r.body, r.owner_member_id, r.requester_user_id, r.assignee_member_id,
	r.due_at, r.priority, r.status, r.marking, r.created_at, r.updated_at`

func (s *Store) scanRequest(row interface{ Scan(...any) error }) (*jic.Request, error) {
	var r jic.Request
	var due sql.NullInt64
	var created, updated int64
	var marking string
	err := row.Scan(&r.ID, &r.Kind, &r.Title, &r.Body, &r.OwnerMemberID, &r.RequesterUserID, &r.AssigneeMemberID,
		&due, &r.Priority, &r.Status, &marking, &created, &updated)
	if err != nil {
		return nil, err
	}
	r.Due, r.Marking, r.CreatedAt, r.UpdatedAt = fromNullMS(due), jic.Marking(marking), fromMS(created), fromMS(updated)
	r.Overdue = r.IsOverdue(s.Now())
	return &r, nil
}

// Request returns a request with its discussion and the answers v may see;
// ENOTFOUND if it does not exist or v may not see it.
func (s *Store) Request(ctx context.Context, v jic.Viewer, id int64) (*jic.Request, error) {
	where, args := scope.Items(v, "r", scope.RequestKind)
	r, err := s.scanRequest(s.reader(ctx).QueryRowContext(ctx, s.q(`SELECT `+requestCols+` FROM requests r WHERE r.id = ? AND `+where),
		append([]any{id}, args...)...))
	if err != nil {
		return nil, s.notFound(err, "request %d", id)
	}
	if r.ShareWith, r.Recipients, err = s.readShares(ctx, scope.RequestKind, id); err != nil {
		return nil, err
	}
	rows, err := s.reader(ctx).QueryContext(ctx, s.q(`SELECT id, user_id, body, created_at FROM request_messages WHERE request_id = ? ORDER BY id`), id)
	if err != nil {
		return nil, s.wrap(err, "read messages")
	}
	defer rows.Close()
	for rows.Next() {
		var m jic.RequestMessage
		var at int64
		if err := rows.Scan(&m.ID, &m.UserID, &m.Body, &at); err != nil {
			return nil, s.wrap(err, "scan message")
		}
		m.At = fromMS(at)
		r.Messages = append(r.Messages, m)
	}
	if err := rows.Err(); err != nil {
		return nil, s.wrap(err, "read messages")
	}
	refs, err := s.refs(ctx, `SELECT kind, ref_id FROM request_answers WHERE request_id = ? ORDER BY created_at, kind, ref_id`, id)
	if err != nil {
		return nil, err
	}
	r.Answers, err = s.visibleRefs(ctx, v, refs)
	return r, err
}

func (s *Store) refs(ctx context.Context, query string, id int64) ([]jic.Ref, error) {
	rows, err := s.reader(ctx).QueryContext(ctx, s.q(query), id)
	if err != nil {
		return nil, s.wrap(err, "read refs")
	}
	defer rows.Close()
	var out []jic.Ref
	for rows.Next() {
		var r jic.Ref
		if err := rows.Scan(&r.Kind, &r.ID); err != nil {
			return nil, s.wrap(err, "scan ref")
		}
		out = append(out, r)
	}
	return out, s.wrap(rows.Err(), "read refs")
}

// Requests lists the requests v may see, newest first.
func (s *Store) Requests(ctx context.Context, v jic.Viewer, f jic.RequestFilter) ([]*jic.Request, error) {
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 100
	}
	where, args := scope.Items(v, "r", scope.RequestKind)
	conds := []string{where}
	if f.Status != "" {
		conds, args = append(conds, "r.status = ?"), append(args, f.Status)
	}
	if f.AssigneeMemberID != 0 {
		conds, args = append(conds, "r.assignee_member_id = ?"), append(args, f.AssigneeMemberID)
	}
	if f.Overdue {
		conds = append(conds, "r.due_at IS NOT NULL AND r.due_at < ? AND r.status IN ('open', 'accepted')")
		args = append(args, ms(s.Now()))
	}
	rows, err := s.reader(ctx).QueryContext(ctx, s.q(`SELECT `+requestCols+` FROM requests r WHERE `+strings.Join(conds, " AND ")+
		fmt.Sprintf(` ORDER BY r.id DESC LIMIT %d`, f.Limit)), args...)
	if err != nil {
		return nil, s.wrap(err, "list requests")
	}
	defer rows.Close()
	out := []*jic.Request{}
	for rows.Next() {
		r, err := s.scanRequest(rows)
		if err != nil {
			return nil, s.wrap(err, "scan request")
		}
		out = append(out, r)
	}
	return out, s.wrap(rows.Err(), "list requests")
}

// MoveRequest changes a request's status by the rules of jic.Request.CanMove.
func (s *Store) MoveRequest(ctx context.Context, v jic.Viewer, id int64, to string) error {
	r, err := s.Request(ctx, v, id)
	if err != nil {
		return err
	}
	if err := r.CanMove(v, to); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		// The status in the WHERE makes two racing moves apply once.
		res, err := tx.ExecContext(ctx, s.q(`UPDATE requests SET status = ?, updated_at = ? WHERE id = ? AND status = ?`),
			to, ms(s.Now()), id, r.Status)
		if err != nil {
			return s.wrap(err, "move request")
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return jic.Errorf(jic.ECONFLICT, "the request changed meanwhile; reload it")
		}
		return s.audit(jic.WithActor(ctx, v), tx, "request."+to, fmt.Sprintf("request/%d", id), map[string]any{"from": r.Status})
	})
}

// AddRequestMessage adds to the discussion of a request v may see.
func (s *Store) AddRequestMessage(ctx context.Context, v jic.Viewer, id int64, body string) error {
	body = strings.TrimSpace(body)
	if body == "" || len(body) > 64<<10 {
		return jic.FieldErrorf(jic.EINVALID, "body", "a message has 1 byte to 64 KiB")
	}
	if v.UserID == 0 {
		return jic.Errorf(jic.EFORBIDDEN, "messages are written by users")
	}
	if _, err := s.Request(ctx, v, id); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var mid int64
		err := tx.QueryRowContext(ctx, s.q(`INSERT INTO request_messages (request_id, user_id, body, created_at) VALUES (?, ?, ?, ?) RETURNING id`),
			id, v.UserID, body, ms(s.Now())).Scan(&mid)
		if err != nil {
			return s.wrap(err, "add message")
		}
		return s.audit(jic.WithActor(ctx, v), tx, "request.message", fmt.Sprintf("request/%d", id), map[string]any{"message_id": mid})
	})
}

// AddRequestAnswer links a report or product that v may see as an answer.
func (s *Store) AddRequestAnswer(ctx context.Context, v jic.Viewer, id int64, ref jic.Ref) error {
	if v.UserID == 0 {
		return jic.Errorf(jic.EFORBIDDEN, "answers are given by users")
	}
	if _, err := s.Request(ctx, v, id); err != nil {
		return err
	}
	ok, err := s.visibleRefs(ctx, v, []jic.Ref{ref})
	if err != nil {
		return err
	}
	if len(ok) == 0 {
		return jic.FieldErrorf(jic.EINVALID, "ref", "no %s %d that you can see", ref.Kind, ref.ID)
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO request_answers (request_id, kind, ref_id, user_id, created_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT DO NOTHING`), id, ref.Kind, ref.ID, v.UserID, ms(s.Now()))
		if err != nil {
			return s.wrap(err, "add answer")
		}
		return s.audit(jic.WithActor(ctx, v), tx, "request.answer", fmt.Sprintf("request/%d", id), ref)
	})
}
