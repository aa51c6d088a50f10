package jic

import "time"

// Search orders.
const (
	SortDate      = "date"      // newest first; exact and the same on every backend
	SortRelevance = "relevance" // best match among the newest RelevanceWindow matches
)

// RelevanceWindow bounds how many of the newest matches a relevance search
// ranks. It keeps ranked search fast at millions of reports; see BENCHMARKS.md.
const RelevanceWindow = 1000

// SearchQuery is a full-text search. Q uses the syntax of internal/textindex:
// words (all must match), "quoted phrases", OR between words, -excluded words.
type SearchQuery struct {
	Q         string
	Since     time.Time // filed at or after
	Until     time.Time // filed before
	Languages []string  // report languages, any of
	SourceIDs []int64   // any of
	Markings  []Marking // any of
	Sort      string    // SortDate (default) or SortRelevance
	Limit     int       // 1..100, default 20
	Cursor    string    // from a previous SearchResult.Next
}

// MaxSearchLimit caps SearchQuery.Limit.
const MaxSearchLimit = 100

// Normalize fills defaults and returns EINVALID naming the first bad field.
func (q *SearchQuery) Normalize() error {
	if q.Limit == 0 {
		q.Limit = 20
	}
	if q.Limit < 0 || q.Limit > MaxSearchLimit {
		return FieldErrorf(EINVALID, "limit", "must be between 1 and %d", MaxSearchLimit)
	}
	if q.Sort == "" {
		q.Sort = SortDate
	}
	if q.Sort != SortDate && q.Sort != SortRelevance {
		return FieldErrorf(EINVALID, "sort", "%q is not date or relevance", q.Sort)
	}
	if !q.Since.IsZero() && !q.Until.IsZero() && !q.Since.Before(q.Until) {
		return FieldErrorf(EINVALID, "since", "must be before until")
	}
	for i, m := range q.Markings {
		p, err := ParseMarking(string(m))
		if err != nil {
			return err
		}
		q.Markings[i] = p
	}
	return nil
}

// SearchHit is one matching report with a snippet of its text.
type SearchHit struct {
	Report     *Report  `json:"report"`
	Snippet    Snippet  `json:"snippet"`
	TitleMarks [][2]int `json:"title_marks"`     // byte spans of the title that matched
	Score      float64  `json:"score,omitempty"` // relevance sort only; higher is better
}

// Snippet is an excerpt of a report with the spans that matched the query.
// Marks are byte offsets into Text, sorted and not overlapping.
type Snippet struct {
	Text  string   `json:"text"`
	Marks [][2]int `json:"marks"`
}

// SearchResult is one page of hits. Next is the cursor of the following page,
// empty on the last one.
type SearchResult struct {
	Hits []SearchHit `json:"hits"`
	Next string      `json:"next,omitempty"`
}

// FacetWindow is how many of the newest matches SearchFacets counts by
// language, source and month; EntityFacetWindow how many it counts by place
// and entity, which costs a row per mention.
const (
	FacetWindow       = 1000
	EntityFacetWindow = 200
)

// FacetLimit is how many values of each facet SearchFacets returns, most
// frequent first (months are all returned, in order).
const FacetLimit = 20

// SearchFacets counts the newest matches of a search by facet. Matches is
// how many were counted; Capped says there were more than FacetWindow, so
// the counts describe the newest FacetWindow of them. Places and Entities
// are counted in the newest EntityMatches of them (at most
// EntityFacetWindow).
type SearchFacets struct {
	Matches       int          `json:"matches"`
	Capped        bool         `json:"capped"`
	Languages     []FacetCount `json:"languages"`
	Sources       []FacetCount `json:"sources"`
	Months        []FacetCount `json:"months"` // "2006-01", oldest first
	EntityMatches int          `json:"entity_matches"`
	Places        []FacetCount `json:"places"`
	Entities      []FacetCount `json:"entities"`
}

// FacetCount is one value of a facet: the value to filter by (a language
// tag, a source or entity id, a month), a label to show, and how many
// matches have it.
type FacetCount struct {
	Value string `json:"value"`
	Label string `json:"label"`
	Count int    `json:"count"`
}
