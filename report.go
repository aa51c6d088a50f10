package jic

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Report is one gathered item: an article, a post, a document, a partner
// submission. Everything derived later (language, entities, claims, story)
// points back to it.
type Report struct {
	ID            int64     `json:"id"`
	SourceID      int64     `json:"source_id,omitempty"`
	SourceName    string    `json:"source,omitempty"` // read side only
	OwnerMemberID int64     `json:"owner_member_id"`
	SubmittedBy   int64     `json:"submitted_by,omitempty"` // the user who pushed it, 0 for collectors
	Title         string    `json:"title"`
	Text          string    `json:"text,omitempty"` // empty in search hits
	URL           string    `json:"url,omitempty"`
	Published     time.Time `json:"published,omitzero"`
	Collected     time.Time `json:"collected"`
	Language      string    `json:"language,omitempty"`
	Marking       Marking   `json:"marking"`
	ShareWith     []int64   `json:"share_with,omitempty"` // members an AMBER report is shared with
	Recipients    []int64   `json:"recipients,omitempty"` // users a RED report is addressed to
	Raw           []byte    `json:"-"`                    // the payload exactly as received
	RawType       string    `json:"raw_type,omitempty"`   // its media type
	ContentHash   string    `json:"content_hash"`         // hex SHA-256, see ContentHash
	// OriginalOutlet is the outlet whose article this report republishes,
	// when gathering found it says so (a canonical link, "originally
	// published by", the source's setting); empty for original reporting.
	OriginalOutlet string `json:"original_outlet,omitempty"`
	// ItemKey identifies the report in its source (a feed item's GUID or
	// link, a file's path); a source never yields the same key twice.
	ItemKey string `json:"-"`
}

// Limits on a report's parts. MaxRawBytes is configurable per deployment; the
// others are fixed because indexes depend on them.
const (
	MaxTitleBytes = 4 << 10
	MaxURLBytes   = 8 << 10
	DefaultMaxRaw = 10 << 20
)

// Validate normalizes what can be normalized (Unicode NFC, trimmed space,
// default marking) and returns EINVALID or ETOOLARGE naming the first bad
// field. maxBytes bounds the text and the raw payload.
func (r *Report) Validate(maxBytes int) error {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxRaw
	}
	for _, f := range []struct {
		name string
		v    string
	}{{"title", r.Title}, {"text", r.Text}, {"url", r.URL}, {"language", r.Language}} {
		if !utf8.ValidString(f.v) {
			return FieldErrorf(EINVALID, f.name, "is not valid UTF-8")
		}
		if strings.IndexByte(f.v, 0) >= 0 {
			return FieldErrorf(EINVALID, f.name, "contains a NUL byte")
		}
	}
	switch {
	case len(r.Text) > maxBytes:
		return FieldErrorf(ETOOLARGE, "text", "%d bytes is over the limit of %d", len(r.Text), maxBytes)
	case len(r.Raw) > maxBytes:
		return FieldErrorf(ETOOLARGE, "raw", "%d bytes is over the limit of %d", len(r.Raw), maxBytes)
	case len(r.Title) > MaxTitleBytes:
		return FieldErrorf(ETOOLARGE, "title", "%d bytes is over the limit of %d", len(r.Title), MaxTitleBytes)
	case len(r.URL) > MaxURLBytes:
		return FieldErrorf(ETOOLARGE, "url", "%d bytes is over the limit of %d", len(r.URL), MaxURLBytes)
	}
	r.Title = strings.TrimSpace(norm.NFC.String(r.Title))
	r.Text = strings.TrimSpace(norm.NFC.String(r.Text))
	r.URL = strings.TrimSpace(r.URL)
	r.Language = strings.ToLower(strings.TrimSpace(r.Language))
	if r.Title == "" && r.Text == "" {
		return FieldErrorf(EINVALID, "text", "a report needs a title or a text; both are empty")
	}
	if strings.ContainsAny(r.URL, " \t\r\n") {
		return FieldErrorf(EINVALID, "url", "contains white space")
	}
	if len(r.Language) > 35 {
		return FieldErrorf(EINVALID, "language", "%q is not a language tag", r.Language)
	}
	if r.OwnerMemberID <= 0 {
		return FieldErrorf(EINVALID, "owner_member_id", "a report belongs to a member")
	}
	if r.Marking == "" {
		r.Marking = TLPGreen
	}
	m, err := ParseMarking(string(r.Marking))
	if err != nil {
		return err
	}
	r.Marking = m
	if r.Marking == TLPRed && len(r.Recipients) == 0 && r.SubmittedBy == 0 {
		return FieldErrorf(EINVALID, "recipients", "a RED report must name the users it is for")
	}
	if !r.Published.IsZero() {
		r.Published = r.Published.UTC().Truncate(time.Millisecond)
	}
	r.Collected = r.Collected.UTC().Truncate(time.Millisecond)
	r.ContentHash = ContentHash(r.URL, r.Title, r.Text)
	return nil
}

