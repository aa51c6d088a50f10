package dedup

import (
	"cmp"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/evalmetric"
)

// EvalConfig chooses what EvaluateWith measures.
type EvalConfig struct {
	// Sets names the corpora: "ant", "bbc", "reuters", "wikinews-ru",
	// "wikinews-fr"; nil means all five.
	Sets []string
	// Limit keeps the Limit earliest articles of each corpus; 0 keeps all.
	Limit int
	// Originals is how many articles of each corpus copies are derived
	// from, one copy per edit; 0 means 600 (or the whole corpus if
	// smaller).
	Originals int
	// Scales are the index sizes of the cost table; nil measures no cost.
	Scales []int
	// Compare measures SimHash beside MinHash on the labelled pairs.
	Compare bool
	// Options are the detection thresholds; the zero value means
	// DefaultOptions.
	Options Options
}

// EvalResult is what EvaluateWith measured.
type EvalResult struct {
	Reports int    // real articles and derived copies indexed
	Pairs   Score  // pairs of reports, ambiguous pairs left out
	BCubed  BCubed // over reports in a true or found group of two or more
	// Per corpus, pairs as above; per edit, copies and pairs.
	BySet  map[string]Score
	ByEdit map[string]EditScore
	// HardNegatives are independently written articles on one event
	// (ANT); HardMerged of them were put in one group.
	HardNegatives, HardMerged int
	// Originals counts groups holding a derived copy whose original is a
	// real article of the group: OriginalsRight of them picked it.
	Originals, OriginalsRight int
	Cost                      []CostRow
}

// EditScore is how the copies made by one edit fared.
type EditScore struct {
	Copies, Joined int   // copies made, and those that joined their original's group
	Pairs          Score // the pairs a copy was grouped in (TP, FP)
}

// Recall is the share of copies that joined their original's group.
func (e EditScore) Recall() float64 { return ratio(e.Joined, e.Copies) }

// Evaluate runs the whole evaluation on the corpora under dataDir (the
// project's shared/data) and prints its tables to w: accuracy on the ANT
// corpus's identical texts, on natural and derived copies, on hard
// negatives, the original-picking rules, MinHash against SimHash, and the
// cost of an Add at 10k, 100k and 1M reports. It takes about two minutes
// of two cores and 2.5 GB of memory.
func Evaluate(dataDir string, w io.Writer) error {
	_, err := EvaluateWith(dataDir, w, EvalConfig{Compare: true, Scales: []int{10_000, 100_000, 1_000_000}})
	return err
}

var allSets = []string{"ant", "bbc", "reuters", "wikinews-ru", "wikinews-fr"}

// evalItem is one report of the evaluation: a real article or a copy.
type evalItem struct {
	set    int      // index into run.sets
	base   int      // index of the article (of the original, for a copy) in its corpus
	copyOf int      // item index of the original; -1 for a real article
	edit   editKind // for a copy
	art    article
	meta   Meta
	print  Print
	group  int64
}

type evalRun struct {
	cfg    EvalConfig
	sets   []*corpus
	truths []*truth
	items  []evalItem
	hard   [][2]int // item indexes of hard negative pairs
	ids    []int    // item index by report id - 1
	index  *Index
}

// EvaluateWith is Evaluate with a choice of corpora, copies and scales, for
// tests and experiments. It returns ENOTFOUND if a corpus file is missing.
func EvaluateWith(dataDir string, w io.Writer, cfg EvalConfig) (*EvalResult, error) {
	if cfg.Sets == nil {
		cfg.Sets = allSets
	}
	if cfg.Originals == 0 {
		cfg.Originals = 600
	}
	if cfg.Options == (Options{}) {
		cfg.Options = DefaultOptions()
	}
	r := &evalRun{cfg: cfg}
	fmt.Fprintf(w, "jic eval dedup: exact and near duplicates, syndication groups (print version %d)\n\n", Version)
	if err := r.load(dataDir, w); err != nil {
		return nil, err
	}
	r.derive()
	r.fingerprint()
	r.run()
	res := r.score(w)
	if cfg.Compare {
		r.compare(w)
	}
	if len(cfg.Scales) > 0 {
		res.Cost = r.scale(w, cfg.Scales)
	}
	return res, nil
}

