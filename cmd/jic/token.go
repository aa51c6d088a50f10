package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/access"
	"github.com/jic-center/jic/internal/config"
)

// TokenCmd manages API tokens.
type TokenCmd struct {
	Create TokenCreateCmd `cmd:"" help:"Create an API token for a user; it is printed once."`
	List   TokenListCmd   `cmd:"" help:"List a user's tokens."`
	Revoke TokenRevokeCmd `cmd:"" help:"Revoke a token by its id."`
}

// TokenCreateCmd creates a token.
type TokenCreateCmd struct {
	User    string `required:"" help:"User the token acts as."`
	Name    string `help:"What the token is for." default:"api"`
	Expires string `help:"Lifetime: a number of days (90d) or hours (12h)." default:"90d"`
}

// Run prints the token once; only its hash is stored.
func (cmd TokenCreateCmd) Run(ctx context.Context, g *Globals) error {
	life, err := lifetime(cmd.Expires)
	if err != nil {
		return err
	}
	return withStore(ctx, g, func(s jic.Store, _ config.Config) error {
		u, err := s.UserByName(ctx, cmd.User)
		if err != nil {
			return err
		}
		secret, hash := access.NewToken()
		t := &jic.Token{UserID: u.ID, Name: cmd.Name, Hash: hash, ExpiresAt: time.Now().Add(life)}
		if err := s.CreateToken(ctx, t); err != nil {
			return err
		}
		if g.JSON {
			return json.NewEncoder(os.Stdout).Encode(map[string]any{"id": t.ID, "token": secret, "expires_at": t.ExpiresAt})
		}
		fmt.Println(secret)
		fmt.Fprintf(os.Stderr, "token %d for %s, expires %s; shown once: keep it safe. Use it as: Authorization: Bearer <token>\n",
			t.ID, u.Name, t.ExpiresAt.Format(time.RFC3339))
		return nil
	})
}

// lifetime reads "90d" or "12h".
func lifetime(s string) (time.Duration, error) {
	bad := jic.FieldErrorf(jic.EINVALID, "expires", "%q is not a lifetime such as 90d or 12h", s)
	if len(s) < 2 {
		return 0, bad
	}
	n, err := strconv.Atoi(s[:len(s)-1])
	if err != nil || n <= 0 || n > 3650*24 {
		return 0, bad
	}
	switch s[len(s)-1] {
	case 'd':
		return time.Duration(n) * 24 * time.Hour, nil
	case 'h':
		return time.Duration(n) * time.Hour, nil
	}
	return 0, bad
}

// TokenListCmd lists tokens.
type TokenListCmd struct {
	User string `required:"" help:"Whose tokens."`
}

// Run prints one line per token.
func (cmd TokenListCmd) Run(ctx context.Context, g *Globals) error {
	return withStore(ctx, g, func(s jic.Store, _ config.Config) error {
		u, err := s.UserByName(ctx, cmd.User)
		if err != nil {
			return err
		}
		tokens, err := s.Tokens(ctx, u.ID)
		if err != nil {
			return err
		}
		if g.JSON {
			return json.NewEncoder(os.Stdout).Encode(tokens)
		}
		now := time.Now()
		for _, t := range tokens {
			state := "active"
			switch {
			case !t.RevokedAt.IsZero():
				state = "revoked " + t.RevokedAt.Format(time.DateOnly)
			case !t.Active(now):
				state = "expired"
			}
			used := "never used"
			if !t.LastUsed.IsZero() {
				used = "last used " + t.LastUsed.Format(time.RFC3339)
			}
			fmt.Printf("%d\t%s\t%s\texpires %s\t%s\n", t.ID, strings.ReplaceAll(t.Name, "\t", " "), state, t.ExpiresAt.Format(time.DateOnly), used)
		}
		return nil
	})
}

// TokenRevokeCmd revokes a token.
type TokenRevokeCmd struct {
	ID int64 `arg:"" help:"Token id (from jic token list)."`
}

// Run revokes it; it stops working within 30 seconds on every node.
func (cmd TokenRevokeCmd) Run(ctx context.Context, g *Globals) error {
	return withStore(ctx, g, func(s jic.Store, _ config.Config) error {
		if err := s.RevokeToken(ctx, cmd.ID); err != nil {
			return err
		}
		fmt.Printf("token %d revoked\n", cmd.ID)
		return nil
	})
}
