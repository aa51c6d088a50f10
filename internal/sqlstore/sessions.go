package sqlstore

import (
	"context"

	"github.com/jic-center/jic"
)

// CreateSession stores a signed-in browser and forgets expired ones.
func (s *Store) CreateSession(ctx context.Context, se *jic.Session) error {
	if len(se.ID) != 64 || se.UserID <= 0 || se.CSRF == "" || se.ExpiresAt.IsZero() {
		return jic.Errorf(jic.EINVALID, "a session needs an id hash, a user, a CSRF token and an expiry")
	}
	now := s.Now()
	if se.CreatedAt.IsZero() {
		se.CreatedAt = now
	}
	if _, err := s.writer(ctx).ExecContext(ctx, s.q(`DELETE FROM sessions WHERE expires_at < ?`), ms(now)); err != nil {
		return s.wrap(err, "forget expired sessions")
	}
	_, err := s.writer(ctx).ExecContext(ctx, s.q(`INSERT INTO sessions (id, user_id, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`),
		se.ID, se.UserID, se.CSRF, ms(se.CreatedAt), ms(se.ExpiresAt))
	return s.wrap(err, "create session")
}

// Session returns ENOTFOUND if there is no such session or it has expired.
func (s *Store) Session(ctx context.Context, id string) (*jic.Session, error) {
	var se jic.Session
	var created, expires int64
	err := s.reader(ctx).QueryRowContext(ctx, s.q(`SELECT id, user_id, csrf, created_at, expires_at FROM sessions WHERE id = ? AND expires_at > ?`),
		id, ms(s.Now())).Scan(&se.ID, &se.UserID, &se.CSRF, &created, &expires)
	if err != nil {
		return nil, s.notFound(err, "such session")
	}
	se.CreatedAt, se.ExpiresAt = fromMS(created), fromMS(expires)
	return &se, nil
}

// DeleteSession signs a browser out; deleting a missing session is not an
// error.
func (s *Store) DeleteSession(ctx context.Context, id string) error {
	_, err := s.writer(ctx).ExecContext(ctx, s.q(`DELETE FROM sessions WHERE id = ?`), id)
	return s.wrap(err, "delete session")
}
