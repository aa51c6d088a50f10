package textindex

import (
	"strings"
	"unicode/utf8"

	"github.com/jic-center/jic"
)

const ellipsis = "…"

// Highlight returns the byte spans of the words of text (in lang) that q
// looks for, in order.
func Highlight(text, lang string, q *Query) [][2]int {
	var marks [][2]int
	Analyze(text, lang, func(t Token) {
		if q.Matches(t.Term) {
			marks = append(marks, [2]int{t.Start, t.End})
		}
	})
	return marks
}

// Snippet returns an excerpt of text of at most about maxBytes around the
// densest cluster of words q looks for, with those words marked. Without a
// match it returns the start of text. Line breaks become spaces.
func Snippet(text, lang string, q *Query, maxBytes int) jic.Snippet {
	marks := Highlight(text, lang, q)
	if len(text) <= maxBytes {
		return jic.Snippet{Text: flatten(text), Marks: nonNil(marks)}
	}
	start := 0
	if len(marks) > 0 {
		start = bestWindow(marks, maxBytes)
	}
	start = wordStart(text, start)
	end := wordEnd(text, min(len(text), start+maxBytes))
	var b strings.Builder
	shift := -start
	if start > 0 {
		b.WriteString(ellipsis)
		shift += len(ellipsis)
	}
	b.WriteString(flatten(text[start:end]))
	if end < len(text) {
		b.WriteString(ellipsis)
	}
	var in [][2]int
	for _, m := range marks {
		if m[0] >= start && m[1] <= end {
			in = append(in, [2]int{m[0] + shift, m[1] + shift})
		}
	}
	return jic.Snippet{Text: b.String(), Marks: nonNil(in)}
}

func nonNil(m [][2]int) [][2]int {
	if m == nil {
		return [][2]int{}
	}
	return m
}

// bestWindow returns where a window of size bytes should start to hold the
// most marks, leaving a little context before the first one.
func bestWindow(marks [][2]int, size int) int {
	best, bestN := 0, -1
	j := 0
	for i := range marks {
		for j < len(marks) && marks[j][1] <= marks[i][0]+size*3/4 {
			j++
		}
		if n := j - i; n > bestN {
			best, bestN = i, n
		}
	}
	return max(0, marks[best][0]-size/4)
}

// wordStart moves i back to the start of the word it falls in.
func wordStart(s string, i int) int {
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if !isWordRune(r) {
			break
		}
		i -= size
	}
	return i
}

// wordEnd moves i forward to the end of the word it falls in.
func wordEnd(s string, i int) int {
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			break
		}
		i += size
	}
	return i
}

// flatten turns line breaks and tabs into spaces without moving any byte.
func flatten(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == '\t' {
			return ' '
		}
		return r
	}, s)
}
