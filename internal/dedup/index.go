package dedup

import (
	"cmp"
	"slices"
	"sync"
	"time"

	"github.com/jic-center/jic"
)

// Match is what Index.Add found for a report.
type Match struct {
	Found       // Kind, Of, Similarity
	Group int64 // the report's syndication group: the id of its first report
	// Original is the group's original after this Add; it may be another
	// report than before (an earlier publication, a republication claim).
	Original int64
	Rule     Rule
}

// Index finds exact and near duplicates among the reports added to it and
// keeps their syndication groups, in memory. A report joins the group of
// the report it duplicates; groups never merge, so a group id never
// changes. It is safe for concurrent use.
//
// It holds 1.0 to 1.5 KB per report at a million reports (Evaluate
// measures it), three quarters of it the band tables, and up to 2³¹
// reports. The same detection runs on a store through Finder and
// PickOriginal (see doc.go).
type Index struct {
	opt Options
	tie time.Duration

	mu     sync.Mutex
	ids    []int64          // report id by internal index
	pos    map[int64]uint32 // internal index by report id
	exact  map[Hash]uint32
	sigs   []uint8 // SigSize low bytes of each report's signature
	sizes  []uint32
	nums   []uint16         // Print.Numbers and Print.NumHash of each report
	bands  [Bands]bandTable // band key → internal index, or bucketBit|overflow index
	over   [][]uint32
	meta   []metaRec
	joined []joinRec
	group  []int32 // index into groups; -1 while the report is alone
	groups []groupRec
	names  map[string]uint32 // interned outlet names; 0 is ""
	outlet []string
	stats  Stats
}

// Stats counts the work of an Index, for metrics and the cost table.
type Stats struct {
	Reports    int    // reports added
	Groups     int    // groups of two or more
	Candidates uint64 // distinct reports found under a print's band keys, summed over Adds
	Verified   uint64 // candidates whose similarity was estimated
	FullKeys   uint64 // band keys a report was not filed under because MaxBucket reports were
}

const bucketBit = 1 << 31

type metaRec struct {
	published   int64 // Unix nanoseconds, 0 if unknown
	source      int64
	outlet      uint32
	republishes uint32
	reliability byte
}

// joinRec is how a report joined its group, for Explain.
type joinRec struct {
	of          uint32 // internal index of the duplicated report
	kind        Kind
	jaccard     uint8 // percent
	containment uint8
	numbers     uint8
}

type groupRec struct {
	members  []uint32
	original uint32
	rule     Rule
}

// NewIndex returns an empty index with the given thresholds. tie is the
// window within which two publication times count as the same (0: equal
// times only).
func NewIndex(opt Options, tie time.Duration) *Index {
	x := &Index{
		opt:    opt,
		tie:    tie,
		pos:    map[int64]uint32{},
		exact:  map[Hash]uint32{},
		names:  map[string]uint32{"": 0},
		outlet: []string{""},
	}
	return x
}

// Stats returns the index's counters.
func (x *Index) Stats() Stats {
	x.mu.Lock()
	defer x.mu.Unlock()
	s := x.stats
	s.Reports, s.Groups = len(x.ids), len(x.groups)
	return s
}

// Add indexes report id with its print and meta and returns what it
// duplicates and its group. Adding an id again changes nothing and returns
// its current state. Its cost does not grow with the index: a map lookup
// for the exact hash, Bands band lookups of at most MaxBucket reports each,
// and at most MaxVerify signature comparisons.
func (x *Index) Add(id int64, p Print, m Meta) Match {
	x.mu.Lock()
	defer x.mu.Unlock()
	if i, ok := x.pos[id]; ok {
		return x.matchOf(i)
	}
	f := Find(memFinder{x}, &p, x.opt)
	i := uint32(len(x.ids))
	x.ids = append(x.ids, id)
	x.pos[id] = i
	x.sigs = appendSig(x.sigs, &p)
	x.sizes = append(x.sizes, p.Shingles)
	x.nums = append(append(x.nums, p.Numbers), p.NumHash[:]...)
	x.meta = append(x.meta, x.metaRec(m))
	x.group = append(x.group, -1)
	j := joinRec{kind: f.Kind}
	switch f.Kind {
	case New:
		if !p.Empty() {
			x.exact[p.Exact] = i
		}
		x.addBands(i, &p)
	case Exact:
		j.of, j.jaccard, j.containment, j.numbers = x.pos[f.Of], 100, 100, 100
		x.join(i, j.of) // its bands are those of the report it copies
	case Near:
		j.of = x.pos[f.Of]
		j.jaccard, j.containment, j.numbers = percent(f.Similarity.Jaccard), percent(f.Similarity.Containment), percent(f.Similarity.Numbers)
		if _, ok := x.exact[p.Exact]; !ok {
			x.exact[p.Exact] = i
		}
		x.addBands(i, &p)
		x.join(i, j.of)
	}
	x.joined = append(x.joined, j)
	return x.matchOf(i)
}

