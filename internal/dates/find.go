package dates

import (
	"strconv"
	"strings"
	"sync"
	"time"
)

// Precision says how much of a date the text gave: a day, a week, a month
// or a year.
type Precision uint8

// Precisions, finest first.
const (
	Day Precision = iota + 1
	Week
	Month
	Year
)

// String returns day, week, month or year.
func (p Precision) String() string {
	switch p {
	case Day:
		return "day"
	case Week:
		return "week"
	case Month:
		return "month"
	case Year:
		return "year"
	}
	return "Precision(" + strconv.Itoa(int(p)) + ")"
}

// A Mention is a date written in a text: where it is, and which days it
// means, from Date to Last (the same day for Precision Day). Days are
// calendar days at UTC midnight. A month or year of the Solar Hijri
// calendar runs across two Gregorian ones: Date and Last say which days.
type Mention struct {
	Start, End int       // byte offsets of the expression in the text
	Text       string    // text[Start:End]
	Date       time.Time // the first day meant
	Last       time.Time // the last day meant
	Precision  Precision // Day, Week, Month or Year
	Relative   bool      // the publication date was needed: yesterday, on Friday, 9 September without a year
}

// Find returns the dates written in text, in order and without overlaps,
// each resolved against the publication time of the report. lang is one
// of en, fr, ru, ar, fa, tr; in any other language Find reads numeric
// dates only. It reads text of any size and content in one pass, never
// failing: what is not a date it knows is not a mention.
//
// What it reads, in each language: today, yesterday, the day before
// yesterday, tomorrow and the day after; weekdays (on Friday, last Friday,
// next Friday); last, this and next week, month and year; "N days ago";
// a day and a month's name, with or without a year (9 September 2023,
// September 9, 9 сентября, 9 Eylül, ٩ أيلول/سبتمبر, ۱۸ شهریور ۱۴۰۲); a month's
// name with a year, or alone after a word such as "in" (in September,
// в сентябре, في شهر سبتمبر, Eylül'de); a year after a word such as "in" or
// before one such as года; numeric dates (2023-09-09, 09/09/2023, 9.9.2023,
// and Solar Hijri ۱۴۰۲/۰۶/۱۸ in Persian). Digits may be ASCII, Arabic-Indic
// or Persian.
//
// The rules that resolve them, chosen because news reports mostly look
// back:
//   - The publication day is the calendar day of published in its own
//     location; pass it in the publisher's zone where known. A zero
//     published leaves only dates written with their year.
//   - A weekday alone (on Friday, vendredi, في يوم الجمعة) is the latest such
//     day on or before the publication day: published on a Friday, "Friday"
//     is that day. "Last Friday" is the latest strictly before it (a week
//     back when published on a Friday), "next Friday" the first strictly
//     after it. A weekday followed by a date (Friday, 9 September) is that
//     date.
//   - A day or month without a year takes the year that puts its first day
//     at most seven months before the publication day and less than five
//     months after it.
//   - Weeks start on Monday, in Persian on Saturday and in Arabic on Sunday.
//     In Persian, "last month" and "this year" are months and years of the
//     Solar Hijri calendar, which Iranian writers mean.
//   - A numeric date with the year last is read day first (09/10/2023 is
//     9 October), in English month first (10 September); when that reading
//     gives no date, the other one is used. In Persian a year 1200–1599 is
//     a Solar Hijri one.
//   - A span covers every word its pattern matched, prepositions included
//     (on Friday, в субботу, in September, يوم الجمعة الماضي); an Arabic
//     conjunction written onto the first word (وأمس) stays in it, and a
//     Turkish or English suffix after an apostrophe (Eylül'de) stays out.
//
// Not read: ordinal words (the ninth, التاسع من), Hijri lunar months, times of
// day, ranges (9–11 September), and tense: "on Friday" in "will vote on
// Friday" still resolves to the Friday before publication.
func Find(text, lang string, published time.Time) []Mention {
	l := languages[lang]
	if l == nil {
		l = languages[""]
	}
	f := finders.Get().(*finder)
	defer finders.Put(f)
	*f = finder{l: l, ar: lang == "ar", fa: lang == "fa", en: lang == "en", s: scanner{scratch: f.s.scratch[:0]}}
	f.s.text, f.s.lang, f.s.index = text, lang, l.index
	if !published.IsZero() {
		y, m, d := published.Date()
		f.pub, f.hasPub = time.Date(y, m, d, 0, 0, 0, 0, time.UTC), true
	}
	var out []Mention
	for i := 0; ; {
		f.s.floor = i - 2
		switch t := f.s.at(i); {
		case t.kind == tokEOF || t.kind == tokNone:
			return out
		case t.kind == tokPunct || t.kind == tokWord && t.class == 0:
			i++ // no expression starts with it
			continue
		}
		m, ok := f.match(i)
		if !ok {
			i++
			continue
		}
		if mention, ok := f.resolve(m); ok {
			out = append(out, mention)
		}
		i = m.next
	}
}

