package jic

// Syndication is where duplicate detection put a report: the report it
// copies, if any, and its syndication group, the report and its copies,
// which count as one source. A viewer sees only the members of a group it
// may see; the others are not even counted.
type Syndication struct {
	ReportID int64  `json:"report_id"`
	Kind     string `json:"kind"`         // "new", "exact" or "near"
	Of       int64  `json:"of,omitempty"` // the report it copies, if the viewer may see it
	Group    int64  `json:"group"`        // the id of the group's first report
	// Original is the report picked as the group's original, if the viewer
	// may see it; Rule names the rule that picked it.
	Original    int64   `json:"original,omitempty"`
	Rule        string  `json:"rule"`
	Members     []int64 `json:"members"` // the group's reports the viewer may see, in id order
	Jaccard     float64 `json:"jaccard,omitempty"`
	Containment float64 `json:"containment,omitempty"`
	Explanation string  `json:"explanation"`
}

// Syndication kinds.
const (
	SyndicationNew   = "new"
	SyndicationExact = "exact"
	SyndicationNear  = "near"
)
