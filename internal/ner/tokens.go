package ner

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/jic-center/jic/internal/namekey"
)

// MaxTokens bounds the words Find reads: words beyond this many are not
// looked at, whatever the size of the text.
const MaxTokens = 200000

// token is one word of the text.
type token struct {
	start, end int    // the word
	cs, ce     int    // its core: without a French elided article or an English possessive
	key        string // the key of the core up to an apostrophe suffix (NATO'nun → nato)
	script     script
	upper      bool // the core starts with a capital letter
	allCaps    bool // and has no lower-case letter, and at least two letters
	initial    bool // starts a sentence, a line or the text
	join       bool // is joined to the previous word as one name may be: a space, a hyphen, "U.S."
	suffix     bool // carries an apostrophe suffix (Obama's, Erdoğan'ın): a run of capitalized words ends here
	lower      bool // written in lower case in a cased script

	stem     string // key after the language's stemmer; computed on demand
	stemDone bool
	lexStart bool // a form of the word starts a lexicon phrase; computed on demand
	lexDone  bool
	cls      classSet // the lexicon classes of the word in the text's language; computed on demand
	all      classSet // and in any language
	clsDone  bool
}

// tokenize splits text into tokens.
func tokenize(text, lang string) []token { return tokenizeInto(nil, text, lang) }

// tokenBufs keeps token arrays between Find calls: they are most of what
// finding allocates.
var tokenBufs = sync.Pool{New: func() any { return new([]token) }}

// tokenizeInto appends the tokens of text to toks.
func tokenizeInto(toks []token, text, lang string) []token {
	toks = slices.Grow(toks, min(len(text)/6+1, MaxTokens)) // about one word in six bytes
	namekey.Words(text, func(s, e int) bool {
		if len(toks) >= MaxTokens {
			return false
		}
		t := token{start: s, end: e, cs: s, ce: e}
		w := text[s:e]
		if len(w) <= maxWordBytes {
			t.fill(text, lang)
		}
		if n := len(toks); n > 0 {
			t.join = joinable(text, &toks[n-1], &t)
		}
		toks = append(toks, t)
		return true
	})
	return toks
}

// fill sets the key and case of a word of at most maxWordBytes.
func (t *token) fill(text, lang string) {
	w := text[t.start:t.end]
	core := w
	if a, size := apostrophe(w); a > 0 {
		before, after := w[:a], w[a+size:]
		bk, ak := key(before), key(after)
		r, _ := utf8.DecodeRuneInString(after)
		switch {
		case elided[bk] && lang != "tr" && lang != "en":
			t.cs = t.start + a + size // l'ONU, d'Al-Qaïda
			core = after
		case lang == "tr" && bk != "" || (lang == "en" || lang == "") && ak == "s" && unicode.IsLower(r):
			// Erdoğan'ın, NATO'nun, Obama's: the suffix is no part of the name.
			core = before
			t.suffix = true
			if lang != "tr" {
				t.ce = t.start + a
			}
		}
	}
	t.key = key(core)
	t.script = scriptOf(t.key)
	if !t.script.cased() {
		return
	}
	r, _ := utf8.DecodeRuneInString(core)
	t.upper = unicode.IsUpper(r) || unicode.IsTitle(r)
	t.lower = unicode.IsLower(r)
	if t.upper {
		letters := 0
		t.allCaps = true
		for _, c := range core {
			if unicode.IsLower(c) {
				t.allCaps = false
				break
			}
			if unicode.IsLetter(c) {
				letters++
			}
		}
		t.allCaps = t.allCaps && letters >= 2
	}
	t.initial = sentenceInitial(text, t.start)
}

// apostrophe returns the byte index and size of the first apostrophe in w,
// or -1.
func apostrophe(w string) (int, int) {
	for i, r := range w {
		if namekey.IsApostrophe(r) {
			return i, utf8.RuneLen(r)
		}
	}
	return -1, 0
}

// elided are the French words written with an apostrophe before a name.
var elided = map[string]bool{"l": true, "d": true, "qu": true, "jusqu": true, "lorsqu": true, "puisqu": true}

// sentenceInitial reports whether the word at byte i starts a sentence, a
// line or the text.
func sentenceInitial(text string, i int) bool {
	for n := 0; i > 0 && n < 16; n++ {
		r, size := utf8.DecodeLastRuneInString(text[:i])
		switch {
		case r == '\n' || r == '.' || r == '!' || r == '?' || r == ':' || r == ';' || r == '•' || r == '|' || r == '؟' || r == '…':
			return true
		case r == ' ' || r == '\t' || r == '\r' || r == '\u00a0' || strings.ContainsRune("\"'«»“”‘’„([{–—*-", r):
			i -= size
		default:
			return false
		}
	}
	return i == 0
}

// joinable reports whether the text between two words keeps them in one
// name: a space, a hyphen, or the full stop of an initial ("George W. Bush",
// "U.S.").
func joinable(text string, a, b *token) bool {
	sep := text[a.end:b.start]
	switch sep {
	case " ", "-", "‐", "\u00a0", "\u200c", "_", "' ", "’ ", " «", "» ", " “", "” ", " \"", "\" ":
		return true
	case ". ", ".":
		// an initial: George W. Bush, U.S., پ.ک.ک
		return utf8.RuneCountInString(text[a.start:a.end]) == 1 && (a.upper || a.script == scriptArabic) ||
			a.end-a.start == 2 && a.upper
	}
	return false
}

// stemOf returns the stem of token i, computing it once.
func (f *finder) stemOf(i int) string {
	t := &f.toks[i]
	if !t.stemDone {
		t.stemDone = true
		t.stem = t.key
		st := stemStart(t.key)
		needed := f.lex.idx.stemStarts[st] || f.reg.idx.stemStarts[st]
		if needed && !t.allCaps && utf8.RuneCountInString(t.key) >= 5 && (t.script == scriptCyrillic && (f.lang == "ru" || f.lang == "") || t.script == scriptLatin && f.lang == "tr") {
			lang := "ru"
			if t.script == scriptLatin {
				lang = "tr"
			}
			if s := stem(f.text[t.cs:t.ce], t.key, lang); s != "" {
				t.stem = s
			}
		}
	}
	return t.stem
}
