package dedup

import (
	"math/rand/v2"
	"testing"
)

func TestBandTable(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var bt bandTable
	want := map[uint32]uint32{}
	for i := range 200000 {
		k := r.Uint32()
		if i%7 == 0 {
			k &= 0xff0000ff // crowd a few parts and probe runs
		}
		v := r.Uint32N(1 << 31)
		bt.set(k, v)
		want[k] = v
	}
	for k, v := range want {
		if got, ok := bt.get(k); !ok || got != v {
			t.Fatalf("get(%#x) = %d, %v; want %d, true", k, got, ok, v)
		}
	}
	for range 10000 {
		k := r.Uint32()
		if _, in := want[k]; in {
			continue
		}
		if got, ok := bt.get(k); ok {
			t.Fatalf("get(%#x) = %d, true for a key never set", k, got)
		}
	}
}
