package access

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/jic-center/jic"
)

// Users is what authentication reads from the store.
type Users interface {
	User(ctx context.Context, id int64) (*jic.User, error)
	UserByName(ctx context.Context, name string) (*jic.User, error)
	Member(ctx context.Context, id int64) (*jic.Member, error)
	TokenByHash(ctx context.Context, hash string) (*jic.Token, error)
	TouchToken(ctx context.Context, id int64, at time.Time) error
	Session(ctx context.Context, id string) (*jic.Session, error)
}

// Authenticator turns a request's credentials into a jic.Viewer: an API
// token (Authorization: Bearer), or a user name and password (HTTP Basic).
// Verified credentials are remembered briefly, so that argon2id runs once
// per login rather than once per request; the user and its member are read
// on every request, so that disabling a user or suspending a member takes
// effect at once.
type Authenticator struct {
	Users Users
	// PublishClear lets requests without credentials read TLP:CLEAR items.
	PublishClear bool
	Now          jic.Clock
	Limiter      *Limiter

	mu    sync.Mutex
	cache map[[32]byte]cached
}

// cached is a credential verified recently: the user it proved, and the
// password hash it was checked against (a changed password invalidates it).
type cached struct {
	userID  int64
	hash    string
	expires time.Time
}

// How long a verified password or token is trusted before it is checked
// again; a revoked token or a disabled user stops working within it.
const (
	passwordTTL = 5 * time.Minute
	tokenTTL    = 30 * time.Second
)

// TokenPrefix starts every API token, so that leaked tokens are easy to
// recognize in logs and code.
const TokenPrefix = "jic_"

// NewToken returns a new API token and the hash to store.
func NewToken() (secret, hash string) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	secret = TokenPrefix + base64.RawURLEncoding.EncodeToString(b)
	return secret, TokenHash(secret)
}

