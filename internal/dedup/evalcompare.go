package dedup

import (
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"text/tabwriter"
)

// compare measures the signatures that could carry near-duplicate
// detection on the same labelled pairs: positives are each derived copy
// with its original and the natural copies (LCS ≥ copyLCS); negatives the
// hard negatives, the pairs the truth judged (they share a sentence or many
// rare words) and found independent, and random pairs of one corpus. Each signature gets the threshold that maximizes its
// F1, so the table shows the best each can do, and how a trimmed copy
// fares.
func (r *evalRun) compare(w io.Writer) {
	type pair struct {
		a, b     int
		positive bool
		edit     int // editKind, or -1 for natural pairs
	}
	var pairs []pair
	for i := range r.items {
		if it := &r.items[i]; it.copyOf >= 0 {
			pairs = append(pairs, pair{i, it.copyOf, true, int(it.edit)})
		}
	}
	for s, t := range r.truths {
		first := r.firstItem(s)
		for p, l := range t.labels {
			if l == copied {
				pairs = append(pairs, pair{first + int(p.a), first + int(p.b), true, -1})
			}
		}
	}
	for _, h := range r.hard {
		pairs = append(pairs, pair{h[0], h[1], false, -1})
	}
	judged := 0
	for s, t := range r.truths {
		first := r.firstItem(s)
		for p := range t.judged {
			if _, ok := t.labels[p]; !ok {
				pairs = append(pairs, pair{first + int(p.a), first + int(p.b), false, -1})
				judged++
			}
		}
	}
	rng := rand.New(rand.NewPCG(7, 7))
	for n := 0; n < 5000; {
		s := rng.IntN(len(r.sets))
		c := r.sets[s]
		i, j := rng.IntN(len(c.Articles)), rng.IntN(len(c.Articles))
		if i == j || r.truths[s].label(i, j) != independent {
			continue
		}
		first := r.firstItem(s)
		pairs = append(pairs, pair{first + i, first + j, false, -1})
		n++
	}
	// Shingle sets and term weights of every item involved.
	need := map[int]bool{}
	for _, p := range pairs {
		need[p.a], need[p.b] = true, true
	}
	type feats struct {
		shingles             []uint64
		simShingle, simTerms uint64
	}
	f := map[int]*feats{}
	for i := range need {
		it := &r.items[i]
		c := newContent(it.art.Title, it.art.Text, it.art.Lang)
		sh := shingles(c.terms, ShingleSize)
		f[i] = &feats{shingles: sh, simShingle: simHash(sh), simTerms: simHashTerms(c.terms)}
	}
	type method struct {
		name, size string
		score      func(a, b int) float64 // higher is more similar
	}
	methods := []method{
		{"MinHash 128×16 bits, Jaccard", "256 B", func(a, b int) float64 {
			return Compare(&r.items[a].print, &r.items[b].print).Jaccard
		}},
		{"MinHash, Jaccard or containment", "256 B", func(a, b int) float64 {
			s := Compare(&r.items[a].print, &r.items[b].print)
			if s.Jaccard >= r.cfg.Options.MinContainedJaccard {
				return max(s.Jaccard, s.Containment*r.cfg.Options.MinJaccard/r.cfg.Options.MinContainment)
			}
			return s.Jaccard
		}},
		{"exact Jaccard of the shingles", "-", func(a, b int) float64 {
			j, _ := exactJC(f[a].shingles, f[b].shingles)
			return j
		}},
		{"SimHash 64 bits, 3-shingles", "8 B", func(a, b int) float64 {
			return -float64(simHashDistance(f[a].simShingle, f[b].simShingle))
		}},
		{"SimHash 64 bits, terms by frequency", "8 B", func(a, b int) float64 {
			return -float64(simHashDistance(f[a].simTerms, f[b].simTerms))
		}},
	}
	positives := 0
	for _, p := range pairs {
		if p.positive {
			positives++
		}
	}
	fmt.Fprintf(w, "\nSignatures compared on %d labelled pairs (%d positive: derived copies and natural copies; %d negative: %d hard negatives, "+
		"%d judged independent though sharing sentences or rare words, 5000 random). Each at the threshold of its best F1, and its recall where precision is at least 0.99:\n\n",
		len(pairs), positives, len(pairs)-positives, len(r.hard), judged)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "signature\tsize\tthreshold\tP\tR\tF1\tR trim\tR combined\tR natural\thard negatives above\tR at P≥0.99\n")
	for _, m := range methods {
		scores := make([]float64, len(pairs))
		for k, p := range pairs {
			scores[k] = m.score(p.a, p.b)
		}
		cuts := slices.Clone(scores)
		slices.Sort(cuts)
		cuts = slices.Compact(cuts)
		best, bestF1, bestCut, recall99 := Score{}, -1.0, 0.0, 0.0
		for _, cut := range cuts {
			var s Score
			for k, p := range pairs {
				switch above := scores[k] >= cut; {
				case above && p.positive:
					s.TP++
				case above:
					s.FP++
				case p.positive:
					s.FN++
				}
			}
			if s.F1() > bestF1 {
				best, bestF1, bestCut = s, s.F1(), cut
			}
			if s.Precision() >= 0.99 && s.Recall() > recall99 {
				recall99 = s.Recall()
			}
		}
		recall := func(keep func(p pair) bool) float64 {
			n, found := 0, 0
			for k, p := range pairs {
				if p.positive && keep(p) {
					n++
					if scores[k] >= bestCut {
						found++
					}
				}
			}
			return ratio(found, n)
		}
		hardAbove := 0
		for _, h := range r.hard {
			if m.score(h[0], h[1]) >= bestCut {
				hardAbove++
			}
		}
		cut := fmt.Sprintf("%.2f", bestCut)
		if bestCut <= 0 && m.size == "8 B" {
			cut = fmt.Sprintf("distance ≤ %d", int(-bestCut))
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\n", m.name, m.size, cut, pct(best.Precision()), pct(best.Recall()), pct(best.F1()),
			pct(recall(func(p pair) bool { return p.edit == int(editTrim) })),
			pct(recall(func(p pair) bool { return p.edit == int(editCombined) })),
			pct(recall(func(p pair) bool { return p.edit < 0 })), hardAbove, pct(recall99))
	}
	tw.Flush()
}

// simHashTerms is Charikar's SimHash of the terms of a text, each weighted
// by its frequency: the classic form for web pages.
func simHashTerms(terms []string) uint64 {
	var acc [64]int32
	for _, t := range terms {
		x := mix(termHash(t))
		for i := range acc {
			if x>>uint(i)&1 == 1 {
				acc[i]++
			} else {
				acc[i]--
			}
		}
	}
	var h uint64
	for i, v := range acc {
		if v > 0 {
			h |= 1 << uint(i)
		}
	}
	return h
}

// exactJC is the exact Jaccard similarity and containment of two sets of
// shingle hashes.
func exactJC(a, b []uint64) (jaccard, containment float64) {
	if len(a) == 0 || len(b) == 0 {
		return 0, 0
	}
	in := make(map[uint64]bool, len(a))
	for _, x := range a {
		in[x] = true
	}
	n := 0
	for _, x := range b {
		if in[x] {
			n++
		}
	}
	return float64(n) / float64(len(a)+len(b)-n), float64(n) / float64(min(len(a), len(b)))
}
