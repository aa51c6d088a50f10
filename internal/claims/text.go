package claims

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jic-center/jic/internal/namekey"
)

// elided are the French words written with an apostrophe before the next.
var elided = map[string]bool{"l": true, "d": true, "qu": true, "j": true, "n": true, "s": true, "c": true, "m": true, "t": true, "jusqu": true, "lorsqu": true, "puisqu": true}

// tok is one word of the text: its byte span, its key (namekey.Word) and
// whether it starts with an upper-case letter.
type tok struct {
	s, e  int
	k     string
	upper bool
}

// span is a byte span of the text.
type span struct{ s, e int }

// maxWords bounds the words read from one text, so that a huge input costs
// a bounded time.
const maxWords = 400_000

// words splits text into tokens. A French elided article (l', d', qu')
// is not part of the word it is written on, nor a Turkish suffix after an
// apostrophe (Reuters'a).
func words(text, lang string) []tok {
	var ts []tok
	namekey.Words(text, func(s, e int) bool {
		if i := strings.IndexAny(text[s:e], "'’"); i > 0 {
			switch {
			case lang == "fr" && elided[strings.ToLower(text[s:s+i])] && s+i+1 < e:
				_, size := utf8.DecodeRuneInString(text[s+i:])
				s += i + size
			case lang == "tr":
				e = s + i
			}
		}
		r, _ := utf8.DecodeRuneInString(text[s:e])
		ts = append(ts, tok{s: s, e: e, k: namekey.Word(text[s:e]), upper: unicode.IsUpper(r)})
		return len(ts) < maxWords
	})
	return ts
}

// closerOf maps each opening quotation mark to the mark that closes it.
var closerOf = map[rune]rune{'“': '”', '«': '»', '„': '“', '‹': '›', '"': '"'}

// maxQuote bounds a quotation; an opener not closed within it, or before
// the end of its paragraph, is taken for a stray mark.
const maxQuote = 4000

// quotes returns the spans of the quotations of text, marks excluded, in
// order and not overlapping. Nested quotations of another kind are part
// of the outer one; one pass, so linear in the text.
func quotes(text string) []span {
	var out []span
	open, depth := -1, 0
	var opener, closer rune
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '"' && open >= 0 && opener == '"' && opensHere(text, i, size) && !closesHere(text, i, size):
			open = i + size // the quotation before was never closed: start again
		case open < 0:
			if c, ok := closerOf[r]; ok && (r != '"' || !closesHere(text, i, size) || opensHere(text, i, size)) {
				open, opener, closer, depth = i+size, r, c, 1
			}
		case r == '\n' || i-open > maxQuote:
			open = -1
		case r == closer:
			depth--
			if depth == 0 || opener == closer {
				if i > open {
					out = append(out, span{open, i})
				}
				open = -1
			}
		case r == opener:
			depth++
		}
		i += size
	}
	return out
}

// opensHere reports whether the straight quotation mark at text[i:i+size]
// is shaped like an opener: after a space or the start, before a letter.
func opensHere(text string, i, size int) bool {
	before, _ := utf8.DecodeLastRuneInString(text[:i])
	after, _ := utf8.DecodeRuneInString(text[i+size:])
	return (i == 0 || unicode.IsSpace(before) || strings.ContainsRune("([{—–-:", before)) && !unicode.IsSpace(after) && i+size < len(text)
}

// closesHere reports whether the straight quotation mark at text[i:i+size]
// is shaped like a closer: after a letter or punctuation, before a space,
// punctuation or the end.
func closesHere(text string, i, size int) bool {
	before, _ := utf8.DecodeLastRuneInString(text[:i])
	after, _ := utf8.DecodeRuneInString(text[i+size:])
	return i > 0 && !unicode.IsSpace(before) && (i+size == len(text) || unicode.IsSpace(after) || unicode.IsPunct(after))
}

// sentence is a sentence of the text: its byte span and its tokens
// toks[t0:t1].
type sentence struct {
	s, e   int
	t0, t1 int
}

// abbreviations end with a full stop that does not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "gen": true, "lt": true, "col": true,
	"sen": true, "rep": true, "gov": true, "prof": true, "jr": true, "sr": true, "vs": true, "no": true,
	"mm": true, "mme": true, "m": true, "г": true, "гг": true, "т": true, "е": true, "им": true, "ул": true,
	"inc": true, "co": true, "corp": true, "ltd": true, "sgt": true, "capt": true, "maj": true, "adm": true,
	"jan": true, "feb": true, "aug": true, "sept": true, "oct": true, "nov": true, "dec": true, "u": true, "s": true,
}

// sentences splits the text at sentence ends outside quotations and at
// line breaks.
func sentences(text string, ts []tok, qs []span) []sentence {
	var out []sentence
	start, t0, q := 0, 0, 0
	for i := range ts {
		if i == 0 {
			continue
		}
		gs, ge := ts[i-1].e, ts[i].s
		for q < len(qs) && qs[q].e <= gs {
			q++
		}
		inQuote := q < len(qs) && qs[q].s <= gs && ge <= qs[q].e
		if !endsSentence(text[gs:ge], ts[i-1], ts[i], inQuote) {
			continue
		}
		out = append(out, sentence{s: start, e: ge, t0: t0, t1: i})
		start, t0 = ge, i
	}
	if len(ts) > t0 {
		out = append(out, sentence{s: start, e: len(text), t0: t0, t1: len(ts)})
	}
	return out
}

// endsSentence reports whether the gap between two words ends a sentence.
func endsSentence(gap string, prev, next tok, inQuote bool) bool {
	if strings.Contains(gap, "\n") {
		return true
	}
	i := strings.IndexAny(gap, ".!?؟…")
	if inQuote || i < 0 || !strings.ContainsAny(gap[i:], " \u00a0\t") {
		return false // "3.5", "U.S.A"
	}
	if gap[i] == '.' && (abbreviations[prev.k] || utf8.RuneCountInString(prev.k) == 1 && prev.upper) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(next.k)
	return next.upper || !isLatinOrCyrillic(r) || !unicode.IsLetter(r)
}

func isLatinOrCyrillic(r rune) bool {
	return r < 0x250 || r >= 0x400 && r < 0x530
}

// boundary reports whether a gap between words separates clauses.
func boundary(gap string) bool {
	return strings.ContainsAny(gap, ",;:()—–\"“”«»„‹›،؛\n") || strings.Contains(gap, " - ")
}

// hasColon reports whether the gap introduces what follows.
func hasColon(gap string) bool { return strings.ContainsAny(gap, ":：") }
