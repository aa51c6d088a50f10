package dates

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Kinds of token.
const (
	tokNone   = iota // before the text, or past what the window keeps
	tokWord          // letters and marks
	tokNumber        // digits, ASCII, Arabic-Indic or Persian
	tokPunct         // one of - / . , (the Arabic comma reads as ,)
	tokEOF           // the end of the text
)

// A token is a word, a number or a punctuation mark of the text; everything
// else (spaces, quotes, brackets) only separates tokens.
type token struct {
	start, end int // byte offsets in the text
	kind       uint8
	punct      byte   // the mark of a tokPunct
	upper      bool   // a word whose first letter is upper-case
	suffix     bool   // an apostrophe and a suffix follow and were skipped: Eylül'de, Friday's
	joined     bool   // nothing separates it from the token before
	digits     int    // the length of a number
	num        int    // the value of a number; -1 past nine digits
	key        []byte // a word lower-cased, without accents or marks, Arabic letter variants unified
	class      class  // what the word may be, from the language's index
}

// window is how many tokens the scanner keeps: two behind the current one
// and the longest pattern ahead of it, with room to spare.
const window = 32

// maxKey is the longest word, in bytes, that is compared with the lexicon;
// no date word is longer, and a longer word is not copied.
const maxKey = 64

// A scanner cuts a text into tokens on demand and keeps the last few in a
// ring, so that memory does not grow with the text.
type scanner struct {
	text    string
	lang    string
	index   map[string]class
	pos     int // where scanning resumes
	n       int // tokens scanned
	floor   int // the first token still needed; older ones may be overwritten
	ring    [window]token
	keys    [window][2 * maxKey]byte // the memory behind each ring slot's key
	scratch []byte
	none    token
}

// at returns token i, scanning as far as needed. Past the end of the text
// it returns tokEOF; before the text, or outside the window, tokNone.
func (s *scanner) at(i int) *token {
	if i < 0 || i < s.n-window {
		return &s.none
	}
	for s.n <= i {
		if s.n-s.floor >= window {
			return &s.none
		}
		slot := s.n % window
		s.scan(&s.ring[slot], s.keys[slot][:0:len(s.keys[slot])])
		s.n++
	}
	return &s.ring[i%window]
}

// scan reads the next token into t; key is the memory for its key.
func (s *scanner) scan(t *token, key []byte) {
	*t = token{joined: true}
	for s.pos < len(s.text) {
		r, size := s.decode()
		switch {
		case digitValue(r) >= 0:
			s.number(t)
			return
		case runeClass(r)&rLetter != 0:
			s.word(t, key)
			return
		case punctMark(r) != 0:
			*t = token{start: s.pos, end: s.pos + size, kind: tokPunct, punct: punctMark(r), joined: t.joined}
			s.pos += size
			return
		}
		s.pos += size
		t.joined = false
	}
	*t = token{start: len(s.text), end: len(s.text), kind: tokEOF}
}

// decode decodes the rune at the scanning position.
func (s *scanner) decode() (rune, int) {
	if c := s.text[s.pos]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s.text[s.pos:])
}

// number reads a run of digits, of any of the three scripts, into t.
func (s *scanner) number(t *token) {
	t.kind, t.start = tokNumber, s.pos
	for s.pos < len(s.text) {
		r, size := s.decode()
		v := digitValue(r)
		if v < 0 {
			break
		}
		if t.digits++; t.digits <= 9 {
			t.num = t.num*10 + v
		} else {
			t.num = -1
		}
		s.pos += size
	}
	t.end = s.pos
	s.skipSuffix(t)
}

// word reads a word into t, with its key, folded into key's memory, and
// its class.
func (s *scanner) word(t *token, key []byte) {
	t.kind, t.start = tokWord, s.pos
	first, _ := s.decode()
	t.upper = runeClass(first)&rUpper != 0
	for s.pos < len(s.text) {
		r, size := s.decode()
		if runeClass(r)&rInWord == 0 {
			break
		}
		s.pos += size
	}
	t.end = s.pos
	s.skipSuffix(t)
	if t.end-t.start > maxKey {
		return
	}
	t.key, s.scratch = fold(key, s.scratch, s.text[t.start:t.end])
	t.class = s.index[string(t.key)]
	if s.lang == "ar" {
		if k, ok := clitic(t.key); ok {
			t.class |= s.index[string(k)]
		}
	}
}

// skipSuffix passes over an apostrophe and the letters after it where they
// are a suffix of the word (Turkish Eylül'de, English Friday's); in other
// languages the apostrophe separates two words (French d'hier).
func (s *scanner) skipSuffix(t *token) {
	if s.lang != "tr" && s.lang != "en" {
		return
	}
	r, size := utf8.DecodeRuneInString(s.text[s.pos:])
	if !apostrophe(r) {
		return
	}
	next, _ := utf8.DecodeRuneInString(s.text[s.pos+size:])
	if !unicode.IsLetter(next) {
		return
	}
	s.pos += size
	for s.pos < len(s.text) {
		r, size := s.decode()
		if runeClass(r)&rInWord == 0 {
			break
		}
		s.pos += size
	}
	t.suffix = true
}

