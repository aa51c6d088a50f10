package main

import (
	"encoding/json"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jic-center/jic/internal/gazetteer/internal/gazdata"
	"github.com/jic-center/jic/internal/namekey"
	"github.com/jic-center/jic/internal/tarball"
)

// wordStats holds what the news corpora say about each word: for Latin and
// Cyrillic words, how often it is written in lower case, capitalized inside
// a sentence, and capitalized next to another capitalized word that is not
// a common word (a given name or surname); for Arabic-script words, how
// often it occurs.
type wordStats struct {
	lower, upper, paired map[string]int
	arabic               map[string]int
	arabicTokens         int
	topArabic            map[string]bool
	calendar             map[string]bool // hand-made: months, weekdays and the like
	hand                 map[string]bool // hand-made: Persian and Turkish common words
	placeWords           map[string]bool // one-word names of places: not a person's neighbour
	texts                int
	cased                []string // Latin and Cyrillic texts, kept for the second pass
}

func newWordStats() *wordStats {
	ws := &wordStats{lower: map[string]int{}, upper: map[string]int{}, paired: map[string]int{}, arabic: map[string]int{},
		calendar: map[string]bool{}, hand: map[string]bool{}, placeWords: map[string]bool{}}
	for _, w := range calendarWords {
		ws.calendar[namekey.Word(w)] = true
		ws.upper[namekey.Word(w)] += 0 // make it listed by words()
	}
	for _, w := range append(slices.Clone(persianCommonWords), turkishCommonWords...) {
		k := namekey.Word(w)
		ws.hand[k] = true
		if namekey.ScriptOf(k) == namekey.ScriptArabic {
			ws.arabic[k] += 0 // listed by arabicWords
		} else {
			ws.upper[k] += 0 // listed by words()
		}
	}
	return ws
}

// A corpus is one body of running text the word statistics read: a file
// under the shared data directory and the function that feeds its texts
// to the statistics.
type corpus struct {
	path string // relative to the data directory
	read func(ws *wordStats, path string) error
}

// shipCorpora are the corpora the shipped word classes are computed from:
// only those whose licence lets jic ship what is derived from them
// (../shared/data/README.md, "ship in product"): English, French and
// Russian Wikinews (CC BY 2.5), Global Voices (CC BY 3.0) and the ANT
// Arabic news corpus (Apache-2.0). The corpora marked "tests only" (BBC
// News, Reuters-21578, Fars News) and the share-alike Turkish NER
// sentences must not be added here: the generator's tests read them to
// measure the shipped classes (stats_test.go), nothing more. Persian and
// Turkish, which no shippable corpus covers, get hand-made word lists
// (handwords.go) instead.
var shipCorpora = []corpus{
	{"news/wikinews/gum_wikinews.jsonl", readJSONL},
	{"news/wikinews/globalvoices_2009.jsonl", readJSONL},
	{"news/wikinews/frwikinews_100.jsonl", readJSONL},
	{"news/wikinews/ruwikinews_nerel.jsonl", readJSONL},
	{"news/ant-arabic-news-v2.1.tar.gz", readANT},
}

// readWordStats reads corpora under the data directory dataDir. The
// corpora are not shipped; only the word classes derived from them are.
func readWordStats(dataDir string, corpora []corpus, placeWords map[string]bool) (*wordStats, error) {
	ws := newWordStats()
	ws.placeWords = placeWords
	for _, c := range corpora {
		if err := c.read(ws, filepath.Join(dataDir, filepath.FromSlash(c.path))); err != nil {
			return nil, err
		}
	}
	for _, t := range ws.cased {
		ws.countCase(t)
	}
	for _, t := range ws.cased {
		ws.countPairs(t)
	}
	log.Printf("word statistics: %d corpora, %d cased texts, %d cased words, %d Arabic-script tokens",
		len(corpora), len(ws.cased), len(ws.lower)+len(ws.upper), ws.arabicTokens)
	ws.cased = nil
	return ws, nil
}

// readJSONL reads a Wikinews or Global Voices file: one JSON object with
// a title and a text a line.
func readJSONL(ws *wordStats, path string) error {
	return eachJSONL(path, func(title, text string) { ws.addCased(title + "\n" + text) })
}