func percent(f float64) uint8 { return uint8(f*100 + 0.5) }

func (x *Index) metaRec(m Meta) metaRec {
	r := metaRec{source: m.Source, outlet: x.intern(m.Outlet), republishes: x.intern(m.Republishes), reliability: byte(rank(m.Reliability))}
	if !m.Published.IsZero() {
		r.published = m.Published.UnixNano()
	}
	return r
}

func (x *Index) intern(s string) uint32 {
	s = outletKey(s)
	if n, ok := x.names[s]; ok {
		return n
	}
	n := uint32(len(x.outlet))
	x.names[s] = n
	x.outlet = append(x.outlet, s)
	return n
}

// appendSig keeps the low 8 bits of each signature value: b-bit MinHash
// with b=8 estimates Jaccard almost as well as 16 bits and halves memory.
func appendSig(dst []uint8, p *Print) []uint8 {
	for _, v := range p.Sig {
		dst = append(dst, uint8(v))
	}
	return dst
}

// addBands files report i under its band keys, skipping full buckets.
func (x *Index) addBands(i uint32, p *Print) {
	for b, k := range p.BandKeys() {
		key := uint32(k)
		v, ok := x.bands[b].get(key)
		switch {
		case !ok:
			x.bands[b].set(key, i)
		case v&bucketBit == 0:
			x.bands[b].set(key, bucketBit|uint32(len(x.over)))
			x.over = append(x.over, []uint32{v, i})
		default:
			if o := &x.over[v&^bucketBit]; len(*o) < x.opt.MaxBucket {
				*o = append(*o, i)
			} else {
				x.stats.FullKeys++
			}
		}
	}
}

// join puts report i into the group of report of, and picks the group's
// original again.
func (x *Index) join(i, of uint32) {
	g := x.group[of]
	if g < 0 {
		g = int32(len(x.groups))
		x.groups = append(x.groups, groupRec{members: []uint32{of}})
		x.group[of] = g
	}
	x.group[i] = g
	gr := &x.groups[g]
	gr.members = append(gr.members, i)
	ms := make([]Member, len(gr.members))
	for k, n := range gr.members {
		ms[k] = Member{ID: x.ids[n], Meta: x.memberMeta(n)}
	}
	orig, rule := PickOriginal(ms, x.tie)
	gr.original, gr.rule = x.pos[orig], rule
}

// memberMeta rebuilds the Meta the rules need from its compact record.
func (x *Index) memberMeta(n uint32) Meta {
	r := x.meta[n]
	m := Meta{Source: r.source, Outlet: x.outlet[r.outlet], Republishes: x.outlet[r.republishes],
		Reliability: reliabilities[r.reliability]}
	if r.published != 0 {
		m.Published = time.Unix(0, r.published)
	}
	return m
}

var reliabilities = [...]jic.Reliability{"A", "B", "C", "D", "E", "F"}

func (x *Index) matchOf(i uint32) Match {
	j := x.joined[i]
	m := Match{Found: Found{Kind: j.kind}}
	if j.kind != New {
		m.Of = x.ids[j.of]
		m.Similarity = Similarity{Jaccard: float64(j.jaccard) / 100, Containment: float64(j.containment) / 100, Numbers: float64(j.numbers) / 100}
	}
	m.Group, m.Original, m.Rule = x.ids[i], x.ids[i], RuleOnly
	if g := x.group[i]; g >= 0 {
		gr := &x.groups[g]
		m.Group, m.Original, m.Rule = x.ids[gr.members[0]], x.ids[gr.original], gr.rule
	}
	return m
}

// Group returns the syndication group of report id; ok is false if id was
// never added.
func (x *Index) Group(id int64) (g Group, ok bool) {
	x.mu.Lock()
	defer x.mu.Unlock()
	i, ok := x.pos[id]
	if !ok {
		return Group{}, false
	}
	return x.groupOf(i), true
}