// digitValue returns the value of an ASCII, Arabic-Indic or Persian digit,
// or -1.
func digitValue(r rune) int {
	switch {
	case '0' <= r && r <= '9':
		return int(r - '0')
	case '\u0660' <= r && r <= '\u0669':
		return int(r - '\u0660')
	case '\u06f0' <= r && r <= '\u06f9':
		return int(r - '\u06f0')
	}
	return -1
}

func punctMark(r rune) byte {
	switch r {
	case '-', '\u2010', '\u2011':
		return '-'
	case '/', '.', ',':
		return byte(r)
	case '\u060c': // Arabic comma
		return ','
	}
	return 0
}

func apostrophe(r rune) bool { return r == '\'' || r == '\u2019' || r == '\u02bc' }

// joiner reports whether r belongs inside a word without being a letter:
// tatweel, the zero-width (non-)joiner of Persian, a soft hyphen.
func joiner(r rune) bool {
	return r == '\u0640' || r == '\u200c' || r == '\u200d' || r == '\u00ad'
}

// fold appends to dst the key of word w: lower-cased, accents and Arabic
// vowel marks dropped, Arabic and Persian letter variants unified (ي/ی,
// ك/ک, ة/ه, hamza seats), tatweel and joiners dropped. The same function
// makes the lexicon's keys, so a table can be written in natural spelling.
// scratch is a buffer for the rare words that need full decomposition.
func fold(dst, scratch []byte, w string) (key, scratch2 []byte) {
	for _, r := range w {
		if foldRune(r) == foldSlow {
			scratch = norm.NFKD.AppendString(scratch[:0], w)
			return foldDecomposed(dst, scratch), scratch
		}
	}
	for _, r := range w {
		if m := foldRune(r); m != foldDrop {
			dst = utf8.AppendRune(dst, m)
		}
	}
	return dst, scratch
}

// foldRune returns what r becomes in a key, foldDrop or foldSlow.
func foldRune(r rune) rune {
	switch {
	case r < foldSize:
		return foldTable[r]
	case joiner(r) || r == '\u200e' || r == '\u200f' || r == '\ufeff':
		return foldDrop
	}
	return foldSlow
}

// foldDecomposed folds a word already in NFKD.
func foldDecomposed(dst, w []byte) []byte {
	for len(w) > 0 {
		r, size := utf8.DecodeRune(w)
		w = w[size:]
		var m rune
		switch {
		case r < foldSize:
			m = foldTable[r]
		case unicode.IsMark(r) || joiner(r) || r == '\u200e' || r == '\u200f' || r == '\ufeff':
			m = foldDrop
		default:
			m = unicode.ToLower(r)
		}
		if m == foldSlow { // a compatibility letter of the table's range inside NFKD: keep it
			m = unicode.ToLower(r)
		}
		if m != foldDrop {
			dst = utf8.AppendRune(dst, m)
		}
	}
	return dst
}

// Bits of runeClass.
const (
	rLetter = 1 << iota // starts a word
	rInWord             // continues one: letters, marks, tatweel, joiners
	rUpper
)

// runeClass classifies r for the scanner, by table below foldSize.
func runeClass(r rune) uint8 {
	if r >= 0 && r < foldSize {
		return runeClasses[r]
	}
	return classify(r)
}

func classify(r rune) uint8 {
	var c uint8
	if unicode.IsLetter(r) {
		c |= rLetter | rInWord
	}
	if unicode.IsMark(r) || joiner(r) {
		c |= rInWord
	}
	if unicode.IsUpper(r) {
		c |= rUpper
	}
	return c
}

var runeClasses = func() (t [foldSize]uint8) {
	for r := range rune(foldSize) {
		t[r] = classify(r)
	}
	return t
}()

// foldSize bounds the runes folded by table: Latin, Greek, Cyrillic,
// Armenian, Hebrew and Arabic, which is most of what jic reads.
const foldSize = 0x0700

// Entries of foldTable that are not runes.
const (
	foldDrop = -1 // the rune leaves nothing in the key
	foldSlow = -2 // the rune decomposes into several letters: fold the word by NFKD
)

var foldTable = func() (t [foldSize]rune) {
	for r := rune(0); r < foldSize; r++ {
		var out []rune
		for _, d := range norm.NFKD.String(string(r)) {
			if unicode.IsMark(d) || joiner(d) {
				continue
			}
			out = append(out, unicode.ToLower(unifyArabic(d)))
		}
		switch len(out) {
		case 0:
			t[r] = foldDrop
		case 1:
			t[r] = out[0]
		default:
			t[r] = foldSlow
		}
	}
	t['ı'] = 'i' // Turkish dotless i: writers often type one for the other
	return t
}()

// unifyArabic maps the letters Arabic and Persian writers use for one
// another to one form (after NFKD has removed the hamza and madda).
func unifyArabic(r rune) rune {
	switch r {
	case 'ٱ':
		return 'ا'
	case 'ى', 'ی', 'ې', 'ے':
		return 'ي'
	case 'ک':
		return 'ك'
	case 'ة', 'ە', 'ہ', 'ھ':
		return 'ه'
	}
	return r
}
