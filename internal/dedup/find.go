package dedup

import "fmt"

// Kind says what a report is to the reports before it.
type Kind uint8

// The kinds of Match.
const (
	New   Kind = iota // no earlier report carries the same story text
	Exact             // same normalized text as Match.Of
	Near              // a lightly edited copy of Match.Of
)

// String returns "new", "exact" or "near".
func (k Kind) String() string {
	switch k {
	case New:
		return "new"
	case Exact:
		return "exact"
	case Near:
		return "near"
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// Options are the thresholds of duplicate detection. The zero value is not
// useful; start from DefaultOptions.
type Options struct {
	// A candidate is a near duplicate when its estimated Jaccard
	// similarity is at least MinJaccard, or when its estimated containment
	// is at least MinContainment and its Jaccard at least
	// MinContainedJaccard (below that the containment estimate of a
	// b-bit signature is noise).
	MinJaccard          float64
	MinContainment      float64
	MinContainedJaccard float64
	// RootShare scales the thresholds for the first report of the group a
	// near duplicate would join: a report must be that close to the
	// group's first report too, so that a chain of follow-up stories, each
	// sharing some paragraphs with the one before, does not become one
	// group. 0 disables the check.
	RootShare float64
	// MinNumbers is the share of the figures of one text that the other
	// must have (see Similarity.Numbers).
	MinNumbers float64
	// MaxVerify bounds the candidates verified per Add: those sharing the
	// most band keys first. With MaxBucket it keeps the cost of an Add
	// flat however many reports the index holds.
	MaxVerify int
	// MaxBucket bounds the reports kept under one band key; a report is
	// not added under a key that already has MaxBucket reports (they are
	// copies of one story or share stock text, and one of them is enough
	// to find the group).
	MaxBucket int
}

// DefaultOptions are the thresholds measured by Evaluate (see doc.go).
func DefaultOptions() Options {
	return Options{
		MinJaccard:          0.45,
		MinContainment:      0.6,
		MinContainedJaccard: 0.1,
		RootShare:           0.5,
		MinNumbers:          0.5,
		MaxVerify:           24,
		MaxBucket:           32,
	}
}

// isNear applies the thresholds to an estimated similarity.
func (o *Options) isNear(s Similarity) bool {
	return s.Numbers >= o.MinNumbers && (s.Jaccard >= o.MinJaccard ||
		s.Containment >= o.MinContainment && s.Jaccard >= o.MinContainedJaccard)
}

// isRelated is isNear with thresholds scaled by RootShare.
func (o *Options) isRelated(s Similarity) bool {
	r := Options{MinJaccard: o.MinJaccard * o.RootShare, MinContainment: o.MinContainment * o.RootShare,
		MinContainedJaccard: o.MinContainedJaccard * o.RootShare, MinNumbers: o.MinNumbers * o.RootShare}
	return r.isNear(s)
}

// Finder is what duplicate detection needs from the reports already
// indexed. The in-memory Index implements it; a store implements it with
// the tables described in doc.go, and runs the same Find.
type Finder interface {
	// ExactOf returns the first report indexed with exact hash h.
	ExactOf(h Hash) (id int64, ok bool)
	// Candidates returns at most limit reports indexed under at least one
	// of keys, those under the most keys first (ties: lower id first).
	Candidates(keys []uint64, limit int) []int64
	// Similarity estimates the similarity of p to the indexed report id;
	// ok is false if id is not indexed.
	Similarity(id int64, p *Print) (s Similarity, ok bool)
	// GroupOf returns the group of an indexed report: the id of the
	// group's first report.
	GroupOf(id int64) int64
}

// Found is what Find decides about a print.
type Found struct {
	Kind       Kind
	Of         int64      // the report it duplicates; 0 when Kind is New
	Similarity Similarity // estimated; 1 and 1 for Exact
}

// Find decides whether p duplicates a report that f knows: an exact
// duplicate of the first report with the same hash; else a near duplicate
// of the most similar verified candidate (highest Jaccard, then
// containment, then the lower id) that is related to its group's first
// report too (see Options.RootShare); else new. An empty print is always
// new.
func Find(f Finder, p *Print, o Options) Found {
	if p.Empty() {
		return Found{Kind: New}
	}
	if id, ok := f.ExactOf(p.Exact); ok {
		return Found{Kind: Exact, Of: id, Similarity: Similarity{Jaccard: 1, Containment: 1, Numbers: 1}}
	}
	best := Found{Kind: New}
	for _, id := range f.Candidates(p.BandKeys(), o.MaxVerify) {
		s, ok := f.Similarity(id, p)
		if !ok || !o.isNear(s) || best.Kind == Near && !better(s, id, best.Similarity, best.Of) {
			continue
		}
		if root := f.GroupOf(id); o.RootShare > 0 && root != id {
			if rs, ok := f.Similarity(root, p); ok && !o.isRelated(rs) {
				continue
			}
		}
		best = Found{Kind: Near, Of: id, Similarity: s}
	}
	return best
}

func better(s Similarity, id int64, t Similarity, tid int64) bool {
	if s.Jaccard != t.Jaccard {
		return s.Jaccard > t.Jaccard
	}
	if s.Containment != t.Containment {
		return s.Containment > t.Containment
	}
	return id < tid
}
