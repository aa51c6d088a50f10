package jic

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
// and its aliases in every language and script it was seen in.
type Entity struct {
	ID            int64               `json:"id"`
	Kind          EntityKind          `json:"kind"`
	CanonicalName string              `json:"name"`
	Aliases       map[string][]string `json:"aliases,omitempty"` // language → names
	// Places only.
	Lat       float64 `json:"lat,omitempty"`
	Lon       float64 `json:"lon,omitempty"`
	GeonameID int64   `json:"geoname_id,omitempty"`
	Precision string  `json:"precision,omitempty"` // country, admin1, city, ...
}

// Mention is an entity found in a report: a byte span of the report's text.
type Mention struct {
	ReportID int64      `json:"report_id"`
	EntityID int64      `json:"entity_id"`
	Kind     EntityKind `json:"kind"`
	Name     string     `json:"name"`  // the canonical name, for display
	Field    string     `json:"field"` // "title" or "text"
	Start    int        `json:"start"`
	End      int        `json:"end"`
	Surface  string     `json:"surface"` // the text as written
}
