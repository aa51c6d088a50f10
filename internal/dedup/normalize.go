package dedup

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// lineWords appends the normalized words of one line to dst: Unicode NFKC,
// lower-cased (with ß → ss and final ς → σ: the full case folding of the
// scripts jic reads), nonspacing marks (Arabic vowel marks among them),
// tatweel and invisible format characters removed, the Arabic and Persian
// letter forms that writers use interchangeably unified, Eastern digits
// made ASCII. Everything that is not a letter, digit or mark separates
// words, so punctuation and white space collapse. A word that needs no
// change is a substring of line, not a copy.
func lineWords(dst []string, line string) []string {
	if needsNFKC(line) {
		line = norm.NFKC.String(line)
	}
	start := -1     // where the current word starts in line
	copied := false // the word differs from line[start:i] and is in buf
	var buf []byte
	flush := func(end int) {
		switch {
		case start < 0:
		case !copied:
			dst = append(dst, line[start:end])
		case len(buf) > 0:
			dst = append(dst, string(buf))
		}
		start = -1
	}
	for i, r := range line {
		m := mapRune(r)
		if m == sep {
			flush(i)
			continue
		}
		if start < 0 {
			start, copied = i, false
		}
		if !copied && m != r {
			buf, copied = append(buf[:0], line[start:i]...), true
		}
		switch {
		case !copied, m == skip:
		case m == expandSS:
			buf = append(buf, "ss"...)
		default:
			buf = utf8.AppendRune(buf, m)
		}
	}
	flush(len(line))
	return dst
}

// Results of mapRune that are not runes.
const (
	sep      = -1 // ends a word
	skip     = -2 // leaves no trace, inside a word or out
	expandSS = -3 // ß and ẞ become "ss"
)

// mapRune returns what r becomes in a normalized word, or sep, skip or
// expandSS.
func mapRune(r rune) rune {
	if r < utf8.RuneSelf {
		switch {
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
			return r
		case 'A' <= r && r <= 'Z':
			return r + ('a' - 'A')
		}
		return sep
	}
	switch {
	case r == 'ß' || r == 'ẞ':
		return expandSS
	case r == 'ς':
		return 'σ'
	case r == '\u0640' || isMn(r) || unicode.Is(unicode.Cf, r):
		return skip
	case r >= '\u0660' && r <= '\u0669':
		return '0' + (r - '\u0660')
	case r >= '\u06f0' && r <= '\u06f9':
		return '0' + (r - '\u06f0')
	case !isWordRune(r):
		return sep
	}
	if r < tableSize && runeProps[r]&propUpper == 0 {
		return unifyArabic(r)
	}
	return unicode.ToLower(r)
}

// Properties of the runes below 0x0700 (Latin, Greek, Cyrillic, Armenian,
// Hebrew, Arabic), precomputed from the Unicode tables: most text jic reads
// is in these blocks, and normalization asks about every rune.
const tableSize = 0x0700

const (
	propWord   = 1 << iota // letter, digit or mark
	propMark               // nonspacing mark (Mn)
	propCompat             // NFKC changes its words: a compatibility character, a composing mark
	propUpper              // lower-casing changes it
)

// runeProps is computed once and never changed.
var runeProps = func() (t [tableSize]uint8) {
	for r := rune(0); r < tableSize; r++ {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) {
			t[r] |= propWord
		}
		if unicode.Is(unicode.Mn, r) {
			t[r] |= propMark
		}
		if s := string(r); norm.NFKC.String(s) != s && (t[r]&propWord != 0 || hasWordRune(norm.NFKC.String(s))) {
			t[r] |= propCompat // not NBSP, which becomes a space, which separates words as NBSP does
		}
		if r >= 0x300 && r <= 0x36f || r >= 0x653 && r <= 0x655 {
			t[r] |= propCompat // combining marks that compose with a letter before them (и + ̆ → й)
		}
		if unicode.ToLower(r) != r {
			t[r] |= propUpper
		}
	}
	return t
}()

func hasWordRune(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) {
			return true
		}
	}
	return false
}

func isWordRune(r rune) bool {
	if r < tableSize {
		return r >= 0 && runeProps[r]&propWord != 0
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func isMn(r rune) bool {
	if r < tableSize {
		return r >= 0 && runeProps[r]&propMark != 0
	}
	return unicode.Is(unicode.Mn, r)
}

// needsNFKC reports whether NFKC could change the words of s: it holds a
// rune outside the table (but not General Punctuation, which NFKC maps to
// punctuation and spaces only), a compatibility character that is or gives
// a letter or digit, or a combining mark that might compose with the
// letter before it. (Other marks are dropped whatever their order.)
func needsNFKC(s string) bool {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r >= 0x2000 && r <= 0x206f:
		case r >= tableSize || runeProps[r]&propCompat != 0:
			return true
		}
		i += size
	}
	return false
}

// unifyArabic maps the Arabic and Persian letter variants that one writer
// uses for another's to one form (the same table as the search analyzer's).
func unifyArabic(r rune) rune {
	switch r {
	case 'أ', 'إ', 'آ', 'ٱ':
		return 'ا'
	case 'ى', 'ی', 'ې', 'ے':
		return 'ي'
	case 'ک':
		return 'ك'
	case 'ة', 'ۀ', 'ہ', 'ە':
		return 'ه'
	}
	return r
}

// splitLines calls fn for each line of text; any of \n, \r, U+2028 and
// U+2029 ends a line.
func splitLines(text string, fn func(line string)) {
	start := 0
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case c == '\n' || c == '\r':
			fn(text[start:i])
			start = i + 1
		case c == 0xe2 && i+2 < len(text) && text[i+1] == 0x80 && (text[i+2] == 0xa8 || text[i+2] == 0xa9):
			fn(text[start:i])
			start = i + 3
			i += 2
		}
	}
	if start < len(text) {
		fn(text[start:])
	}
}
