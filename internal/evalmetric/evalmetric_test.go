package evalmetric

import (
	"math"
	"testing"
)

func TestPRF(t *testing.T) {
	if p, r, f := PRF(3, 4, 6); p != 0.75 || r != 0.5 || math.Abs(f-0.6) > 1e-12 {
		t.Errorf("PRF(3, 4, 6) = %v %v %v", p, r, f)
	}
	if p, r, f := PRF(0, 0, 0); p != 0 || r != 0 || f != 0 {
		t.Errorf("PRF(0, 0, 0) = %v %v %v", p, r, f)
	}
}

func TestBCubed(t *testing.T) {
	// Items 0,1 together and 2 apart, where the truth has all three together.
	p, r := BCubed([]int{1, 1, 2}, []string{"a", "a", "a"})
	if p != 1 || math.Abs(r-(2.0/3+2.0/3+1.0/3)/3) > 1e-12 {
		t.Errorf("BCubed = %v %v", p, r)
	}
	if p, r := BCubed([]int{}, []int{}); p != 0 || r != 0 {
		t.Errorf("BCubed of nothing = %v %v", p, r)
	}
}
