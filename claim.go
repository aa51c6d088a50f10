package jic

import "time"

// Stance is how a speaker holds a statement.
type Stance string

// Stances. A denial linked to an assertion is a contradiction.
const (
	StanceAsserts  Stance = "asserts"
	StanceConfirms Stance = "confirms"
	StanceDenies   Stance = "denies"
	StanceReports  Stance = "reports"
)

// Claim is an attributed statement in a report: who said what, how, about
// what. Speaker is kept as written ("officials", "Western media") and is
// empty when the report names none; it is never invented.
type Claim struct {
	ID        int64     `json:"id"`
	ReportID  int64     `json:"report_id"`
	Speaker   string    `json:"speaker,omitempty"`
	SpeakerID int64     `json:"speaker_entity_id,omitempty"`
	Stance    Stance    `json:"stance"`
	Quote     string    `json:"quote"`
	Start     int       `json:"start"` // byte span of Quote in the report text
	End       int       `json:"end"`
	About     []int64   `json:"about,omitempty"` // entity ids
	Via       []string  `json:"via,omitempty"`   // relaying outlets, nearest first
	Said      time.Time `json:"said,omitzero"`
	Marking   Marking   `json:"marking"`
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
