package gather

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlText converts an HTML fragment (a feed item's content, a mail's HTML
// part) to plain text: block elements become paragraph breaks, <br> a line
// break, scripts and styles are dropped and white space is collapsed.
// Unlike readability it keeps the whole fragment: a feed item's content is
// already the article.
func htmlText(s string) string {
	var w textWriter
	z := html.NewTokenizer(strings.NewReader(s))
	skip, pre := 0, 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return w.String()
		case html.TextToken:
			if skip == 0 {
				w.text(string(z.Text()), pre > 0)
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			switch {
			case skipped[a]:
				if !selfClosing(z) {
					skip++
				}
			case a == atom.Br:
				w.brk(1)
			case a == atom.Pre:
				pre++
				w.brk(2)
			case a == atom.Td || a == atom.Th:
				w.text(" ", false)
			case blocks[a]:
				w.brk(breakOf(a))
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			switch {
			case skipped[a]:
				if skip > 0 {
					skip--
				}
			case a == atom.Pre:
				if pre > 0 {
					pre--
				}
				w.brk(2)
			case blocks[a]:
				w.brk(breakOf(a))
			}
		}
	}
}

func selfClosing(z *html.Tokenizer) bool {
	raw := z.Raw()
	return len(raw) > 1 && raw[len(raw)-2] == '/'
}

// skipped elements hold no reader-visible text.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Head: true, atom.Title: true, atom.Svg: true, atom.Math: true, atom.Iframe: true,
	atom.Object: true, atom.Select: true, atom.Textarea: true,
}

// blocks start and end on their own lines.
var blocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Blockquote: true, atom.Ul: true, atom.Ol: true,
	atom.Li: true, atom.Dl: true, atom.Dt: true, atom.Dd: true, atom.Table: true, atom.Tr: true,
	atom.Section: true, atom.Article: true, atom.Header: true, atom.Footer: true, atom.Aside: true,
	atom.Figure: true, atom.Figcaption: true, atom.Hr: true, atom.Address: true, atom.Main: true,
	atom.Nav: true, atom.Caption: true, atom.Center: true, atom.Form: true, atom.Body: true,
}

// breakOf is the break a block element makes: list items and table rows
// one line, the others a paragraph.
func breakOf(a atom.Atom) int {
	switch a {
	case atom.Li, atom.Tr, atom.Dt, atom.Dd:
		return 1
	}
	return 2
}

// textWriter builds plain text with at most one blank line between
// paragraphs and no space at the start or end of a line.
type textWriter struct {
	b       strings.Builder
	pending int  // line breaks owed before the next text
	space   bool // a space is owed before the next text
}

func (w *textWriter) brk(n int) {
	if w.b.Len() > 0 && n > w.pending {
		w.pending = n
	}
	w.space = false
}

func (w *textWriter) text(s string, pre bool) {
	if pre {
		s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
		for i, line := range strings.Split(s, "\n") {
			if i > 0 {
				w.brk(1)
				w.flush()
			}
			w.word(strings.TrimRight(line, " \t"))
		}
		return
	}
	if s != "" && isSpace(s[0]) {
		w.space = true
	}
	fields := strings.Fields(s)
	for i, f := range fields {
		if i > 0 {
			w.space = true
		}
		w.word(f)
	}
	if len(fields) > 0 && isSpace(s[len(s)-1]) {
		w.space = true
	}
}

func (w *textWriter) word(s string) {
	if s == "" {
		return
	}
	w.flush()
	if w.space && w.b.Len() > 0 && !atLineStart(w.b.String()) {
		w.b.WriteByte(' ')
	}
	w.space = false
	w.b.WriteString(strings.ReplaceAll(strings.ToValidUTF8(s, "\uFFFD"), "\x00", ""))
}

func (w *textWriter) flush() {
	if w.pending > 0 && w.b.Len() > 0 {
		w.b.WriteString(strings.Repeat("\n", w.pending))
		w.space = false
	}
	w.pending = 0
}

func (w *textWriter) String() string { return strings.TrimSpace(w.b.String()) }

func atLineStart(s string) bool { return s == "" || s[len(s)-1] == '\n' }

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// htmlLike matches a tag or an entity: text without them is plain.
var htmlLike = regexp.MustCompile(`<(?:[a-zA-Z][a-zA-Z0-9]*[\s/>]|/[a-zA-Z]|!--)|&(?:[a-zA-Z]{2,8}|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});`)

// anyText converts s to plain text, reading it as HTML if it looks like
// HTML: feeds put either in the same element.
func anyText(s string) string {
	if htmlLike.MatchString(s) {
		return htmlText(s)
	}
	return plainText(s)
}

// plainText tidies plain text: Unix line ends, no space at line ends, at
// most one blank line between paragraphs, valid UTF-8 without NULs.
func plainText(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	s = lineEnds.Replace(s)
	lines := strings.Split(s, "\n")
	var b strings.Builder
	blank := 0
	for _, l := range lines {
		l = strings.Join(strings.Fields(l), " ")
		if l == "" {
			blank++
			continue
		}
		if b.Len() > 0 {
			if blank > 0 {
				b.WriteString("\n\n")
			} else {
				b.WriteByte('\n')
			}
		}
		blank = 0
		b.WriteString(l)
	}
	return b.String()
}

var lineEnds = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\x00", "")

// oneLine collapses all white space in s to single spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
