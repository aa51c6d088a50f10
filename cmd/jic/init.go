package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/access"
	"github.com/jic-center/jic/internal/config"
)

// InitCmd prepares a new center.
type InitCmd struct {
	Member        string `help:"Name of the founding member that heads the center first." default:"Center"`
	Admin         string `help:"User name of the first administrator." default:"admin"`
	PasswordStdin bool   `help:"Read the administrator's password from standard input instead of generating one."`
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
	admin, err := initCenter(ctx, s, cmd.Member, cmd.Admin, password)
	if err != nil {
		return err
	}
	printInit(c, admin, password, !cmd.PasswordStdin)
	return nil
}

// initCenter creates the founding member and its admin in an empty store.
func initCenter(ctx context.Context, s jic.Store, member, adminName, password string) (*jic.User, error) {
	if n, err := s.CountUsers(ctx); err != nil {
		return nil, err
	} else if n > 0 {
		return nil, jic.Errorf(jic.ECONFLICT, "this center is already initialized (it has %d users)", n)
	}
	hash, err := access.HashPassword(password)
	if err != nil {
		return nil, err
	}
	m := &jic.Member{Name: member, Founding: true, RotationOrder: 1}
	if err := s.CreateMember(ctx, m); err != nil {
		return nil, err
	}
	u := &jic.User{MemberID: m.ID, Name: adminName, Role: jic.RoleAdmin, PasswordHash: hash}
	if err := s.CreateUser(ctx, u); err != nil {
		return nil, err
	}
	return u, nil
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
