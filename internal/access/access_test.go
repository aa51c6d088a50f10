package access_test

import (
	"context"
	"net/http/httptest"
	"testing"

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

type users map[string]*jic.User

func (u users) UserByName(_ context.Context, name string) (*jic.User, error) {
	if x, ok := u[name]; ok {
		return x, nil
	}
	return nil, jic.Errorf(jic.ENOTFOUND, "no user")
}

func TestAuthenticator(t *testing.T) {
	h, _ := access.HashPassword("a long enough password")
	a := &access.Authenticator{Users: users{"alice": {ID: 7, MemberID: 3, Role: jic.RoleAnalyst, PasswordHash: h}}}
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
