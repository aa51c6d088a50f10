package access_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/access"
)

func TestPassword(t *testing.T) {
	h, err := access.HashPassword("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if !access.VerifyPassword(h, "correct horse battery") {
		t.Error("VerifyPassword(right) = false")
	}
	for _, bad := range []string{"correct horse batterY", "", "correct horse battery "} {
		if access.VerifyPassword(h, bad) {
			t.Errorf("VerifyPassword(%q) = true", bad)
		}
	}
	for _, enc := range []string{"", "$argon2id$", "$bcrypt$x$y$z$w", "$argon2id$v=19$m=999999999,t=1,p=1$c2FsdA$aGFzaA"} {
		if access.VerifyPassword(enc, "x") {
			t.Errorf("VerifyPassword(%q) = true", enc)
		}
	}
	if _, err := access.HashPassword("short"); jic.ErrorCode(err) != jic.EINVALID {
		t.Errorf("HashPassword(short) error %v, want invalid", err)
	}
}

// users is a fake of the store's user and token tables: the boundary
// authentication reads, filled here by hand.
type users struct {
	byName  map[string]*jic.User
	tokens  map[string]*jic.Token
	members map[int64]*jic.Member
}

func (u users) User(_ context.Context, id int64) (*jic.User, error) {
	for _, x := range u.byName {
		if x.ID == id {
			return x, nil
		}
	}
	return nil, jic.Errorf(jic.ENOTFOUND, "no user")
}

func (u users) UserByName(_ context.Context, name string) (*jic.User, error) {
	if x, ok := u.byName[name]; ok {
		return x, nil
	}
	return nil, jic.Errorf(jic.ENOTFOUND, "no user")
}

func (u users) Member(_ context.Context, id int64) (*jic.Member, error) {
	return u.members[id], nil
}

func (u users) TokenByHash(_ context.Context, hash string) (*jic.Token, error) {
	if t, ok := u.tokens[hash]; ok {
		return t, nil
	}
	return nil, jic.Errorf(jic.ENOTFOUND, "no token")
}

func (u users) TouchToken(context.Context, int64, time.Time) error { return nil }

func (u users) Session(context.Context, string) (*jic.Session, error) {
	return nil, jic.Errorf(jic.ENOTFOUND, "no session")
}

func TestAuthenticator(t *testing.T) {
	h, _ := access.HashPassword("a long enough password")
	a := &access.Authenticator{Users: users{
		byName:  map[string]*jic.User{"alice": {ID: 7, MemberID: 3, Role: jic.RoleAnalyst, PasswordHash: h}},
		members: map[int64]*jic.Member{3: {ID: 3}},
	}}
	req := func(user, pass string) jic.Viewer {
		r := httptest.NewRequest("GET", "/", nil)
		if user != "" {
			r.SetBasicAuth(user, pass)
		}
		v, err := a.Viewer(r)
		if err != nil {
			return jic.Viewer{UserID: -1}
		}
		return v
	}
	if v := req("alice", "a long enough password"); v.UserID != 7 || v.MemberID != 3 {
		t.Errorf("right password gives %+v", v)
	}
	if v := req("alice", "a long enough password"); v.UserID != 7 {
		t.Errorf("cached login gives %+v", v)
	}
	if v := req("alice", "wrong"); v.UserID != -1 {
		t.Errorf("wrong password gives %+v, want refused", v)
	}
	if v := req("mallory", "a long enough password"); v.UserID != -1 {
		t.Errorf("unknown user gives %+v, want refused", v)
	}
	if v := req("", ""); v.UserID != -1 {
		t.Errorf("no credentials without publishing gives %+v, want refused", v)
	}
	a.PublishClear = true
	if v := req("", ""); !v.Anonymous() {
		t.Errorf("no credentials when publishing gives %+v, want anonymous", v)
	}
}

func TestTokens(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	live, liveHash := access.NewToken()
	old, oldHash := access.NewToken()
	revoked, revokedHash := access.NewToken()
	u := users{
		byName:  map[string]*jic.User{"alice": {ID: 7, MemberID: 3, Role: jic.RoleAnalyst}, "bob": {ID: 8, MemberID: 4, Role: jic.RoleAdmin}},
		members: map[int64]*jic.Member{3: {ID: 3}, 4: {ID: 4, Suspended: true}},
		tokens: map[string]*jic.Token{
			liveHash:    {ID: 1, UserID: 7, ExpiresAt: now.Add(time.Hour)},
			oldHash:     {ID: 2, UserID: 7, ExpiresAt: now.Add(-time.Second)},
			revokedHash: {ID: 3, UserID: 7, ExpiresAt: now.Add(time.Hour), RevokedAt: now.Add(-time.Minute)},
		},
	}
	a := &access.Authenticator{Users: u, Now: func() time.Time { return now }}
	try := func(secret string) (jic.Viewer, error) {
		r := httptest.NewRequest("GET", "/", nil)
		r.Header.Set("Authorization", "Bearer "+secret)
		return a.Viewer(r)
	}
	if v, err := try(live); err != nil || v.UserID != 7 {
		t.Errorf("live token = %+v, %v", v, err)
	}
	for name, secret := range map[string]string{"expired": old, "revoked": revoked, "unknown": "jic_nope", "empty": ""} {
		if _, err := try(secret); jic.ErrorCode(err) != jic.EUNAUTHORIZED {
			t.Errorf("%s token: error %v, want unauthorized", name, err)
		}
	}
	suspended, suspendedHash := access.NewToken()
	u.tokens[suspendedHash] = &jic.Token{ID: 4, UserID: 8, ExpiresAt: now.Add(time.Hour)}
	if _, err := try(suspended); jic.ErrorCode(err) != jic.EUNAUTHORIZED {
		t.Errorf("token of a suspended member: error %v, want unauthorized", err)
	}
}

func TestLimiter(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	l := &access.Limiter{Now: func() time.Time { return now }}
	for range 5 {
		if err := l.Allow("alice", "10.0.0.66"); err != nil {
			t.Fatalf("Allow before 5 failures: %v", err)
		}
		l.Fail("alice", "10.0.0.66")
	}
	if err := l.Allow("alice", "10.0.0.66"); jic.ErrorCode(err) != jic.ETOOMANY {
		t.Errorf("Allow after 5 failures = %v, want ETOOMANY", err)
	}
	// The attacker's failures do not lock alice out from her own address.
	if err := l.Allow("alice", "192.0.2.10"); err != nil {
		t.Errorf("alice from her address after an attack elsewhere: %v", err)
	}
	now = now.Add(31 * time.Second)
	if err := l.Allow("alice", "10.0.0.66"); err != nil {
		t.Errorf("Allow after the wait: %v", err)
	}
	l.Fail("alice", "10.0.0.66")
	if err := l.Allow("alice", "10.0.0.66"); jic.ErrorCode(err) != jic.ETOOMANY || !strings.Contains(err.Error(), "1m0s") {
		t.Errorf("Allow after a sixth failure = %v, want a doubled wait of 1m0s", err)
	}
	// One address spraying many names is limited as a whole.
	for i := range 50 {
		l.Fail(fmt.Sprintf("user%d", i), "10.0.0.99")
	}
	if err := l.Allow("someone-new", "10.0.0.99"); jic.ErrorCode(err) != jic.ETOOMANY {
		t.Errorf("a spraying address = %v, want ETOOMANY", err)
	}
}
