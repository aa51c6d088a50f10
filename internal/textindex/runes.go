package textindex

import (
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Properties of the runes below 0x0700 (Latin, Greek, Cyrillic, Armenian,
// Hebrew, Arabic), precomputed from the Unicode tables: most text jic reads
// is in these blocks, and analysis asks about every rune.
const tableSize = 0x0700

const (
	propWord   = 1 << iota // letter, digit, mark or letter number
	propMark               // nonspacing mark (Mn)
	propCompat             // NFKC changes it
)

var runeProps = func() (t [tableSize]uint8) {
	for r := rune(0); r < tableSize; r++ {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || unicode.Is(unicode.Nl, r) {
			t[r] |= propWord
		}
		if unicode.Is(unicode.Mn, r) {
			t[r] |= propMark
		}
		if s := string(r); norm.NFKC.String(s) != s {
			t[r] |= propCompat
		}
	}
	return t
}()

func isWordRune(r rune) bool {
	if r < tableSize {
		return r >= 0 && runeProps[r]&propWord != 0
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || unicode.Is(unicode.Nl, r)
}

func isMn(r rune) bool {
	if r < tableSize {
		return r >= 0 && runeProps[r]&propMark != 0
	}
	return unicode.Is(unicode.Mn, r)
}

func isCJK(r rune) bool {
	return r >= 0x1100 && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

// needsNFKC reports whether NFKC could change w: it holds a rune outside
// the table, a compatibility character, or a combining mark that might
// compose with its base (и + ̆ → й).
func needsNFKC(w string) bool {
	for _, r := range w {
		if r >= tableSize || runeProps[r]&(propCompat|propMark) != 0 {
			return true
		}
	}
	return false
}
