package access

import (
	"context"
	"crypto/sha256"
	"net/http"
	"sync"
	"time"

	"github.com/jic-center/jic"
)

// Authenticator turns a request's credentials into a jic.Viewer. It checks
// HTTP Basic credentials against the users in the store; verified
// credentials are remembered for a few minutes so that argon2id runs once
// per login, not once per request.
type Authenticator struct {
	Users interface {
		UserByName(ctx context.Context, name string) (*jic.User, error)
	}
	// PublishClear lets requests without credentials read TLP:CLEAR items.
	PublishClear bool
	Now          jic.Clock

	mu    sync.Mutex
	cache map[[32]byte]cached
}

type cached struct {
	v       jic.Viewer
	expires time.Time
}

const cacheTTL = 5 * time.Minute

// Viewer returns who r is. Without credentials it returns the anonymous
// viewer, or EUNAUTHORIZED if the operator does not publish. Wrong
// credentials are EUNAUTHORIZED, whatever is wrong, so names cannot be probed.
func (a *Authenticator) Viewer(r *http.Request) (jic.Viewer, error) {
	name, password, ok := r.BasicAuth()
	if !ok {
		if a.PublishClear {
			return jic.Viewer{}, nil
		}
		return jic.Viewer{}, jic.Errorf(jic.EUNAUTHORIZED, "sign in to read this center")
	}
	key := sha256.Sum256([]byte(name + "\x00" + password))
	now := a.now()
	a.mu.Lock()
	c, hit := a.cache[key]
	a.mu.Unlock()
	if hit && now.Before(c.expires) {
		return c.v, nil
	}
	u, err := a.Users.UserByName(r.Context(), name)
	if err != nil && jic.ErrorCode(err) != jic.ENOTFOUND {
		return jic.Viewer{}, err
	}
	if u == nil {
		// Hash anyway so an unknown name costs as much as a wrong password.
		VerifyPassword(dummyHash, password)
		return jic.Viewer{}, jic.Errorf(jic.EUNAUTHORIZED, "wrong user name or password")
	}
	if !VerifyPassword(u.PasswordHash, password) {
		return jic.Viewer{}, jic.Errorf(jic.EUNAUTHORIZED, "wrong user name or password")
	}
	v := jic.Viewer{UserID: u.ID, MemberID: u.MemberID, Role: u.Role}
	a.mu.Lock()
	if a.cache == nil || len(a.cache) > 10000 {
		a.cache = map[[32]byte]cached{}
	}
	a.cache[key] = cached{v: v, expires: now.Add(cacheTTL)}
	a.mu.Unlock()
	return v, nil
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
