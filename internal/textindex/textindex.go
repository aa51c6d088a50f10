// Package textindex is jic's text analyzer: it turns the title and text of a
// report, and the words of a query, into index terms. Both stores index the
// terms it produces (SQLite in FTS5, PostgreSQL in a tsvector) and search
// with the terms it produces for the query, so the two backends return the
// same hits.
//
// Analysis of a word: split the text into words (letters, digits and the
// marks inside them; CJK runs become bigrams), normalize the word (Unicode
// NFKC; Arabic and Persian letter forms unified; vowel marks, tatweel and
// zero-width joiners removed; Eastern digits made ASCII), lower-case it with
// the rules of its language (Turkish dotted and dotless i), stem it in its
// language (English, French, Russian, Turkish with Snowball; Arabic and
// Persian with light stemmers written here), then fold what users often type
// without (Latin accents, ı→i, ё→е).
package textindex

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jic-center/jic/internal/memo"
)

// Version changes whenever analysis changes the terms it produces; stores
// record it and an index built by another version must be rebuilt.
const Version = 1

// Limits that keep index rows bounded whatever the input.
const (
	MaxTermBytes = 96    // longer words are cut at a rune boundary
	MaxTokens    = 50000 // words beyond this many in one field are not indexed
)

// Token is one analyzed word: its index term and the byte span of the word in
// the analyzed text.
type Token struct {
	Term       string
	Start, End int
}

// Analyze calls fn for each word of text, in order, with its index term.
// lang is the language of the text as a BCP 47 tag or ISO 639 code; "" or an
// unsupported language analyzes each word by the default for its script. At
// most MaxTokens tokens are produced.
func Analyze(text, lang string, fn func(Token)) {
	l := Lang(lang)
	n := 0
	words(text, func(start, end int, cjk bool) bool {
		if cjk {
			n += bigrams(text[start:end], start, func(t Token) { fn(t) })
			return n < MaxTokens
		}
		if term := analyzeWord(text[start:end], l); term != "" {
			fn(Token{Term: term, Start: start, End: end})
			n++
		}
		return n < MaxTokens
	})
}

// Terms returns the index terms of text in order.
func Terms(text, lang string) []string {
	var out []string
	Analyze(text, lang, func(t Token) { out = append(out, t.Term) })
	return out
}

// WordTerm returns the index term of text when text is one word (Terms
// would return exactly one term), and false otherwise. It allocates
// nothing when the word's term is cached.
func WordTerm(text, lang string) (string, bool) {
	var term string
	n := 0
	Analyze(text, lang, func(t Token) {
		term = t.Term
		n++
	})
	return term, n == 1
}

// IndexText returns the terms of text joined by single spaces: the form both
// stores index.
func IndexText(text, lang string) string {
	var b strings.Builder
	Analyze(text, lang, func(t Token) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.Term)
	})
	return b.String()
}

// Lang maps a language tag to the analyzer's language: "en", "fr", "ru",
// "tr", "ar", "fa", or "" when jic has no stemmer for it.
func Lang(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	switch tag {
	case "en", "eng":
		return "en"
	case "fr", "fra", "fre":
		return "fr"
	case "ru", "rus":
		return "ru"
	case "tr", "tur":
		return "tr"
	case "ar", "ara", "arb":
		return "ar"
	case "fa", "fas", "per", "pes", "prs":
		return "fa"
	}
	return ""
}

// words calls fn with the byte span of each word of s. A word is a run of
// letters, digits and combining marks; zero-width (non-)joiners and
// apostrophes between letters stay inside it. cjk is true for runs of Han,
// Hiragana, Katakana and Hangul, which are not separated by spaces. fn
// returns false to stop.
func words(s string, fn func(start, end int, cjk bool) bool) {
	start, startCJK := -1, false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		inWord := isWordRune(r)
		if !inWord && start >= 0 && isJoiner(r) {
			// Keep ZWNJ and apostrophes inside a word only when a letter follows.
			if next, _ := utf8.DecodeRuneInString(s[i+size:]); unicode.IsLetter(next) {
				inWord = true
			}
		}
		if inWord && start >= 0 && isCJK(r) != startCJK && !isMn(r) {
			if !fn(start, i, startCJK) {
				return
			}
			start = -1
		}
		switch {
		case inWord && start < 0:
			start, startCJK = i, isCJK(r)
		case !inWord && start >= 0:
			if !fn(start, i, startCJK) {
				return
			}
			start = -1
		}
		i += size
	}
	if start >= 0 {
		fn(start, len(s), startCJK)
	}
}

func isJoiner(r rune) bool {
	switch r {
	case '\u200c', '\u200d', '\'', '\u2019', '\u02bc':
		return true
	}
	return false
}

// bigrams emits overlapping two-character terms for a CJK run (a lone
// character stands for itself) and returns how many it emitted.
func bigrams(run string, offset int, fn func(Token)) int {
	type rp struct{ start, end int }
	var rs []rp
	for i, r := range run {
		if unicode.IsMark(r) && len(rs) > 0 {
			rs[len(rs)-1].end = i + utf8.RuneLen(r)
			continue
		}
		rs = append(rs, rp{i, i + utf8.RuneLen(r)})
	}
	if len(rs) == 1 {
		fn(Token{Term: normalizeWord(run, ""), Start: offset, End: offset + len(run)})
		return 1
	}
	for i := 0; i+1 < len(rs); i++ {
		w := run[rs[i].start:rs[i+1].end]
		fn(Token{Term: normalizeWord(w, ""), Start: offset + rs[i].start, End: offset + rs[i+1].end})
	}
	return len(rs) - 1
}

// terms caches the terms of words analyzed recently: stemming is most of
// the cost of analysis, and news repeats its words.
var terms = memo.New[string](1 << 15)

// maxCachedWord is the longest word cached: longer ones are rare.
const maxCachedWord = 40

// analyzeWord turns one word into its index term, or "" if nothing is left.
func analyzeWord(w, lang string) string {
	if len(w) > maxCachedWord {
		return analyzeUncached(w, lang)
	}
	if t, ok := terms.Get(w, lang); ok {
		return t
	}
	t := analyzeUncached(w, lang)
	terms.Put(w, lang, strings.Clone(t)) // t may be a slice of a long text
	return t
}

func analyzeUncached(w, lang string) string {
	w = normalizeWord(w, lang)
	if w == "" {
		return ""
	}
	w = stripApostrophe(w, lang)
	w = stem(w, lang)
	w = fold(w)
	return truncate(w, MaxTermBytes)
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