// finders keeps finders between calls: a scanner's token window is 6 KB.
var finders = sync.Pool{New: func() any { return new(finder) }}

type finder struct {
	l          *language
	ar, fa, en bool
	pub        time.Time // the publication day, UTC midnight
	hasPub     bool
	s          scanner
}

// A match is an expression found at some token, before it is resolved.
type match struct {
	next       int      // the token after the expression
	start, end int      // its bytes
	rel        *meaning // a relative expression; nil for a written date
	n          int      // the number of "N days ago"
	wd         time.Weekday
	date       written
}

// written is a date as the text wrote it; a zero field was not written.
type written struct {
	year, month, day int
	solar            bool
}

// match returns the longest expression starting at token i.
func (f *finder) match(i int) (match, bool) {
	a, okA := f.absolute(i)
	r, okR := f.relative(i)
	switch {
	case okA && (!okR || a.next >= r.next):
		return a, true
	case !okR:
		return match{}, false
	}
	switch {
	case r.rel.kind == relDay:
		// tomorrow, Sunday: the weekday names the same day
		w, ok := f.relative(f.skipComma(r.next))
		if ok && w.rel.kind == relWeekday && w.rel.n == 0 && f.pub.AddDate(0, 0, r.rel.n).Weekday() == w.wd {
			r.next, r.end = w.next, w.end
		}
	case r.rel.kind == relWeekday && r.rel.n == 0:
		// on Friday, 9 September: the date says which Friday
		if d, ok := f.dated(f.skipComma(r.next)); ok && d.date.day != 0 {
			d.start = r.start
			return d, true
		}
	}
	return r, true
}

// relative matches the longest relative pattern at token i.
func (f *finder) relative(i int) (match, bool) {
	var best match
	f.walk(f.l.phrases, i, i, match{start: f.s.at(i).start}, &best)
	if best.rel == nil || f.ar && f.arabicNoun(i, best) || f.en && f.englishName(i, best) {
		return match{}, false
	}
	return best, true
}

// walk follows the trie from node n at token i; from is where the match
// started, cur what it holds so far. The longest match ends up in best.
func (f *finder) walk(n *node, from, i int, cur match, best *match) {
	if n.m != nil && i > best.next {
		cur.next, cur.rel = i, n.m
		*best = cur
	}
	for i > from && f.s.at(i).kind == tokPunct && f.s.at(i).punct == '-' {
		i++ // avant-hier, après-demain
	}
	t := f.s.at(i)
	if t.kind == tokWord && n.words != nil && (i > from || t.class&cPhrase != 0) {
		next := n.words[string(t.key)]
		if k, ok := f.clitic(t.key); next == nil && ok && i == from {
			next = n.words[string(k)]
		}
		if next != nil {
			c := cur
			c.end = t.end
			f.walk(next, from, i+1, c, best)
		}
	}
	if n.weekday != nil || n.capWeekday != nil {
		if wd, k, ok := lookup(f, &f.l.weekdays, i); ok {
			c := cur
			c.wd, c.end = wd, f.s.at(i+k-1).end
			if n.weekday != nil {
				f.walk(n.weekday, from, i+k, c, best)
			}
			if n.capWeekday != nil && t.upper && k == 1 && t.class&cWeakDay == 0 {
				f.walk(n.capWeekday, from, i+k, c, best)
			}
		}
	}
	if n.number != nil {
		if v, ok := f.number(i); ok {
			c := cur
			c.n, c.end = v, t.end
			f.walk(n.number, from, i+1, c, best)
		}
	}
}

