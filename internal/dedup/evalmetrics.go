package dedup

import (
	"fmt"

	"github.com/jic-center/jic/internal/evalmetric"
)

// Score counts decisions about pairs: true positives, false positives and
// false negatives.
type Score struct{ TP, FP, FN int }

// Precision is TP/(TP+FP), 1 when nothing was predicted.
func (s Score) Precision() float64 { return ratio(s.TP, s.TP+s.FP) }

// Recall is TP/(TP+FN), 1 when nothing was to be found.
func (s Score) Recall() float64 { return ratio(s.TP, s.TP+s.FN) }

// F1 is the harmonic mean of precision and recall.
func (s Score) F1() float64 { return evalmetric.F1(s.Precision(), s.Recall()) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// BCubed is the B-cubed precision and recall of a clustering, averaged over
// Items items.
type BCubed struct {
	Items     int
	Precision float64
	Recall    float64
}

// F1 is the harmonic mean of precision and recall.
func (b BCubed) F1() float64 { return evalmetric.F1(b.Precision, b.Recall) }

// bcubed computes B-cubed over the items for which keep is true: pred and
// gold give each item's cluster. With no such item both are 1.
func bcubed(pred, gold []int, keep func(i int) bool) BCubed {
	var p, g []int
	for i := range pred {
		if keep(i) {
			p, g = append(p, pred[i]), append(g, gold[i])
		}
	}
	if len(p) == 0 {
		return BCubed{Precision: 1, Recall: 1}
	}
	b := BCubed{Items: len(p)}
	b.Precision, b.Recall = evalmetric.BCubed(p, g)
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
