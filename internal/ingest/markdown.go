package ingest

import (
	"github.com/jic-center/jic/internal/dates"
	"strings"

	"github.com/jic-center/jic"
)

// parseMarkdown reads a Markdown document. The title is the front matter's
// title, else the first heading, else the first line; the text is the
// document as readable plain text: markup stripped, link and image text
// kept, code kept verbatim, one list item per line, paragraphs separated by
// blank lines. Front matter dates and languages that cannot be read are
// ignored rather than rejected: hand-written files get them wrong often and
// the report is worth more than its date.
func parseMarkdown(raw []byte, opt Options) (*jic.Report, error) {
	if err := checkUTF8(raw, 1); err != nil {
		return nil, err
	}
	meta, body := splitFrontMatter(newlines(string(stripBOM(raw))))
	blocks := markdownBlocks(body)
	rep := &jic.Report{
		URL:      firstOf(meta["url"], meta["link"]),
		Language: opt.Language,
		Raw:      raw,
		RawType:  "text/markdown; charset=utf-8",
	}
	rep.Title, rep.Text = markdownTitle(plainInline(meta["title"]), blocks)
	if t, ok := dates.Parse(meta["date"]); ok {
		rep.Published = t
	}
	if tag, ok := languageTag(firstOf(meta["lang"], meta["language"])); ok {
		rep.Language = tag
	}
	return rep, nil
}

// mdBlock is one block of converted Markdown: a heading or a run of text.
type mdBlock struct {
	heading bool
	text    string
	lines   []string // a paragraph's source lines, for taking its first as the title
}

// markdownTitle picks the title as parseMarkdown documents it and joins the
// remaining blocks into the text. A heading or line used as the title is
// dropped from the text only where it opens the document, so that text is
// not repeated and no section heading in the middle goes missing.
func markdownTitle(title string, blocks []mdBlock) (string, string) {
	switch h := firstHeading(blocks); {
	case title != "":
		if len(blocks) > 0 && blocks[0].heading && strings.EqualFold(blocks[0].text, title) {
			blocks = blocks[1:]
		}
	case h == 0:
		title, blocks = blocks[0].text, blocks[1:]
	case h > 0:
		title = blocks[h].text
	case len(blocks) > 0 && len(blocks[0].lines) > 0:
		first := blocks[0].lines
		title = plainInline(first[0])
		blocks = append([]mdBlock{{text: joinPara(first[1:])}}, blocks[1:]...)
	case len(blocks) > 0:
		var rest string
		title, rest = firstLine(blocks[0].text)
		blocks = append([]mdBlock{{text: rest}}, blocks[1:]...)
	}
	texts := make([]string, 0, len(blocks))
	for _, b := range blocks {
		texts = append(texts, b.text)
	}
	return clipTitle(oneLine(title)), strings.Join(texts, "\n\n")
}

func firstHeading(blocks []mdBlock) int {
	for i, b := range blocks {
		if b.heading {
			return i
		}
	}
	return -1
}

func firstOf(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

// splitFrontMatter separates a leading "---" block of simple "key: value"
// lines from the body. Keys are lower-cased; nested YAML is ignored. A
// block without its closing line is not front matter.
func splitFrontMatter(s string) (map[string]string, string) {
	rest, ok := strings.CutPrefix(s, "---\n")
	if !ok {
		return nil, s
	}
	meta := map[string]string{}
	for len(rest) > 0 {
		line, next, _ := strings.Cut(rest, "\n")
		rest = next
		if t := strings.TrimSpace(line); t == "---" || t == "..." {
			return meta, rest
		}
		if key, val, ok := strings.Cut(line, ":"); ok && isKey(key) {
			meta[strings.ToLower(key)] = unquote(strings.TrimSpace(val))
		}
	}
	return nil, s
}

func isKey(s string) bool {
	for _, r := range s {
		if !(r == '_' || r == '-' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return s != ""
}

func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1]
	}
	return s
}

// mdConverter turns Markdown lines into blocks of plain text. It knows the
// block structure that matters for reading (headings, paragraphs, lists,
// quotes, code, tables) and drops the rest of the markup.
type mdConverter struct {
	blocks  []mdBlock
	para    []string // lines of the paragraph being read
	lines   []string // list items or table rows being read, one per line
	fence   string   // the fence of the code block being read, "" outside one
	code    []string
	comment bool // inside a multi-line HTML comment
}

