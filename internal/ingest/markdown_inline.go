package ingest

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Bounds that keep inline conversion linear on hostile input: how deep
// emphasis and links may nest, and how far a link's brackets may reach.
const (
	maxInlineDepth = 16
	maxLinkText    = 1000
	maxLinkTarget  = 2000
	maxHTMLTag     = 500
)

// plainInline strips inline Markdown from s: emphasis markers and
// struck-out text, link and image syntax (keeping the link text and the image's
// alt text), code span backticks (keeping the code), HTML tags and
// comments, backslash escapes; HTML entities are decoded.
func plainInline(s string) string {
	var b strings.Builder
	inline(&b, s, 0)
	return b.String()
}

// inline writes the plain text of s to b. depth counts the emphasis and
// links s is nested in.
func inline(b *strings.Builder, s string, depth int) {
	noCloser := map[string]bool{} // delimiter runs known to have no closer in s
	for i := 0; i < len(s); {
		n := 0
		switch s[i] {
		case '\\':
			n = escape(b, s[i:])
		case '`':
			n = codeSpan(b, s[i:], noCloser)
		case '!', '[':
			n = link(b, s[i:], depth)
		case '<':
			n = angle(b, s[i:])
		case '*', '_', '~':
			n = emphasis(b, s, i, depth, noCloser)
		case '&':
			n = entity(b, s[i:])
		}
		if n == 0 {
			b.WriteByte(s[i])
			n = 1
		}
		i += n
	}
}

func escape(b *strings.Builder, s string) int {
	if len(s) < 2 || !unicode.IsPunct(rune(s[1])) && !unicode.IsSymbol(rune(s[1])) || s[1] >= utf8.RuneSelf {
		return 0
	}
	b.WriteByte(s[1])
	return 2
}

// run returns how many times s[0] repeats at the start of s.
func run(s string) int {
	n := 1
	for n < len(s) && s[n] == s[0] {
		n++
	}
	return n
}

// codeSpan writes the code of a span like "`code`" verbatim.
func codeSpan(b *strings.Builder, s string, noCloser map[string]bool) int {
	n := run(s)
	fence := s[:n]
	for j := n; !noCloser[fence]; {
		k := strings.Index(s[j:], fence)
		if k < 0 {
			noCloser[fence] = true
			break
		}
		j += k
		if m := run(s[j:]); m != n {
			j += m
			continue
		}
		code := s[n:j]
		if len(code) > 2 && code[0] == ' ' && code[len(code)-1] == ' ' && strings.TrimSpace(code) != "" {
			code = code[1 : len(code)-1]
		}
		b.WriteString(code)
		return j + n
	}
	b.WriteString(fence)
	return n
}

// link writes the text of "[text](target)", "[text][ref]" or "[text][]",
// or the alt text of an image "![alt](src)". Brackets followed by neither
// are kept as written: "[sic]".
func link(b *strings.Builder, s string, depth int) int {
	start := 1
	if s[0] == '!' {
		if len(s) < 2 || s[1] != '[' {
			return 0
		}
		start = 2
	}
	if depth >= maxInlineDepth {
		return 0
	}
	end := closing(s, start, '[', ']', maxLinkText)
	if end < 0 || end+1 >= len(s) {
		return 0
	}
	var after int
	switch s[end+1] {
	case '(':
		after = closing(s, end+2, '(', ')', maxLinkTarget)
	case '[':
		after = closing(s, end+2, '[', ']', maxLinkText)
	}
	if after <= 0 {
		return 0
	}
	inline(b, s[start:end], depth+1)
	return after + 1
}

// closing returns the index of the close that balances an open before
// s[from:], skipping escaped characters and looking at most limit bytes
// ahead; -1 if there is none.
func closing(s string, from int, open, close byte, limit int) int {
	depth := 1
	for i := from; i < len(s) && i < from+limit; i++ {
		switch s[i] {
		case '\\':
			i++
		case open:
			depth++
		case close:
			if depth--; depth == 0 {
				return i
			}
		}
	}
	return -1
}