func (x *Index) groupOf(i uint32) Group {
	gi := x.group[i]
	if gi < 0 {
		return Group{ID: x.ids[i], Original: x.ids[i], Rule: RuleOnly, Members: []int64{x.ids[i]}}
	}
	gr := &x.groups[gi]
	g := Group{ID: x.ids[gr.members[0]], Original: x.ids[gr.original], Rule: gr.rule}
	for _, n := range gr.members {
		g.Members = append(g.Members, x.ids[n])
	}
	return g
}

// Groups returns every group of two or more reports, in the order their
// first reports were added.
func (x *Index) Groups() []Group {
	x.mu.Lock()
	defer x.mu.Unlock()
	out := make([]Group, 0, len(x.groups))
	for _, gr := range x.groups {
		out = append(out, x.groupOf(gr.members[0]))
	}
	slices.SortFunc(out, func(a, b Group) int { return int(x.pos[a.ID]) - int(x.pos[b.ID]) })
	return out
}

// Explain says why report id is in its group and which rule picked the
// group's original; ok is false if id was never added.
func (x *Index) Explain(id int64) (e Explanation, ok bool) {
	x.mu.Lock()
	defer x.mu.Unlock()
	i, ok := x.pos[id]
	if !ok {
		return Explanation{}, false
	}
	m := x.matchOf(i)
	g := x.groupOf(i)
	e = Explanation{Report: id, Group: m.Group, Members: len(g.Members), Kind: m.Kind, Of: m.Of,
		Similarity: m.Similarity, Original: m.Original, Rule: m.Rule}
	if m.Rule == RuleRepublication {
		orig := x.meta[x.pos[m.Original]].outlet
		for _, n := range g.Members {
			if r := x.meta[x.pos[n]]; r.republishes == orig && n != m.Original {
				e.Republishes = x.outlet[orig]
				break
			}
		}
	}
	return e, true
}

// memFinder is the Finder of an Index; its methods run with x.mu held.
type memFinder struct{ x *Index }

func (f memFinder) ExactOf(h Hash) (int64, bool) {
	i, ok := f.x.exact[h]
	if !ok {
		return 0, false
	}
	return f.x.ids[i], true
}

func (f memFinder) Candidates(keys []uint64, limit int) []int64 {
	x := f.x
	var found []uint32 // internal indexes, once per key they are under
	for b, k := range keys {
		v, ok := x.bands[b].get(uint32(k))
		switch {
		case !ok:
		case v&bucketBit == 0:
			found = append(found, v)
		default:
			found = append(found, x.over[v&^bucketBit]...)
		}
	}
	slices.Sort(found)
	type counted struct{ i, n uint32 }
	var cand []counted
	for k := 0; k < len(found); {
		j := k + 1
		for j < len(found) && found[j] == found[k] {
			j++
		}
		cand = append(cand, counted{found[k], uint32(j - k)})
		k = j
	}
	x.stats.Candidates += uint64(len(cand))
	slices.SortFunc(cand, func(a, b counted) int {
		if a.n != b.n {
			return cmp.Compare(b.n, a.n)
		}
		return cmp.Compare(x.ids[a.i], x.ids[b.i])
	})
	out := make([]int64, min(limit, len(cand)))
	for k := range out {
		out[k] = x.ids[cand[k].i]
	}
	return out
}

func (f memFinder) GroupOf(id int64) int64 {
	i := f.x.pos[id]
	if g := f.x.group[i]; g >= 0 {
		return f.x.ids[f.x.groups[g].members[0]]
	}
	return id
}

func (f memFinder) Similarity(id int64, p *Print) (Similarity, bool) {
	i, ok := f.x.pos[id]
	if !ok {
		return Similarity{}, false
	}
	f.x.stats.Verified++
	sig := f.x.sigs[int(i)*SigSize : int(i+1)*SigSize]
	same := 0
	for k, v := range p.Sig {
		if uint8(v) == sig[k] {
			same++
		}
	}
	s := similarity(same, SigSize, 1.0/256, p.Shingles, f.x.sizes[i])
	n := f.x.nums[int(i)*(1+NumSketch):]
	s.Numbers = numberShare(int(p.Numbers), int(n[0]), p.NumHash[:], n[1:1+NumSketch])
	return s, true
}