func markdownBlocks(s string) []mdBlock {
	var c mdConverter
	for _, line := range strings.Split(s, "\n") {
		c.line(strings.ReplaceAll(line, "\t", "    "))
	}
	c.flush()
	if c.fence != "" {
		c.add(false, strings.Join(c.code, "\n"))
	}
	return c.blocks
}

func (c *mdConverter) line(line string) {
	trimmed := strings.TrimSpace(line)
	indent := len(line) - len(strings.TrimLeft(line, " "))
	switch {
	case c.fence != "":
		c.codeLine(line, trimmed)
	case c.comment:
		c.comment = !strings.Contains(line, "-->")
	case trimmed == "":
		c.flush()
	case indent < 4 && isFence(trimmed):
		c.flush()
		c.fence = trimmed[:fenceLen(trimmed)]
	case indent < 4 && strings.HasPrefix(trimmed, "<!--") && !strings.Contains(trimmed, "-->"):
		c.flush()
		c.comment = true
	case indent < 4 && atxLevel(trimmed) > 0:
		c.flush()
		c.add(true, plainInline(atxText(trimmed)))
	case indent < 4 && len(c.para) > 0 && isSetextLine(trimmed):
		text := strings.Join(c.para, " ")
		c.para = nil
		c.add(true, plainInline(text))
	case indent < 4 && isBreak(trimmed):
		c.flush()
	case indent < 4 && trimmed[0] == '>':
		c.line(strings.TrimPrefix(trimmed[1:], " "))
	case isLinkDefinition(trimmed):
	case isTableRule(trimmed):
	case trimmed[0] == '|':
		c.flushPara()
		c.lines = append(c.lines, tableRow(trimmed))
	default:
		c.textLine(line, trimmed)
	}
}

func (c *mdConverter) codeLine(line, trimmed string) {
	if strings.HasPrefix(trimmed, c.fence) && strings.Trim(trimmed, c.fence[:1]) == "" {
		c.add(false, strings.Join(c.code, "\n"))
		c.fence, c.code = "", nil
		return
	}
	c.code = append(c.code, line)
}

// textLine handles list items and paragraph lines.
func (c *mdConverter) textLine(line, trimmed string) {
	if item, ok := listItem(trimmed); ok {
		c.flushPara()
		c.lines = append(c.lines, item)
		return
	}
	if len(c.lines) > 0 && len(c.para) == 0 {
		// A continuation of the last list item, indented or lazy.
		c.lines[len(c.lines)-1] += " " + trimmed
		return
	}
	c.para = append(c.para, strings.TrimLeft(line, " "))
}

func (c *mdConverter) add(heading bool, text string) {
	if strings.TrimSpace(text) != "" {
		c.blocks = append(c.blocks, mdBlock{heading: heading, text: text})
	}
}

func (c *mdConverter) flush() {
	c.flushPara()
	if len(c.lines) > 0 {
		for i, l := range c.lines {
			c.lines[i] = plainInline(l)
		}
		c.add(false, strings.Join(c.lines, "\n"))
		c.lines = nil
	}
}

// flushPara ends a paragraph.
func (c *mdConverter) flushPara() {
	if len(c.para) == 0 {
		return
	}
	if text := joinPara(c.para); text != "" {
		c.blocks = append(c.blocks, mdBlock{text: text, lines: c.para})
	}
	c.para = nil
}

// joinPara returns the plain text of a paragraph's lines: joined with
// spaces (soft breaks), or with a newline after a hard break (two trailing
// spaces or a backslash).
func joinPara(lines []string) string {
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			prev := lines[i-1]
			if strings.HasSuffix(prev, "  ") || strings.HasSuffix(prev, `\`) {
				b.WriteByte('\n')
			} else {
				b.WriteByte(' ')
			}
		}
		if i < len(lines)-1 {
			l = strings.TrimSuffix(l, `\`)
		}
		b.WriteString(strings.TrimRight(l, " "))
	}
	return strings.TrimSpace(plainInline(b.String()))
}
