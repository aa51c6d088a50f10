package stories

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/jic-center/jic"
)

// Assignment is what Index.Add did with a report.
type Assignment struct {
	Story      int64 // the story's id: the id of its first report
	New        bool  // the report started the story
	Score      float64
	Candidates int    // stories scored
	Why        string // one line for a person
}

// Story is the profile of a story for people and for the store.
type Story struct {
	ID          int64
	Title       string // the title of its earliest report
	First, Last time.Time
	Reports     []int64 // in the order they joined
	Groups      []int64 // the dedup groups of its reports, once each
	Langs       []string
	// Entities and Places are its heaviest people, organizations and
	// groups, and places: at most eight each, heaviest first.
	Entities, Places []string
	// IndependentSources counts the distinct Source values of its
	// reports, each dedup group once; reports without a source count
	// for none.
	IndependentSources int
	// Open: reports may still join it. A story closes when the newest
	// report seen is more than twice the window after its last.
	Open bool
}

// Domain returns s as the domain's Story (without credibility or marking,
// which are decided elsewhere).
func (s Story) Domain() jic.Story {
	return jic.Story{ID: s.ID, Title: s.Title, First: s.First, Last: s.Last,
		ReportIDs: slices.Clone(s.Reports), IndependentSources: s.IndependentSources}
}

// Stats counts the work of an Index, for metrics and the cost table.
type Stats struct {
	Reports    int    // reports added
	Stories    int    // stories started
	Open       int    // stories still open (with a profile in memory)
	Candidates uint64 // candidate stories scored, summed over Adds
	Postings   uint64 // story postings read, summed over Adds
}

// Index clusters reports into stories incrementally, in memory. Each Add
// decides once and never moves a report again; stories never merge, so a
// story id never changes. It is safe for concurrent use; Adds are
// serialized.
//
// Its cost per Add does not grow with the index: at most MaxEntities +
// MaxTerms keys are looked up, each with at most MaxPostings stories, and
// at most MaxCandidates profiles are compared. Profiles of stories that
// can no longer be joined are dropped, so that memory for scoring grows
// with the reports of one window, not of all time.
type Index struct {
	opt Options

	mu      sync.Mutex
	keyID   map[string]uint32
	keys    []string
	df      []int32
	post    [][]int32 // story indexes by key id, most recently joined last
	pos     map[int64]int32
	stories []story
	reports map[int64]int32 // story index by report id
	groups  map[int64]int32 // story index by dedup group
	expiry  []expire
	newest  int64 // the latest report time seen, Unix ns
	stats   Stats
	acc     []float64 // Candidates' scratch: summed key weight by story
	touched []int32
}

type story struct {
	id          int64
	first, last int64 // Unix ns
	title       string
	titleAt     int64
	reports     []int64
	groups      []int64
	sources     map[string]struct{}
	langs       []string
	ents        map[uint32]float64   // entity centroid; nil once closed
	terms       map[string]*centroid // term centroid by language; nil once closed
	entNorm     float64              // the squared norm of ents
	top         []string             // heaviest entity keys, kept when closed
}

// centroid is a story's term centroid in one language and its squared
// norm.
type centroid struct {
	w    map[uint32]float64
	norm float64
}

type expire struct {
	story int32
	last  int64
}

// NewIndex returns an empty index with the given options.
func NewIndex(opt Options) *Index {
	return &Index{opt: opt, keyID: map[string]uint32{}, pos: map[int64]int32{},
		reports: map[int64]int32{}, groups: map[int64]int32{}}
}

// Stats returns the index's counters.
func (x *Index) Stats() Stats {
	x.mu.Lock()
	defer x.mu.Unlock()
	s := x.stats
	s.Stories = len(x.stories)
	return s
}

