package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/access"
	"github.com/jic-center/jic/internal/config"
)

// InitCmd prepares a new center.
type InitCmd struct {
	Member        []string `help:"Founding members in rotation order, repeatable; the first heads the center first and gets the administrator." default:"Center"`
	TermMonths    int      `help:"Length of a head's term in months." default:"3"`
	Admin         string   `help:"User name of the first administrator." default:"admin"`
	PasswordStdin bool     `help:"Read the administrator's password from standard input instead of generating one."`
}

// Run creates the data directory, migrates the database and creates the
// first member and admin. ECONFLICT if the center already has users.
func (cmd *InitCmd) Run(ctx context.Context, g *Globals) error {
	c, err := loadConfig(g, nil)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(c.Data, 0o750); err != nil {
		return fmt.Errorf("create data directory: %w", err)
	}
	s, err := openStore(ctx, c, true)
	if err != nil {
		return err
	}
	defer s.Close()
	password := access.NewPassword()
	if cmd.PasswordStdin {
		line, err := bufio.NewReader(os.Stdin).ReadString('\n')
		if err != nil && line == "" {
			return jic.FieldErrorf(jic.EINVALID, "password", "none on standard input")
		}
		password = strings.TrimRight(line, "\r\n")
	}
	admin, err := initCenter(ctx, s, cmd.Member, cmd.TermMonths, cmd.Admin, password)
	if err != nil {
		return err
	}
	printInit(c, admin, password, !cmd.PasswordStdin)
	return nil
}

// initCenter founds the center in an empty store: the founding members in
// rotation order, the first one's administrator, the first term.
func initCenter(ctx context.Context, s jic.Store, founders []string, termMonths int, adminName, password string) (*jic.User, error) {
	if n, err := s.CountUsers(ctx); err != nil {
		return nil, err
	} else if n > 0 {
		return nil, jic.Errorf(jic.ECONFLICT, "this center is already initialized (it has %d users)", n)
	}
	if len(founders) == 0 {
		return nil, jic.FieldErrorf(jic.EINVALID, "member", "a center needs at least one founding member")
	}
	hash, err := access.HashPassword(password)
	if err != nil {
		return nil, err
	}
	var first *jic.Member
	for i, name := range founders {
		m := &jic.Member{Name: name, Founding: true, RotationOrder: i + 1}
		if err := s.CreateMember(ctx, m); err != nil {
			return nil, err
		}
		if first == nil {
			first = m
		}
	}
	u := &jic.User{MemberID: first.ID, Name: adminName, Role: jic.RoleAdmin, PasswordHash: hash}
	if err := s.CreateUser(ctx, u); err != nil {
		return nil, err
	}
	now := time.Now()
	if err := s.Found(ctx, jic.Center{Founded: now, TermMonths: termMonths}); err != nil {
		return nil, err
	}
	_, err = s.RecordTerms(ctx, now)
	return u, err
}

func printInit(c config.Config, admin *jic.User, password string, showPassword bool) {
	where := c.SQLitePath()
	if c.Postgres() {
		where = "PostgreSQL"
	}
	fmt.Printf("Initialized jic in %s (database: %s).\n", c.Data, where)
	fmt.Printf("Administrator: %s\n", admin.Name)
	if showPassword {
		fmt.Printf("Password:      %s   (shown once; keep it safe)\n", password)
	}
	fmt.Printf("Next: jic serve --data %s\n", c.Data)
}
