package gazetteer

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/jic-center/jic/internal/gazetteer/internal/gazdata"
	"github.com/jic-center/jic/internal/namekey"
	"github.com/jic-center/jic/internal/textindex"
)

// Limits that bound the work Find does whatever the input.
const (
	MaxTokens    = 100000 // words beyond this many are not looked at
	maxWordBytes = 64     // longer words are no place name
	maxWindow    = 5      // words in the longest name looked up
)

// Match is one mention of a place in a text.
type Match struct {
	Start, End int    // the byte span of the mention in the text
	Text       string // text[Start:End]
	// Candidates are the places the mention may mean; Resolve picks one.
	Candidates []Candidate
	// Demonym: the mention is a demonym or adjective ("Iraqi", "иракских").
	Demonym bool
	// Qualifier is the index of the match that qualifies this one in an
	// "X, Y" pattern ("Springfield, Illinois"; "Paris (Texas)"), or -1.
	Qualifier int

	key  string   // the normalized form of the mention, for one sense per discourse
	ev   evidence // what the words around the mention say
	pens []float32
}

// evidence is what the words around a mention say about it.
type evidence uint16

const (
	evInitial      evidence = 1 << iota // the mention starts a sentence
	evTitle                             // a title or "said" stands before it: Mr., President, الرئيس
	evPersonPrev                        // a capitalized unknown word stands right before it: George Washington
	evPersonNext                        // a capitalized unknown word follows it: Paris Hilton
	evPersonal                          // the word is usually a given name or surname in news
	evCommonWord                        // the word is usually a common word in news
	evLower                             // written in lower case
	evCapNeighbour                      // a capitalized word stands right before or after it, inside a sentence
	evSaid                              // a verb of speech stands before it: "said Jackson"
	evUncased                           // not in Latin script, where titles take genitives (мэр Москвы)
	evGivenName                         // the word before is usually a given name in news: Michael Jordan
	evArabic                            // in Arabic script
	evCyrillic                          // in Cyrillic script
)

// token is one word of the text.
type token struct {
	start, end int
	key        string
	base       string // key of the part before an apostrophe: China's → china
	script     namekey.Script
	upper      bool // starts with a capital letter
	allCaps    bool
	initial    bool // starts a sentence
	stem       string
	stemmed    bool
}

// variant is one form of a word to look up, with the penalty its
// derivation costs.
type variant struct {
	key string
	pen float32
}

// finder holds the state of one Find call.
type finder struct {
	g      *Gazetteer
	text   string
	lang   string
	toks   []token
	buf    []byte
	hits   map[uint32]float32 // place → best penalty, reused
	flagOf map[uint32]uint8
	vars   [][3]span32 // variants of each token as first alone, first, last, in arena; nil until needed
	arena  []variant
}

type span32 struct{ start, end int32 }

// Find returns the place mentions in text, in order, without overlaps, each
// with the places it may mean. lang is the text's language (en, fr, ru, tr,
// ar, fa; "" when unknown): it selects the inflection rules. At most the
// first MaxTokens words are read.
func (g *Gazetteer) Find(text, lang string) []Match {
	lang = textindex.Lang(lang)
	f := finders.Get().(*finder)
	defer f.release()
	f.g, f.text, f.lang = g, text, lang
	f.tokenize()
	var out []Match
	for i := 0; i < len(f.toks); {
		m, n := f.matchAt(i)
		if n == 0 {
			i++
			continue
		}
		out = append(out, m)
		i += n
	}
	f.qualify(out)
	return out
}

// finders keeps finders between calls: their token and variant arrays are
// most of what Find allocates.
var finders = sync.Pool{New: func() any { return &finder{hits: map[uint32]float32{}, flagOf: map[uint32]uint8{}} }}

// release returns f to the pool, keeping its arrays but nothing of the text.
func (f *finder) release() {
	if cap(f.toks) > 1<<16 {
		return // an outsized text's arrays are not worth keeping
	}
	clear(f.toks)
	f.g, f.text, f.lang, f.toks, f.vars, f.arena = nil, "", "", f.toks[:0], f.vars[:0], f.arena[:0]
	finders.Put(f)
}

