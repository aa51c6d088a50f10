package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/jic-center/jic"
)

// CreateMember stores m. ECONFLICT if the name is taken.
func (s *Store) CreateMember(ctx context.Context, m *jic.Member) error {
	if err := m.Validate(); err != nil {
		return err
	}
	m.Name = strings.TrimSpace(m.Name)
	if m.AdmittedAt.IsZero() {
		m.AdmittedAt = s.Now()
	}
	m.AdmittedAt = m.AdmittedAt.UTC().Truncate(1e6)
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, s.q(`INSERT INTO members (name, founding, rotation_order, admitted_at)
			VALUES (?, ?, ?, ?) RETURNING id`),
			m.Name, boolInt(m.Founding), m.RotationOrder, ms(m.AdmittedAt)).Scan(&m.ID)
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, "member.create", fmt.Sprintf("member/%d", m.ID),
			map[string]any{"name": m.Name, "founding": m.Founding, "rotation_order": m.RotationOrder})
	})
	if jic.ErrorCode(s.wrap(err, "")) == jic.ECONFLICT {
		return jic.Errorf(jic.ECONFLICT, "a member named %q already exists", m.Name)
	}
	return s.wrap(err, "create member")
}

const memberCols = `id, name, founding, rotation_order, admitted_at, status, head_user_id`

func scanMember(row interface{ Scan(...any) error }) (*jic.Member, error) {
	var m jic.Member
	var founding int
	var admitted int64
	var status string
	var head sql.NullInt64
	if err := row.Scan(&m.ID, &m.Name, &founding, &m.RotationOrder, &admitted, &status, &head); err != nil {
		return nil, err
	}
	m.Founding, m.AdmittedAt, m.Suspended, m.HeadUserID = founding != 0, fromMS(admitted), status == "suspended", head.Int64
	return &m, nil
}

// Member returns ENOTFOUND if there is no member with that id.
func (s *Store) Member(ctx context.Context, id int64) (*jic.Member, error) {
	m, err := scanMember(s.reader(ctx).QueryRowContext(ctx, s.q(`SELECT `+memberCols+` FROM members WHERE id = ?`), id))
	return m, s.notFound(err, "member %d", id)
}

// MemberByName returns ENOTFOUND if there is no member with that name.
func (s *Store) MemberByName(ctx context.Context, name string) (*jic.Member, error) {
	m, err := scanMember(s.reader(ctx).QueryRowContext(ctx, s.q(`SELECT `+memberCols+` FROM members WHERE name = ?`), strings.TrimSpace(name)))
	return m, s.notFound(err, "member %q", name)
}

// Members lists members by rotation order, then name.
func (s *Store) Members(ctx context.Context) ([]*jic.Member, error) {
	rows, err := s.reader(ctx).QueryContext(ctx, `SELECT `+memberCols+` FROM members ORDER BY rotation_order, name`)
	if err != nil {
		return nil, s.wrap(err, "list members")
	}
	defer rows.Close()
	var out []*jic.Member
	for rows.Next() {
		m, err := scanMember(rows)
		if err != nil {
			return nil, s.wrap(err, "scan member")
		}
		out = append(out, m)
	}
	return out, s.wrap(rows.Err(), "list members")
}

func (s *Store) notFound(err error, format string, args ...any) error {
	if errors.Is(err, sql.ErrNoRows) {
		return jic.Errorf(jic.ENOTFOUND, "no "+format, args...)
	}
	return s.wrap(err, "read")
}

// CreateUser stores u. ECONFLICT if the name is taken, EINVALID if its
// member does not exist.
func (s *Store) CreateUser(ctx context.Context, u *jic.User) error {
	if err := u.Validate(); err != nil {
		return err
	}
	if u.PasswordHash == "" {
		return jic.FieldErrorf(jic.EINVALID, "password", "a user needs a password")
	}
	if u.CreatedAt.IsZero() {
		u.CreatedAt = s.Now()
	}
	u.CreatedAt = u.CreatedAt.UTC().Truncate(1e6)
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, s.q(`INSERT INTO users (member_id, name, role, password_hash, created_at)
			VALUES (?, ?, ?, ?, ?) RETURNING id`),
			u.MemberID, u.Name, string(u.Role), u.PasswordHash, ms(u.CreatedAt)).Scan(&u.ID)
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, "user.create", fmt.Sprintf("user/%d", u.ID),
			map[string]any{"name": u.Name, "member_id": u.MemberID, "role": u.Role})
	})
	switch jic.ErrorCode(s.wrap(err, "")) {
	case jic.ECONFLICT:
		return jic.Errorf(jic.ECONFLICT, "a user named %q already exists", u.Name)
	case jic.EINVALID:
		return jic.FieldErrorf(jic.EINVALID, "member_id", "no member %d", u.MemberID)
	}
	return s.wrap(err, "create user")
}

const userCols = `id, member_id, name, role, password_hash, created_at, disabled`

func scanUser(row interface{ Scan(...any) error }) (*jic.User, error) {
	var u jic.User
	var role string
	var created int64
	var disabled int
	if err := row.Scan(&u.ID, &u.MemberID, &u.Name, &role, &u.PasswordHash, &created, &disabled); err != nil {
		return nil, err
	}
	u.Role, u.CreatedAt, u.Disabled = jic.Role(role), fromMS(created), disabled != 0
	return &u, nil
}

// User returns ENOTFOUND if there is no user with that id.
func (s *Store) User(ctx context.Context, id int64) (*jic.User, error) {
	u, err := scanUser(s.reader(ctx).QueryRowContext(ctx, s.q(`SELECT `+userCols+` FROM users WHERE id = ?`), id))
	return u, s.notFound(err, "user %d", id)
}

// UserByName returns ENOTFOUND if there is no such user.
func (s *Store) UserByName(ctx context.Context, name string) (*jic.User, error) {
	u, err := scanUser(s.reader(ctx).QueryRowContext(ctx, s.q(`SELECT `+userCols+` FROM users WHERE name = ?`), name))
	return u, s.notFound(err, "user %q", name)
}

// CountUsers returns how many users exist.
func (s *Store) CountUsers(ctx context.Context) (int, error) {
	var n int
	err := s.reader(ctx).QueryRowContext(ctx, `SELECT count(*) FROM users`).Scan(&n)
	return n, s.wrap(err, "count users")
}
