package ner

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// phraseIndex finds phrases of one or more words in a text by their keys,
// by their stems (Russian and Turkish), and single words by a prefix.
// Values are indexes into the owner's table (cues, aliases). It is
// read-only once built.
type phraseIndex struct {
	exact, stems           map[string][]int32 // words' keys (stems) joined by spaces → values
	firstExact, firstStems map[string]uint8   // first word → most words of a phrase it starts
	prefixes               map[string][]int32 // single words matched as prefixes
	prefixLens             []int              // the byte lengths in prefixes, ascending
	// prefixHeads is a bit for the hash of the first prefixLens[0] bytes of
	// every prefix: most words start like none, and are rejected by one
	// probe instead of a map lookup per prefix length.
	prefixHeads [prefixHeadBits / 64]uint64
	// stemStarts holds the first three letters of every stem of every
	// phrase: a word that starts otherwise need not be stemmed.
	stemStarts map[string]bool
}

// maxPhraseWords bounds the words of a phrase, so that matching stays linear.
const maxPhraseWords = 8

func newPhraseIndex() *phraseIndex {
	return &phraseIndex{exact: map[string][]int32{}, stems: map[string][]int32{}, firstExact: map[string]uint8{},
		firstStems: map[string]uint8{}, prefixes: map[string][]int32{}, stemStarts: map[string]bool{}}
}

// add indexes a phrase given as the keys of its words, and, when stemLang
// is "ru" or "tr", the stems of its words (ws: the words as written).
func (x *phraseIndex) add(ks, ws []string, stemLang string, v int32) {
	if len(ks) == 0 || len(ks) > maxPhraseWords {
		return
	}
	j := strings.Join(ks, " ")
	if !slices.Contains(x.exact[j], v) {
		x.exact[j] = append(x.exact[j], v)
	}
	if n := uint8(len(ks)); x.firstExact[ks[0]] < n {
		x.firstExact[ks[0]] = n
	}
	if stemLang == "" {
		return
	}
	ss := make([]string, len(ks))
	for i, k := range ks {
		ss[i] = phraseStem(ws[i], k, stemLang)
		x.stemStarts[stemStart(ss[i])] = true
	}
	j = strings.Join(ss, " ")
	if !slices.Contains(x.stems[j], v) {
		x.stems[j] = append(x.stems[j], v)
	}
	if n := uint8(len(ss)); x.firstStems[ss[0]] < n {
		x.firstStems[ss[0]] = n
	}
}

// stemStart returns the first three letters of a stem or key.
func stemStart(s string) string {
	n := 0
	for i := range s {
		if n == 3 {
			return s[:i]
		}
		n++
	}
	return s
}

// phraseStem stems a word of a phrase as stemOf stems a word of the text.
func phraseStem(w, k, lang string) string {
	if isAllCapsWord(w) || utf8.RuneCountInString(k) < 5 {
		return k
	}
	if sc := scriptOf(k); lang == "ru" && sc != scriptCyrillic || lang == "tr" && sc != scriptLatin {
		return k
	}
	if s := stem(w, k, lang); s != "" {
		return s
	}
	return k
}

func (x *phraseIndex) addPrefix(k string, v int32) {
	if !slices.Contains(x.prefixes[k], v) {
		x.prefixes[k] = append(x.prefixes[k], v)
	}
	if !slices.Contains(x.prefixLens, len(k)) {
		x.prefixLens = append(x.prefixLens, len(k))
		slices.Sort(x.prefixLens)
	}
	x.prefixHeads = [prefixHeadBits / 64]uint64{} // the shortest length may have changed
	for p := range x.prefixes {
		h := prefixHead(p[:x.prefixLens[0]])
		x.prefixHeads[h/64] |= 1 << (h % 64)
	}
}

const prefixHeadBits = 1 << 14

// prefixHead hashes the head of a word (FNV-1a) to a bit of prefixHeads.
func prefixHead(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint32(s[i])) * 16777619
	}
	return h % prefixHeadBits
}

// mayHavePrefix reports whether key k may start with one of the prefixes:
// false only when it cannot.
func (x *phraseIndex) mayHavePrefix(k string) bool {
	if len(x.prefixLens) == 0 || len(k) < x.prefixLens[0] {
		return false
	}
	h := prefixHead(k[:x.prefixLens[0]])
	return x.prefixHeads[h/64]&(1<<(h%64)) != 0
}

// phraseMatch is a phrase found at a token: its length in words and values.
type phraseMatch struct {
	n      int
	values []int32
}

