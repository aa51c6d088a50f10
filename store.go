package jic

import (
	"context"
	"io"
	"time"
)

// Store is the persistence contract. internal/sqlite and internal/postgres
// implement it, and internal/storetest holds the conformance suite both must
// pass. Every read that returns reports applies the Viewer in the query.
type Store interface {
	MemberStore
	UserStore
	SourceStore
	ReportStore
	TokenStore
	SessionStore
	HeadshipStore
	RequestStore
	ProductStore
	WatchStore
	AuditStore
	ClaimStore
	StoryStore
	ProcessingStore
	EntityStore

	// Backup writes a consistent snapshot of every table to w while the
	// store stays online. The format is the same for every backend (see
	// internal/backup), so a backup of one restores into the other.
	Backup(ctx context.Context, w io.Writer) error
	// Restore replaces the contents of an empty store with a backup. It
	// returns ECONFLICT if the store holds reports and EINVALID naming the
	// problem if the backup is corrupt or foreign; on any error nothing is
	// changed.
	Restore(ctx context.Context, r io.Reader) error

	// Ping returns EUNAVAILABLE when the database cannot serve.
	Ping(ctx context.Context) error
	Close() error
}

// MemberStore keeps the members of the center.
type MemberStore interface {
	// CreateMember stores m and sets its ID. ECONFLICT if the name is taken.
	CreateMember(ctx context.Context, m *Member) error
	// Member returns ENOTFOUND if there is no member with that id.
	Member(ctx context.Context, id int64) (*Member, error)
	// MemberByName returns ENOTFOUND if there is no member with that name.
	MemberByName(ctx context.Context, name string) (*Member, error)
	// Members lists members by rotation order, then name.
	Members(ctx context.Context) ([]*Member, error)
}

// UserStore keeps the users of the members.
type UserStore interface {
	// CreateUser stores u and sets its ID. ECONFLICT if the name is taken,
	// EINVALID if its member does not exist.
	CreateUser(ctx context.Context, u *User) error
	// User returns ENOTFOUND if there is no user with that id.
	User(ctx context.Context, id int64) (*User, error)
	// UserByName returns ENOTFOUND if there is no such user.
	UserByName(ctx context.Context, name string) (*User, error)
	// CountUsers returns how many users exist.
	CountUsers(ctx context.Context) (int, error)
}

// SourceStore keeps the sources reports come from.
type SourceStore interface {
	// CreateSource validates and stores s and sets its ID. ECONFLICT if the
	// name is taken.
	CreateSource(ctx context.Context, s *Source) error
	// Source returns ENOTFOUND if there is no source with that id.
	Source(ctx context.Context, id int64) (*Source, error)
	// SourceByName returns ENOTFOUND if there is no source with that name.
	SourceByName(ctx context.Context, name string) (*Source, error)
	// Sources lists every source by name.
	Sources(ctx context.Context) ([]*Source, error)
	// UpdateSource saves a source's settings. ENOTFOUND, ECONFLICT (name).
	UpdateSource(ctx context.Context, s *Source) error
	// DeleteSource removes a source nothing came from; ECONFLICT otherwise.
	DeleteSource(ctx context.Context, id int64) error
	// DueSources returns up to limit unpaused polled sources due at now.
	DueSources(ctx context.Context, now time.Time, limit int) ([]*Source, error)
	// RecordPoll records how a poll went and when to poll next.
	RecordPoll(ctx context.Context, id int64, p PollResult) error
	// CountSourceItems adds n to the reports gathered from a source.
	CountSourceItems(ctx context.Context, id int64, n int) error
	// ItemsSeen returns which item keys the source has yielded before.
	ItemsSeen(ctx context.Context, sourceID int64, keys []string) (map[string]bool, error)
}