// angle handles '<': an autolink keeps its address, an HTML comment or tag
// is dropped ("<br>" becomes a line break), anything else is a literal '<'.
func angle(b *strings.Builder, s string) int {
	if strings.HasPrefix(s, "<!--") {
		if end := strings.Index(s, "-->"); end > 0 {
			return end + 3
		}
		return 0
	}
	end := strings.IndexByte(s[:min(len(s), maxHTMLTag)], '>')
	if end < 2 || strings.ContainsAny(s[1:end], "<\n") {
		return 0
	}
	inner := s[1:end]
	switch {
	case strings.Contains(inner, "://") && !strings.ContainsAny(inner, " \"'"),
		strings.Contains(inner, "@") && !strings.ContainsAny(inner, " \"'/"):
		b.WriteString(inner)
	case isTagStart(inner):
		if name := strings.ToLower(strings.Fields(strings.Trim(inner, "/"))[0]); name == "br" || name == "br/" {
			b.WriteByte('\n')
		}
	default:
		return 0
	}
	return end + 1
}

func isTagStart(s string) bool {
	s = strings.TrimPrefix(s, "/")
	return s != "" && (s[0] >= 'a' && s[0] <= 'z' || s[0] >= 'A' && s[0] <= 'Z')
}

// emphasis drops a run of '*' or '_' that opens emphasis together with the
// run that closes it, and writes the text between; "~~struck~~" text is
// dropped whole. Runs that open nothing ("2 * 3", "snake_case") stay as
// written.
func emphasis(b *strings.Builder, s string, i, depth int, noCloser map[string]bool) int {
	n := run(s[i:])
	delim := s[i : i+n]
	if s[i] == '~' && n < 2 || depth >= maxInlineDepth || noCloser[delim] || !canOpen(s, i, n) {
		b.WriteString(delim)
		return n
	}
	for j := i + n; j < len(s); {
		k := strings.Index(s[j:], delim)
		if k < 0 {
			break
		}
		j += k
		if m := run(s[j:]); m != n || !canClose(s, j, n) {
			j += m
			continue
		}
		if s[i] != '~' { // struck-out text was deleted by its author
			inline(b, s[i+n:j], depth+1)
		}
		return j + n - i
	}
	noCloser[delim] = true
	b.WriteString(delim)
	return n
}

// canOpen reports whether the run s[i:i+n] can open emphasis: it is
// followed by a non-space, and an underscore is not inside a word.
func canOpen(s string, i, n int) bool {
	next, _ := utf8.DecodeRuneInString(s[i+n:])
	if i+n >= len(s) || unicode.IsSpace(next) {
		return false
	}
	if s[i] == '_' && i > 0 {
		prev, _ := utf8.DecodeLastRuneInString(s[:i])
		return !isWordRune(prev)
	}
	return true
}

// canClose reports whether the run s[j:j+n] can close emphasis: it follows
// a non-space, and an underscore is not inside a word.
func canClose(s string, j, n int) bool {
	prev, _ := utf8.DecodeLastRuneInString(s[:j])
	if unicode.IsSpace(prev) {
		return false
	}
	if s[j] == '_' && j+n < len(s) {
		next, _ := utf8.DecodeRuneInString(s[j+n:])
		return !isWordRune(next)
	}
	return true
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// entity decodes an HTML entity ("&amp;", "&#233;", "&#x4e2d;").
func entity(b *strings.Builder, s string) int {
	end := strings.IndexByte(s[:min(len(s), 40)], ';')
	if end < 2 {
		return 0
	}
	name := s[1:end]
	for _, r := range strings.TrimPrefix(strings.TrimPrefix(name, "#"), "x") {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return 0
		}
	}
	dec := html.UnescapeString(s[:end+1])
	if dec == s[:end+1] {
		return 0
	}
	b.WriteString(dec)
	return end + 1
}
