//go:build !race

package dedup_test

// raceEnabled is true under the race detector, which makes the real-data
// evaluation several times slower.
const raceEnabled = false
