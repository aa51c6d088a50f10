package stories

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// Doc is one processed report as story clustering sees it.
type Doc struct {
	ID   int64
	Time time.Time // publication time, else collection time
	Lang string    // BCP 47 tag or ISO 639 code; terms are compared only within one language
	// Source identifies the independent source: the source of the report's
	// syndication original, so that copies share it. "" is unknown and
	// counts as no independent source.
	Source string
	// Group is the dedup syndication group (the id of its first report);
	// 0 for none. A report whose group already has a story joins it.
	Group int64
	Title string
	// Entities are canonical keys of the people, organizations, groups and
	// places the report names ("geonames:98182", "country:IQ",
	// "org:un", "name:person:…"), one per mention: repeats weigh more.
	Entities []string
	// Terms are the report's index terms (textindex.Terms), repeats
	// included.
	Terms []string
}

// Options are the thresholds and bounds of story clustering. The zero value
// is not useful; start from DefaultOptions.
type Options struct {
	// Window is how far in time a report may be from a story (from its
	// first to its last report) and still join it.
	Window time.Duration
	// MinScore is the score a story needs for a report to join it.
	MinScore float64
	// TermWeight is the share of term similarity in the score of a story
	// with reports in the report's language; entities have the rest. A
	// story with none is scored on entities alone, times CrossLang.
	TermWeight float64
	CrossLang  float64
	// EntityMass and TermMass are the summed IDF of shared keys at which
	// a similarity counts in full; below it, it is scaled down, so that
	// one shared common key ("country:US") joins nothing.
	EntityMass, TermMass float64
	// MaxEntities and MaxTerms bound the keys of a report that are used:
	// the heaviest by TF-IDF.
	MaxEntities, MaxTerms int
	// MaxPostings bounds the stories kept under one key: the most recently
	// joined. With MaxCandidates it keeps the cost of an Add flat.
	MaxPostings int
	// MaxCandidates bounds the stories scored per Add: those sharing the
	// most key weight first.
	MaxCandidates int
	// MaxProfile bounds the keys of a story's profile: its entity
	// centroid and each language's term centroid.
	MaxProfile int
}

// DefaultOptions are the thresholds measured by Eval (see doc.go).
func DefaultOptions() Options {
	return Options{
		Window:        72 * time.Hour,
		MinScore:      0.25,
		TermWeight:    0.6,
		CrossLang:     1.0,
		EntityMass:    6,
		TermMass:      20,
		MaxEntities:   32,
		MaxTerms:      48,
		MaxPostings:   64,
		MaxCandidates: 24,
		MaxProfile:    128,
	}
}

// Weighted is a key with its weight in a vector.
type Weighted struct {
	Key    string
	Weight float64 // in the L2-normalized vector
	IDF    float64
}

// Vector is a report made ready for scoring: its entity and term keys
// weighted by TF-IDF and L2-normalized, each part on its own. Term keys
// carry the language ("en\x00term"), so that terms never meet across
// languages.
type Vector struct {
	Lang     string
	Time     time.Time
	Entities []Weighted
	Terms    []Weighted
}

// Keys returns the entity and term keys of v with their weights, entity
// keys first: what Finder.Candidates looks up.
func (v *Vector) Keys() []Weighted {
	out := make([]Weighted, 0, len(v.Entities)+len(v.Terms))
	for _, w := range v.Entities {
		out = append(out, Weighted{Key: w.Key, Weight: w.IDF, IDF: w.IDF})
	}
	for _, w := range v.Terms {
		out = append(out, Weighted{Key: w.Key, Weight: w.IDF, IDF: w.IDF})
	}
	return out
}

// Similarity is how close a report is to a story.
type Similarity struct {
	Entities float64 // cosine of the report's entities and the story's entity centroid
	Terms    float64 // cosine with the story's term centroid in the report's language; 0 if none
	// SameLang: the story has reports in the report's language.
	SameLang bool
	// EntityMass and TermMass are the summed IDF of the shared keys.
	EntityMass, TermMass float64
	// Shared are up to three shared entity keys, heaviest first, for Why.
	Shared []string
	// Gap is how far the report's time is outside the story's span; 0
	// within it.
	Gap time.Duration
}