// ReportStore keeps reports and their search index.
type ReportStore interface {
	// AddReports validates and stores reports in one transaction and indexes
	// them for search. It is idempotent: a report whose content hash its
	// owner already stored is not stored again, and its result points at the
	// existing one. When it returns nil every report is durable. If any
	// report is invalid it returns that error (naming the report's index)
	// and stores none of them. Each report's ID and ContentHash are set.
	AddReports(ctx context.Context, reports []*Report) ([]AddResult, error)
	// Report returns the report with its raw payload. ENOTFOUND if it does
	// not exist or v may not see it: the two are indistinguishable.
	Report(ctx context.Context, v Viewer, id int64) (*Report, error)
	// Reports lists reports v may see, newest first, without raw payloads.
	Reports(ctx context.Context, v Viewer, f ReportFilter) ([]*Report, error)
	// Search runs a full-text query over the reports v may see. EINVALID if
	// the query cannot be parsed.
	Search(ctx context.Context, v Viewer, q SearchQuery) (*SearchResult, error)
	// CountReports returns how many reports v may see.
	CountReports(ctx context.Context, v Viewer) (int, error)
	// RecordStage records that a processing stage ran on a report.
	// ENOTFOUND if there is no such report.
	RecordStage(ctx context.Context, reportID int64, st Stage) error
	// Stages returns the stages that ran on a report.
	Stages(ctx context.Context, reportID int64) ([]Stage, error)
	// ReportsWithoutStage returns up to limit ids of reports collected
	// before the cutoff on which the stage has not run, oldest first.
	ReportsWithoutStage(ctx context.Context, stage string, before time.Time, limit int) ([]int64, error)
	// SetReportLanguage sets the language and re-indexes the report.
	SetReportLanguage(ctx context.Context, id int64, lang string) error
	// SetMentions replaces a report's mentions of one kind. Each mention
	// carries its Entity, stored (or found, by Key) and linked.
	SetMentions(ctx context.Context, reportID int64, kind EntityKind, ms []Mention) error
	// Mentions returns a report's mentions in text order, with their
	// entities; the caller has checked that the viewer may see the report.
	Mentions(ctx context.Context, reportID int64) ([]Mention, error)
	// SetDates replaces a report's date mentions.
	SetDates(ctx context.Context, reportID int64, ds []DateMention) error
	// Dates returns a report's date mentions in text order.
	Dates(ctx context.Context, reportID int64) ([]DateMention, error)
	// Deduplicate files a report's duplicate print (internal/dedup's
	// encoding) and decides, serialized with every other call on any node,
	// whether the report copies one deduplicated before it, and updates its
	// syndication group. A second call for the same report returns the first
	// decision. ENOTFOUND if there is no such report, EINVALID if print is
	// not a print of this version.
	Deduplicate(ctx context.Context, reportID int64, print []byte) (*Syndication, error)
	// Syndication returns a report's syndication group as v may see it.
	// ENOTFOUND if v may not see the report or it was not deduplicated yet.
	Syndication(ctx context.Context, v Viewer, reportID int64) (*Syndication, error)
}

// AuditStore reads the audit log. Stores append to it themselves, in the
// transaction of each change, with the actor from ActorFrom(ctx).
type AuditStore interface {
	// AuditEvents returns up to limit events after seq, oldest first.
	AuditEvents(ctx context.Context, after int64, limit int) ([]AuditEvent, error)
	// VerifyAudit walks the whole chain and returns how many events it
	// checked, and EINVALID naming the first event that does not match.
	VerifyAudit(ctx context.Context) (int64, error)
}

// TokenStore keeps API tokens. Only their hashes are stored.
type TokenStore interface {
	// CreateToken stores t (its Hash set by the caller) and sets its ID.
	// EINVALID if the user does not exist.
	CreateToken(ctx context.Context, t *Token) error
	// TokenByHash returns ENOTFOUND if no token has that hash; it returns
	// revoked and expired tokens too, for the caller to refuse.
	TokenByHash(ctx context.Context, hash string) (*Token, error)
	// Tokens lists a user's tokens, newest first.
	Tokens(ctx context.Context, userID int64) ([]*Token, error)
	// RevokeToken revokes a token. ENOTFOUND if there is no such token.
	RevokeToken(ctx context.Context, id int64) error
	// TouchToken records that a token was used at the given time.
	TouchToken(ctx context.Context, id int64, at time.Time) error
}