func (f *finder) tokenize() {
	if n := min(len(f.text)/6+1, MaxTokens); cap(f.toks) < n {
		f.toks = make([]token, 0, n) // about one word in six bytes
	}
	namekey.Words(f.text, func(s, e int) bool {
		if len(f.toks) >= MaxTokens {
			return false
		}
		t := token{start: s, end: e}
		w := f.text[s:e]
		if len(w) <= maxWordBytes {
			t.key = namekey.Word(w)
			t.base = t.key
			a := apostrophe(w)
			if a > 0 {
				t.base = namekey.Word(w[:a])
			}
			t.script = namekey.ScriptOf(t.key)
			r, _ := utf8.DecodeRuneInString(w)
			rest := w
			if a > 0 && elision[t.base] {
				_, size := utf8.DecodeRuneInString(w[a:])
				rest = w[a+size:] // l'Irak, d'Alep, l'OTAN: the name's case
				r, _ = utf8.DecodeRuneInString(rest)
			}
			t.upper = unicode.IsUpper(r)
			t.allCaps = t.upper && isAllCaps(rest)
			t.initial = sentenceInitial(f.text, s)
		}
		f.toks = append(f.toks, t)
		return true
	})
}

func isAllCaps(w string) bool {
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
	}
	return true
}

// sentenceInitial reports whether the word at byte i starts a sentence, a
// line or the text.
func sentenceInitial(text string, i int) bool {
	for n := 0; i > 0 && n < 16; n++ {
		r, size := utf8.DecodeLastRuneInString(text[:i])
		switch {
		case r == '\n' || r == '.' || r == '!' || r == '?' || r == ':' || r == ';' || r == '•' || r == '|' || r == '؟' || r == '。':
			return true
		case r == ' ' || r == '\t' || r == '\r' || r == '\u00a0' || strings.ContainsRune("\"'«»“”‘’„([{–—*", r):
			i -= size
		default:
			return false
		}
	}
	return i == 0
}

// joinable reports whether the text between two words keeps them in one
// name: spaces, a hyphen or an abbreviation's full stop ("St. Petersburg").
func (f *finder) joinable(a, b token) bool {
	sep := f.text[a.end:b.start]
	switch sep {
	case " ", "-", "‐", "\u00a0", "  ":
		return true
	case ". ":
		return utf8.RuneCountInString(f.text[a.start:a.end]) <= 3 && a.upper
	case ".":
		return a.end-a.start == 1 // U.S.
	}
	return false
}

// matchAt finds the longest name starting at word i and returns its match
// and its length in words, or 0.
func (f *finder) matchAt(i int) (Match, int) {
	t := f.toks[i]
	if t.key == "" || t.script == namekey.ScriptNone || t.script == namekey.ScriptOther {
		return Match{}, 0
	}
	n := 1
	for n < maxWindow && i+n < len(f.toks) && f.toks[i+n].key != "" && f.joinable(f.toks[i+n-1], f.toks[i+n]) {
		n++
	}
	known := false // the word's first-word forms and stem are known to be no key
	if n > 1 {
		l := f.longest(i)
		known = l == 0
		n = max(1, min(n, l))
	}
	for ; n >= 1; n-- {
		if f.lookup(i, n, n == 1 && known) {
			return f.match(i, n), n
		}
	}
	return Match{}, 0
}

// longest returns the most words of a name that word i may start: no
// window longer than that can match.
func (f *finder) longest(i int) int {
	n := 0
	for _, v := range f.cachedVariants(i, 1) {
		f.buf = append(f.buf[:0], v.key...)
		n = max(n, f.longestAt())
	}
	if sl := f.stemLang(f.toks[i : i+1]); sl != "" {
		if s := f.stemOf(i); s != "" {
			f.buf = append(append(append(f.buf[:0], sl...), ':'), s...)
			n = max(n, f.longestAt())
		}
	}
	return n
}

// longestAt returns the most words of a key whose first word is the key
// in f.buf: 0 when it is no key and no key's first word.
func (f *finder) longestAt() int {
	if k := f.g.idx.find(f.buf); k >= 0 {
		return int(f.g.idx.longest[k])
	}
	return 0
}

