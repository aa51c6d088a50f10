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
