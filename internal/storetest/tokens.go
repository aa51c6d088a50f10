package storetest

import (
	"strings"
	"testing"
	"time"

	"github.com/jic-center/jic"
)

func testTokens(t *testing.T, b Backend) {
	s := b.Open(t)
	w := newWorld(t, s)
	exp := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	tok := &jic.Token{UserID: w.ua.ID, Name: "feeds", Hash: strings.Repeat("ab", 32), ExpiresAt: exp}
	must(t, s.CreateToken(ctx, tok))
	wantCode(t, "CreateToken(same hash)", s.CreateToken(ctx, &jic.Token{UserID: w.ua.ID, Hash: tok.Hash, ExpiresAt: exp}), jic.ECONFLICT)
	wantCode(t, "CreateToken(no expiry)", s.CreateToken(ctx, &jic.Token{UserID: w.ua.ID, Hash: strings.Repeat("cd", 32)}), jic.EINVALID)
	wantCode(t, "CreateToken(unknown user)", s.CreateToken(ctx, &jic.Token{UserID: 999, Hash: strings.Repeat("ef", 32), ExpiresAt: exp}), jic.EINVALID)

	got, err := s.TokenByHash(ctx, tok.Hash)
	must(t, err)
	if got.ID != tok.ID || got.UserID != w.ua.ID || !got.ExpiresAt.Equal(exp) || !got.Active(exp.Add(-time.Hour)) {
		t.Errorf("TokenByHash = %+v, want %+v active", got, tok)
	}
	_, err = s.TokenByHash(ctx, strings.Repeat("00", 32))
	wantCode(t, "TokenByHash(unknown)", err, jic.ENOTFOUND)

	used := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	must(t, s.TouchToken(ctx, tok.ID, used))
	must(t, s.RevokeToken(ctx, tok.ID))
	wantCode(t, "RevokeToken(unknown)", s.RevokeToken(ctx, 999), jic.ENOTFOUND)
	list, err := s.Tokens(ctx, w.ua.ID)
	must(t, err)
	if len(list) != 1 || !list[0].LastUsed.Equal(used) || list[0].RevokedAt.IsZero() || list[0].Active(used) {
		t.Errorf("Tokens = %+v, want one revoked token last used %v", list, used)
	}
	events, err := s.AuditEvents(ctx, 0, 100)
	must(t, err)
	var actions []string
	for _, e := range events {
		actions = append(actions, e.Action)
		if strings.Contains(e.Detail, tok.Hash) {
			t.Errorf("audit event %s carries the token hash", e.Action)
		}
	}
	if s := strings.Join(actions, " "); !strings.HasSuffix(s, "token.create token.revoke") {
		t.Errorf("audit actions %s, want token.create then token.revoke", s)
	}
}
