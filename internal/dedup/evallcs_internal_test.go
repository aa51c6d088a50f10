package dedup

import (
	"math/rand/v2"
	"testing"
)

func lcsDP(a, b []uint32) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			if a[i-1] == b[j-1] {
				d[i][j] = d[i-1][j-1] + 1
			} else {
				d[i][j] = max(d[i-1][j], d[i][j-1])
			}
		}
	}
	return d[len(a)][len(b)]
}

func TestLCSLen(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 300 {
		a := make([]uint32, r.IntN(200))
		b := make([]uint32, r.IntN(200))
		k := uint32(1 + r.IntN(6))
		for i := range a {
			a[i] = r.Uint32N(k)
		}
		for i := range b {
			b[i] = r.Uint32N(k)
		}
		if got, want := lcsLen(a, b), lcsDP(a, b); got != want {
			t.Fatalf("lcsLen(%v, %v) = %d, want %d", a, b, got, want)
		}
	}
}
