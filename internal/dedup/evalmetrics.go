package dedup

import "fmt"

// Score counts decisions about pairs: true positives, false positives and
// false negatives.
type Score struct{ TP, FP, FN int }

// Precision is TP/(TP+FP), 1 when nothing was predicted.
func (s Score) Precision() float64 { return ratio(s.TP, s.TP+s.FP) }

// Recall is TP/(TP+FN), 1 when nothing was to be found.
func (s Score) Recall() float64 { return ratio(s.TP, s.TP+s.FN) }

// F1 is the harmonic mean of precision and recall.
func (s Score) F1() float64 { return f1(s.Precision(), s.Recall()) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// BCubed is the B-cubed precision and recall of a clustering, averaged over
// Items items.
type BCubed struct {
	Items     int
	Precision float64
	Recall    float64
}

// F1 is the harmonic mean of precision and recall.
func (b BCubed) F1() float64 { return f1(b.Precision, b.Recall) }

// bcubed computes B-cubed over the items for which keep is true: pred and
// gold give each item's cluster.
func bcubed(pred, gold []int, keep func(i int) bool) BCubed {
	type cell struct{ p, g int }
	both, np, ng := map[cell]int{}, map[int]int{}, map[int]int{}
	for i := range pred {
		if keep(i) {
			both[cell{pred[i], gold[i]}]++
			np[pred[i]]++
			ng[gold[i]]++
		}
	}
	var b BCubed
	for i := range pred {
		if !keep(i) {
			continue
		}
		n := float64(both[cell{pred[i], gold[i]}])
		b.Items++
		b.Precision += n / float64(np[pred[i]])
		b.Recall += n / float64(ng[gold[i]])
	}
	if b.Items > 0 {
		b.Precision /= float64(b.Items)
		b.Recall /= float64(b.Items)
	} else {
		b.Precision, b.Recall = 1, 1
	}
	return b
}

// unionFind is the connected components of a graph on n nodes.
type unionFind []int

func newUnionFind(n int) unionFind {
	u := make(unionFind, n)
	for i := range u {
		u[i] = i
	}
	return u
}

func (u unionFind) find(i int) int {
	for u[i] != i {
		u[i] = u[u[i]]
		i = u[i]
	}
	return i
}

func (u unionFind) union(a, b int) { u[u.find(a)] = u.find(b) }

func pct(f float64) string { return fmt.Sprintf("%.3f", f) }