// addCased keeps a Latin or Cyrillic text for counting, web addresses
// blanked out: their words are lower case whatever they are
// (www.mk.ru/moscow/...).
func (ws *wordStats) addCased(text string) {
	ws.cased = append(ws.cased, webAddress.ReplaceAllString(text, " "))
}

var webAddress = regexp.MustCompile(`(?i)\b(?:https?://|www\.)[^\s\]\)"'<>«»]+`)

// readANT reads the TEXT fields of the ANT Arabic news corpus.
func readANT(ws *wordStats, path string) error {
	return eachTarFile(path, func(name string, b []byte) {
		for _, m := range antText.FindAllSubmatch(b, -1) {
			ws.countArabic(string(m[1]))
		}
	})
}

var antText = regexp.MustCompile(`(?s)<TEXT>(.*?)</TEXT>`)

func eachTarFile(path string, fn func(name string, b []byte)) error {
	return tarball.Each(path, func(name string, r io.Reader) error {
		b, err := io.ReadAll(r)
		if err == nil {
			fn(name, b)
		}
		return err
	})
}

func eachJSONL(path string, fn func(title, text string)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	var bad error
	err = readLines(f, func(line string) {
		var d struct{ Title, Text string }
		if e := json.Unmarshal([]byte(line), &d); e != nil && bad == nil {
			bad = fmt.Errorf("%s: %w", path, e)
		}
		fn(d.Title, d.Text)
	})
	if err != nil {
		return err
	}
	return bad
}

func (ws *wordStats) countArabic(text string) {
	namekey.Words(text, func(s, e int) bool {
		w := text[s:e]
		if namekey.ScriptOf(w) == namekey.ScriptArabic {
			ws.arabic[namekey.Word(w)]++
			ws.arabicTokens++
		}
		return true
	})
}

// casedWord is one Latin or Cyrillic word of a text with its case.
type casedWord struct {
	key            string
	start, end     int
	upper, initial bool
	allCaps        bool
}

func casedWords(text string) []casedWord {
	var out []casedWord
	namekey.Words(text, func(s, e int) bool {
		w := text[s:e]
		sc := namekey.ScriptOf(w)
		if sc != namekey.ScriptLatin && sc != namekey.ScriptCyrillic {
			out = append(out, casedWord{start: s, end: e})
			return true
		}
		r, _ := utf8.DecodeRuneInString(w)
		out = append(out, casedWord{key: namekey.Word(w), start: s, end: e, upper: unicode.IsUpper(r),
			initial: SentenceInitial(text, s), allCaps: allCaps(w)})
		return true
	})
	return out
}

func (ws *wordStats) countCase(text string) {
	for _, w := range casedWords(text) {
		switch {
		case w.key == "" || w.allCaps:
		case !w.upper:
			ws.lower[w.key]++
		case !w.initial:
			ws.upper[w.key]++
		}
	}
	ws.texts++
}

// countPairs counts the capitalized words that stand next to another
// capitalized, uncommon word with nothing but a space between them.
func (ws *wordStats) countPairs(text string) {
	words := casedWords(text)
	for i := 0; i+1 < len(words); i++ {
		a, b := words[i], words[i+1]
		if a.key == "" || b.key == "" || !a.upper || !b.upper || a.allCaps || b.allCaps || b.initial {
			continue
		}
		if text[a.end:b.start] != " " || ws.common(a.key) || ws.common(b.key) || ws.placeWords[a.key] || ws.placeWords[b.key] {
			continue
		}
		if !a.initial {
			ws.paired[a.key]++
		}
		ws.paired[b.key]++
	}
}

// common reports whether news writes word in lower case at least a fifth
// as often as capitalized inside a sentence ("university", "center" are
// capitalized in names of institutions more often than not), or it is a
// month, a weekday or the like, or a hand-listed Turkish word that the
// corpora do not show to be a name in another language.
//
// One lower-case occurrence is evidence enough: the corpora that may be
// shipped hold some 60 English texts, forty times less English than the
// BBC and Reuters texts the statistics once came from, and on those texts
// a floor of one finds twice the common words a floor of three finds, as
// precisely (stats_test.go). Web addresses, whose words are lower case
// whatever they are, are not counted (addCased).
func (ws *wordStats) common(key string) bool {
	if ws.calendar[key] {
		return true
	}
	lo, up := ws.lower[key], ws.upper[key]
	if ws.hand[key] && (up < 3 || lo*4 >= up) {
		return true
	}
	return lo >= 1 && lo*4 >= up
}

