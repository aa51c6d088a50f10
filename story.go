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

// Product is a written assessment or situation report citing stories, claims
// and reports. A released product is immutable; a new version is a new record.
type Product struct {
	ID            int64     `json:"id"`
	Title         string    `json:"title"`
	Body          string    `json:"body"`  // Markdown
	State         string    `json:"state"` // draft, review, released
	Version       int       `json:"version"`
	PreviousID    int64     `json:"previous_id,omitempty"`
	OwnerMemberID int64     `json:"owner_member_id"`
	Marking       Marking   `json:"marking"`
	Cites         []int64   `json:"cites,omitempty"` // report ids
	ReleasedAt    time.Time `json:"released_at,omitzero"`
	ReleasedBy    int64     `json:"released_by,omitempty"`
}

// Request is a request for information or a task from one member to another.
type Request struct {
	ID                int64     `json:"id"`
	Kind              string    `json:"kind"` // rfi or task
	Title             string    `json:"title"`
	Body              string    `json:"body"`
	RequesterMemberID int64     `json:"requester_member_id"`
	AssigneeMemberID  int64     `json:"assignee_member_id"`
	Due               time.Time `json:"due,omitzero"`
	Priority          int       `json:"priority"`
	Status            string    `json:"status"` // open, accepted, answered, closed, declined
	Marking           Marking   `json:"marking"`
	Answers           []int64   `json:"answers,omitempty"` // report or product ids
}

// Watch is a standing query; a new match raises an alert.
type Watch struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	Query       string `json:"query"`
	OwnerUserID int64  `json:"owner_user_id"`
	Priority    bool   `json:"priority"` // a priority information requirement set by the head
	Webhook     string `json:"webhook,omitempty"`
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