// arabicNoun reports whether a match of one Arabic word is a noun rather
// than a date: اليوم followed by an adjective (اليوم العالمي, World Day;
// اليوم التالي, the next day), الاثنين as "the two" (بين الاثنين).
func (f *finder) arabicNoun(i int, m match) bool {
	if m.next != i+1 {
		return false
	}
	switch m.rel.kind {
	case relDay:
		k := f.s.at(i).key
		if s, ok := f.clitic(k); ok {
			k = s
		}
		next := f.s.at(i + 1)
		_, _, weekday := lookup(f, &f.l.weekdays, i+1) // اليوم الجمعة: today, Friday
		return string(k) == "اليوم" && next.kind == tokWord && len(next.key) > 4 && string(next.key[:4]) == "ال" && !weekday
	case relWeekday:
		prev := string(f.s.at(i - 1).key)
		return m.wd == time.Monday && (prev == "بين" || prev == "كلا")
	}
	return false
}

// englishName reports whether a capitalized word matched alone is part of
// a name: the Sunday Telegraph, BBC Radio 4's Today, coach Mike Friday.
func (f *finder) englishName(i int, m match) bool {
	t := f.s.at(i)
	if m.next != i+1 || !t.upper || m.rel.kind == relNot {
		return false
	}
	if m.rel.kind == relDay {
		return !f.sentenceStart(i)
	}
	next, prev := f.s.at(i+1), f.s.at(i-1)
	return next.kind == tokWord && next.upper && !t.suffix ||
		prev.kind == tokWord && prev.upper && !f.sentenceStart(i-1)
}

// sentenceStart reports whether token i starts a sentence, a line or the
// text.
func (f *finder) sentenceStart(i int) bool {
	prev := f.s.at(i - 1)
	if prev.kind == tokNone || prev.kind == tokPunct && prev.punct == '.' {
		return true
	}
	gap := f.s.text[prev.end:f.s.at(i).start]
	if len(gap) > 16 {
		gap = gap[len(gap)-16:]
	}
	return strings.ContainsAny(gap, ".!?:\n")
}

// clitic returns an Arabic key without the conjunction و or ف written
// onto it (وأمس, فالجمعة).
func (f *finder) clitic(k []byte) ([]byte, bool) {
	if !f.ar {
		return nil, false
	}
	return clitic(k)
}

func clitic(k []byte) ([]byte, bool) {
	if len(k) < 6 || k[0] != 0xd9 || (k[1] != 0x88 && k[1] != 0x81) { // و U+0648, ف U+0641
		return nil, false
	}
	return k[2:], true
}

// lookup matches token i, and the one after it, against a word set.
func lookup[T any](f *finder, w *wordSet[T], i int) (v T, k int, ok bool) {
	t := f.s.at(i)
	if t.kind != tokWord || t.class&w.class == 0 {
		return v, 0, false
	}
	key := t.key
	for try := 0; try < 2; try++ {
		if second := w.two[string(key)]; second != nil {
			if u := f.s.at(i + 1); u.kind == tokWord {
				if v, ok := second[string(u.key)]; ok {
					return v, 2, true
				}
			}
		}
		if v, ok := w.one[string(key)]; ok {
			return v, 1, true
		}
		if key, ok = f.clitic(key); !ok {
			break
		}
	}
	return v, 0, false
}

// number reads a small number at token i, in digits or a word.
func (f *finder) number(i int) (int, bool) {
	t := f.s.at(i)
	if t.kind == tokNumber {
		return t.num, t.digits <= 3 && t.num > 0 && !f.continues(i)
	}
	v, _, ok := lookup(f, &f.l.numbers, i)
	return v, ok
}

// continues reports whether the number at token i goes on after a comma or
// a point (5,000; 3.5), so that it is not a day or a year.
func (f *finder) continues(i int) bool {
	p, next := f.s.at(i+1), f.s.at(i+2)
	return p.kind == tokPunct && p.joined && (p.punct == ',' || p.punct == '.') && next.kind == tokNumber && next.joined
}

func (f *finder) skipComma(i int) int {
	if t := f.s.at(i); t.kind == tokPunct && t.punct == ',' {
		return i + 1
	}
	return i
}

// is reports whether token i is a word of class c.
func (f *finder) is(c class, i int) bool {
	t := f.s.at(i)
	return t.kind == tokWord && t.class&c != 0
}

// resolve turns a match into a mention; ok is false when the publication
// date is needed and unknown, or when the written date does not exist
// (31 September).
func (f *finder) resolve(m match) (Mention, bool) {
	var (
		from, last time.Time
		p          Precision
		relative   = true
		ok         = f.hasPub
	)
	if m.rel != nil {
		if ok = ok && m.rel.kind != relNot; ok {
			from, last, p = f.relDate(m)
		}
	} else {
		from, last, p, relative, ok = f.writtenDate(m.date)
	}
	if !ok {
		return Mention{}, false
	}
	return Mention{Start: m.start, End: m.end, Text: f.s.text[m.start:m.end],
		Date: from, Last: last, Precision: p, Relative: relative}, true
}