// frequentArabic reports whether an Arabic-script word is among the
// frequent words of the Arabic corpus (one in 20,000 tokens) or in the
// hand-made Persian list.
func (ws *wordStats) frequentArabic(key string) bool {
	return ws.hand[key] || ws.arabicTokens > 0 && ws.arabic[key]*20000 >= ws.arabicTokens
}

// commonArabic reports whether an Arabic-script word is a common word
// rather than a name: in the hand-made Persian list, one of the hundred
// most frequent words of the Arabic corpus (كان), or a noun or adjective
// that is frequent both with the article and without it (مدينة and
// المدينة, جديدة and الجديدة), which names like واشنطن or القاهرة are
// not. Frequency alone would not do: Washington, Moscow and Damascus are
// as frequent in news as "committee".
func (ws *wordStats) commonArabic(key string) bool {
	if ws.hand[key] {
		return true
	}
	if ws.arabicTokens == 0 {
		return false
	}
	if ws.topArabic == nil {
		ws.topArabic = map[string]bool{}
		keys := make([]string, 0, len(ws.arabic))
		for k := range ws.arabic {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool {
			a, b := ws.arabic[keys[i]], ws.arabic[keys[j]]
			return a > b || a == b && keys[i] < keys[j]
		})
		for _, k := range keys[:min(100, len(keys))] {
			ws.topArabic[k] = true
		}
	}
	if ws.topArabic[key] {
		return true
	}
	base := strings.TrimPrefix(key, "ال")
	frequent := func(w string) bool { return ws.arabic[w]*50000 >= ws.arabicTokens } // 20 a million
	return frequent(base) && frequent("ال"+base)
}

// personal reports whether a capitalized word is usually part of a personal
// or organization name: most (six in ten) of at least four capitalized
// occurrences stand next to another capitalized word that is neither
// common nor a place name. Four, not the eight of larger corpora: the
// shippable corpora name fewer people fewer times.
func (ws *wordStats) personal(key string) bool {
	up := ws.upper[key]
	return up >= 4 && ws.paired[key]*10 >= up*6
}

// words returns the word classes to ship: the common words and the personal
// words among the Latin and Cyrillic words seen at least a few times.
func (ws *wordStats) words() []gazdata.Word {
	var out []gazdata.Word
	seen := map[string]bool{}
	for _, m := range []map[string]int{ws.lower, ws.upper} {
		for k := range m {
			if seen[k] || utf8.RuneCountInString(k) < 2 {
				continue
			}
			seen[k] = true
			var c uint8
			if ws.common(k) {
				c |= gazdata.WordCommon
			}
			if ws.personal(k) {
				c |= gazdata.WordPersonal
			}
			if c != 0 {
				out = append(out, gazdata.Word{Word: k, Class: c})
			}
		}
	}
	return out
}

func allCaps(w string) bool {
	n := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			n++
		}
	}
	return n > 1
}

// SentenceInitial reports whether the word at byte offset i of text starts a
// sentence, a line or the text: only spaces, quotes and brackets stand
// between it and the previous sentence end.
func SentenceInitial(text string, i int) bool {
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:i])
		switch {
		case r == '\n' || r == '.' || r == '!' || r == '?' || r == ':' || r == ';' || r == '•' || r == '|':
			return true
		case r == ' ' || r == '\t' || r == '\r' || r == '\u00a0' || strings.ContainsRune("\"'«»“”‘’„([{-–—*", r):
			i -= size
		default:
			return false
		}
	}
	return true
}

// dump writes the statistics of the Latin and Cyrillic words, for
// inspection: word, lower-case, capitalized and paired counts.
func (ws *wordStats) dump(path string) error {
	var b strings.Builder
	seen := map[string]bool{}
	for _, m := range []map[string]int{ws.lower, ws.upper} {
		for k := range m {
			if !seen[k] {
				seen[k] = true
				fmt.Fprintf(&b, "%s\t%d\t%d\t%d\n", k, ws.lower[k], ws.upper[k], ws.paired[k])
			}
		}
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}
