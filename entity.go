package jic

import (
	"context"
	"time"
)

// EntityKind is what an entity is.
type EntityKind string

// Entity kinds.
const (
	EntityPerson       EntityKind = "person"
	EntityOrganization EntityKind = "organization"
	EntityGroup        EntityKind = "group"
	EntityPlace        EntityKind = "place"
)

// Entity is a person, organization, group or place with one canonical name
// and its aliases in every language and script it was seen in. Key is its
// identity across reports: "geonames:98182", "country:IQ".
type Entity struct {
	ID            int64               `json:"id"`
	Kind          EntityKind          `json:"kind"`
	Key           string              `json:"key"`
	CanonicalName string              `json:"name"`
	Aliases       map[string][]string `json:"aliases,omitempty"` // language → names
	// Places only.
	Country   string  `json:"country,omitempty"` // ISO 3166-1 alpha-2
	Lat       float64 `json:"lat,omitempty"`
	Lon       float64 `json:"lon,omitempty"`
	GeonameID int64   `json:"geoname_id,omitempty"`
	Precision string  `json:"precision,omitempty"` // country, admin1, admin2, city, region
}

// Mention is an entity found in a report: a byte span of the report's
// title or text.
type Mention struct {
	ReportID   int64      `json:"report_id"`
	EntityID   int64      `json:"entity_id"`
	Kind       EntityKind `json:"kind"`
	Name       string     `json:"name"`  // the canonical name, for display
	Field      string     `json:"field"` // "title" or "text"
	Start      int        `json:"start"`
	End        int        `json:"end"`
	Surface    string     `json:"surface"` // the text as written
	Confidence float64    `json:"confidence"`
	// Entity carries the entity when a stage hands mentions to the store,
	// and places' coordinates when the store hands them back.
	Entity *Entity `json:"entity,omitempty"`
}

// EntityStore reads entities and what mentions them, each read limited in
// its query to the reports the viewer may see: an entity named only in
// reports v may not see does not exist for v.
type EntityStore interface {
	// Entity returns the entity with its aliases: the distinct surfaces
	// it was mentioned by in the newest AliasWindow reports v may see that
	// mention it, by the report's language ("" when unknown), most used
	// first. ENOTFOUND if there is no such entity or v may see no report
	// that mentions it.
	Entity(ctx context.Context, v Viewer, id int64) (*Entity, error)
	// EntityMentions returns a page of the reports v may see under f that
	// mention the entity (newest first; f.Before and the result's Next page
	// through them), how many of them were filed each day, and the
	// entities and places the newest CoMentionWindow of them mention most
	// besides it. An unknown entity has no mentions: the result is empty,
	// not ENOTFOUND.
	EntityMentions(ctx context.Context, v Viewer, id int64, f ReportFilter) (*EntityMentions, error)
	// PlaceCounts returns the places with coordinates mentioned in the
	// newest reports v may see under f (f.Limit of them, default
	// DefaultPlaceReports, at most PlaceWindow), with how many of those
	// reports mention each, most mentioned first.
	PlaceCounts(ctx context.Context, v Viewer, f ReportFilter) ([]PlaceCount, error)
	// SearchFacets counts the newest matches of q (at most FacetWindow of
	// them; q's sort, limit and cursor are ignored) that v may see, by
	// language, source, month, place and entity. EINVALID as Search.
	SearchFacets(ctx context.Context, v Viewer, q SearchQuery) (*SearchFacets, error)
}

// PlaceWindow caps how many of the newest reports PlaceCounts reads, so a
// map over an open window stays fast at millions of reports;
// DefaultPlaceReports is how many it reads unless told otherwise.
const (
	PlaceWindow         = 5000
	DefaultPlaceReports = 1000
)

// CoMentionLimit is how many co-occurring entities and places
// EntityMentions returns of each; CoMentionWindow bounds the reports it
// counts them in (the reports stored last that mention the entity), so an
// entity named in a third of a million reports costs what one named in 200
// does; DayWindow bounds the reports it counts by day in the same way.
const (
	CoMentionLimit  = 20
	CoMentionWindow = 200
	DayWindow       = 2000
)

// AliasWindow bounds the reports Entity reads aliases from, the reports
// stored last that mention the entity, for the same reason.
const AliasWindow = 500

// EntityMentions is where an entity is mentioned, as one viewer may see.
type EntityMentions struct {
	Reports []*Report `json:"reports"` // newest first, without text
	// Next is the cursor of the next page (ReportFilter.Before), 0 on the
	// last one.
	Next int64 `json:"next,omitempty"`
	// Days counts the reports of the filter's window (all pages), the
	// DayWindow stored last, by the UTC day they are filed under, oldest
	// first; days without reports are left out. DayReports is how many
	// reports that was: DayWindow when there were more.
	Days       []DayCount `json:"days"`
	DayReports int        `json:"day_reports"`
	// Entities (persons, organizations, groups) and Places named in the
	// same reports, the top CoMentionLimit of each by shared reports among
	// the CoMentionWindow stored last; Window is how many reports that was.
	Entities []EntityCount `json:"entities"`
	Places   []EntityCount `json:"places"`
	Window   int           `json:"window"`
}

// DayCount is how many reports were filed on a UTC day.
type DayCount struct {
	Day     time.Time `json:"day"`
	Reports int       `json:"reports"`
}

// EntityCount is an entity and how many reports (of some set) name it.
type EntityCount struct {
	Entity  Entity `json:"entity"`
	Reports int    `json:"reports"`
}

// PlaceCount is a place with coordinates and how many reports name it.
type PlaceCount struct {
	ID      int64   `json:"id"`
	Name    string  `json:"name"`
	Country string  `json:"country,omitempty"`
	Lat     float64 `json:"lat"`
	Lon     float64 `json:"lon"`
	Reports int     `json:"reports"`
}