// longest returns the longest phrase of x that starts at token i and whose
// values accept keeps, trying the word's key, its stem, then its forms
// without Arabic proclitics; n is 0 if there is none. accept gets the
// value and the number of words and returns whether to keep it; the
// values returned are only those kept.
func (f *finder) longest(x *phraseIndex, i int, accept func(v int32, n int) bool) phraseMatch {
	t := &f.toks[i]
	if t.key == "" || !f.mayStart(x, i) {
		return phraseMatch{}
	}
	avail := 1
	for avail < maxPhraseWords && i+avail < len(f.toks) && f.toks[i+avail].join && f.toks[i+avail].key != "" {
		avail++
	}
	best := phraseMatch{}
	try := func(first string, stemmed bool) {
		maxN, ok := x.firstExact[first]
		if stemmed {
			maxN, ok = x.firstStems[first]
		}
		if !ok {
			return
		}
		for n := min(int(maxN), avail); n > best.n; n-- {
			f.buf = append(f.buf[:0], first...)
			for j := i + 1; j < i+n; j++ {
				f.buf = append(f.buf, ' ')
				if stemmed {
					f.buf = append(f.buf, f.stemOf(j)...)
				} else {
					f.buf = append(f.buf, f.toks[j].key...)
				}
			}
			var vs []int32
			if stemmed {
				vs = x.stems[string(f.buf)]
			} else {
				vs = x.exact[string(f.buf)]
			}
			var kept []int32
			for _, v := range vs {
				if accept == nil || accept(v, n) {
					kept = append(kept, v)
				}
			}
			if len(kept) > 0 {
				best = phraseMatch{n, kept}
				return
			}
		}
	}
	try(t.key, false)
	if f.stems {
		try(f.stemOf(i), true)
	}
	if t.script == scriptArabic && f.lang != "fa" {
		for _, v := range arabicVariants(t.key) {
			try(v, false)
		}
	}
	if best.n == 0 && x.mayHavePrefix(t.key) {
		for _, l := range x.prefixLens {
			if l > len(t.key) {
				break
			}
			if l < len(t.key) && !utf8.RuneStart(t.key[l]) {
				continue
			}
			for _, v := range x.prefixes[t.key[:l]] {
				if accept == nil || accept(v, 1) {
					best.n = 1
					best.values = append(best.values, v)
				}
			}
		}
	}
	return best
}

// mayStart reports whether a form of token i (its key, its stem, its forms
// without proclitics, a prefix) is the first word of a phrase of x. For the
// lexicon, looked up at every word several times, the answer is kept.
func (f *finder) mayStart(x *phraseIndex, i int) bool {
	t := &f.toks[i]
	if x == f.lex.idx {
		if t.lexDone {
			return t.lexStart
		}
		t.lexDone = true
		t.lexStart = f.startsIn(x, i)
		return t.lexStart
	}
	return f.startsIn(x, i)
}

func (f *finder) startsIn(x *phraseIndex, i int) bool {
	t := &f.toks[i]
	if _, ok := x.firstExact[t.key]; ok {
		return true
	}
	if f.stems && len(x.firstStems) > 0 {
		if _, ok := x.firstStems[f.stemOf(i)]; ok {
			return true
		}
	}
	if t.script == scriptArabic && f.lang != "fa" {
		for _, v := range arabicVariants(t.key) {
			if _, ok := x.firstExact[v]; ok {
				return true
			}
		}
	}
	if !x.mayHavePrefix(t.key) {
		return false
	}
	for _, l := range x.prefixLens {
		if l > len(t.key) {
			break
		}
		if _, ok := x.prefixes[t.key[:l]]; ok && (l == len(t.key) || utf8.RuneStart(t.key[l])) {
			return true
		}
	}
	return false
}

// Arabic proclitics: conjunctions, then prepositions.
var (
	arConj = [...]string{"", "و", "ف"}
	arPrep = [...]string{"", "ب", "ل", "ك"}
)

// arabicVariants returns the forms of an Arabic word without its
// proclitics: وداعش → داعش, للأمم → الأمم, بالرئيس → الرئيس.
func arabicVariants(k string) []string {
	if !hasProclitic(k) {
		return nil
	}
	var out []string
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
				s2 = "ا" + s2 // للأمم is ل + الأمم
			}
			if utf8.RuneCountInString(s2) >= 2 && !slices.Contains(out, s2) {
				out = append(out, s2)
			}
		}
	}
	return out
}

// hasProclitic reports whether an Arabic key starts with a letter that may
// be a proclitic: و ف ب ل ك.
func hasProclitic(k string) bool {
	r, _ := utf8.DecodeRuneInString(k)
	return r == 'و' || r == 'ف' || r == 'ب' || r == 'ل' || r == 'ك'
}

func isAllCapsWord(w string) bool {
	letters := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 2
}