// ContentHash is the hex SHA-256 over a report's URL, title and text after
// Unicode NFC and white-space trimming, separated by NUL bytes. Two reports
// of one owner member with the same hash are the same report.
func ContentHash(url, title, text string) string {
	var b bytes.Buffer
	b.WriteString(strings.TrimSpace(url))
	b.WriteByte(0)
	b.WriteString(strings.TrimSpace(norm.NFC.String(title)))
	b.WriteByte(0)
	b.WriteString(strings.TrimSpace(norm.NFC.String(text)))
	sum := sha256.Sum256(b.Bytes())
	return hex.EncodeToString(sum[:])
}

// When is the time a report is filed under: published if known, else collected.
func (r *Report) When() time.Time {
	if !r.Published.IsZero() {
		return r.Published
	}
	return r.Collected
}

// AddResult says what happened to one report handed to Store.AddReports.
type AddResult struct {
	ID        int64 // the stored report, new or existing
	Duplicate bool  // true if the same content was already stored for this owner
}

// ReportFacts is everything derived from a report so far. Stages fill their
// part as they run; an empty slice means the stage found nothing or has not
// run yet (see Stages).
type ReportFacts struct {
	Report   *Report       `json:"report"`
	Stages   []Stage       `json:"stages"` // the processing stages that have run on it
	Entities []Mention     `json:"entities"`
	Places   []Mention     `json:"places"`
	Dates    []DateMention `json:"dates"`
	// Syndication is the report's group of copies; nil before the copies
	// stage ran.
	Syndication *Syndication `json:"syndication,omitempty"`
	Claims      []Claim      `json:"claims"`
	StoryID     int64        `json:"story_id,omitempty"`
}

// DateMention is a date that a report's title or text names, resolved to
// the days it means: "on Friday" against the publication day, a Persian
// solar month to its Gregorian days.
type DateMention struct {
	Field     string    `json:"field"` // "title" or "text"
	Start     int       `json:"start"` // byte span in the field
	End       int       `json:"end"`
	Surface   string    `json:"surface"`   // the text as written
	First     time.Time `json:"first"`     // the first day meant, UTC midnight
	Last      time.Time `json:"last"`      // the last day meant
	Precision string    `json:"precision"` // day, week, month or year
	Relative  bool      `json:"relative"`  // resolved against the publication time
}

// Stage records that a processing stage ran on a report, and what it could
// not do.
type Stage struct {
	Name   string    `json:"name"`
	OK     bool      `json:"ok"`
	Detail string    `json:"detail,omitempty"`
	At     time.Time `json:"at"`
}

// ReportFilter narrows a listing of reports. Zero fields do not filter.
type ReportFilter struct {
	Since, Until time.Time
	Language     string
	SourceID     int64
	Marking      Marking
	Before       int64 // cursor: only reports filed before this sort key
	// AfterID keeps reports with a greater id, that is stored later, and
	// lists them oldest first (by id), so a reader that passes the last id
	// it saw misses none, whatever their publication times.
	AfterID  int64
	EntityID int64 // only reports that mention this entity (or place)
	Limit    int
}
