// Package evalmetric holds the scores jic's evaluations print: precision,
// recall and F1 from counts, and B-cubed over a clustering.
package evalmetric

// F1 is the harmonic mean of precision and recall; 0 when both are 0.
func F1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// PRF returns precision tp/found, recall tp/gold (each 0 when its
// denominator is) and their F1.
func PRF(tp, found, gold int) (p, r, f1 float64) {
	if found > 0 {
		p = float64(tp) / float64(found)
	}
	if gold > 0 {
		r = float64(tp) / float64(gold)
	}
	return p, r, F1(p, r)
}

// BCubed scores a clustering item by item: pred[i] and gold[i] are item
// i's predicted and true clusters. Precision is the share of an item's
// predicted cluster that shares its true cluster, recall the share of its
// true cluster that shares its predicted cluster, each averaged over the
// items; both are 0 when there are none.
func BCubed[P, G comparable](pred []P, gold []G) (precision, recall float64) {
	type cell struct {
		p P
		g G
	}
	both, np, ng := map[cell]int{}, map[P]int{}, map[G]int{}
	for i := range pred {
		both[cell{pred[i], gold[i]}]++
		np[pred[i]]++
		ng[gold[i]]++
	}
	for i := range pred {
		n := float64(both[cell{pred[i], gold[i]}])
		precision += n / float64(np[pred[i]])
		recall += n / float64(ng[gold[i]])
	}
	if n := float64(len(pred)); n > 0 {
		precision /= n
		recall /= n
	}
	return precision, recall
}