// load reads the corpora and builds their ground truth.
func (r *evalRun) load(dataDir string, w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "corpus\tfile\tarticles\tidentical pairs\tcopy pairs (LCS≥%.1f)\tambiguous pairs\ttruth (s)\t\n", copyLCS)
	for _, name := range r.cfg.Sets {
		c, err := loadCorpus(dataDir, name)
		if err != nil {
			return jic.Errorf(jic.ENOTFOUND, "dedup evaluation: %v", err)
		}
		if r.cfg.Limit > 0 && len(c.Articles) > r.cfg.Limit {
			slices.SortStableFunc(c.Articles, func(a, b article) int { return a.Published.Compare(b.Published) })
			c.Articles = c.Articles[:r.cfg.Limit]
		}
		t0 := time.Now()
		t := buildTruth(c.Articles, name == "reuters")
		n := map[pairLabel]int{}
		for _, l := range t.labels {
			n[l]++
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%.1f\t\n", name, c.File, len(c.Articles), n[identical], n[copied], n[ambiguous], time.Since(t0).Seconds())
		set := len(r.sets)
		r.sets = append(r.sets, c)
		r.truths = append(r.truths, t)
		for i, a := range c.Articles {
			r.items = append(r.items, evalItem{set: set, base: i, copyOf: -1, art: a, meta: baseMeta(a, i)})
		}
	}
	tw.Flush()
	for s, c := range r.sets {
		if c.Name == "ant" {
			r.antGroups(w, c, r.truths[s])
			first := r.firstItem(s)
			for _, p := range hardNegatives(c.Articles, r.truths[s]) {
				r.hard = append(r.hard, [2]int{first + int(p.a), first + int(p.b)})
			}
		}
	}
	return nil
}

// antGroups prints the ANT corpus's groups of identical texts, counted
// three ways: raw TEXT equality, normalized equality, and the ground truth
// (normalized, with the title for texts under ShortText words).
func (r *evalRun) antGroups(w io.Writer, c *corpus, t *truth) {
	raw, norm := map[string]int{}, map[[32]byte]int{}
	for _, a := range c.Articles {
		raw[a.Text]++
		norm[textKey("", a.Text)]++
	}
	count := func(sizes []int) (groups, docs int) {
		for _, n := range sizes {
			if n > 1 {
				groups++
				docs += n
			}
		}
		return
	}
	rg, rd := count(mapValues(raw))
	ng, nd := count(mapValues(norm))
	u := newUnionFind(len(c.Articles))
	for p, l := range t.labels {
		if l == identical {
			u.union(int(p.a), int(p.b))
		}
	}
	tsize := map[int]int{}
	for i := range c.Articles {
		tsize[u.find(i)]++
	}
	tg, td := count(mapValues(tsize))
	fmt.Fprintf(w, "\nANT groups of identical texts (the data README says 1,402): %d groups of %d articles by raw TEXT equality; "+
		"%d groups of %d after normalization; %d groups of %d in the ground truth, which also compares titles when a text has "+
		"under %d words (in the whole corpus, 11 Al Arabiya columns whose text is only the line \"all articles published "+
		"represent their authors' opinion\" are 11 different articles, not one).\n", rg, rd, ng, nd, tg, td, ShortText)
}

