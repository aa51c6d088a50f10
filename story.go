package jic

import "time"

// Story is the cluster of reports about one event across sources and
// languages. IndependentSources counts syndicated copies and republications
// once.
type Story struct {
	ID                 int64       `json:"id"`
	Title              string      `json:"title"`
	First              time.Time   `json:"first"`
	Last               time.Time   `json:"last"`
	ReportIDs          []int64     `json:"report_ids"`
	IndependentSources int         `json:"independent_sources"`
	Credibility        Credibility `json:"credibility"`
	CredibilityWhy     string      `json:"credibility_why"`
	Marking            Marking     `json:"marking"`
}

// Watch is a standing query; a new match raises an alert. A priority watch
// is a priority information requirement: set by the head, seen by every
// member.
type Watch struct {
	ID            int64     `json:"id"`
	Name          string    `json:"name"`
	Query         string    `json:"query"`
	OwnerUserID   int64     `json:"owner_user_id"`
	OwnerMemberID int64     `json:"owner_member_id"`
	Priority      bool      `json:"priority"`
	Webhook       string    `json:"webhook,omitempty"`
	CreatedAt     time.Time `json:"created_at"`
}

// AuditEvent is one append-only, hash-chained record of a change or release.
// Hash covers every other field and PrevHash, so editing, inserting or
// deleting any event breaks the chain from there on (see internal/audit).
type AuditEvent struct {
	Seq      int64     `json:"seq"`
	At       time.Time `json:"at"`
	UserID   int64     `json:"user_id"`   // 0: jic itself or the operator at the console
	MemberID int64     `json:"member_id"` // the actor's member, 0 as above
	Action   string    `json:"action"`    // e.g. "report.add", "member.create", "product.release"
	Object   string    `json:"object"`    // what changed, e.g. "member/3", "reports/120-619"
	Detail   string    `json:"detail"`    // JSON with the particulars
	PrevHash string    `json:"prev_hash"`
	Hash     string    `json:"hash"`
}
