package jic

import (
	"context"
	"time"
)

// Stance is how a speaker holds a statement.
type Stance string

// Stances. A denial linked to an assertion is a contradiction.
const (
	StanceAsserts  Stance = "asserts"
	StanceConfirms Stance = "confirms"
	StanceDenies   Stance = "denies"
	StanceReports  Stance = "reports"
)

// Speaker kinds: who a claim is attributed to.
const (
	SpeakerPerson       = "person"
	SpeakerOrganization = "organization"
	SpeakerOutlet       = "outlet"
	SpeakerAnonymous    = "anonymous" // "officials", "a source", "Western media", kept as such
	SpeakerUnknown      = "unknown"   // the report names no speaker; none is invented
)

// Claim is an attributed statement in a report: who said what, how, about
// what. Speaker is kept as written ("officials", "Western media") and is
// empty when the report names none; it is never invented. A claim has the
// marking and owner of its report, and a viewer sees it exactly when it
// may see the report.
type Claim struct {
	ID          int64  `json:"id"`
	ReportID    int64  `json:"report_id"`
	Speaker     string `json:"speaker,omitempty"`
	SpeakerKind string `json:"speaker_kind"`
	// SpeakerKey is the key of the entity the speaker was resolved to
	// (a pronoun or title resolves to the person named before), and
	// SpeakerID its id once stored.
	SpeakerKey string    `json:"speaker_key,omitempty"`
	SpeakerID  int64     `json:"speaker_entity_id,omitempty"`
	Stance     Stance    `json:"stance"`
	Cue        string    `json:"cue"` // the attribution word as written: said, نفى, заявил
	Quote      string    `json:"quote"`
	Field      string    `json:"field"` // "title" or "text"
	Start      int       `json:"start"` // byte span of Quote in the field
	End        int       `json:"end"`
	AboutKeys  []string  `json:"about_keys,omitempty"` // keys of the entities the statement names
	About      []int64   `json:"about,omitempty"`      // their ids, once stored
	Via        []string  `json:"via,omitempty"`        // relaying outlets, nearest first
	Said       time.Time `json:"said,omitzero"`        // the report's publication (or collection) time
	Language   string    `json:"language,omitempty"`   // the report's
	Source     string    `json:"source,omitempty"`     // the report\'s source, or the member that submitted it
	Marking    Marking   `json:"marking,omitempty"`
	// Credibility rates the claim by the independent sources that carry it
	// (its report and the reports of linked claims on its side) and the
	// linked claims that deny it, as the viewer may see them; 0 until
	// RateClaims.
	Credibility    Credibility `json:"credibility,omitempty"`
	CredibilityWhy string      `json:"credibility_why,omitempty"`
}

// ClaimLink says two claims of different reports are about the same thing,
// and whether one denies what the other asserts.
type ClaimLink struct {
	A, B          int64   `json:"-"`
	Score         float64 `json:"score"`
	Contradiction bool    `json:"contradiction"`
}

// Contradiction is a denial linked to an assertion, with both sides as the
// viewer may see them.
type Contradiction struct {
	Score   float64 `json:"score"`
	Claim   *Claim  `json:"claim"`  // the assertion, confirmation or report
	Denial  *Claim  `json:"denial"` // the denial
	StoryID int64   `json:"story_id,omitempty"`
}

// ClaimStore keeps the claims found in reports and the links between them.
type ClaimStore interface {
	// SetClaims replaces a report's claims (and their links), each with its
	// speaker and About entities resolved by key to stored entities.
	// ENOTFOUND if there is no such report, EINVALID naming a bad claim.
	SetClaims(ctx context.Context, reportID int64, cs []Claim) error
	// ReportClaims returns the claims of reports, report by report in the
	// order given and each in text order; the caller has checked that the
	// viewer may see the reports.
	ReportClaims(ctx context.Context, reportIDs ...int64) ([]Claim, error)
	// ClaimsAbout returns up to limit claims of other reports than
	// reportID, said between since and until, whose statement names one of
	// the entity keys or whose speaker is one of them, newest first, for
	// linking; it reads as the system.
	ClaimsAbout(ctx context.Context, keys []string, reportID int64, since, until time.Time, limit int) ([]Claim, error)
	// LinkClaims records links between claims; a link again replaces it.
	LinkClaims(ctx context.Context, links []ClaimLink) error
	// RateClaims sets the credibility of claims v may see (read with
	// ReportClaims) from the claims linked to them that v may see too.
	RateClaims(ctx context.Context, v Viewer, cs []Claim) error
	// Contradictions lists the contradictions whose two claims v may both
	// see, newest denial first; with reportIDs, only those with a side in
	// one of those reports.
	Contradictions(ctx context.Context, v Viewer, reportIDs []int64, limit int) ([]Contradiction, error)
}

// Credibility is the Admiralty information credibility rating, 1 to 6.
type Credibility int

// Admiralty information credibility ratings.
const (
	Confirmed      Credibility = 1 // confirmed by other independent sources
	ProbablyTrue   Credibility = 2
	PossiblyTrue   Credibility = 3
	DoubtfullyTrue Credibility = 4
	Improbable     Credibility = 5
	CannotJudge    Credibility = 6
)

// String names the rating in words: "confirmed", "probably true"…
func (c Credibility) String() string {
	switch c {
	case Confirmed:
		return "confirmed"
	case ProbablyTrue:
		return "probably true"
	case PossiblyTrue:
		return "possibly true"
	case DoubtfullyTrue:
		return "doubtful"
	case Improbable:
		return "improbable"
	case CannotJudge:
		return "cannot be judged"
	}
	return "unrated"
}