// lookup collects in f.hits the places the window of n words at i names,
// after the case rules, and reports whether there are any. With absent, a
// one-word window is looked up only in the forms of the word that longest
// did not find absent already: those of a last word.
func (f *finder) lookup(i, n int, absent bool) bool {
	clear(f.hits)
	clear(f.flagOf)
	toks := f.toks[i : i+n]
	firsts := f.cachedVariants(i, 0)
	if n > 1 {
		firsts = f.cachedVariants(i, 1)
	}
	lasts := []variant{{toks[n-1].key, 0}}
	if n > 1 {
		lasts = f.cachedVariants(i+n-1, 2)
	}
	var seen []variant
	if absent {
		seen = f.cachedVariants(i, 1)
	}
	for _, a := range firsts {
		if absent && slices.ContainsFunc(seen, func(v variant) bool { return v.key == a.key }) {
			continue
		}
		for _, z := range lasts {
			f.buf = append(f.buf[:0], a.key...)
			if n > 1 {
				for _, t := range toks[1 : n-1] {
					f.buf = append(f.buf, ' ')
					f.buf = append(f.buf, t.key...)
				}
				f.buf = append(f.buf, ' ')
				f.buf = append(f.buf, z.key...)
			}
			f.collect(toks, false, a.pen+z.pen)
		}
	}
	if sl := f.stemLang(toks); sl != "" && !absent {
		f.buf = append(f.buf[:0], sl...)
		f.buf = append(f.buf, ':')
		ok := true
		for j := range toks {
			if toks[j].upper && f.g.words[toks[j].key]&gazdata.WordCommon != 0 {
				ok = false
				break
			}
			s := f.stemOf(i + j)
			if s == "" {
				ok = false
				break
			}
			if j > 0 {
				f.buf = append(f.buf, ' ')
			}
			f.buf = append(f.buf, s...)
		}
		if ok {
			f.collect(toks, true, 0.1)
		}
	}
	return len(f.hits) > 0
}

// collect adds the postings of the key in f.buf that the case rules allow.
func (f *finder) collect(toks []token, stemmed bool, pen float32) {
	k := f.g.idx.find(f.buf)
	if k < 0 {
		return
	}
	for _, p := range f.g.idx.postings(k) {
		place, flags := p>>8, uint8(p)
		if (flags&gazdata.FlagStem != 0) != stemmed || !f.caseAllows(toks, flags) {
			continue
		}
		if pen >= penArticle && flags&(gazdata.FlagDerived|gazdata.FlagCommon) != 0 {
			continue // المركزي is "the central", not Markazi
		}
		if pen >= penInflected && flags&gazdata.FlagMain == 0 {
			continue // an inflected or prefixed word names a place by its own names only
		}
		if old, ok := f.hits[place]; ok && old <= pen {
			continue
		}
		f.hits[place] = pen
		f.flagOf[place] = flags
	}
}

// caseAllows applies the case rules of Latin and Cyrillic script: a name
// starts and ends with a capital, an abbreviation is all capitals, and only
// French and Russian adjectives of nationality go in lower case.
func (f *finder) caseAllows(toks []token, flags uint8) bool {
	first, last := toks[0], toks[len(toks)-1]
	if flags&gazdata.FlagAbbrev != 0 {
		return first.upper && strings.HasPrefix(f.text[last.end:], ".")
	}
	if first.script != namekey.ScriptLatin && first.script != namekey.ScriptCyrillic {
		return flags&gazdata.FlagAcronym == 0
	}
	if flags&gazdata.FlagAcronym != 0 {
		for _, t := range toks {
			if !t.allCaps {
				return false
			}
		}
		return true
	}
	if flags&gazdata.FlagLower != 0 {
		return true
	}
	if !first.upper || !last.upper {
		return false
	}
	// A short word in capitals is an abbreviation (NATO, ISIS, PAR), not a
	// town that happens to share its letters.
	if len(toks) == 1 && first.allCaps && utf8.RuneCountInString(first.key) <= 4 {
		return false
	}
	return true
}