// Score combines a similarity into the number compared with MinScore.
func (o *Options) Score(s Similarity) float64 {
	e := s.Entities * math.Min(1, s.EntityMass/o.EntityMass)
	t := s.Terms * math.Min(1, s.TermMass/o.TermMass)
	var sc float64
	if s.SameLang {
		sc = (1-o.TermWeight)*e + o.TermWeight*t
	} else {
		sc = o.CrossLang * e
	}
	if o.Window > 0 && s.Gap > 0 {
		sc *= 1 - 0.5*math.Min(1, float64(s.Gap)/float64(o.Window))
	}
	return sc
}

// Finder is what story clustering needs from the stories already built.
// The in-memory Index implements it; a store implements it with the tables
// described in doc.go, and runs the same Decide.
type Finder interface {
	// StoryOfGroup returns the story of the first report of dedup group
	// g; ok is false when no report of g is clustered yet.
	StoryOfGroup(g int64) (story int64, ok bool)
	// DocFreqs returns, for each key, how many clustered reports have it,
	// and how many reports are clustered in all.
	DocFreqs(keys []string) (df []int, docs int)
	// Candidates returns at most limit stories filed under at least one
	// of keys whose span [first, last] meets [since, until], those with the
	// most summed key Weight first (ties: lower id first).
	Candidates(keys []Weighted, since, until time.Time, limit int) []int64
	// Similarity compares v with story; ok is false if the story is not
	// known or no longer open (its profile was dropped after the window).
	Similarity(story int64, v *Vector) (s Similarity, ok bool)
}

// Decision is what Decide found for a report.
type Decision struct {
	Story      int64 // the story to join; 0: start a new one
	Score      float64
	Similarity Similarity
	Candidates int    // stories scored
	Why        string // one line for a person
}

// Decide picks the story a report joins, against what f knows: the story
// of its syndication group if the group has one; else the best-scoring
// candidate story (Options.Score, ties to the lower id) at or above
// MinScore; else none. It reads f only.
func Decide(f Finder, d *Doc, v *Vector, o Options) Decision {
	if d.Group != 0 {
		if s, ok := f.StoryOfGroup(d.Group); ok {
			return Decision{Story: s, Score: 1, Why: fmt.Sprintf("copy in syndication group %d", d.Group)}
		}
	}
	if len(v.Entities)+len(v.Terms) == 0 {
		return Decision{Why: "no entities or terms to compare"}
	}
	cands := f.Candidates(v.Keys(), v.Time.Add(-o.Window), v.Time.Add(o.Window), o.MaxCandidates)
	best := Decision{Candidates: len(cands)}
	for _, id := range cands {
		s, ok := f.Similarity(id, v)
		if !ok || o.Window > 0 && s.Gap > o.Window {
			continue
		}
		sc := o.Score(s)
		if sc < o.MinScore || best.Story != 0 && (sc < best.Score || sc == best.Score && id > best.Story) {
			continue
		}
		best.Story, best.Score, best.Similarity = id, sc, s
	}
	if best.Story == 0 {
		best.Why = fmt.Sprintf("new: none of %d candidate stories within %s scored %.2f", len(cands), o.Window, o.MinScore)
		return best
	}
	best.Why = why(best)
	return best
}

func why(d Decision) string {
	s := d.Similarity
	var b strings.Builder
	fmt.Fprintf(&b, "score %.2f: entities %.2f", d.Score, s.Entities)
	if len(s.Shared) > 0 {
		fmt.Fprintf(&b, " (%s)", strings.Join(s.Shared, ", "))
	}
	if s.SameLang {
		fmt.Fprintf(&b, ", terms %.2f", s.Terms)
	} else {
		b.WriteString(", no report in its language")
	}
	if s.Gap > 0 {
		fmt.Fprintf(&b, ", %s outside the story's span", s.Gap.Round(time.Minute))
	}
	return b.String()
}
