package dates

import (
	"testing"
	"time"
)

// TestSolarDate checks the conversion on days whose Gregorian date is
// known from outside this code: Nowruz of several years (the equinox before
// or after noon in Tehran decides the day), the Revolution's 22 Bahman 1357,
// the Islamic Republic referendum day, Yalda, and leap Esfands.
func TestSolarDate(t *testing.T) {
	tests := []struct {
		y, m, d int
		want    string
	}{
		{1403, 1, 1, "2024-03-20"},
		{1402, 1, 1, "2023-03-21"},
		{1404, 1, 1, "2025-03-21"},
		{1399, 1, 1, "2020-03-20"},
		{1398, 1, 1, "2019-03-21"},
		{1397, 1, 1, "2018-03-21"},
		{1395, 1, 1, "2016-03-20"},
		{1375, 1, 1, "1996-03-20"},
		{1357, 11, 22, "1979-02-11"},
		{1358, 1, 12, "1979-04-01"},
		{1402, 6, 18, "2023-09-09"},
		{1402, 9, 30, "2023-12-21"}, // Yalda
		{1402, 10, 1, "2023-12-22"},
		{1403, 12, 30, "2025-03-20"}, // 1403 is leap
		{1399, 12, 30, "2021-03-20"}, // so is 1399
		{1402, 12, 29, "2024-03-19"},
	}
	for _, tt := range tests {
		got, ok := solarDate(tt.y, tt.m, tt.d)
		if !ok || got.Format(time.DateOnly) != tt.want {
			t.Errorf("solarDate(%d, %d, %d) = %s, %v; want %s", tt.y, tt.m, tt.d, got.Format(time.DateOnly), ok, tt.want)
		}
	}
	for _, bad := range [][3]int{{1402, 12, 30}, {1404, 12, 30}, {1402, 7, 31}, {1402, 13, 1}, {1402, 1, 0}, {900, 1, 1}} {
		if got, ok := solarDate(bad[0], bad[1], bad[2]); ok {
			t.Errorf("solarDate(%d, %d, %d) = %s, want no such day", bad[0], bad[1], bad[2], got.Format(time.DateOnly))
		}
	}
}

// TestSolarCalendar checks the whole range Find reads: every year starts on
// 19–22 March and lasts 365 or 366 days, eight years in 33 are leap, and
// every day maps to the next Gregorian day and back to its own year and
// month.
func TestSolarCalendar(t *testing.T) {
	var leap []int
	for y := solarMin; y < solarMax; y++ {
		start, next := nowruz(y), nowruz(y+1)
		if start.Month() != time.March || start.Day() < 19 || start.Day() > 22 {
			t.Errorf("nowruz(%d) = %s, want 19–22 March", y, start.Format(time.DateOnly))
		}
		switch days := int(next.Sub(start).Hours() / 24); days {
		case 366:
			leap = append(leap, y)
		case 365:
		default:
			t.Fatalf("Solar Hijri year %d has %d days", y, days)
		}
		want := start
		for m := 1; m <= 12; m++ {
			for d := 1; d <= 31; d++ {
				got, ok := solarDate(y, m, d)
				if !ok {
					continue
				}
				if !got.Equal(want) || solarYearOf(got) != y || solarMonthOf(got, y) != m {
					t.Fatalf("solarDate(%d, %d, %d) = %s (year %d, month %d); want %s", y, m, d,
						got.Format(time.DateOnly), solarYearOf(got), solarMonthOf(got, y), want.Format(time.DateOnly))
				}
				want = want.AddDate(0, 0, 1)
			}
		}
		if !want.Equal(next) {
			t.Fatalf("the days of %d end on %s, want the day before %s", y, want.Format(time.DateOnly), next.Format(time.DateOnly))
		}
	}
	for i := 0; i+8 < len(leap); i++ {
		if span := leap[i+8] - leap[i]; span < 32 || span > 34 {
			t.Errorf("leap years %v: nine in %d years, want a 33-year cycle", leap[i:i+9], span)
		}
	}
	for _, y := range []int{1395, 1399, 1403, 1408} {
		if !containsInt(leap, y) {
			t.Errorf("%d is not leap, want it leap (leap years near it: %v)", y, leap)
		}
	}
}

func containsInt(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}
