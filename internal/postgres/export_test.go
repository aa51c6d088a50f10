package postgres

// SetWalk changes how many reports search walks before asking the GIN
// index, so that tests reach the time slices with little data.
func SetWalk(n int) (restore func()) {
	old := walk
	walk = n
	return func() { walk = old }
}

// SliceQuery exposes sliceQuery to tests.
var SliceQuery = sliceQuery

// Histogram makes a histogram of the given bounds over reports reports.
func Histogram(bounds []int64, reports float64) histogram {
	h := histogram{bounds: bounds}
	if len(bounds) > 1 {
		h.perInterval = reports / float64(len(bounds)-1)
	}
	return h
}

// Below exposes histogram.below to tests.
func (h histogram) Below(hi int64, rows float64) (int64, float64) { return h.below(hi, rows) }
