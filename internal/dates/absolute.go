package dates

import "strings"

// absolute matches a date written with a month's name or in digits at
// token i, with the weekday's name that may come first (Friday, 9 September).
func (f *finder) absolute(i int) (match, bool) {
	if _, k, ok := lookup(f, &f.l.weekdays, i); ok && (f.s.at(i).upper || !f.l.capitalDays) {
		j := f.skipComma(i + k)
		if f.is(cArticle, j) {
			j++
		}
		if m, ok := f.dated(j); ok && m.date.day != 0 {
			m.start = f.s.at(i).start
			return m, true
		}
	}
	return f.dated(i)
}

// dated matches a numeric date, a date with a month's name, or a year.
func (f *finder) dated(i int) (m match, ok bool) {
	switch {
	case f.numeric(i, &m), f.dayMonth(i, &m), f.monthNamed(i, &m), f.yearAlone(i, &m):
		m.start, m.end = f.s.at(i).start, f.s.at(m.next-1).end
		return m, true
	}
	return m, false
}

// numeric matches 2023-09-09, 09/09/2023, 9.9.2023 and, in Persian, Solar
// Hijri ۱۴۰۲/۰۶/۱۸.
func (f *finder) numeric(i int, m *match) bool {
	if f.s.at(i).kind != tokNumber {
		return false
	}
	a, sep, b, sep2, c := f.s.at(i), f.s.at(i+1), f.s.at(i+2), f.s.at(i+3), f.s.at(i+4)
	switch {
	case a.kind != tokNumber || b.kind != tokNumber || c.kind != tokNumber,
		sep.kind != tokPunct || sep2.kind != tokPunct || sep.punct != sep2.punct || sep.punct == ',',
		!sep.joined || !b.joined || !sep2.joined || !c.joined,
		f.partOfNumber(i-2) || f.partOfNumber(i+4): // 1.2.3.4, 2023-09-09-1
		return false
	}
	var w written
	switch {
	case a.digits == 4 && b.digits <= 2 && c.digits <= 2:
		w = written{year: a.num, month: b.num, day: c.num}
	case c.digits == 4 && a.digits <= 2 && b.digits <= 2:
		d, mo := a.num, b.num
		if f.l.monthFirst {
			d, mo = mo, d
		}
		if mo > 12 {
			d, mo = mo, d
		}
		w = written{year: c.num, month: mo, day: d}
	default:
		return false
	}
	switch {
	case w.month < 1 || w.month > 12 || w.day < 1 || w.day > 31:
		return false
	case f.fa && w.year >= solarMin && w.year <= solarMax:
		w.solar = true
	case w.year < 1900 || w.year > 2100:
		return false
	}
	m.date, m.next = w, i+5
	return true
}

// partOfNumber reports whether the number at token i and the one at i+2
// are joined by a punctuation mark.
func (f *finder) partOfNumber(i int) bool {
	a, p, b := f.s.at(i), f.s.at(i+1), f.s.at(i+2)
	return a.kind == tokNumber && p.kind == tokPunct && b.kind == tokNumber && p.joined && b.joined
}

// dayMonth matches a day before a month's name: 9 September 2023, 9th of
// September, 9 сентября 2023 года, ۱۸ شهریور ۱۴۰۲, 14 فبراير/شباط.
func (f *finder) dayMonth(i int, m *match) bool {
	d, ok := f.day(i)
	if !ok {
		return false
	}
	j := f.ordinal(i + 1)
	if f.is(cOf, j) {
		j++
	}
	mo, k, ok := f.month(j)
	if !ok {
		return false
	}
	j, _ = f.afterMonth(j+k, mo)
	m.date = written{day: d, month: mo.n, solar: mo.solar}
	m.date.year, m.next = f.year(j, mo.solar, false)
	return true
}

// monthNamed matches a month's name with a year (September 2023), after a
// word saying it is a month (in September, في شهر سبتمبر, Eylül ayında,
// Eylül'de), or, in English, before a day (September 9, 2023).
func (f *finder) monthNamed(i int, m *match) bool {
	j, cue, noun := i, false, false
	if f.is(cMonthCue, j) {
		cue = true
		if j++; f.s.at(j).kind == tokPunct && f.s.at(j).punct == '-' {
			j++ // mid-September
		}
	}
	if f.is(cMonthNoun, j) {
		noun = true
		j++
	}
	mo, k, ok := f.month(j)
	if !ok {
		return false
	}
	suffix := f.s.at(j + k - 1).suffix
	j, nounAfter := f.afterMonth(j+k, mo)
	noun = noun || nounAfter || mo.noun
	m.date = written{month: mo.n, solar: mo.solar}
	if d, ok := f.day(j); ok && f.l.monthFirst && !noun {
		m.date.day = d
		m.date.year, m.next = f.year(f.ordinal(j+1), mo.solar, true)
		return true
	}
	if m.date.year, m.next = f.year(j, mo.solar, false); m.date.year != 0 {
		return true
	}
	return (cue || noun || suffix) && (!mo.weak || noun)
}

