package jic

import (
	"strings"
	"time"
)

// Member is a participating organization. Founding members take turns
// heading the center in RotationOrder.
type Member struct {
	ID            int64     `json:"id"`
	Name          string    `json:"name"`
	Founding      bool      `json:"founding"`
	RotationOrder int       `json:"rotation_order,omitempty"`
	AdmittedAt    time.Time `json:"admitted_at"`
	Suspended     bool      `json:"suspended,omitempty"`    // its users may not sign in
	HeadUserID    int64     `json:"head_user_id,omitempty"` // who heads the center in this member's terms
}

// Validate returns EINVALID naming the first bad field.
func (m *Member) Validate() error {
	if strings.TrimSpace(m.Name) == "" {
		return FieldErrorf(EINVALID, "name", "a member needs a name")
	}
	if len(m.Name) > 200 {
		return FieldErrorf(EINVALID, "name", "at most 200 bytes")
	}
	return nil
}

// Role is what a user may do within their member.
type Role string

// Roles, each including the powers of the ones before it.
const (
	RoleViewer  Role = "viewer"
	RoleAnalyst Role = "analyst"
	RoleEditor  Role = "editor"
	RoleAdmin   Role = "admin"
)

// ParseRole returns EINVALID for an unknown role.
func ParseRole(s string) (Role, error) {
	switch r := Role(strings.ToLower(strings.TrimSpace(s))); r {
	case RoleViewer, RoleAnalyst, RoleEditor, RoleAdmin:
		return r, nil
	}
	return "", FieldErrorf(EINVALID, "role", "%q is not a role (viewer, analyst, editor, admin)", s)
}

// AtLeast reports whether r includes the powers of min.
func (r Role) AtLeast(min Role) bool { return roleRank(r) >= roleRank(min) }

func roleRank(r Role) int {
	switch r {
	case RoleViewer:
		return 1
	case RoleAnalyst:
		return 2
	case RoleEditor:
		return 3
	case RoleAdmin:
		return 4
	}
	return 0
}

// User is a person of a member. PasswordHash is an encoded argon2id hash and
// never leaves the server.
type User struct {
	ID           int64     `json:"id"`
	MemberID     int64     `json:"member_id"`
	Name         string    `json:"name"`
	Role         Role      `json:"role"`
	PasswordHash string    `json:"-"`
	CreatedAt    time.Time `json:"created_at"`
	Disabled     bool      `json:"disabled,omitempty"` // may not sign in or use tokens
}

// Validate returns EINVALID naming the first bad field.
func (u *User) Validate() error {
	switch {
	case strings.TrimSpace(u.Name) == "" || strings.ContainsAny(u.Name, " \t\r\n:/"):
		return FieldErrorf(EINVALID, "name", "a user name is one word without ':' or '/'")
	case len(u.Name) > 100:
		return FieldErrorf(EINVALID, "name", "at most 100 bytes")
	case u.MemberID <= 0:
		return FieldErrorf(EINVALID, "member_id", "a user belongs to a member")
	}
	if _, err := ParseRole(string(u.Role)); err != nil {
		return err
	}
	return nil
}

// Viewer is on whose behalf a read runs. Stores apply it inside their
// queries, so nothing a viewer may not see is returned, counted or hinted at.
//
// The zero Viewer is an anonymous reader and sees only CLEAR items. System
// is the operator at the console (jic's own CLI with the data directory) and
// sees everything.
type Viewer struct {
	UserID   int64
	MemberID int64
	Role     Role
	System   bool
}

// SystemViewer is the operator with direct access to the data directory.
var SystemViewer = Viewer{System: true}

// Anonymous reports whether v is an unauthenticated reader.
func (v Viewer) Anonymous() bool { return !v.System && v.UserID == 0 && v.MemberID == 0 }

// CanSee reports whether v may see an item with marking m owned by member
// owner, shared with the members in shared and addressed to the users in
// recipients. It is the rule the stores implement in SQL; it is used for
// items already in memory and to test that the SQL agrees.
func (v Viewer) CanSee(m Marking, owner int64, shared, recipients []int64) bool {
	if v.System || m == TLPClear {
		return true
	}
	if v.MemberID == 0 {
		return false
	}
	switch m {
	case TLPGreen:
		return true
	case TLPAmber:
		return owner == v.MemberID || contains(shared, v.MemberID)
	case TLPAmberStrict:
		return owner == v.MemberID
	case TLPRed:
		return v.UserID != 0 && contains(recipients, v.UserID)
	}
	return false
}

func contains(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}
