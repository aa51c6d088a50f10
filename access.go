package jic

import (
	"context"
	"time"
)

// Token is an API token of a user. The secret is shown once when created;
// only its SHA-256 is stored.
type Token struct {
	ID        int64     `json:"id"`
	UserID    int64     `json:"user_id"`
	Name      string    `json:"name"`
	Hash      string    `json:"-"`
	CreatedAt time.Time `json:"created_at"`
	ExpiresAt time.Time `json:"expires_at"`
	LastUsed  time.Time `json:"last_used,omitzero"`
	RevokedAt time.Time `json:"revoked_at,omitzero"`
}

// Active reports whether the token may be used at now.
func (t *Token) Active(now time.Time) bool {
	return t.RevokedAt.IsZero() && now.Before(t.ExpiresAt)
}

// Session is a signed-in browser. The cookie holds a secret whose SHA-256 is
// the ID; CSRF is the token every state-changing form must carry.
type Session struct {
	ID        string    `json:"-"`
	UserID    int64     `json:"user_id"`
	CSRF      string    `json:"-"`
	CreatedAt time.Time `json:"created_at"`
	ExpiresAt time.Time `json:"expires_at"`
}

type actorKey struct{}

// WithActor returns a context carrying who is making a change; stores
// record it in the audit log.
func WithActor(ctx context.Context, v Viewer) context.Context {
	return context.WithValue(ctx, actorKey{}, v)
}

// ActorFrom returns the actor of ctx, or SystemViewer when none was set
// (jic's own jobs and the operator's CLI).
func ActorFrom(ctx context.Context) Viewer {
	if v, ok := ctx.Value(actorKey{}).(Viewer); ok {
		return v
	}
	return SystemViewer
}
