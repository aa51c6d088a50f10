package ner

import (
	"unicode"

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
	if len(w) > maxWordBytes {
		return ""
	}
	return namekey.Word(w)
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
	if term, ok := textindex.WordTerm(w, lang); ok {
		return key(term)
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
