package jic

import (
	"encoding/json"
	"strings"
	"time"
)

// Polling intervals.
const (
	DefaultPollInterval = 15 * time.Minute
	MinPollInterval     = 10 * time.Second
)

// Reliability is the Admiralty (NATO) source reliability rating, A to F. It
// belongs to a source and applies to every report from it.
type Reliability string

// Admiralty source reliability ratings.
const (
	ReliabilityA Reliability = "A" // completely reliable
	ReliabilityB Reliability = "B" // usually reliable
	ReliabilityC Reliability = "C" // fairly reliable
	ReliabilityD Reliability = "D" // not usually reliable
	ReliabilityE Reliability = "E" // unreliable
	ReliabilityF Reliability = "F" // reliability cannot be judged (the default)
)

// ParseReliability accepts A–F in any case; "" gives F.
func ParseReliability(s string) (Reliability, error) {
	u := strings.ToUpper(strings.TrimSpace(s))
	if u == "" {
		return ReliabilityF, nil
	}
	if len(u) == 1 && u[0] >= 'A' && u[0] <= 'F' {
		return Reliability(u), nil
	}
	return "", FieldErrorf(EINVALID, "reliability", "%q is not an Admiralty rating A–F", s)
}

// SourceKind says how a source is gathered.
type SourceKind string

// Source kinds. SourceManual covers reports pushed by people, files handed to
// jic ingest and partner submissions.
const (
	SourceManual SourceKind = "manual"
	SourceFeed   SourceKind = "feed"
	SourcePage   SourceKind = "page"
	SourceDir    SourceKind = "dir"
	SourceMail   SourceKind = "mail"
)

// Source is where reports come from: a feed, a site, a partner, a person.
type Source struct {
	ID             int64         `json:"id"`
	Name           string        `json:"name"`
	Kind           SourceKind    `json:"kind"`
	URL            string        `json:"url,omitempty"`
	Reliability    Reliability   `json:"reliability"`
	Language       string        `json:"language,omitempty"`
	Country        string        `json:"country,omitempty"`
	OwnerMemberID  int64         `json:"owner_member_id,omitempty"`
	DefaultMarking Marking       `json:"default_marking"`
	Republishes    string        `json:"republishes,omitempty"` // the outlet whose articles it carries, if any
	PollInterval   time.Duration `json:"poll_interval"`         // how often a feed, page, directory or mailbox is read
	Paused         bool          `json:"paused,omitempty"`
	CreatedAt      time.Time     `json:"created_at"`
	Status         SourceStatus  `json:"status"`
}

// MarshalJSON writes the poll interval as "poll_every": "15m0s".
func (s Source) MarshalJSON() ([]byte, error) {
	type plain Source
	return json.Marshal(struct {
		plain
		PollEvery string `json:"poll_every"`
	}{plain(s), s.PollInterval.String()})
}

// SourceStatus is how gathering from a source went, for operators: a source
// failing again and again backs off and is flagged, never dropped silently.
type SourceStatus struct {
	LastPoll     time.Time `json:"last_poll,omitzero"`
	LastSuccess  time.Time `json:"last_success,omitzero"`
	NextPoll     time.Time `json:"next_poll,omitzero"`
	Items        int64     `json:"items"`    // reports gathered in all
	Failures     int       `json:"failures"` // consecutive
	LastError    string    `json:"last_error,omitempty"`
	ETag         string    `json:"-"`
	LastModified string    `json:"-"`
}

// Failing reports whether the source needs an operator's attention.
func (s SourceStatus) Failing() bool { return s.Failures >= FailingAfter }

// FailingAfter is how many failed polls in a row flag a source.
const FailingAfter = 3

// PollResult is what one poll of a source gives the store to record.
type PollResult struct {
	At           time.Time
	Err          error // nil on success
	Items        int   // new reports stored by the poll itself (for logs; see CountSourceItems)
	ETag         string
	LastModified string
	Next         time.Time // when to poll again
}

// Validate fills defaults and returns EINVALID naming the first bad field.
func (s *Source) Validate() error {
	s.Name = strings.TrimSpace(s.Name)
	if s.Name == "" || len(s.Name) > 200 {
		return FieldErrorf(EINVALID, "name", "a source needs a name of 1–200 bytes")
	}
	if s.Kind == "" {
		s.Kind = SourceManual
	}
	switch s.Kind {
	case SourceManual, SourceFeed, SourcePage, SourceDir, SourceMail:
	default:
		return FieldErrorf(EINVALID, "kind", "%q is not a source kind (manual, feed, page, dir, mail)", s.Kind)
	}
	if s.Kind != SourceManual && strings.TrimSpace(s.URL) == "" {
		return FieldErrorf(EINVALID, "url", "a %s source needs a URL or path", s.Kind)
	}
	r, err := ParseReliability(string(s.Reliability))
	if err != nil {
		return err
	}
	s.Reliability = r
	if s.DefaultMarking == "" {
		s.DefaultMarking = TLPGreen
	}
	if s.PollInterval == 0 {
		s.PollInterval = DefaultPollInterval
	}
	if s.PollInterval < MinPollInterval || s.PollInterval > 7*24*time.Hour {
		return FieldErrorf(EINVALID, "poll_interval", "must be between %s and 7 days", MinPollInterval)
	}
	m, err := ParseMarking(string(s.DefaultMarking))
	if err != nil {
		return FieldErrorf(EINVALID, "default_marking", "%s", ErrorMessage(err))
	}
	s.DefaultMarking = m
	return nil
}
