package gather

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/mmcdole/gofeed"

	"github.com/jic-center/jic"
)

// salvage reads an RSS or Atom feed that gofeed rejected as a whole: it
// cuts the document into its items, parses each one behind the feed's own
// header, and keeps those that parse. cause is gofeed's error on the whole
// document, returned as EINVALID when no item can be saved.
func salvage(body []byte, cause error) (*rawFeed, error) {
	tag := itemTag(body)
	if tag == "" {
		return nil, feedError(cause)
	}
	spans := elementSpans(body, tag)
	if len(spans) == 0 {
		return nil, feedError(cause)
	}
	head, tail, header := feedHeader(body[:spans[0][0]])
	out := &rawFeed{feed: header}
	if len(spans) > maxSalvaged {
		out.skipped = append(out.skipped, jic.Errorf(jic.ETOOLARGE,
			"items %d to %d not read: a broken feed is read item by item, up to %d items", maxSalvaged+1, len(spans), maxSalvaged))
		spans = spans[:maxSalvaged]
	}
	for i, sp := range spans {
		doc := make([]byte, 0, len(head)+sp[1]-sp[0]+len(tail))
		doc = append(append(append(doc, head...), body[sp[0]:sp[1]]...), tail...)
		one, err := parseOne(doc)
		if err != nil {
			// A "<" that starts no tag ("a < b") is the commonest slip.
			if fixed := strayLT.ReplaceAll(doc, []byte("&lt;$1")); !bytes.Equal(fixed, doc) {
				if again, err2 := parseOne(fixed); err2 == nil {
					one, err = again, nil
				}
			}
		}
		if err != nil {
			out.skipped = append(out.skipped, jic.Errorf(jic.EINVALID, "item %d: %s", i+1, clip(err.Error(), 200)))
			continue
		}
		out.items = append(out.items, one.items[0])
	}
	if len(out.items) == 0 {
		return nil, feedError(cause)
	}
	return out, nil
}

// parseOne parses a document made of one item behind the feed header.
func parseOne(doc []byte) (*rawFeed, error) {
	one, err := parseWhole(doc)
	if err == nil && len(one.items) != 1 {
		err = fmt.Errorf("not one item")
	}
	return one, err
}

// strayLT is a "<" that cannot start a tag.
var strayLT = regexp.MustCompile(`<([\s\d=<>-])`)

// itemTag is the name of an item element in an XML feed: "item" in RSS,
// "entry" in Atom, "" in JSON Feed and what is no feed.
func itemTag(body []byte) string {
	// gofeed reads the whole reader to detect; the root is near the start.
	switch gofeed.DetectFeedType(bytes.NewReader(body[:min(len(body), 4096)])) {
	case gofeed.FeedTypeRSS:
		return "item"
	case gofeed.FeedTypeAtom:
		return "entry"
	}
	return ""
}

// countItems counts the item elements of an XML feed.
func countItems(body []byte) int {
	if tag := itemTag(body); tag != "" {
		return len(elementSpans(body, tag))
	}
	return 0
}

// maxSalvaged bounds the items of a broken feed read one by one: each is
// a parse of its own, and a hostile feed could hold a million.
const maxSalvaged = 5000

// feedHeader returns what to put before and after one item so that it
// parses as a feed, and the feed-level fields read from the document's own
// header (all before the first item). Items are put behind a bare copy of
// the root element, which declares the namespaces they use, so that a
// long or broken channel header is neither parsed again for each item nor
// fatal to them.
func feedHeader(prefix []byte) (head, tail []byte, feed *gofeed.Feed) {
	feed = &gofeed.Feed{}
	if raw, err := parseWhole(append(append([]byte(nil), prefix...), closingTags(prefix)...)); err == nil {
		feed = raw.feed
	}
	head = prefix
	if m := rootTag.Find(prefix); m != nil {
		head = append([]byte(nil), m...)
		if bytes.Contains(bytes.ToLower(m), []byte("<rss")) {
			head = append(head, "<channel>"...)
		}
	}
	return head, closingTags(head), feed
}

var rootTag = regexp.MustCompile(`(?i)<(?:[\w.-]+:)?(?:rss|rdf|feed)\b[^>]*>`)

// closingTags returns the end tags of the elements left open at the end
// of prefix, innermost first.
func closingTags(prefix []byte) []byte {
	d := xml.NewDecoder(bytes.NewReader(prefix))
	d.Strict = false
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	var open []string
	for {
		tok, err := d.RawToken()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			open = append(open, qname(t.Name))
		case xml.EndElement:
			name := qname(t.Name)
			for i := len(open) - 1; i >= 0; i-- {
				if open[i] == name {
					open = open[:i]
					break
				}
			}
		}
	}
	var b bytes.Buffer
	for i := len(open) - 1; i >= 0; i-- {
		fmt.Fprintf(&b, "</%s>", open[i])
	}
	return b.Bytes()
}

func qname(n xml.Name) string {
	if n.Space != "" {
		return n.Space + ":" + n.Local
	}
	return n.Local
}

// elementSpans returns the byte spans of the elements named tag (with any
// namespace prefix) in doc, outside comments and CDATA sections. An
// element without its end tag runs to the next one's start.
func elementSpans(doc []byte, tag string) [][2]int {
	var spans [][2]int
	start := -1
	for i := 0; i < len(doc); {
		j := bytes.IndexByte(doc[i:], '<')
		if j < 0 {
			break
		}
		i += j
		rest := doc[i:]
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			i = skipPast(doc, i, "<!--", "-->")
			continue
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			i = skipPast(doc, i, "<![CDATA[", "]]>")
			continue
		}
		closing := len(rest) > 1 && rest[1] == '/'
		name, after := tagName(rest[1+b2i(closing):])
		if local(name) != tag {
			i++
			continue
		}
		end := i + 1 + b2i(closing) + len(name)
		gt := bytes.IndexByte(doc[end:], '>')
		if gt < 0 {
			break
		}
		selfClosing := !closing && gt > 0 && doc[end+gt-1] == '/'
		switch {
		case closing && start >= 0:
			spans = append(spans, [2]int{start, end + gt + 1})
			start = -1
		case !closing && !selfClosing && (after == ' ' || after == '>' || after == '\t' || after == '\n' || after == '\r'):
			if start >= 0 {
				spans = append(spans, [2]int{start, i})
			}
			start = i
		}
		i = end + gt + 1
	}
	if start >= 0 {
		spans = append(spans, [2]int{start, len(doc)})
	}
	return spans
}

// skipPast returns the index after the section that starts at i with
// start and ends with end. A section never closed is skipped by its start
// only, so that an unterminated CDATA does not hide the items after it.
func skipPast(doc []byte, i int, start, end string) int {
	k := bytes.Index(doc[i:], []byte(end))
	if k < 0 {
		return i + len(start)
	}
	return i + k + len(end)
}

// tagName reads an XML name at the start of b and the byte after it.
func tagName(b []byte) (name string, after byte) {
	n := 0
	for n < len(b) && (isNameByte(b[n]) || b[n] == ':') {
		n++
	}
	if n < len(b) {
		after = b[n]
	}
	return string(b[:n]), after
}

func isNameByte(c byte) bool {
	return c == '_' || c == '-' || c == '.' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
}

func local(name string) string {
	if i := strings.LastIndexByte(name, ':'); i >= 0 {
		return name[i+1:]
	}
	return name
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