func mapValues[K comparable](m map[K]int) []int {
	out := make([]int, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

func (r *evalRun) firstItem(set int) int {
	for i, it := range r.items {
		if it.set == set {
			return i
		}
	}
	return len(r.items)
}

// outletReliability rates the evaluation's outlets, only to exercise the
// original-picking rules.
var outletReliability = map[string]jic.Reliability{
	"bbc": "A", "reuters": "A", "france24": "B", "cnn": "B", "alarabia": "C", "skynews": "C", "wikinews": "C",
}

// epochs date the articles that carry no date: an hour each, in order.
var epochs = map[string]time.Time{
	"bbc": bbcEpoch, "wikinews": time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC),
}

func baseMeta(a article, i int) Meta {
	m := Meta{Published: a.Published, Outlet: a.Outlet, Reliability: outletReliability[a.Outlet], Source: int64(termHash(a.Outlet) >> 1)}
	if m.Published.IsZero() {
		m.Published = epochs[a.Outlet].Add(time.Duration(i) * time.Hour)
	}
	return m
}

// derive adds one copy per edit of cfg.Originals articles of each corpus.
func (r *evalRun) derive() {
	rng := rand.New(rand.NewPCG(2018, 7))
	for s, c := range r.sets {
		ed := newEditor(uint64(s)+1, c.Articles)
		first := r.firstItem(s)
		n := min(r.cfg.Originals, len(c.Articles))
		for _, b := range rng.Perm(len(c.Articles))[:n] {
			orig := &r.items[first+b]
			for e := range numEdits {
				cp := ed.derive(orig.art, e, c.Name == "reuters")
				t, marked := ed.copyTime(orig.meta.Published)
				cp.Outlet = fmt.Sprintf("syndicator-%02d", rng.IntN(30))
				m := Meta{Published: t, Outlet: cp.Outlet, Reliability: reliabilities[1+rng.IntN(5)],
					Source: int64(termHash(cp.Outlet) >> 1)}
				if marked {
					m.Republishes = orig.art.Outlet
				}
				r.items = append(r.items, evalItem{set: s, base: b, copyOf: first + b, edit: e, art: cp, meta: m})
			}
		}
	}
}

// fingerprint computes every item's print on all cores.
func (r *evalRun) fingerprint() {
	var wg sync.WaitGroup
	next := make(chan int, 256)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				it := &r.items[i]
				it.print = Fingerprint(it.art.Title, it.art.Text, it.art.Lang)
			}
		}()
	}
	for i := range r.items {
		next <- i
	}
	close(next)
	wg.Wait()
}

// run adds every item to one index in publication order. Report ids are
// item indexes + 1.
func (r *evalRun) run() {
	order := make([]int, len(r.items))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return r.items[a].meta.Published.Compare(r.items[b].meta.Published)
	})
	r.index = NewIndex(r.cfg.Options, 0)
	for _, i := range order {
		it := &r.items[i]
		it.group = r.index.Add(int64(i)+1, it.print, it.meta).Group
	}
}

// label is the ground truth for items i and j.
func (r *evalRun) label(i, j int) pairLabel {
	a, b := &r.items[i], &r.items[j]
	switch {
	case a.set != b.set:
		return independent
	case a.copyOf < 0 && b.copyOf < 0:
		return r.truths[a.set].label(a.base, b.base)
	case a.base == b.base:
		return copied // a copy and its original, or two copies of one original
	}
	if l := r.truths[a.set].label(a.base, b.base); l != identical {
		return l
	}
	return copied
}

// tally counts the found pairs against the truth.
type tally struct {
	bySet     []Score
	byEdit    [numEdits]Score // pairs a copy of each edit was grouped in
	copies    [numEdits]int
	joined    [numEdits]int        // copies in their original's group
	natural   map[pairLabel]*Score // identical and copied pairs of real articles
	ambiguous int                  // ambiguous pairs found in one group
}

// count goes through every pair of reports in one found group.
func (r *evalRun) count() *tally {
	t := &tally{bySet: make([]Score, len(r.sets)), natural: map[pairLabel]*Score{identical: {}, copied: {}}}
	members := map[int64][]int{}
	for i := range r.items {
		members[r.items[i].group] = append(members[r.items[i].group], i)
	}
	for _, ms := range members {
		for x := range ms {
			for _, j := range ms[x+1:] {
				t.add(r, ms[x], j)
			}
		}
	}
	for s := range r.sets { // false negatives: the true pairs not found
		t.bySet[s].FN = r.positivePairs(s) - t.bySet[s].TP
	}
	for _, tr := range r.truths {
		for _, l := range tr.labels {
			if n := t.natural[l]; n != nil {
				n.FN++
			}
		}
	}
	for _, n := range t.natural {
		n.FN -= n.TP
	}
	for i := range r.items {
		if it := &r.items[i]; it.copyOf >= 0 {
			t.copies[it.edit]++
			if it.group == r.items[it.copyOf].group {
				t.joined[it.edit]++
			}
		}
	}
	return t
}

