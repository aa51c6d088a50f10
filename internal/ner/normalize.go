package ner

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/jic-center/jic/internal/namekey"
	"github.com/jic-center/jic/internal/textindex"
)

// The keys words are matched by: the normalization of the text analyzer
// (package textindex: Unicode NFKC, Arabic and Persian letter forms unified,
// vowel marks, tatweel and zero-width joiners dropped, Eastern digits made
// ASCII, case folded, Latin accents, ı and ё folded) without stemming, so
// that داعش and داعش with a Persian kaf, IŞİD and ISID, ООН and ООН give one
// key. The rune folding is internal/namekey's, shared with the gazetteer;
// this file adds a table-driven fast path for the runes most words are made
// of.

// script is the writing system of a word.
type script uint8

const (
	scriptNone     script = iota // no letter: digits, symbols
	scriptLatin                  // cased
	scriptCyrillic               // cased
	scriptArabic                 // Arabic and Persian: no case
	scriptOther
)

// cased reports whether the script distinguishes capital letters.
func (s script) cased() bool { return s == scriptLatin || s == scriptCyrillic }

// maxWordBytes bounds the words that get a key: longer ones name nothing.
const maxWordBytes = 64

// key returns the match key of a word: normalized, lower-cased, folded, with
// apostrophes removed. It returns "" for a word with no letter or digit.
func key(w string) string {
	if w == "" || len(w) > maxWordBytes {
		return ""
	}
	simple := true
	for i := 0; i < len(w); i++ {
		c := w[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9') {
			simple = false
			break
		}
	}
	if simple {
		return w
	}
	if needsNFKC(w) {
		w = norm.NFKC.String(w)
	}
	var b strings.Builder
	b.Grow(len(w))
	for _, r := range w {
		writeFolded(&b, r)
	}
	return b.String()
}

// writeFolded writes what rune r becomes in a key.
func writeFolded(b *strings.Builder, r rune) {
	if r >= 0 && r < tableSize {
		b.WriteString(foldTable[r])
		return
	}
	namekey.WriteFolded(b, r)
}

// tableSize covers Latin, Greek, Cyrillic, Armenian, Hebrew and Arabic,
// the blocks of nearly every word Find reads: the properties of their runes
// are computed once from the Unicode tables and read-only after.
const tableSize = 0x0700

// The tables are variables with initializers, not set by init, so that
// other package variables built from keys (lightVerbs) see them filled.
var (
	// foldTable holds what foldRune writes for each rune.
	foldTable = func() (t [tableSize]string) {
		var b strings.Builder
		for r := rune(0); r < tableSize; r++ {
			b.Reset()
			namekey.WriteFolded(&b, r)
			t[r] = b.String()
		}
		return t
	}()
	// nfkcUnstable marks the runes NFKC changes or that may compose with
	// the rune before them.
	nfkcUnstable = func() (t [tableSize]bool) {
		for r := rune(0); r < tableSize; r++ {
			s := string(r)
			t[r] = unicode.Is(unicode.Mn, r) || norm.NFKC.String(s) != s
		}
		return t
	}()
)

// needsNFKC reports whether NFKC could change w: it holds a rune outside
// the table, a compatibility character, or a combining mark that might
// compose with its base (и + ̆ → й).
func needsNFKC(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 0xcc {
			continue // ASCII and Latin up to U+02FF: NFKC-stable but for a few in the table
		}
		for _, r := range w[i:] {
			if r >= tableSize || r < 0 || nfkcUnstable[r] {
				return true
			}
		}
		return false
	}
	return false
}

// scriptOf classifies a key by its first letter.
func scriptOf(k string) script {
	for _, r := range k {
		switch {
		case r >= '0' && r <= '9':
			continue
		case r < 0x80:
			return scriptLatin
		case r >= 0x0600 && r < 0x0700 || r >= 0x0750 && r < 0x0780 || r >= 0xfb50 && r < 0xfe00 || r >= 0xfe70 && r < 0xff00:
			return scriptArabic
		case r >= 0x0400 && r < 0x0530:
			return scriptCyrillic
		case unicode.Is(unicode.Latin, r):
			return scriptLatin
		case unicode.IsLetter(r):
			return scriptOther
		}
	}
	return scriptNone
}

// stem returns the stem the analyzer of lang gives the word w, or its key
// when lang has no stemmer worth matching names by. Names inflect in
// Russian (Хамаса, Организации) and take unmarked case suffixes in Turkish
// common nouns (Birliğinin); elsewhere the key is enough.
func stem(w, k, lang string) string {
	if lang != "ru" && lang != "tr" {
		return k
	}
	if len(w) > maxWordBytes {
		return ""
	}
	if terms := textindex.Terms(w, lang); len(terms) == 1 {
		return key(terms[0])
	}
	return k
}

// keys returns the keys of the words of a phrase, split as text is.
func keys(phrase string) []string {
	var out []string
	namekey.Words(phrase, func(s, e int) bool {
		if k := key(phrase[s:e]); k != "" {
			out = append(out, k)
		}
		return true
	})
	return out
}