// Add assigns report d to a story, new or existing, and returns the
// decision. Adding an id again changes nothing and returns its story. A
// report without a time is taken to be at the newest time seen.
func (x *Index) Add(d Doc) Assignment {
	x.mu.Lock()
	defer x.mu.Unlock()
	if i, ok := x.reports[d.ID]; ok {
		return Assignment{Story: x.stories[i].id, New: x.stories[i].id == d.ID, Score: 1, Why: "already clustered"}
	}
	if d.Time.IsZero() {
		d.Time = time.Unix(0, x.newest)
	}
	f := memFinder{x}
	v := NewVector(f, &d, x.opt)
	dec := Decide(f, &d, &v, x.opt)
	x.stats.Reports++
	x.stats.Candidates += uint64(dec.Candidates)
	var si int32
	a := Assignment{Story: dec.Story, Score: dec.Score, Candidates: dec.Candidates, Why: dec.Why}
	if dec.Story == 0 {
		si = x.newStory(&d)
		a.Story, a.New = d.ID, true
	} else {
		si = x.pos[dec.Story]
	}
	x.join(si, &d, &v)
	x.closeOld()
	return a
}

func (x *Index) newStory(d *Doc) int32 {
	si := int32(len(x.stories))
	x.stories = append(x.stories, story{id: d.ID, first: d.Time.UnixNano(), last: d.Time.UnixNano(), title: d.Title,
		titleAt: d.Time.UnixNano(), sources: map[string]struct{}{}, ents: map[uint32]float64{}, terms: map[string]*centroid{}})
	x.pos[d.ID] = si
	x.stats.Open++
	return si
}

// join adds report d with vector v to story si: its span, title, sources,
// profile, and the postings of its keys.
func (x *Index) join(si int32, d *Doc, v *Vector) {
	s := &x.stories[si]
	t := d.Time.UnixNano()
	s.first, s.last = min(s.first, t), max(s.last, t)
	if t < s.titleAt || s.title == "" && d.Title != "" {
		s.title, s.titleAt = d.Title, t
	}
	x.newest = max(x.newest, t)
	s.reports = append(s.reports, d.ID)
	x.reports[d.ID] = si
	counted := false
	if d.Group != 0 {
		if slices.Contains(s.groups, d.Group) {
			counted = true // its original's source is counted already
		} else {
			s.groups = append(s.groups, d.Group)
		}
		if _, ok := x.groups[d.Group]; !ok {
			x.groups[d.Group] = si
		}
	}
	if d.Source != "" && !counted {
		s.sources[d.Source] = struct{}{}
	}
	if v.Lang != "" || len(v.Terms) > 0 {
		if !slices.Contains(s.langs, v.Lang) {
			s.langs = append(s.langs, v.Lang)
		}
	}
	if s.ents != nil {
		x.addTo(&s.ents, &s.entNorm, v.Entities)
		c := s.terms[v.Lang]
		if c == nil && len(v.Terms) > 0 {
			c = &centroid{w: map[uint32]float64{}}
			s.terms[v.Lang] = c
		}
		if c != nil {
			x.addTo(&c.w, &c.norm, v.Terms)
		}
	}
	x.docFreq(d, v.Lang)
	for _, w := range v.Entities {
		x.file(x.intern(w.Key), si)
	}
	for _, w := range v.Terms {
		x.file(x.intern(w.Key), si)
	}
	x.expiry = append(x.expiry, expire{si, s.last})
}

// addTo adds the weights of ws to a centroid of squared norm *n2, and
// prunes it to the heaviest MaxProfile keys when it has grown to twice
// that.
func (x *Index) addTo(m *map[uint32]float64, n2 *float64, ws []Weighted) {
	for _, w := range ws {
		k := x.intern(w.Key)
		old := (*m)[k]
		(*m)[k] = old + w.Weight
		*n2 += w.Weight * (2*old + w.Weight)
	}
	if len(*m) <= 2*x.opt.MaxProfile {
		return
	}
	type kw struct {
		k uint32
		w float64
	}
	all := make([]kw, 0, len(*m))
	for k, w := range *m {
		all = append(all, kw{k, w})
	}
	slices.SortFunc(all, func(a, b kw) int {
		if c := cmp.Compare(b.w, a.w); c != 0 {
			return c
		}
		return cmp.Compare(a.k, b.k)
	})
	n := make(map[uint32]float64, x.opt.MaxProfile)
	*n2 = 0
	for _, e := range all[:x.opt.MaxProfile] {
		n[e.k] = e.w
		*n2 += e.w * e.w
	}
	*m = n
}

