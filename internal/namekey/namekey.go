// Package namekey turns names and the words of a text into the keys the
// gazetteer is indexed by and the entity finder (internal/ner) matches by: the same normalization as the text analyzer
// (package textindex: Unicode NFKC, Arabic and Persian letter forms unified,
// vowel marks, tatweel and zero-width joiners dropped, Eastern digits made
// ASCII, case folded, Latin accents, ı and ё folded) but without stemming, so
// that a name keeps its identity: بغداد, بَغْدَاد and بغداد with a Persian
// yeh give one key, as do Bağdat and Bagdat, Zürich and Zurich.
//
// It is the unstemmed counterpart of textindex's normalization, which
// exports only stemmed terms; keep the two in step.
package namekey

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Word returns the key of one word: normalized, lower-cased, folded, with
// apostrophes (and the modifier letters used as such in transliterations:
// ʼ ʻ ʾ ʿ) removed. It returns "" for a word with no letter or digit left.
func Word(w string) string {
	if w == "" {
		return ""
	}
	if NeedsNFKC(w) {
		w = norm.NFKC.String(w)
	}
	simple := true
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' || !isASCIIWord(c) {
			simple = false
			break
		}
	}
	if simple {
		return w
	}
	var b strings.Builder
	b.Grow(len(w))
	for _, r := range w {
		WriteFolded(&b, r)
	}
	return b.String()
}

func isASCIIWord(c byte) bool {
	return 'a' <= c && c <= 'z' || '0' <= c && c <= '9'
}

// WriteFolded writes what rune r becomes in a key: lower case, accents,
// vowel marks and joiners dropped, Arabic and Persian letter forms unified,
// Eastern digits made ASCII.
func WriteFolded(b *strings.Builder, r rune) {
	if r >= utf8.RuneSelf && r < tableSize {
		b.WriteString(foldTable[r])
		return
	}
	writeFolded(b, r)
}

// foldTable holds what WriteFolded writes for the runes below tableSize,
// computed once.
var foldTable = func() (t [tableSize]string) {
	var b strings.Builder
	for r := range rune(tableSize) {
		b.Reset()
		writeFolded(&b, r)
		t[r] = b.String()
	}
	return t
}()

func writeFolded(b *strings.Builder, r rune) {
	if r < utf8.RuneSelf {
		switch {
		case 'A' <= r && r <= 'Z':
			b.WriteByte(byte(r + 'a' - 'A'))
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
			b.WriteByte(byte(r))
		}
		return
	}
	switch {
	case IsMn(r):
		return
	case r >= '\u0660' && r <= '\u0669':
		b.WriteByte(byte('0' + r - '\u0660'))
		return
	case r >= '\u06f0' && r <= '\u06f9':
		b.WriteByte(byte('0' + r - '\u06f0'))
		return
	}
	switch r {
	case 'ß', 'ẞ':
		b.WriteString("ss")
		return
	case 'İ', 'I', 'ı':
		b.WriteByte('i')
		return
	case 'æ', 'Æ':
		b.WriteString("ae")
		return
	case 'œ', 'Œ':
		b.WriteString("oe")
		return
	case 'ø', 'Ø':
		b.WriteByte('o')
		return
	case 'đ', 'Đ':
		b.WriteByte('d')
		return
	case 'ł', 'Ł':
		b.WriteByte('l')
		return
	case 'ё', 'Ё':
		b.WriteRune('е')
		return
	case 'ς':
		b.WriteRune('σ')
		return
	}
	r = arabicLetter(r)
	if r < 0 || !IsWordRune(r) {
		return
	}
	if r >= 0x0590 && r < 0x0700 {
		b.WriteRune(r)
		return
	}
	r = unicode.ToLower(r)
	if r > 0x7f && unicode.Is(unicode.Latin, r) {
		r = LatinBase(r)
	}
	b.WriteRune(r)
}

