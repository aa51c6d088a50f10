package postgres

// SetRecentRows changes how many reports search walks before asking the
// GIN index, so that tests reach the second step with little data.
func SetRecentRows(n int) (restore func()) {
	old := recentRows
	recentRows = n
	return func() { recentRows = old }
}