// stemLang returns the analyzer whose stems the window is looked up by:
// Russian for Cyrillic words, Turkish for Turkish text; "" for none.
func (f *finder) stemLang(toks []token) string {
	switch toks[0].script {
	case namekey.ScriptCyrillic:
		if f.lang == "" || f.lang == "ru" {
			return "ru"
		}
	case namekey.ScriptLatin:
		if f.lang == "tr" {
			return "tr"
		}
	}
	return ""
}

func (f *finder) stemOf(i int) string {
	t := &f.toks[i]
	if !t.stemmed {
		t.stemmed = true
		lang := "ru"
		if t.script == namekey.ScriptLatin {
			lang = "tr"
		}
		if term, ok := textindex.WordTerm(f.text[t.start:t.end], lang); ok {
			t.stem = term
		}
	}
	return t.stem
}

// Arabic proclitics: conjunctions, then prepositions.
var (
	arConj = []string{"", "و", "ف"}
	arPrep = []string{"", "ب", "ل", "ك"}
)

// Russian case endings and the nominative endings they may replace.
var (
	ruEndings = []string{"ами", "ями", "ого", "его", "ому", "ему", "ией", "ой", "ей", "ом", "ем", "ах", "ях", "ам", "ям", "ию", "ии", "ие", "ью", "а", "я", "у", "ю", "е", "ы", "и"}
	ruNomin   = []string{"", "а", "я", "ь", "ия", "й", "ы", "и"}
)

// cachedVariants returns the variants of token i as the first word of a
// one-word window (role 0), the first of a longer one (1) or the last of a
// longer one (2), computing each once: windows overlap, and a token is the
// edge of up to four of them.
func (f *finder) cachedVariants(i, role int) []variant {
	if len(f.vars) == 0 {
		f.vars = slices.Grow(f.vars[:0], len(f.toks))[:len(f.toks)]
		clear(f.vars)
		f.arena = slices.Grow(f.arena[:0], 2*len(f.toks))
	}
	if v := f.vars[i][role]; v.end != 0 {
		return f.arena[v.start:v.end:v.end]
	}
	start := len(f.arena)
	f.arena = f.variants(f.arena, f.toks[i], role <= 1, role != 1)
	f.vars[i][role] = span32{int32(start), int32(len(f.arena))}
	return f.arena[start:len(f.arena):len(f.arena)]
}

// apostrophe returns the index of the first apostrophe (', ’ or ʼ) in s,
// or -1; strings.IndexAny with non-ASCII runes decodes every rune.
func apostrophe(s string) int {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\'':
			return i
		case 0xE2: // ’ is E2 80 99
			if i+2 < len(s) && s[i+1] == 0x80 && s[i+2] == 0x99 {
				return i
			}
		case 0xCA: // ʼ is CA BC
			if i+1 < len(s) && s[i+1] == 0xBC {
				return i
			}
		}
	}
	return -1
}

// variants appends to out the forms of word t to look up: the word itself, the
// word without a Turkish suffix, English possessive or French elided
// article after an apostrophe, without Arabic proclitics (first word of a
// name), with Russian case endings replaced (last word).
func (f *finder) variants(out []variant, t token, first, last bool) []variant {
	base := len(out)
	out = append(out, variant{t.key, 0})
	raw := f.text[t.start:t.end]
	if a := apostrophe(raw); a > 0 {
		_, size := utf8.DecodeRuneInString(raw[a:])
		before, after := namekey.Word(raw[:a]), namekey.Word(raw[a+size:])
		if last && utf8.RuneCountInString(before) >= 3 {
			out = append(out, variant{before, 0.05})
		}
		if first && elision[before] && utf8.RuneCountInString(after) >= 3 {
			out = append(out, variant{after, 0.05})
		}
	}
	switch t.script {
	case namekey.ScriptArabic:
		// A frequent word is that word, not a prefix and a name: وكالة.
		if first && f.g.words[t.key]&gazdata.WordCommon == 0 {
			out = appendArabic(out, base, t.key)
		}
	case namekey.ScriptCyrillic:
		// A word news mostly writes in lower case (совета, сети) is that
		// word when capitalized, not a town's name in another case.
		if last && (f.lang == "" || f.lang == "ru") && f.g.words[t.key]&gazdata.WordCommon == 0 {
			out = appendRussian(out, t.key)
		}
	}
	return out
}