// docFreq counts the distinct keys of d, all of them (not only those its
// vector kept), up to maxDocKeys.
func (x *Index) docFreq(d *Doc, lang string) {
	for _, c := range counts(d.Entities, func(s string) string { return s }) {
		x.df[x.intern(c.key)]++
	}
	for _, c := range counts(d.Terms, func(s string) string { return TermKey(lang, s) }) {
		x.df[x.intern(c.key)]++
	}
}

func (x *Index) intern(k string) uint32 {
	if id, ok := x.keyID[k]; ok {
		return id
	}
	id := uint32(len(x.keys))
	k = strings.Clone(k)
	x.keyID[k] = id
	x.keys = append(x.keys, k)
	x.df = append(x.df, 0)
	x.post = append(x.post, nil)
	return id
}

// file moves story si to the end of key k's postings, dropping the least
// recently joined story when there are more than MaxPostings.
func (x *Index) file(k uint32, si int32) {
	p := x.post[k]
	for i := len(p) - 1; i >= 0; i-- {
		if p[i] == si {
			copy(p[i:], p[i+1:])
			p[len(p)-1] = si
			return
		}
	}
	if len(p) >= x.opt.MaxPostings {
		copy(p, p[1:])
		p[len(p)-1] = si
		return
	}
	x.post[k] = append(p, si)
}

// closeOld drops the profiles of stories whose last report is more than
// twice the window before the newest report seen: no report in time order
// can join them, and one up to a window late still finds its story.
func (x *Index) closeOld() {
	horizon := x.newest - 2*int64(x.opt.Window)
	n := 0
	for n < len(x.expiry) && x.expiry[n].last < horizon {
		e := x.expiry[n]
		if s := &x.stories[e.story]; s.last == e.last && s.ents != nil {
			s.top = x.topKeys(s.ents, 16)
			s.ents, s.terms = nil, nil
			x.stats.Open--
		}
		n++
	}
	if n > 0 && n*2 >= len(x.expiry) {
		x.expiry = append(x.expiry[:0], x.expiry[n:]...)
	} else if n > 0 {
		x.expiry = x.expiry[n:]
	}
}

