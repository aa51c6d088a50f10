package dedup

import (
	"fmt"
	"strings"
	"time"

	"github.com/jic-center/jic"
)

// Meta is what the original-picking rules know about a report.
type Meta struct {
	// Published is when the report was published (its collection time
	// when the publication time is unknown: jic.Report.When). A zero time
	// never counts as earliest.
	Published time.Time
	Source    int64
	// Outlet names the outlet the report's source is (its source's name),
	// so that another report's Republishes can point at it.
	Outlet      string
	Reliability jic.Reliability // "" counts as F
	// Republishes names the outlet whose article this report carries, if
	// its source says so (jic.Source.Republishes). Outlet names compare
	// case-insensitively.
	Republishes string
}

// MetaOf returns the Meta of a report gathered from source s (nil when the
// source is unknown): its filing time, and the source's name, reliability
// and the outlet it republishes.
func MetaOf(r *jic.Report, s *jic.Source) Meta {
	m := Meta{Published: r.When(), Source: r.SourceID}
	if s != nil {
		m.Outlet, m.Reliability, m.Republishes = s.Name, s.Reliability, s.Republishes
	}
	return m
}

// Member is one report of a group with its Meta, the input of
// PickOriginal.
type Member struct {
	ID   int64
	Meta Meta
}

// Rule names the rule that picked a group's original.
type Rule uint8

// The rules, in the order PickOriginal applies them.
const (
	RuleOnly          Rule = iota // the group has one report
	RuleRepublication             // another member, dated earlier, says it republishes the original's outlet
	RuleEarliest                  // the earliest publication
	RuleReliability               // published at the same time as another, from a more reliable source
	RuleLowestID                  // same time, same reliability: the lowest report id
)

// String names the rule in words, for explanations.
func (r Rule) String() string {
	switch r {
	case RuleOnly:
		return "the only report"
	case RuleRepublication:
		return "explicit republication"
	case RuleEarliest:
		return "earliest publication"
	case RuleReliability:
		return "same time, more reliable source"
	case RuleLowestID:
		return "same time and reliability, lowest id"
	}
	return fmt.Sprintf("Rule(%d)", uint8(r))
}

// PickOriginal chooses the original of a group of copies:
//
//  1. a report whose Republishes names the Outlet of another member is a
//     copy of that member, and is not the original (unless every member
//     republishes another: a cycle of claims is ignored);
//  2. of the rest, the earliest publication; reports published within tie
//     of the earliest are tied;
//  3. of tied reports, the most reliable source (A best, "" as F);
//  4. then the earliest, then the lowest id.
//
// It returns the original's id and the rule that decided. members must not
// be empty.
func PickOriginal(members []Member, tie time.Duration) (int64, Rule) {
	if len(members) == 1 {
		return members[0].ID, RuleOnly
	}
	outlets := map[string]int{}
	for _, m := range members {
		if o := outletKey(m.Meta.Outlet); o != "" {
			outlets[o]++
		}
	}
	var eligible []Member
	for _, m := range members {
		r := outletKey(m.Meta.Republishes)
		n := outlets[r]
		if r != "" && r == outletKey(m.Meta.Outlet) {
			n-- // republishing its own outlet says nothing
		}
		if r == "" || n == 0 {
			eligible = append(eligible, m)
		}
	}
	if len(eligible) == 0 {
		eligible = members
	}
	id, rule := byTime(eligible, tie)
	if len(eligible) < len(members) {
		if all, _ := byTime(members, tie); all != id {
			return id, RuleRepublication
		}
	}
	return id, rule
}

// byTime applies rules 2–4.
func byTime(members []Member, tie time.Duration) (int64, Rule) {
	first := -1
	for i, m := range members {
		if m.Meta.Published.IsZero() {
			continue
		}
		if first < 0 || m.Meta.Published.Before(members[first].Meta.Published) {
			first = i
		}
	}
	var tied []Member
	for _, m := range members {
		if first < 0 || !m.Meta.Published.IsZero() && !m.Meta.Published.After(members[first].Meta.Published.Add(tie)) {
			tied = append(tied, m)
		}
	}
	best := tied[0]
	for _, m := range tied[1:] {
		if before(m, best) {
			best = m
		}
	}
	switch {
	case len(tied) == 1 && first >= 0, strictlyFirst(best, tied):
		return best.ID, RuleEarliest
	case len(tied) == 1:
		return best.ID, RuleLowestID
	}
	for _, m := range tied {
		if rank(m.Meta.Reliability) != rank(best.Meta.Reliability) {
			return best.ID, RuleReliability
		}
	}
	return best.ID, RuleLowestID
}

// strictlyFirst reports whether m was published before every other of ms.
func strictlyFirst(m Member, ms []Member) bool {
	if m.Meta.Published.IsZero() {
		return false
	}
	for _, o := range ms {
		if o.ID != m.ID && !m.Meta.Published.Before(o.Meta.Published) && !o.Meta.Published.IsZero() {
			return false
		}
	}
	return true
}

// before orders tied reports: more reliable, then earlier, then lower id.
func before(a, b Member) bool {
	if ra, rb := rank(a.Meta.Reliability), rank(b.Meta.Reliability); ra != rb {
		return ra < rb
	}
	ta, tb := a.Meta.Published, b.Meta.Published
	if !ta.Equal(tb) {
		return !ta.IsZero() && (tb.IsZero() || ta.Before(tb))
	}
	return a.ID < b.ID
}

// rank orders reliabilities: 0 for A to 5 for F and anything else.
func rank(r jic.Reliability) int {
	if len(r) == 1 && r[0] >= 'A' && r[0] <= 'F' {
		return int(r[0] - 'A')
	}
	return 5
}

// outletKey is the form outlet names are compared in.
func outletKey(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

// Group is a syndication group: a report and its copies.
type Group struct {
	ID       int64   // the id of the group's first indexed report
	Original int64   // the report picked as the original
	Rule     Rule    // the rule that picked it
	Members  []int64 // in the order they were indexed
}

// Explanation says why a report is in its group and how the group's
// original was picked.
type Explanation struct {
	Report     int64
	Group      int64
	Members    int        // reports in the group
	Kind       Kind       // how the report joined: New if it started the group
	Of         int64      // the report it was found to duplicate
	Similarity Similarity // estimated when it was indexed
	Original   int64
	Rule       Rule
	// Republishes is set when Rule is RuleRepublication: the outlet that a
	// member says it republishes.
	Republishes string
}

// String is the explanation as one English sentence for the UI and logs.
func (e Explanation) String() string {
	var b strings.Builder
	switch e.Kind {
	case Exact:
		fmt.Fprintf(&b, "report %d has the same text as report %d", e.Report, e.Of)
	case Near:
		fmt.Fprintf(&b, "report %d is a near copy of report %d (estimated Jaccard %.2f, containment %.2f)",
			e.Report, e.Of, e.Similarity.Jaccard, e.Similarity.Containment)
	default:
		fmt.Fprintf(&b, "report %d matched no earlier report", e.Report)
	}
	fmt.Fprintf(&b, "; its syndication group %d has %d report", e.Group, e.Members)
	if e.Members != 1 {
		b.WriteString("s")
	}
	fmt.Fprintf(&b, "; the original is report %d (%s", e.Original, e.Rule)
	if e.Rule == RuleRepublication && e.Republishes != "" {
		fmt.Fprintf(&b, ": a copy says it republishes %s", e.Republishes)
	}
	b.WriteString(")")
	return b.String()
}