// penInflected is the smallest penalty of a form found by removing a
// prefix, a case ending or by stemming.
const penInflected = 0.1

// penArticle is the penalty of a name found only after dropping the
// Arabic article; collect refuses derived names found so.
const penArticle = 0.6

var elision = map[string]bool{"l": true, "d": true, "qu": true, "jusqu": true, "lorsqu": true, "puisqu": true}

// appendArabic appends to out the forms of Arabic word k without its
// proclitics or article; the variants of k start at out[base].
func appendArabic(out []variant, base int, k string) []variant {
	added := len(out)
	add := func(s string, pen float32) {
		if s == k || utf8.RuneCountInString(s) < 3 {
			return
		}
		for _, v := range out[added:] {
			if v.key == s {
				return
			}
		}
		out = append(out, variant{s, pen})
	}
	for _, c := range arConj {
		s1, ok := strings.CutPrefix(k, c)
		if !ok {
			continue
		}
		for _, p := range arPrep {
			s2, ok := strings.CutPrefix(s1, p)
			if !ok || c == "" && p == "" {
				continue
			}
			if p == "ل" && strings.HasPrefix(s2, "ل") {
				s2 = "ا" + s2 // لل → ال: للعراق is ل + العراق
			}
			add(s2, 0.2)
		}
	}
	// The article, as the last resort: names are kept with the article
	// news writes them with, but not always.
	for j, n := base, len(out); j < n; j++ {
		if s, ok := strings.CutPrefix(out[j].key, "ال"); ok {
			add(s, out[j].pen+penArticle)
		}
	}
	return out
}

func appendRussian(out []variant, k string) []variant {
	for _, e := range ruEndings {
		base, ok := strings.CutSuffix(k, e)
		if !ok || utf8.RuneCountInString(base) < 3 {
			continue
		}
		for _, nom := range ruNomin {
			if s := base + nom; s != k {
				out = append(out, variant{s, 0.3})
			}
		}
	}
	return out
}

// match builds the match of the n words at i from f.hits.
func (f *finder) match(i, n int) Match {
	first, last := f.toks[i], f.toks[i+n-1]
	m := Match{Start: first.start, End: last.end, Text: f.text[first.start:last.end], Qualifier: -1, Demonym: true}
	for p, pen := range f.hits {
		c := f.g.candidate(p, f.flagOf[p])
		m.Candidates = append(m.Candidates, c)
		m.pens = append(m.pens, pen)
		if !c.Demonym {
			m.Demonym = false
		}
	}
	sortCandidates(&m)
	var kb strings.Builder
	for j, t := range f.toks[i : i+n] {
		if j > 0 {
			kb.WriteByte(' ')
		}
		kb.WriteString(t.base)
	}
	m.key = kb.String()
	m.ev = f.evidence(i, n)
	return m
}

// sortCandidates orders candidates by prior, best first, so that output is
// deterministic whatever the map order.
func sortCandidates(m *Match) {
	idx := make([]int, len(m.Candidates))
	for i := range idx {
		idx[i] = i
	}
	prior := make([]float64, len(m.Candidates))
	for i, c := range m.Candidates {
		prior[i] = priorScore(c) - float64(m.pens[i])
	}
	less := func(a, b int) bool {
		if prior[a] != prior[b] {
			return prior[a] > prior[b]
		}
		return m.Candidates[a].ref < m.Candidates[b].ref
	}
	// insertion sort: candidate lists are short
	for i := 1; i < len(idx); i++ {
		for j := i; j > 0 && less(idx[j], idx[j-1]); j-- {
			idx[j], idx[j-1] = idx[j-1], idx[j]
		}
	}
	cs := make([]Candidate, len(idx))
	ps := make([]float32, len(idx))
	for i, k := range idx {
		cs[i], ps[i] = m.Candidates[k], m.pens[k]
	}
	m.Candidates, m.pens = cs, ps
}