// HeadshipStore keeps the founding record, the terms of the heads and the
// member changes that only the head (or the operator) may make.
type HeadshipStore interface {
	// Found records the founding; ECONFLICT if the center is founded.
	Found(ctx context.Context, c Center) error
	// Center returns the founding record; ENOTFOUND before founding.
	Center(ctx context.Context) (*Center, error)
	// RecordTerms records, exactly once across restarts and nodes, every
	// term that has started by now, and returns those it recorded.
	RecordTerms(ctx context.Context, now time.Time) ([]Term, error)
	// Terms returns up to limit recorded terms, newest first.
	Terms(ctx context.Context, limit int) ([]Term, error)
	// SetMemberSuspended suspends or reinstates a member; ENOTFOUND if
	// there is no such member.
	SetMemberSuspended(ctx context.Context, id int64, suspended bool) error
	// SetHeadUser names who heads the center in a member's terms; EINVALID
	// if the user is not of that member.
	SetHeadUser(ctx context.Context, memberID, userID int64) error
}

// SessionStore keeps signed-in browsers. The ID is the SHA-256 of the
// secret in the cookie.
type SessionStore interface {
	// CreateSession stores se; EINVALID if it lacks a part.
	CreateSession(ctx context.Context, se *Session) error
	// Session returns ENOTFOUND if there is no such session or it expired.
	Session(ctx context.Context, id string) (*Session, error)
	// DeleteSession signs the browser out.
	DeleteSession(ctx context.Context, id string) error
}

// RequestStore keeps requests for information and tasks between members.
// Every read applies the viewer's scope; every change is audited.
type RequestStore interface {
	// CreateRequest stores r from v's member (OwnerMemberID and
	// RequesterUserID are v's) as open. An AMBER request is shared with its
	// assignee; a RED one is addressed to the requester too.
	CreateRequest(ctx context.Context, v Viewer, r *Request) error
	// Request returns r with its discussion and the answers v may see.
	// ENOTFOUND if it does not exist or v may not see it.
	Request(ctx context.Context, v Viewer, id int64) (*Request, error)
	// Requests lists what v may see, newest first.
	Requests(ctx context.Context, v Viewer, f RequestFilter) ([]*Request, error)
	// MoveRequest changes the status by Request.CanMove's rules.
	MoveRequest(ctx context.Context, v Viewer, id int64, to string) error
	// AddRequestMessage adds to the discussion.
	AddRequestMessage(ctx context.Context, v Viewer, id int64, body string) error
	// AddRequestAnswer links a report or product v may see as an answer.
	AddRequestAnswer(ctx context.Context, v Viewer, id int64, ref Ref) error
}

// ProductStore keeps assessments and situation reports.
type ProductStore interface {
	// CreateProduct stores a draft by v.
	CreateProduct(ctx context.Context, v Viewer, p *Product) error
	// Product returns it with the citations v may see; ENOTFOUND if it does
	// not exist or v may not see it.
	Product(ctx context.Context, v Viewer, id int64) (*Product, error)
	// Products lists what v may see, newest first, without bodies.
	Products(ctx context.Context, v Viewer, state string, limit int) ([]*Product, error)
	// EditProduct changes title, body and citations before release;
	// ECONFLICT after.
	EditProduct(ctx context.Context, v Viewer, p *Product) error
	// MoveProduct moves it through draft, review and released (head says
	// whether v heads the center: releasing needs it).
	MoveProduct(ctx context.Context, v Viewer, id int64, to string, head bool) error
	// NewProductVersion starts a new draft from a released product.
	NewProductVersion(ctx context.Context, v Viewer, id int64) (*Product, error)
}

// WatchStore keeps standing queries.
type WatchStore interface {
	// CreateWatch stores w for v. A priority watch needs the head's power,
	// which the caller checks (head says v heads the center now); EFORBIDDEN
	// otherwise. EINVALID if the query does not parse.
	CreateWatch(ctx context.Context, v Viewer, w *Watch, head bool) error
	// Watches lists v's own watches and every priority watch.
	Watches(ctx context.Context, v Viewer) ([]*Watch, error)
	// DeleteWatch removes one of v's watches (or, for the head, a priority
	// watch). ENOTFOUND if v has no such watch.
	DeleteWatch(ctx context.Context, v Viewer, id int64, head bool) error
}
