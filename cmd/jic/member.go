package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/access"
	"github.com/jic-center/jic/internal/config"
)

// HeadCmd shows who heads the center.
type HeadCmd struct{}

// Run prints the current head, the term's end and the order after it,
// recording any handover that is due.
func (HeadCmd) Run(ctx context.Context, g *Globals) error {
	return withStore(ctx, g, func(s jic.Store, _ config.Config) error {
		h, err := access.Head(ctx, s, time.Now())
		if err != nil {
			return err
		}
		if g.JSON {
			return json.NewEncoder(os.Stdout).Encode(h)
		}
		who := h.User
		if who == "" {
			who = "(nobody: the member has no admin; name one with jic member head)"
		}
		fmt.Printf("Head:      %s of %s (term %d)\n", who, h.Member, h.Term.No+1)
		fmt.Printf("Term ends: %s (in %d days)\n", h.TermEnds.Format(time.RFC3339), int(time.Until(h.TermEnds).Hours()/24))
		if len(h.Next) > 0 {
			fmt.Printf("Next:      %s\n", strings.Join(h.Next, ", then "))
		}
		return nil
	})
}

// MemberCmd manages members.
type MemberCmd struct {
	List      MemberListCmd      `cmd:"" help:"List the members."`
	Add       MemberAddCmd       `cmd:"" help:"Admit a member (not a founding one: the rotation is fixed at founding)."`
	Suspend   MemberSuspendCmd   `cmd:"" help:"Suspend a member: its users can no longer sign in, and it loses its turns as head."`
	Reinstate MemberReinstateCmd `cmd:"" help:"Lift a suspension."`
	Head      MemberHeadCmd      `cmd:"" help:"Name the user who heads the center in the member's terms."`
}

// MemberListCmd lists members.
type MemberListCmd struct{}

// Run prints one line per member.
func (MemberListCmd) Run(ctx context.Context, g *Globals) error {
	return withStore(ctx, g, func(s jic.Store, _ config.Config) error {
		ms, err := s.Members(ctx)
		if err != nil {
			return err
		}
		if g.JSON {
			return json.NewEncoder(os.Stdout).Encode(ms)
		}
		tw := tabwriter.NewWriter(os.Stdout, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tNAME\tFOUNDING\tORDER\tSTATUS\tADMITTED")
		for _, m := range ms {
			status := "active"
			if m.Suspended {
				status = "suspended"
			}
			order := "-"
			if m.Founding {
				order = fmt.Sprint(m.RotationOrder)
			}
			fmt.Fprintf(tw, "%d\t%s\t%v\t%s\t%s\t%s\n", m.ID, m.Name, m.Founding, order, status, m.AdmittedAt.Format(time.DateOnly))
		}
		return tw.Flush()
	})
}

// MemberAddCmd admits a member.
type MemberAddCmd struct {
	Name string `arg:"" help:"The organization's name."`
}

// Run admits the member.
func (cmd MemberAddCmd) Run(ctx context.Context, g *Globals) error {
	return withStore(ctx, g, func(s jic.Store, _ config.Config) error {
		m := &jic.Member{Name: cmd.Name}
		if err := s.CreateMember(ctx, m); err != nil {
			return err
		}
		fmt.Printf("member %d %q admitted\n", m.ID, m.Name)
		return nil
	})
}

// MemberSuspendCmd suspends a member.
type MemberSuspendCmd struct {
	Name string `arg:"" help:"The member's name."`
}

// Run suspends it.
func (cmd MemberSuspendCmd) Run(ctx context.Context, g *Globals) error {
	return setSuspended(ctx, g, cmd.Name, true)
}

// MemberReinstateCmd lifts a suspension.
type MemberReinstateCmd struct {
	Name string `arg:"" help:"The member's name."`
}

// Run reinstates it.
func (cmd MemberReinstateCmd) Run(ctx context.Context, g *Globals) error {
	return setSuspended(ctx, g, cmd.Name, false)
}

func setSuspended(ctx context.Context, g *Globals, name string, suspended bool) error {
	return withStore(ctx, g, func(s jic.Store, _ config.Config) error {
		m, err := s.MemberByName(ctx, name)
		if err != nil {
			return err
		}
		if err := s.SetMemberSuspended(ctx, m.ID, suspended); err != nil {
			return err
		}
		fmt.Printf("member %q %s\n", name, map[bool]string{true: "suspended", false: "reinstated"}[suspended])
		return nil
	})
}

// MemberHeadCmd names a member's head user.
type MemberHeadCmd struct {
	Name string `arg:"" help:"The member's name."`
	User string `required:"" help:"A user of that member."`
}

// Run sets it.
func (cmd MemberHeadCmd) Run(ctx context.Context, g *Globals) error {
	return withStore(ctx, g, func(s jic.Store, _ config.Config) error {
		m, err := s.MemberByName(ctx, cmd.Name)
		if err != nil {
			return err
		}
		u, err := s.UserByName(ctx, cmd.User)
		if err != nil {
			return err
		}
		return s.SetHeadUser(ctx, m.ID, u.ID)
	})
}

// UserCmd manages users.
type UserCmd struct {
	Add UserAddCmd `cmd:"" help:"Add a user to a member; the password is generated and printed once, or read from standard input."`
}

// UserAddCmd adds a user.
type UserAddCmd struct {
	Name          string `arg:"" help:"User name (one word)."`
	Member        string `required:"" help:"The user's member."`
	Role          string `help:"viewer, analyst, editor or admin." default:"analyst" enum:"viewer,analyst,editor,admin"`
	PasswordStdin bool   `help:"Read the password from standard input."`
}

// Run adds the user.
func (cmd UserAddCmd) Run(ctx context.Context, g *Globals) error {
	return withStore(ctx, g, func(s jic.Store, _ config.Config) error {
		m, err := s.MemberByName(ctx, cmd.Member)
		if err != nil {
			return err
		}
		password := access.NewPassword()
		if cmd.PasswordStdin {
			line, _ := bufio.NewReader(os.Stdin).ReadString('\n')
			password = strings.TrimRight(line, "\r\n")
		}
		hash, err := access.HashPassword(password)
		if err != nil {
			return err
		}
		u := &jic.User{MemberID: m.ID, Name: cmd.Name, Role: jic.Role(cmd.Role), PasswordHash: hash}
		if err := s.CreateUser(ctx, u); err != nil {
			return err
		}
		fmt.Printf("user %s (%s of %s) added\n", u.Name, u.Role, m.Name)
		if !cmd.PasswordStdin {
			fmt.Printf("Password: %s   (shown once)\n", password)
		}
		return nil
	})
}