// arabicLetter unifies the letter forms Arabic and Persian writers use
// interchangeably (as textindex does) and returns -1 for characters that
// carry no letter.
func arabicLetter(r rune) rune {
	switch r {
	case 'أ', 'إ', 'آ', 'ٱ':
		return 'ا'
	case 'ى', 'ی', 'ې', 'ے', 'ئ':
		return 'ي'
	case 'ؤ':
		return 'و'
	case 'ک':
		return 'ك'
	case 'ة', 'ۀ', 'ہ', 'ە':
		return 'ه'
	case '\u0640', '\u200c', '\u200d', '\u200e', '\u200f', '\u00ad', '\ufeff',
		'\'', '\u2019', '\u02bc', '\u02bb', '\u02be', '\u02bf', '\u02b9', '\u2018', '`', '\u00b4':
		return -1
	}
	return r
}

// LatinBase returns the base letter of an accented Latin letter (é → e),
// and any other rune as it is.
func LatinBase(r rune) rune {
	if r >= 0 && r < latinTableSize {
		return latinBase[r]
	}
	return latinBaseOf(r)
}

// latinTableSize covers the Latin blocks up to Latin Extended-B, where
// nearly every accented letter of a text is: their bases are computed once.
const latinTableSize = 0x250

var latinBase = func() (t [latinTableSize]rune) {
	for r := range rune(latinTableSize) {
		t[r] = latinBaseOf(r)
	}
	return t
}()

func latinBaseOf(r rune) rune {
	d := norm.NFD.String(string(r))
	base, size := utf8.DecodeRuneInString(d)
	for _, m := range d[size:] {
		if !unicode.Is(unicode.Mn, m) {
			return r
		}
	}
	return base
}

// IsJoiner reports whether r joins two parts of one word when a letter
// follows it: apostrophes, the modifier letters transliterations use as
// apostrophes, and the zero-width (non-)joiners of Persian.
func IsJoiner(r rune) bool {
	switch r {
	case '\'', '\u2019', '\u02bc', '\u02bb', '\u02be', '\u02bf', '\u200c', '\u200d':
		return true
	}
	return false
}

// IsApostrophe reports whether r is one of the apostrophes that separate a
// Turkish suffix or a French elided article from a name.
func IsApostrophe(r rune) bool {
	switch r {
	case '\'', '\u2019', '\u02bc':
		return true
	}
	return false
}

// Words calls fn with the byte span of each word of s, split as textindex
// splits words: runs of letters, digits and combining marks, with joiners
// kept inside a word when a letter follows. fn returns false to stop.
func Words(s string, fn func(start, end int) bool) {
	start := -1
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		in := r < utf8.RuneSelf && (isASCIIWord(byte(r)) || 'A' <= r && r <= 'Z') ||
			r >= utf8.RuneSelf && (IsWordRune(r) || IsMark(r))
		if !in && start >= 0 && IsJoiner(r) {
			if next, _ := utf8.DecodeRuneInString(s[i+size:]); unicode.IsLetter(next) {
				in = true
			}
		}
		switch {
		case in && start < 0:
			start = i
		case !in && start >= 0:
			if !fn(start, i) {
				return
			}
			start = -1
		}
		i += size
	}
	if start >= 0 {
		fn(start, len(s))
	}
}

// Name returns the key of a name of several words: the keys of its words
// joined by single spaces, and the number of words.
func Name(name string) (string, int) {
	var b strings.Builder
	n := 0
	Words(name, func(start, end int) bool {
		k := Word(name[start:end])
		if k == "" {
			return true
		}
		if n > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(k)
		n++
		return true
	})
	return b.String(), n
}

// Script classifies a word by its first letter.
type Script uint8

// The scripts a key can be in.
const (
	ScriptNone Script = iota
	ScriptLatin
	ScriptCyrillic
	ScriptArabic
	ScriptOther
)

// ScriptOf returns the script of the first letter of w.
func ScriptOf(w string) Script {
	for _, r := range w {
		switch {
		case r < 0x80:
			if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' {
				return ScriptLatin
			}
		case r < 0x250 || unicode.Is(unicode.Latin, r):
			if unicode.IsLetter(r) {
				return ScriptLatin
			}
		case r >= 0x400 && r < 0x530:
			return ScriptCyrillic
		case r >= 0x600 && r < 0x700 || r >= 0x750 && r < 0x780 || r >= 0xfb50 && r < 0xfe00 || r >= 0xfe70 && r < 0xff00:
			return ScriptArabic
		case unicode.IsLetter(r):
			return ScriptOther
		}
	}
	return ScriptNone
}
