package jic

import (
	"context"
	"time"
)

// Story is the cluster of reports about one event across sources and
// languages, as one viewer may see it: every part of it (reports, title,
// span, sources, entities, contradictions, rating) is computed from the
// reports the viewer may see, so a story never tells of a report it may
// not. IndependentSources counts syndicated copies, republications and
// the articles of one outlet once.
type Story struct {
	ID        int64     `json:"id"` // the id of its first report
	Title     string    `json:"title"`
	First     time.Time `json:"first"`
	Last      time.Time `json:"last"`
	Reports   int       `json:"reports"`    // the reports the viewer may see
	ReportIDs []int64   `json:"report_ids"` // the first MaxStoryReports of them, earliest first
	// Timeline lists the first MaxStoryReports reports, earliest first.
	Timeline  []StoryReport `json:"timeline"`
	Languages []string      `json:"languages"`
	// Groups counts the syndication groups among the reports (copies of
	// one article are one group).
	Groups             int      `json:"syndication_groups"`
	IndependentSources int      `json:"independent_sources"`
	Sources            []string `json:"sources"` // one name per independent source
	// Entities are its most mentioned people, organizations, groups and
	// places (by reports), at most 16.
	Entities       []StoryEntity `json:"entities"`
	Contradictions int           `json:"contradictions"`
	Credibility    Credibility   `json:"credibility"`
	CredibilityWhy string        `json:"credibility_why"`
	// Override is the latest analyst's rating, which Credibility then
	// shows; RuleCredibility is what the rule gives.
	Override        *CredibilityOverride `json:"override,omitempty"`
	RuleCredibility Credibility          `json:"rule_credibility"`
	Marking         Marking              `json:"marking"` // the most restrictive marking among its reports
}

// StoryReport is one report of a story's timeline.
type StoryReport struct {
	ID       int64     `json:"id"`
	Title    string    `json:"title"`
	At       time.Time `json:"at"`
	Language string    `json:"language,omitempty"`
	Source   string    `json:"source"` // the source's name, or the member that submitted it
	Group    int64     `json:"syndication_group"`
	Marking  Marking   `json:"marking"`
}

// MaxStoryReports bounds the report ids a Story lists.
const MaxStoryReports = 1000

// StoryEntity is an entity of a story and how many of its reports name it.
type StoryEntity struct {
	ID      int64      `json:"id"`
	Kind    EntityKind `json:"kind"`
	Key     string     `json:"key"`
	Name    string     `json:"name"`
	Reports int        `json:"reports"`
	// Places only, when the gazetteer knows where.
	Lat float64 `json:"lat,omitempty"`
	Lon float64 `json:"lon,omitempty"`
}

// CredibilityOverride is an analyst's rating of a story that replaces the
// rule's, with the reason, who and when.
type CredibilityOverride struct {
	Credibility Credibility `json:"credibility"`
	Reason      string      `json:"reason"`
	UserID      int64       `json:"user_id"`
	At          time.Time   `json:"at"`
}

// StoryAssignment is what story clustering decided for a report.
type StoryAssignment struct {
	ReportID   int64   `json:"report_id"`
	Story      int64   `json:"story"`
	New        bool    `json:"new"`
	Score      float64 `json:"score"`
	Candidates int     `json:"candidates"`
	Why        string  `json:"why"`
}

// StoryFilter selects stories; Before is the cursor a page returned.
type StoryFilter struct {
	Before int64 // 0: from the newest
	Limit  int
}

// StoryPage is a page of stories, newest activity first.
type StoryPage struct {
	Stories []*Story `json:"stories"`
	Next    int64    `json:"next,omitempty"` // pass as Before for the next page
}

// StoryStore keeps stories and runs story clustering on the store.
type StoryStore interface {
	// AssignStory clusters a report into a story, serialized with every
	// other call on any node, given the canonical keys of the entities it
	// names (one per mention) and its index terms; its time, language,
	// title and syndication group come from the store. A second call
	// returns the first decision. ENOTFOUND if there is no such report.
	AssignStory(ctx context.Context, reportID int64, entities, terms []string) (*StoryAssignment, error)
	// Story returns a story as v may see it; ENOTFOUND if v may see none
	// of its reports.
	Story(ctx context.Context, v Viewer, id int64) (*Story, error)
	// Stories lists the stories with reports v may see, by their newest
	// such report.
	Stories(ctx context.Context, v Viewer, f StoryFilter) (*StoryPage, error)
	// StoryOf returns the story of a report v may see; ENOTFOUND if none.
	StoryOf(ctx context.Context, v Viewer, reportID int64) (int64, error)
	// OverrideCredibility records an analyst's rating of a story with a
	// reason (EINVALID without one); head says whether v heads the center,
	// which the override needs (EFORBIDDEN otherwise). Audited.
	OverrideCredibility(ctx context.Context, v Viewer, storyID int64, c Credibility, reason string, head bool) error
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