// TokenHash is the stored form of a token.
func TokenHash(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

var errBadLogin = jic.Errorf(jic.EUNAUTHORIZED, "wrong user name or password")

// SessionCookie is the name of the cookie of a signed-in browser.
const SessionCookie = "jic_session"

// Viewer returns who r is; see Identify.
func (a *Authenticator) Viewer(r *http.Request) (jic.Viewer, error) {
	v, _, err := a.Identify(r)
	return v, err
}

// Identify returns who r is, and the browser session when a session cookie
// proved it (the caller then checks CSRF on changes). Without credentials
// it returns the anonymous viewer, or EUNAUTHORIZED if the operator does
// not publish. Bad credentials of any kind are EUNAUTHORIZED with one
// message, so that names cannot be probed.
func (a *Authenticator) Identify(r *http.Request) (jic.Viewer, *jic.Session, error) {
	if c, err := r.Cookie(SessionCookie); err == nil && r.Header.Get("Authorization") == "" {
		se, err := a.Users.Session(r.Context(), SessionID(c.Value))
		if jic.ErrorCode(err) == jic.ENOTFOUND {
			return jic.Viewer{}, nil, jic.Errorf(jic.EUNAUTHORIZED, "your session has ended; sign in again")
		} else if err != nil {
			return jic.Viewer{}, nil, err
		}
		u, err := a.Users.User(r.Context(), se.UserID)
		if err != nil {
			return jic.Viewer{}, nil, err
		}
		v, err := a.viewer(r.Context(), u)
		return v, se, err
	}
	v, err := a.credentials(r)
	return v, nil, err
}

// SessionID is the stored form of a session cookie's secret.
func SessionID(secret string) string { return TokenHash(secret) }

func (a *Authenticator) credentials(r *http.Request) (jic.Viewer, error) {
	if h := r.Header.Get("Authorization"); strings.HasPrefix(h, "Bearer ") {
		return a.token(r.Context(), strings.TrimSpace(strings.TrimPrefix(h, "Bearer ")))
	}
	name, password, ok := r.BasicAuth()
	if !ok {
		if a.PublishClear {
			return jic.Viewer{}, nil
		}
		return jic.Viewer{}, jic.Errorf(jic.EUNAUTHORIZED, "sign in to read this center")
	}
	return a.Password(r.Context(), name, password, ClientAddr(r))
}

// ClientAddr is the address a request came from, without the port.
func ClientAddr(r *http.Request) string {
	if host, _, err := net.SplitHostPort(r.RemoteAddr); err == nil {
		return host
	}
	return r.RemoteAddr
}

// Password checks a user name and password from the client address addr.
// After repeated failures for the same name and address it returns
// ETOOMANY without checking; see Limiter.
func (a *Authenticator) Password(ctx context.Context, name, password, addr string) (jic.Viewer, error) {
	if a.Limiter == nil {
		a.Limiter = &Limiter{Now: a.Now}
	}
	if err := a.Limiter.Allow(name, addr); err != nil {
		return jic.Viewer{}, err
	}
	v, err := a.password(ctx, name, password)
	switch {
	case err == nil:
		a.Limiter.Succeed(name, addr)
	case jic.ErrorCode(err) == jic.EUNAUTHORIZED:
		a.Limiter.Fail(name, addr)
	}
	return v, err
}

func (a *Authenticator) password(ctx context.Context, name, password string) (jic.Viewer, error) {
	key := sha256.Sum256([]byte("p\x00" + name + "\x00" + password))
	if c, ok := a.cached(key); ok {
		u, err := a.Users.User(ctx, c.userID)
		if err == nil && u.PasswordHash == c.hash {
			return a.viewer(ctx, u)
		}
	}
	u, err := a.Users.UserByName(ctx, name)
	if err != nil && jic.ErrorCode(err) != jic.ENOTFOUND {
		return jic.Viewer{}, err
	}
	if u == nil {
		VerifyPassword(dummyHash, password) // an unknown name costs as much as a wrong password
		return jic.Viewer{}, errBadLogin
	}
	if !VerifyPassword(u.PasswordHash, password) {
		return jic.Viewer{}, errBadLogin
	}
	v, err := a.viewer(ctx, u)
	if err != nil {
		return v, err
	}
	a.remember(key, cached{userID: u.ID, hash: u.PasswordHash}, passwordTTL)
	return v, nil
}

func (a *Authenticator) token(ctx context.Context, secret string) (jic.Viewer, error) {
	bad := jic.Errorf(jic.EUNAUTHORIZED, "the API token is unknown, expired or revoked")
	key := sha256.Sum256([]byte("t\x00" + secret))
	if c, ok := a.cached(key); ok {
		u, err := a.Users.User(ctx, c.userID)
		if err != nil {
			return jic.Viewer{}, err
		}
		return a.viewer(ctx, u)
	}
	t, err := a.Users.TokenByHash(ctx, TokenHash(secret))
	if jic.ErrorCode(err) == jic.ENOTFOUND {
		return jic.Viewer{}, bad
	} else if err != nil {
		return jic.Viewer{}, err
	}
	now := a.now()
	if !t.Active(now) {
		return jic.Viewer{}, bad
	}
	u, err := a.Users.User(ctx, t.UserID)
	if err != nil {
		return jic.Viewer{}, err
	}
	v, err := a.viewer(ctx, u)
	if err != nil {
		return v, err
	}
	if err := a.Users.TouchToken(ctx, t.ID, now); err != nil {
		return jic.Viewer{}, err
	}
	a.remember(key, cached{userID: u.ID}, min(tokenTTL, t.ExpiresAt.Sub(now)))
	return v, nil
}

// viewer checks that u may act now: not disabled, member not suspended.
func (a *Authenticator) viewer(ctx context.Context, u *jic.User) (jic.Viewer, error) {
	if u.Disabled {
		return jic.Viewer{}, jic.Errorf(jic.EUNAUTHORIZED, "this account is disabled")
	}
	m, err := a.Users.Member(ctx, u.MemberID)
	if err != nil {
		return jic.Viewer{}, err
	}
	if m.Suspended {
		return jic.Viewer{}, jic.Errorf(jic.EUNAUTHORIZED, "your member organization is suspended")
	}
	return jic.Viewer{UserID: u.ID, MemberID: u.MemberID, Role: u.Role}, nil
}

func (a *Authenticator) cached(key [32]byte) (cached, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	c, ok := a.cache[key]
	if !ok || !a.now().Before(c.expires) {
		return cached{}, false
	}
	return c, true
}

func (a *Authenticator) remember(key [32]byte, c cached, ttl time.Duration) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.cache == nil || len(a.cache) > 10000 {
		a.cache = map[[32]byte]cached{}
	}
	c.expires = a.now().Add(ttl)
	a.cache[key] = c
}

func (a *Authenticator) now() time.Time {
	if a.Now != nil {
		return a.Now()
	}
	return time.Now()
}

var dummyHash = func() string {
	h, err := HashPassword("an unused password")
	if err != nil {
		panic(err)
	}
	return h
}()
