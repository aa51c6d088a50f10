package jic_test

import (
	"testing"
	"time"

	"github.com/jic-center/jic"
)

func TestTermAt(t *testing.T) {
	c := jic.Center{Founded: time.Date(2026, 1, 31, 12, 0, 0, 0, time.UTC), TermMonths: 3}
	tests := []struct {
		at   time.Time
		want int64
	}{
		{c.Founded.Add(-time.Second), -1},
		{c.Founded, 0},
		{time.Date(2026, 5, 1, 11, 59, 59, 0, time.UTC), 0},
		{time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC), 1}, // 31 Jan + 3 months is "31 April", that is 1 May
		{time.Date(2027, 1, 31, 12, 0, 0, 0, time.UTC), 4},
		// The same instant written in another zone is the same term.
		{time.Date(2027, 1, 31, 8, 0, 0, 0, time.FixedZone("EDT-ish", -4*3600)), 4},
	}
	for _, tt := range tests {
		if got := c.TermAt(tt.at); got != tt.want {
			t.Errorf("TermAt(%v) = %d, want %d", tt.at, got, tt.want)
		}
	}
	for k := int64(0); k < 40; k++ {
		if got := c.TermAt(c.TermStart(k)); got != k {
			t.Errorf("TermAt(TermStart(%d)) = %d", k, got)
		}
		if got := c.TermAt(c.TermStart(k + 1).Add(-time.Nanosecond)); got != k {
			t.Errorf("TermAt(just before TermStart(%d)) = %d, want %d", k+1, got, k)
		}
	}
}

func TestRotation(t *testing.T) {
	a := &jic.Member{ID: 1, Founding: true, RotationOrder: 2}
	b := &jic.Member{ID: 2, Founding: true, RotationOrder: 1}
	c := &jic.Member{ID: 3, Founding: true, RotationOrder: 3}
	late := &jic.Member{ID: 4, RotationOrder: 0} // admitted later: not in the rotation
	ids := func(ms []*jic.Member) (out []int64) {
		for _, m := range ms {
			out = append(out, m.ID)
		}
		return out
	}
	all := []*jic.Member{a, b, c, late}
	if got := ids(jic.Rotation(all, 0)); len(got) != 3 || got[0] != 2 || got[1] != 1 || got[2] != 3 {
		t.Errorf("Rotation(0) = %v, want [2 1 3]", got)
	}
	if got := ids(jic.Rotation(all, 4)); got[0] != 1 {
		t.Errorf("Rotation(4) = %v, want member 1 first", got)
	}
	a.Suspended = true
	if got := ids(jic.Rotation(all, 1)); len(got) != 2 || got[0] != 3 {
		t.Errorf("Rotation(1) with member 1 suspended = %v, want [3 2]", got)
	}
}
