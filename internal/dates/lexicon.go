package dates

import (
	"strings"
	"time"
)

// A language holds the words and patterns Find knows in one language, as
// keys made by fold. It is built once and only read.
type language struct {
	index         map[string]class // what each word of the tables may be; the scanner marks tokens with it
	weekdays      wordSet[time.Weekday]
	months        wordSet[month]
	numbers       wordSet[int] // one to ten, for "three days ago"
	phrases       *node        // relative expressions: yesterday, last Friday, three days ago
	weekStart     time.Weekday // the first day of "last week"
	solar         bool         // "last month", "this year" mean months and years of the Solar Hijri calendar
	monthFirst    bool         // "September 9", and 09/10/2023 is 10 September
	capitalMonths bool         // a month's name needs a capital (English May, March)
	capitalDays   bool         // a weekday's name before a date, without a preposition, needs one (Russian среду, also "environment")
}

// A class says what a word may be; a word may be several.
type class uint32

const (
	cWeekday   class = 1 << iota // a weekday's name, or the first word of one (سه شنبه)
	cMonth                       // a month's name, or the first word of one (كانون الثاني)
	cNumber                      // one to ten
	cOrdinal                     // written right after a day's number: th, er, го
	cOf                          // between a day and its month: the 9th of September
	cMonthCue                    // before a month named alone: in, en, в, في, در
	cMonthNoun                   // the word for month, before or after a month's name: شهر, ماه, ayında
	cYearCue                     // before a year named alone: in, en, в
	cYearNoun                    // the word for year, before a year alone or after a month (سبتمبر عام 2012): عام, سال
	cYearWord                    // after a year: года, yılında
	cArticle                     // between a weekday and its date: French le (dimanche le 21 octobre)
	cWeakDay                     // a weekday that is also a common word (Turkish pazar, market): never alone
	cPhrase                      // the first word of a relative pattern
)

// mark adds class c to each word of the space-separated list.
func (l *language) mark(words string, c class) {
	for _, w := range strings.Fields(words) {
		l.index[key(w)] |= c
	}
}

// A month is what a month's name means.
type month struct {
	n     int
	solar bool // a month of the Solar Hijri calendar
	abbr  bool // an abbreviation, which a dot may follow
	weak  bool // also a common word (Persian مهر, kindness; Arabic آب, father): only with a day or a year
	noun  bool // the name includes the word for month (شهریورماه) and stands alone
}

// A wordSet maps words, and pairs of words (كانون الثاني, سه شنبه), to values.
type wordSet[T any] struct {
	class class // marks the words, and the first words of pairs, in the index
	one   map[string]T
	two   map[string]map[string]T
}

// add adds each of the |-separated alternatives of spec, each one word or
// two separated by a space, and marks them in the index of l.
func (w *wordSet[T]) add(l *language, spec string, v T) {
	if w.one == nil {
		w.one, w.two = map[string]T{}, map[string]map[string]T{}
	}
	for _, alt := range strings.Split(spec, "|") {
		if alt == "" {
			continue
		}
		first, second, pair := strings.Cut(alt, " ")
		k := key(first)
		l.index[k] |= w.class
		if !pair {
			w.one[k] = v
			continue
		}
		if w.two[k] == nil {
			w.two[k] = map[string]T{}
		}
		w.two[k][key(second)] = v
	}
}

// key folds a word of the tables the way the scanner folds the text's.
func key(w string) string {
	k, _ := fold(nil, nil, w)
	return string(k)
}

// A node of the trie of a language's relative patterns. A pattern is a
// sequence of slots, each a word or a class of words.
type node struct {
	words      map[string]*node
	weekday    *node // any weekday's name
	capWeekday *node // a weekday's name with a capital
	number     *node // a small number, in digits or a word
	m          *meaning
}

// A meaning is what a relative pattern says about the publication date.
type meaning struct {
	kind relKind
	n    int       // days to add (relDay); -1, 0, +1 for last, latest, next (relWeekday); periods to add (relPeriod)
	unit Precision // the period of relPeriod
}

type relKind uint8

const (
	relDay     relKind = iota + 1 // today, yesterday: n days from publication
	relWeekday                    // Friday, last Friday, next Friday
	relPeriod                     // last week, this month, next year
	relAgo                        // N days ago: N from the number slot
	relNot                        // a name that looks like a date: Good Friday, چهارشنبه سوری
)

// add adds a pattern: slots separated by spaces, each slot's alternatives
// by |. "_" makes a slot optional; WD is any weekday, Wd a weekday with a
// capital, N a number.
func (n *node) add(pattern string, m meaning) {
	n.addSlots(strings.Fields(pattern), m)
}