// relDate resolves a relative expression against the publication day.
func (f *finder) relDate(m match) (from, last time.Time, p Precision) {
	switch m.rel.kind {
	case relDay:
		d := f.pub.AddDate(0, 0, m.rel.n)
		return d, d, Day
	case relAgo:
		d := f.pub.AddDate(0, 0, -m.n)
		return d, d, Day
	case relWeekday:
		back := (int(f.pub.Weekday()) - int(m.wd) + 7) % 7
		switch m.rel.n {
		case -1:
			if back == 0 {
				back = 7
			}
		case 1:
			back -= 7 // the same weekday ahead, never the publication day itself
		}
		d := f.pub.AddDate(0, 0, -back)
		return d, d, Day
	}
	return f.period(m.rel.unit, m.rel.n)
}

// period returns the week, month or year n periods from the publication
// day's.
func (f *finder) period(unit Precision, n int) (from, last time.Time, p Precision) {
	sy := solarYearOf(f.pub)
	solar := f.l.solar && sy > solarMin && sy < solarMax
	switch {
	case unit == Week:
		from = f.pub.AddDate(0, 0, -(int(f.pub.Weekday())-int(f.l.weekStart)+7)%7+7*n)
		return from, from.AddDate(0, 0, 6), Week
	case unit == Month && solar:
		m := sy*12 + solarMonthOf(f.pub, sy) - 1 + n
		from = solarMonthStart(m/12, m%12+1)
		return from, solarMonthStart(m/12, m%12+2).AddDate(0, 0, -1), Month
	case unit == Month:
		from = time.Date(f.pub.Year(), f.pub.Month()+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
		return from, from.AddDate(0, 1, -1), Month
	case solar:
		return nowruz(sy + n), nowruz(sy+n+1).AddDate(0, 0, -1), Year
	}
	from = time.Date(f.pub.Year()+n, 1, 1, 0, 0, 0, 0, time.UTC)
	return from, from.AddDate(1, 0, -1), Year
}

// solarMonthOf returns the Solar Hijri month of day t of Solar Hijri year y.
func solarMonthOf(t time.Time, y int) int {
	m := 12
	for m > 1 && t.Before(solarMonthStart(y, m)) {
		m--
	}
	return m
}

// writtenDate resolves a date written with a month's name or in digits;
// one without a year takes it from the publication date.
func (f *finder) writtenDate(w written) (from, last time.Time, p Precision, relative, ok bool) {
	switch {
	case w.day != 0:
		p = Day
	case w.month != 0:
		p = Month
	default:
		p = Year
	}
	if w.year != 0 {
		from, last, ok = w.in(w.year)
		return from, last, p, false, ok
	}
	if !f.hasPub {
		return from, last, p, false, false
	}
	y := f.pub.Year()
	if w.solar {
		y = solarYearOf(f.pub)
	}
	lo, hi := f.pub.AddDate(0, -7, 0), f.pub.AddDate(0, 5, 0)
	for c := y - 1; c <= y+1; c++ {
		if from, last, ok := w.in(c); ok && !from.Before(lo) && from.Before(hi) {
			return from, last, p, true, true
		}
	}
	return from, last, p, false, false
}

// in returns the first and last days of w in year y; ok is false if there
// is no such day.
func (w written) in(y int) (from, last time.Time, ok bool) {
	if w.solar {
		switch {
		case y < solarMin || y > solarMax:
			return from, last, false
		case w.day != 0:
			from, ok = solarDate(y, w.month, w.day)
			return from, from, ok
		case w.month != 0:
			return solarMonthStart(y, w.month), solarMonthStart(y, w.month+1).AddDate(0, 0, -1), true
		}
		return nowruz(y), nowruz(y+1).AddDate(0, 0, -1), true
	}
	switch {
	case w.day != 0:
		from = time.Date(y, time.Month(w.month), w.day, 0, 0, 0, 0, time.UTC)
		return from, from, from.Day() == w.day
	case w.month != 0:
		from = time.Date(y, time.Month(w.month), 1, 0, 0, 0, 0, time.UTC)
		return from, from.AddDate(0, 1, -1), true
	}
	from = time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
	return from, from.AddDate(1, 0, -1), true
}
