package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/jic-center/jic"
)

// CreateToken stores t; see jic.TokenStore.
func (s *Store) CreateToken(ctx context.Context, t *jic.Token) error {
	t.Name = strings.TrimSpace(t.Name)
	switch {
	case t.UserID <= 0:
		return jic.FieldErrorf(jic.EINVALID, "user_id", "a token belongs to a user")
	case len(t.Hash) != 64:
		return jic.FieldErrorf(jic.EINVALID, "hash", "a token hash is 64 hex digits")
	case t.ExpiresAt.IsZero():
		return jic.FieldErrorf(jic.EINVALID, "expires_at", "a token must expire")
	case len(t.Name) > 200:
		return jic.FieldErrorf(jic.EINVALID, "name", "at most 200 bytes")
	}
	if t.CreatedAt.IsZero() {
		t.CreatedAt = s.Now()
	}
	t.CreatedAt, t.ExpiresAt = t.CreatedAt.UTC().Truncate(time.Millisecond), t.ExpiresAt.UTC().Truncate(time.Millisecond)
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, s.q(`INSERT INTO tokens (user_id, name, hash, created_at, expires_at)
			VALUES (?, ?, ?, ?, ?) RETURNING id`), t.UserID, t.Name, t.Hash, ms(t.CreatedAt), ms(t.ExpiresAt)).Scan(&t.ID)
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, "token.create", fmt.Sprintf("token/%d", t.ID),
			map[string]any{"user_id": t.UserID, "name": t.Name, "expires_at": t.ExpiresAt})
	})
	if jic.ErrorCode(s.wrap(err, "")) == jic.EINVALID {
		return jic.FieldErrorf(jic.EINVALID, "user_id", "no user %d", t.UserID)
	}
	return s.wrap(err, "create token")
}

const tokenCols = `id, user_id, name, hash, created_at, expires_at, last_used, revoked_at`

func scanToken(row interface{ Scan(...any) error }) (*jic.Token, error) {
	var t jic.Token
	var created, expires int64
	var used, revoked sql.NullInt64
	if err := row.Scan(&t.ID, &t.UserID, &t.Name, &t.Hash, &created, &expires, &used, &revoked); err != nil {
		return nil, err
	}
	t.CreatedAt, t.ExpiresAt, t.LastUsed, t.RevokedAt = fromMS(created), fromMS(expires), fromNullMS(used), fromNullMS(revoked)
	return &t, nil
}

// TokenByHash returns ENOTFOUND if no token has that hash.
func (s *Store) TokenByHash(ctx context.Context, hash string) (*jic.Token, error) {
	t, err := scanToken(s.reader(ctx).QueryRowContext(ctx, s.q(`SELECT `+tokenCols+` FROM tokens WHERE hash = ?`), hash))
	return t, s.notFound(err, "such token")
}

// Tokens lists a user's tokens, newest first.
func (s *Store) Tokens(ctx context.Context, userID int64) ([]*jic.Token, error) {
	rows, err := s.reader(ctx).QueryContext(ctx, s.q(`SELECT `+tokenCols+` FROM tokens WHERE user_id = ? ORDER BY id DESC`), userID)
	if err != nil {
		return nil, s.wrap(err, "list tokens")
	}
	defer rows.Close()
	var out []*jic.Token
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, s.wrap(err, "scan token")
		}
		out = append(out, t)
	}
	return out, s.wrap(rows.Err(), "list tokens")
}

// RevokeToken revokes a token; revoking twice keeps the first time.
func (s *Store) RevokeToken(ctx context.Context, id int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`UPDATE tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?`), ms(s.Now()), id)
		if err != nil {
			return s.wrap(err, "revoke token")
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return jic.Errorf(jic.ENOTFOUND, "no token %d", id)
		}
		return s.audit(ctx, tx, "token.revoke", fmt.Sprintf("token/%d", id), map[string]any{})
	})
}

// TouchToken records a use; it is not audited (it is not a change of
// anyone's rights).
func (s *Store) TouchToken(ctx context.Context, id int64, at time.Time) error {
	_, err := s.writer(ctx).ExecContext(ctx, s.q(`UPDATE tokens SET last_used = ? WHERE id = ?`), ms(at), id)
	return s.wrap(err, "touch token")
}