// yearAlone matches a year after a word such as "in" or before one such as
// года: in 2023, в 2023 году, 2023 yılında, عام 2023, سال ۱۴۰۲.
func (f *finder) yearAlone(i int, m *match) bool {
	j := i
	cue := f.is(cYearCue, j) || f.is(cYearNoun, j)
	if cue {
		j++
	}
	t := f.s.at(j)
	if t.kind != tokNumber || t.digits != 4 || f.continues(j) {
		return false
	}
	w := written{year: t.num}
	switch {
	case f.fa && t.num >= 1300 && t.num < 1500:
		w.solar = true
	case t.num < 1900 || t.num > 2100:
		return false
	}
	next := f.yearWord(j + 1)
	if !cue && next == j+1 {
		return false
	}
	m.date, m.next = w, next
	return true
}

// day reads the number of a day at token i.
func (f *finder) day(i int) (int, bool) {
	t := f.s.at(i)
	return t.num, t.kind == tokNumber && t.digits <= 2 && t.num >= 1 && t.num <= 31 && !t.suffix && !f.continues(i)
}

// ordinal passes over the ordinal ending written onto a day's number at
// token i (9th, 1er, 9-го) and returns the token after it.
func (f *finder) ordinal(i int) int {
	t := f.s.at(i)
	if t.kind == tokPunct && t.punct == '-' && t.joined {
		if f.s.at(i+1).joined && f.is(cOrdinal, i+1) {
			return i + 2
		}
		return i
	}
	if t.joined && f.is(cOrdinal, i) {
		return i + 1
	}
	return i
}

// month reads a month's name at token i; k is how many tokens it takes.
func (f *finder) month(i int) (mo month, k int, ok bool) {
	mo, k, ok = lookup(f, &f.l.months, i)
	if ok && f.l.capitalMonths && !f.s.at(i).upper {
		return mo, 0, false
	}
	return mo, k, ok
}

// afterMonth passes over what may follow a month's name at token i: the
// dot of an abbreviation, the same month's other name (أيلول/سبتمبر), the
// word for month (شهریور ماه, Eylül ayı). noun reports the last.
func (f *finder) afterMonth(i int, mo month) (next int, noun bool) {
	if t := f.s.at(i); mo.abbr && t.kind == tokPunct && t.punct == '.' && t.joined {
		i++
	}
	j := i
	if t := f.s.at(j); t.kind == tokPunct && t.punct == '/' {
		j++
	}
	if other, k, ok := f.month(j); ok && other.n == mo.n && other.solar == mo.solar {
		i = j + k
	}
	if f.is(cMonthNoun, i) {
		return i + 1, true
	}
	return i, false
}

// year reads the year of a date at token i, after a comma if comma is
// set or the word for year (أكتوبر عام 2012), with the word that may
// follow it (2023 года); y is 0 if there is none, and next the token after
// what was read. Persian also writes Solar Hijri years 1350–1399 with two
// digits (۳۰ مهر ۹۴), right after the month.
func (f *finder) year(i int, solar, comma bool) (y, next int) {
	j := i
	if comma {
		j = f.skipComma(i)
	}
	if f.is(cYearNoun, j) {
		j++
	}
	t := f.s.at(j)
	if t.kind != tokNumber || f.continues(j) {
		return 0, i
	}
	switch y = t.num; {
	case t.digits == 2 && solar && f.fa && y >= 50 && f.spaced(j):
		y += 1300
	case t.digits != 4 || solar != (y >= solarMin && y <= solarMax) || y < 1000 || y > 2999:
		return 0, i
	}
	return y, f.yearWord(j + 1)
}

// spaced reports whether only spaces separate token i from the one before.
func (f *finder) spaced(i int) bool {
	return strings.TrimSpace(f.s.text[f.s.at(i-1).end:f.s.at(i).start]) == ""
}

// yearWord passes over a word such as года or yılında at token i, with the
// dot of an abbreviation (2023 г.), and returns the token after it.
func (f *finder) yearWord(i int) int {
	if !f.is(cYearWord, i) {
		return i
	}
	if t := f.s.at(i + 1); len(f.s.at(i).key) <= 2 && t.kind == tokPunct && t.punct == '.' && t.joined {
		return i + 2
	}
	return i + 1
}
