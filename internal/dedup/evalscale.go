package dedup

import (
	"fmt"
	"io"
	"runtime"
	"slices"
	"text/tabwriter"
	"time"
)

// CostRow is the cost of an Add when the index holds Reports reports.
type CostRow struct {
	Corpus      string // "renamed" or "stock words shared" (see Evaluate's output)
	Reports     int
	MeanMicros  float64 // mean µs per Add over the last Window adds (at most 20,000)
	P50, P99    float64 // µs
	Window      int
	Candidates  float64 // candidates per Add over the window
	HeapMB      float64 // heap growth since the index was empty, after GC
	BytesPerRep float64
}

// scaleBase is how many real articles the scaled corpus is made from.
const scaleBase = 20000

// scale measures the cost of an Add as the index grows to each of sizes,
// on two scaled corpora made from real articles. In both, replica r of an
// article is a new article: exact and near duplicates among the real
// articles stay duplicates within each replica, and prints are made ahead
// of the timed Adds.
//
//   - renamed: every word of replica r is renamed (as if each replica were
//     news in a language of its own), so replicas share nothing; the cost
//     is that of the data structures growing;
//   - stock words shared: replica r keeps the common words (in at least 1%
//     of the base articles) and renames the rarer ones, so all replicas of
//     an article share its stock phrases in the same order: far more
//     overlap than real news has, a stress test of the bucket caps.
func (r *evalRun) scale(w io.Writer, sizes []int) []CostRow {
	slices.Sort(sizes)
	base := r.scaleBase()
	// The evaluation's own data is no longer needed: free it so that the
	// heap measures the index.
	r.items, r.truths, r.sets, r.index = nil, nil, nil, nil
	fmt.Fprintf(w, "\nCost of an Add (scaled copies of %d real articles; prints computed ahead; one goroutine adding; GOMAXPROCS %d):\n\n", len(base.docs), runtime.GOMAXPROCS(0))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "corpus\treports\tµs/Add mean\tp50\tp99\tover last\tcandidates/Add\theap MB\tbytes/report\t\n")
	var rows []CostRow
	for _, v := range []struct {
		name        string
		shareCommon bool
	}{{"renamed", false}, {"stock words shared", true}} {
		for _, c := range r.scaleRun(base, sizes, v.shareCommon) {
			c.Corpus = v.name
			fmt.Fprintf(tw, "%s\t%d\t%.1f\t%.1f\t%.1f\t%d\t%.1f\t%.0f\t%.0f\t\n", c.Corpus, c.Reports, c.MeanMicros, c.P50, c.P99, c.Window, c.Candidates, c.HeapMB, c.BytesPerRep)
			rows = append(rows, c)
		}
	}
	tw.Flush()
	return rows
}

// scaleRun adds the scaled corpus to an empty index and measures it at
// each size.
func (r *evalRun) scaleRun(base *scaledBase, sizes []int, shareCommon bool) []CostRow {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	heap0 := ms.HeapAlloc
	x := NewIndex(r.cfg.Options, 0)
	last := sizes[len(sizes)-1]
	prints := make(chan []scaledReport, 4)
	go func() {
		defer close(prints)
		for n := 0; n < last; {
			batch := make([]scaledReport, 0, 4096)
			for len(batch) < cap(batch) && n < last {
				batch = append(batch, base.report(n, shareCommon))
				n++
			}
			prints <- batch
		}
	}()
	var rows []CostRow
	var times []time.Duration
	var cand0 uint64
	next, added := 0, 0
	for batch := range prints {
		for _, sr := range batch {
			n := sizes[next]
			if added == n-min(20000, n/2) {
				times = times[:0]
				cand0 = x.Stats().Candidates
			}
			t0 := time.Now()
			x.Add(int64(added)+1, sr.print, sr.meta)
			times = append(times, time.Since(t0))
			added++
			if added == n {
				rows = append(rows, costRow(x, n, times, cand0, heap0))
				next++
			}
		}
	}
	return rows
}

func costRow(x *Index, n int, times []time.Duration, cand0 uint64, heap0 uint64) CostRow {
	c := CostRow{Reports: n, Window: len(times)}
	var sum time.Duration
	for _, t := range times {
		sum += t
	}
	c.MeanMicros = float64(sum.Microseconds()) / float64(len(times))
	s := slices.Clone(times)
	slices.Sort(s)
	c.P50 = float64(s[len(s)/2].Nanoseconds()) / 1000
	c.P99 = float64(s[len(s)*99/100].Nanoseconds()) / 1000
	c.Candidates = float64(x.Stats().Candidates-cand0) / float64(len(times))
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	c.HeapMB = float64(int64(ms.HeapAlloc)-int64(heap0)) / (1 << 20)
	c.BytesPerRep = float64(int64(ms.HeapAlloc)-int64(heap0)) / float64(n)
	return c
}

// scaledBase is the material of the scaled corpus: the shingle terms of
// real articles as hashes, and which of them are common.
type scaledBase struct {
	docs   []scaledDoc
	common map[uint64]bool
}

type scaledDoc struct {
	terms []uint64 // termHash of each analyzer term
	print Print
	meta  Meta
}

type scaledReport struct {
	print Print
	meta  Meta
}

func (r *evalRun) scaleBase() *scaledBase {
	b := &scaledBase{common: map[uint64]bool{}}
	step := max(1, r.realCount()/scaleBase)
	df := map[uint64]int{}
	for i := 0; i < len(r.items) && len(b.docs) < scaleBase; i += step {
		it := &r.items[i]
		if it.copyOf >= 0 {
			continue
		}
		c := newContent(it.art.Title, it.art.Text, it.art.Lang)
		d := scaledDoc{print: it.print, meta: it.meta}
		seen := map[uint64]bool{}
		for _, t := range c.terms {
			h := termHash(t)
			d.terms = append(d.terms, h)
			if !seen[h] {
				seen[h] = true
				df[h]++
			}
		}
		b.docs = append(b.docs, d)
	}
	for h, n := range df {
		if n*100 >= len(b.docs) {
			b.common[h] = true
		}
	}
	slices.SortStableFunc(b.docs, func(x, y scaledDoc) int { return x.meta.Published.Compare(y.meta.Published) })
	return b
}

// report makes the n-th report of the scaled corpus: replica n/len(docs)
// of doc n%len(docs). Replica 0 is the real article. shareCommon keeps the
// common words of the base in every replica.
func (b *scaledBase) report(n int, shareCommon bool) scaledReport {
	d := &b.docs[n%len(b.docs)]
	rep := uint64(n / len(b.docs))
	p := d.print
	m := d.meta
	if rep == 0 || p.Empty() {
		return scaledReport{p, m}
	}
	salt := mix(rep * 0x9e3779b97f4a7c15)
	th := make([]uint64, len(d.terms))
	for i, h := range d.terms {
		if !shareCommon || !b.common[h] {
			h = mix(h ^ salt)
		}
		th[i] = h
	}
	set := shinglesOfHashes(th, ShingleSize)
	p.Sig, p.Shingles = minHash(set), uint32(len(set))
	e := mix(salt ^ uint64(p.Exact[0]) ^ uint64(p.Exact[1])<<8 ^ uint64(p.Exact[2])<<16 ^ uint64(p.Exact[3])<<24)
	for i := range 8 {
		p.Exact[i] ^= byte(e >> (8 * i))
	}
	m.Published = m.Published.AddDate(int(rep), 0, 0)
	return scaledReport{p, m}
}
