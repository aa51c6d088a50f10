package dates

import "time"

// The Solar Hijri calendar of Iran and Afghanistan starts its year at the
// March equinox; months 1–6 have 31 days, 7–11 have 30, and the 12th has 29,
// or 30 in a leap year. Which years are leap follows the equinox, which the
// arithmetic below (Borkowski's 33-year cycles with breaks, as in the
// jalaali libraries) matches for the years 1178–1633, far past any news.

// solarMin and solarMax bound the Solar Hijri years read as such.
const (
	solarMin = 1200
	solarMax = 1599
)

// solarBreaks are the years at which the 33-year cycle of leap years
// shifts.
var solarBreaks = [...]int{-61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192, 2262, 2324, 2394, 2456, 3178}

// nowruz returns the Gregorian day of 1 Farvardin of Solar Hijri year jy
// (solarMin ≤ jy ≤ solarMax).
func nowruz(jy int) time.Time {
	gy := jy + 621
	leapJ, jp, jump := -14, solarBreaks[0], 0
	for _, jm := range solarBreaks[1:] {
		jump = jm - jp
		if jy < jm {
			break
		}
		leapJ += jump/33*8 + jump%33/4
		jp = jm
	}
	n := jy - jp
	leapJ += n/33*8 + (n%33+3)/4
	if jump%33 == 4 && jump-n == 4 {
		leapJ++
	}
	leapG := gy/4 - (gy/100+1)*3/4 - 150
	return time.Date(gy, time.March, 20+leapJ-leapG, 0, 0, 0, 0, time.UTC)
}

// solarDate returns the Gregorian day of day d of month m of Solar Hijri
// year y; ok is false if there is no such day.
func solarDate(y, m, d int) (t time.Time, ok bool) {
	if y < solarMin || y > solarMax || m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	first := solarMonthStart(y, m)
	if d > int(solarMonthStart(y, m+1).Sub(first).Hours()/24) {
		return time.Time{}, false
	}
	return first.AddDate(0, 0, d-1), true
}

// solarMonthStart returns the Gregorian day on which month m (1–13, 13 being
// the first month of the next year) of Solar Hijri year y starts.
func solarMonthStart(y, m int) time.Time {
	if m == 13 {
		return nowruz(y + 1)
	}
	days := (m - 1) * 31
	if m > 7 {
		days = 6*31 + (m-7)*30
	}
	return nowruz(y).AddDate(0, 0, days)
}

// solarYearOf returns the Solar Hijri year in which Gregorian day t falls.
func solarYearOf(t time.Time) int {
	jy := t.Year() - 621
	if t.Before(nowruz(jy)) {
		jy--
	}
	return jy
}