// add counts the found pair of items i and j.
func (t *tally) add(r *evalRun, i, j int) {
	l := r.label(i, j)
	if l == ambiguous {
		t.ambiguous++
		return
	}
	count := func(s *Score) {
		if l.positive() {
			s.TP++
		} else {
			s.FP++
		}
	}
	count(&t.bySet[r.items[i].set])
	a, b := &r.items[i], &r.items[j]
	if a.copyOf >= 0 {
		count(&t.byEdit[a.edit])
	}
	if b.copyOf >= 0 && (a.copyOf < 0 || b.edit != a.edit) {
		count(&t.byEdit[b.edit])
	}
	if a.copyOf < 0 && b.copyOf < 0 && l.positive() {
		t.natural[l].TP++
	}
}

// score compares the groups with the truth and prints the accuracy tables.
func (r *evalRun) score(w io.Writer) *EvalResult {
	t := r.count()
	res := &EvalResult{Reports: len(r.items), BySet: map[string]Score{}, ByEdit: map[string]EditScore{}, BCubed: r.bcubed()}
	for s, c := range r.sets {
		res.BySet[c.Name] = t.bySet[s]
		res.Pairs.TP += t.bySet[s].TP
		res.Pairs.FP += t.bySet[s].FP
		res.Pairs.FN += t.bySet[s].FN
	}
	for e := range numEdits {
		res.ByEdit[e.String()] = EditScore{Copies: t.copies[e], Joined: t.joined[e], Pairs: t.byEdit[e]}
	}
	for _, h := range r.hard {
		res.HardNegatives++
		if r.items[h[0]].group == r.items[h[1]].group {
			res.HardMerged++
		}
	}
	res.Originals, res.OriginalsRight = r.originals()
	r.printAccuracy(w, res, t)
	return res
}

// printAccuracy prints the accuracy tables.
func (r *evalRun) printAccuracy(w io.Writer, res *EvalResult, t *tally) {
	fmt.Fprintf(w, "\nAccuracy: %d reports (%d real articles, %d derived copies) in one index, added in publication order.\n",
		len(r.items), r.realCount(), len(r.items)-r.realCount())
	fmt.Fprintf(w, "Pairs: every pair of reports in one found group against every true pair; ambiguous pairs count neither way (%d of them were grouped).\n", t.ambiguous)
	fmt.Fprintf(w, "B-cubed: over the %d reports in a true or found group of two or more.\n\n", res.BCubed.Items)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "pairs\ttrue\tfound\tright\tP\tR\tF1\t\n")
	row := func(name string, s Score) {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%s\t%s\t%s\t\n", name, s.TP+s.FN, s.TP+s.FP, s.TP, pct(s.Precision()), pct(s.Recall()), pct(s.F1()))
	}
	row("all", res.Pairs)
	for s, c := range r.sets {
		row("  "+c.Name, t.bySet[s])
	}
	fmt.Fprintf(tw, "natural pairs only (recall)\t\t\t\t\t\t\t\n")
	row("  identical texts", Score{TP: t.natural[identical].TP, FN: t.natural[identical].FN})
	row(fmt.Sprintf("  copies, LCS ≥ %.1f", copyLCS), Score{TP: t.natural[copied].TP, FN: t.natural[copied].FN})
	fmt.Fprintf(tw, "B-cubed\t%d items\t\t\t%s\t%s\t%s\t\n", res.BCubed.Items, pct(res.BCubed.Precision), pct(res.BCubed.Recall), pct(res.BCubed.F1()))
	tw.Flush()

	fmt.Fprintf(w, "\nHard negatives (ANT: different outlets, published within %.0f hours, titles sharing 3+ terms found in at most %d titles, LCS < %.1f):\n"+
		"  %d pairs, %d put in one group (%.2f%%).\n", hardNegativeWindow.Hours(), hardNegativeTitleDF, independentLCS,
		res.HardNegatives, res.HardMerged, 100*ratio(res.HardMerged, max(res.HardNegatives, 1)))

	fmt.Fprintf(w, "\nDerived copies: %d originals per corpus, one copy per edit. R = copies that joined their original's group; P over the pairs a copy was grouped in.\n\n", r.cfg.Originals)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "edit\tcopies\tjoined\tR\tP\tF1\twhat it does\n")
	for e := range numEdits {
		s := res.ByEdit[e.String()]
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\t%s\t%s\n", e, s.Copies, s.Joined, pct(s.Recall()), pct(s.Pairs.Precision()), pct(evalmetric.F1(s.Pairs.Precision(), s.Recall())), editDoc[e])
	}
	tw.Flush()
	fmt.Fprintf(w, "\nOriginals: in %d groups holding a derived copy and its real original, the original (or an earlier version of it) was picked in %d (%.2f%%). "+
		"A fifth of the copies are dated up to 30 minutes before their original and say whom they republish.\n",
		res.Originals, res.OriginalsRight, 100*ratio(res.OriginalsRight, max(res.Originals, 1)))
	r.ruleCounts(w)
}