func (x *Index) topKeys(m map[uint32]float64, n int) []string {
	ks := make([]uint32, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.SortFunc(ks, func(a, b uint32) int {
		if c := cmp.Compare(m[b], m[a]); c != 0 {
			return c
		}
		return cmp.Compare(x.keys[a], x.keys[b])
	})
	out := make([]string, 0, min(n, len(ks)))
	for _, k := range ks[:min(n, len(ks))] {
		out = append(out, x.keys[k])
	}
	return out
}

// Story returns the profile of story id; ok is false if no story has that
// id.
func (x *Index) Story(id int64) (s Story, ok bool) {
	x.mu.Lock()
	defer x.mu.Unlock()
	si, ok := x.pos[id]
	if !ok {
		return Story{}, false
	}
	return x.profile(si), true
}

// StoryOf returns the story of report id; ok is false if it was never
// added.
func (x *Index) StoryOf(id int64) (story int64, ok bool) {
	x.mu.Lock()
	defer x.mu.Unlock()
	si, ok := x.reports[id]
	if !ok {
		return 0, false
	}
	return x.stories[si].id, true
}

func (x *Index) profile(si int32) Story {
	s := &x.stories[si]
	out := Story{ID: s.id, Title: s.title, First: time.Unix(0, s.first).UTC(), Last: time.Unix(0, s.last).UTC(),
		Reports: slices.Clone(s.reports), Groups: slices.Clone(s.groups), Langs: slices.Clone(s.langs),
		IndependentSources: len(s.sources), Open: s.ents != nil}
	top := s.top
	if s.ents != nil {
		top = x.topKeys(s.ents, 16)
	}
	for _, k := range top {
		if IsPlace(k) {
			if len(out.Places) < 8 {
				out.Places = append(out.Places, k)
			}
		} else if len(out.Entities) < 8 {
			out.Entities = append(out.Entities, k)
		}
	}
	return out
}

// IsPlace reports whether an entity key is a gazetteer place's.
func IsPlace(key string) bool {
	for _, p := range []string{"geonames:", "country:", "admin1:", "admin2:", "region:"} {
		if strings.HasPrefix(key, p) {
			return true
		}
	}
	return false
}

// Stories returns the profile of every story, in the order they started.
func (x *Index) Stories() []Story {
	x.mu.Lock()
	defer x.mu.Unlock()
	out := make([]Story, len(x.stories))
	for i := range x.stories {
		out[i] = x.profile(int32(i))
	}
	return out
}

// memFinder is the Finder of an Index; its methods run with x.mu held.
type memFinder struct{ x *Index }

var _ Finder = memFinder{}

func (f memFinder) StoryOfGroup(g int64) (int64, bool) {
	si, ok := f.x.groups[g]
	if !ok {
		return 0, false
	}
	return f.x.stories[si].id, true
}

func (f memFinder) DocFreqs(keys []string) ([]int, int) {
	df := make([]int, len(keys))
	for i, k := range keys {
		if id, ok := f.x.keyID[k]; ok {
			df[i] = int(f.x.df[id])
		}
	}
	return df, f.x.stats.Reports
}

func (f memFinder) Candidates(keys []Weighted, since, until time.Time, limit int) []int64 {
	x := f.x
	lo, hi := since.UnixNano(), until.UnixNano()
	if len(x.acc) < len(x.stories) {
		x.acc = append(x.acc, make([]float64, len(x.stories)-len(x.acc))...)
	}
	touched := x.touched[:0]
	for _, k := range keys {
		id, ok := x.keyID[k.Key]
		if !ok {
			continue
		}
		x.stats.Postings += uint64(len(x.post[id]))
		for _, si := range x.post[id] {
			if s := &x.stories[si]; s.ents != nil && s.last >= lo && s.first <= hi {
				if x.acc[si] == 0 {
					touched = append(touched, si)
				}
				x.acc[si] += k.Weight
			}
		}
	}
	// The limit best, by a sort of the few that can be among them: a
	// story enters when it beats the worst kept.
	better := func(a, b int32) bool {
		if x.acc[a] != x.acc[b] {
			return x.acc[a] > x.acc[b]
		}
		return x.stories[a].id < x.stories[b].id
	}
	best := make([]int32, 0, limit+1)
	for _, si := range touched {
		if len(best) == limit && !better(si, best[len(best)-1]) {
			continue
		}
		i := len(best)
		best = append(best, si)
		for ; i > 0 && better(si, best[i-1]); i-- {
			best[i] = best[i-1]
		}
		best[i] = si
		if len(best) > limit {
			best = best[:limit]
		}
	}
	out := make([]int64, len(best))
	for i, si := range best {
		out[i] = x.stories[si].id
	}
	for _, si := range touched {
		x.acc[si] = 0
	}
	x.touched = touched
	return out
}

func (f memFinder) Similarity(id int64, v *Vector) (Similarity, bool) {
	x := f.x
	si, ok := x.pos[id]
	if !ok || x.stories[si].ents == nil {
		return Similarity{}, false
	}
	s := &x.stories[si]
	get := func(m map[uint32]float64) func(string) (float64, bool) {
		return func(k string) (float64, bool) {
			id, ok := x.keyID[k]
			if !ok {
				return 0, false
			}
			w, ok := m[id]
			return w, ok
		}
	}
	sim := Similarity{Gap: gap(v.Time, time.Unix(0, s.first), time.Unix(0, s.last))}
	var shared []Weighted
	sim.Entities, sim.EntityMass, shared = cosine(v.Entities, get(s.ents), math.Sqrt(max(0, s.entNorm)))
	sim.Shared = top3(shared)
	if c, ok := s.terms[v.Lang]; ok {
		sim.SameLang = true
		sim.Terms, sim.TermMass, _ = cosine(v.Terms, get(c.w), math.Sqrt(max(0, c.norm)))
	}
	return sim, true
}