func (n *node) addSlots(slots []string, m meaning) {
	if len(slots) == 0 {
		n.m = &m
		return
	}
	for _, alt := range strings.Split(slots[0], "|") {
		var next **node
		switch alt {
		case "_":
			n.addSlots(slots[1:], m)
			continue
		case "WD":
			next = &n.weekday
		case "Wd":
			next = &n.capWeekday
		case "N":
			next = &n.number
		default:
			if n.words == nil {
				n.words = map[string]*node{}
			}
			k := key(alt)
			if n.words[k] == nil {
				n.words[k] = &node{}
			}
			n.words[k].addSlots(slots[1:], m)
			continue
		}
		if *next == nil {
			*next = &node{}
		}
		(*next).addSlots(slots[1:], m)
	}
}

// A spec is a language's table as written: alternatives separated by |,
// an abbreviation ending in a dot.
type spec struct {
	weekdays      [7]string // Sunday first
	months        [12]string
	solarMonths   [12]string
	weak          string // months that are also common words
	weakDays      string
	numbers       [10]string
	ordinals      string
	of            string
	monthCues     string
	monthNouns    string
	yearCues      string
	yearNouns     string
	articles      string
	yearWords     string
	phrases       []phrase
	weekStart     time.Weekday
	solar         bool
	monthFirst    bool
	capitalMonths bool
	capitalDays   bool
	ezafe         bool // Persian: a weekday's name may take the ezafe ی (جمعه‌ی گذشته), a month's name ماه
}

type phrase struct {
	pattern string
	m       meaning
}

func day(n int) meaning                 { return meaning{kind: relDay, n: n} }
func onWeekday(n int) meaning           { return meaning{kind: relWeekday, n: n} }
func period(p Precision, n int) meaning { return meaning{kind: relPeriod, n: n, unit: p} }

var (
	ago    = meaning{kind: relAgo}
	notDay = meaning{kind: relNot}
)

func (sp *spec) build() *language {
	l := &language{
		index:     map[string]class{},
		weekdays:  wordSet[time.Weekday]{class: cWeekday},
		months:    wordSet[month]{class: cMonth},
		numbers:   wordSet[int]{class: cNumber},
		phrases:   &node{},
		weekStart: sp.weekStart, solar: sp.solar,
		monthFirst: sp.monthFirst, capitalMonths: sp.capitalMonths, capitalDays: sp.capitalDays,
	}
	l.mark(sp.ordinals, cOrdinal)
	l.mark(sp.of, cOf)
	l.mark(sp.monthCues, cMonthCue)
	l.mark(sp.monthNouns, cMonthNoun)
	l.mark(sp.yearCues, cYearCue)
	l.mark(sp.yearNouns, cYearNoun)
	l.mark(sp.yearWords, cYearWord)
	l.mark(sp.articles, cArticle)
	l.mark(sp.weakDays, cWeakDay)
	for d, alts := range sp.weekdays {
		if sp.ezafe {
			alts = withEzafe(alts)
		}
		l.weekdays.add(l, alts, time.Weekday(d))
	}
	weak := map[string]bool{}
	for _, w := range strings.Split(sp.weak, "|") {
		weak[key(w)] = true
	}
	for solar, names := range [2][12]string{sp.months, sp.solarMonths} {
		for i, alts := range names {
			for _, alt := range strings.Split(alts, "|") {
				if alt == "" {
					continue
				}
				name, abbr := strings.CutSuffix(alt, ".")
				mo := month{n: i + 1, solar: solar == 1, abbr: abbr, weak: weak[key(name)]}
				l.months.add(l, name, mo)
				if sp.ezafe {
					l.months.add(l, name+"ماه", month{n: i + 1, solar: solar == 1, noun: true})
				}
			}
		}
	}
	for i, alts := range sp.numbers {
		l.numbers.add(l, alts, i+1)
	}
	for _, p := range sp.phrases {
		l.phrases.add(p.pattern, p.m)
	}
	for k := range l.phrases.words {
		l.index[k] |= cPhrase
	}
	return l
}

// withEzafe adds to each alternative ending in ه its form with the ezafe ی.
func withEzafe(alts string) string {
	out := alts
	for _, a := range strings.Split(alts, "|") {
		if strings.HasSuffix(a, "ه") {
			out += "|" + a + "ی"
		}
	}
	return out
}

// languages are the tables of the languages Find reads; any other language
// gets numeric dates only.
var languages = map[string]*language{
	"en": english.build(),
	"fr": french.build(),
	"ru": russian.build(),
	"ar": arabic.build(),
	"fa": persian.build(),
	"tr": turkish.build(),
	"":   (&spec{weekStart: time.Monday}).build(),
}