func (r *evalRun) realCount() int {
	n := 0
	for i := range r.items {
		if r.items[i].copyOf < 0 {
			n++
		}
	}
	return n
}

// positivePairs counts the true pairs of set s: each original with its
// copies, and the families of articles the truth calls the same.
func (r *evalRun) positivePairs(s int) int {
	family := map[int]int{} // base index → 1 + copies
	for i := range r.items {
		if it := &r.items[i]; it.set == s {
			family[it.base]++
		}
	}
	n := 0
	for _, f := range family {
		n += f * (f - 1) / 2
	}
	for p, l := range r.truths[s].labels {
		if l.positive() {
			n += family[int(p.a)] * family[int(p.b)]
		}
	}
	return n
}

// bcubed scores the groups against the connected components of the true
// pairs.
func (r *evalRun) bcubed() BCubed {
	u := newUnionFind(len(r.items))
	first := make([]int, len(r.sets))
	for s := range r.sets {
		first[s] = r.firstItem(s)
	}
	for i := range r.items {
		if it := &r.items[i]; it.copyOf >= 0 {
			u.union(i, it.copyOf)
		}
	}
	for s, t := range r.truths {
		for p, l := range t.labels {
			if l.positive() {
				u.union(first[s]+int(p.a), first[s]+int(p.b))
			}
		}
	}
	pred, gold := make([]int, len(r.items)), make([]int, len(r.items))
	psize, gsize := map[int]int{}, map[int]int{}
	for i := range r.items {
		pred[i], gold[i] = int(r.items[i].group), u.find(i)
		psize[pred[i]]++
		gsize[gold[i]]++
	}
	return bcubed(pred, gold, func(i int) bool { return psize[pred[i]] > 1 || gsize[gold[i]] > 1 })
}

// originals checks the original picked in each group that holds a derived
// copy and its original: right if it is the original, or a real article
// the truth does not call independent of it (the same text, or an earlier
// version of the story by the same outlet).
func (r *evalRun) originals() (total, right int) {
	done := map[int64]bool{}
	for i := range r.items {
		it := &r.items[i]
		if it.copyOf < 0 || done[it.group] || it.group != r.items[it.copyOf].group {
			continue
		}
		done[it.group] = true
		g, _ := r.index.Group(it.group)
		o := &r.items[g.Original-1]
		total++
		if o.copyOf < 0 && (o.base == it.base || r.label(int(g.Original-1), it.copyOf) != independent) {
			right++
		}
	}
	return
}

func (r *evalRun) ruleCounts(w io.Writer) {
	n := map[Rule]int{}
	for _, g := range r.index.Groups() {
		n[g.Rule]++
	}
	rules := make([]Rule, 0, len(n))
	for k := range n {
		rules = append(rules, k)
	}
	slices.SortFunc(rules, func(a, b Rule) int { return cmp.Compare(a, b) })
	st := r.index.Stats()
	fmt.Fprintf(w, "Index work: %.1f candidates and %.1f verified per Add; %d band keys full.\n",
		float64(st.Candidates)/float64(st.Reports), float64(st.Verified)/float64(st.Reports), st.FullKeys)
	fmt.Fprintf(w, "Rules that picked the originals of all %d groups:", len(r.index.Groups()))
	for _, k := range rules {
		fmt.Fprintf(w, " %s %d;", k, n[k])
	}
	fmt.Fprintln(w)
}
