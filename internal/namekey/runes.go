package namekey

import (
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Properties of the runes below 0x0700 (Latin, Greek, Cyrillic, Armenian,
// Hebrew, Arabic), precomputed from the Unicode tables: most text jic reads
// is in these blocks, and tokenizing asks about every rune.
const tableSize = 0x0700

const (
	propWord   = 1 << iota // letter, digit or letter number
	propMark               // mark (Mn, Mc, Me)
	propMn                 // nonspacing mark
	propCompat             // NFKC changes it
)

var runeProps = func() (t [tableSize]uint8) {
	for r := rune(0); r < tableSize; r++ {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Nl, r) {
			t[r] |= propWord
		}
		if unicode.IsMark(r) {
			t[r] |= propMark
		}
		if unicode.Is(unicode.Mn, r) {
			t[r] |= propMn
		}
		if s := string(r); norm.NFKC.String(s) != s {
			t[r] |= propCompat
		}
	}
	return t
}()

// IsWordRune reports whether r is a letter, a digit or a letter number.
func IsWordRune(r rune) bool {
	if uint32(r) < tableSize {
		return runeProps[r]&propWord != 0
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Nl, r)
}

// IsMark reports whether r is a combining mark.
func IsMark(r rune) bool {
	if uint32(r) < tableSize {
		return runeProps[r]&propMark != 0
	}
	return unicode.IsMark(r)
}

// IsMn reports whether r is a nonspacing mark (accents, Arabic and Hebrew
// vowel marks).
func IsMn(r rune) bool {
	if uint32(r) < tableSize {
		return runeProps[r]&propMn != 0
	}
	return unicode.Is(unicode.Mn, r)
}

// NeedsNFKC reports whether NFKC could change w: it holds a compatibility
// character, a combining mark that might compose with its base (и + ̆ → й),
// or a rune beyond the table other than the zero-width (non-)joiner.
// Letters without marks below U+0700 compose with no neighbour, so a word
// of them is left as it is.
func NeedsNFKC(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] >= 0x80 {
			for _, r := range w[i:] {
				switch {
				case r == '\u200c' || r == '\u200d':
				case r >= tableSize || runeProps[r]&(propCompat|propMark) != 0:
					return true
				}
			}
			return false
		}
	}
	return false
}
