package ingest

import (
	"bytes"
	"encoding/json"
	"github.com/jic-center/jic/internal/dates"
	"net/url"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/language"
	"golang.org/x/text/transform"

	"github.com/jic-center/jic"
)

// parseHTML reads a web page: go-readability finds the main text and the
// title (a page's navigation, ads and comments are not the report); the
// URL, published time and language come from the page's own metadata.
// Pages in legacy encodings are decoded; a page with no main text found
// falls back to all of its body text.
func parseHTML(raw []byte, opt Options) (*jic.Report, error) {
	doc, err := html.Parse(decodeHTML(raw))
	if err != nil {
		return nil, invalid("cannot parse HTML: %v", err)
	}
	meta := readMeta(doc)
	rep := &jic.Report{
		URL:      meta.url(),
		Language: opt.Language,
		Raw:      raw,
		RawType:  "text/html",
	}
	if tag, ok := languageTag(meta.lang); ok {
		rep.Language = tag
	}
	// Readability rewrites the tree it reads, so metadata is read first.
	rep.Title, rep.Text = extractArticle(doc)
	if strings.TrimSpace(rep.Text) == "" {
		rep.Text = bodyText(raw)
	}
	if rep.Title == "" {
		rep.Title = firstOf(meta.ogTitle, meta.title, meta.h1)
	}
	rep.Title = clipTitle(oneLine(rep.Title))
	rep.Text = dropTitleLine(rep.Text, rep.Title)
	rep.Published = meta.published
	return rep, nil
}

// decodeHTML returns the page as UTF-8. A page that is valid UTF-8 is read
// as such whatever it declares: mislabelled pages are common, and legacy
// encodings are almost never valid UTF-8 by accident.
func decodeHTML(raw []byte) *bytes.Reader {
	if utf8.Valid(raw) {
		return bytes.NewReader(raw)
	}
	enc, _, _ := charset.DetermineEncoding(raw, "")
	out, _, err := transform.Bytes(enc.NewDecoder(), raw)
	if err != nil {
		out = bytes.ToValidUTF8(raw, []byte("\uFFFD"))
	}
	return bytes.NewReader(out)
}

// extractArticle returns readability's title and main text, if it finds
// them. It changes doc.
func extractArticle(doc *html.Node) (title, text string) {
	p := readability.NewParser()
	article, err := p.ParseAndMutate(doc, nil)
	if err != nil {
		return "", ""
	}
	if article.Node != nil {
		text = render.InnerText(article.Node)
	}
	return article.Title(), text
}

// bodyText returns the text of a whole page body, for pages where
// readability finds no main text. The page is parsed again because
// readability has changed the first tree.
func bodyText(raw []byte) string {
	doc, err := html.Parse(decodeHTML(raw))
	if err != nil {
		return ""
	}
	if body := findElement(doc, "body"); body != nil {
		return render.InnerText(body)
	}
	return ""
}

// dropTitleLine removes the title from the start of the text, where a
// page's own <h1> puts it a second time.
func dropTitleLine(text, title string) string {
	text = strings.TrimLeft(text, " \t\n")
	first, rest, _ := strings.Cut(text, "\n")
	if title != "" && oneLine(first) == title {
		return rest
	}
	return text
}

// pageMeta is what a page says about itself.
type pageMeta struct {
	canonical, ogURL string
	lang             string
	title, ogTitle   string
	h1               string
	published        time.Time
}

func (m pageMeta) url() string {
	for _, u := range []string{m.canonical, m.ogURL} {
		if p, err := url.Parse(strings.TrimSpace(u)); err == nil && (p.Scheme == "http" || p.Scheme == "https") && p.Host != "" {
			return p.String()
		}
	}
	return ""
}

// publishedKeys are the meta names and properties that carry a page's
// publication time, in the order they are trusted.
var publishedKeys = []string{
	"article:published_time", "og:published_time", "og:article:published_time",
	"datepublished", "date", "pubdate", "publishdate", "publish-date", "publish_date",
	"dc.date", "dc.date.issued", "dcterms.issued", "dcterms.created", "sailthru.date", "parsely-pub-date",
}

// readMeta walks the page once for the metadata parseHTML uses. The
// publication time comes from the meta tags above, then JSON-LD's
// datePublished, then the first <time datetime>.
func readMeta(doc *html.Node) pageMeta {
	var m pageMeta
	metas := map[string]string{}
	var timeTag, jsonLD string
	walk(doc, func(n *html.Node) {
		switch n.Data {
		case "html":
			m.lang = firstOf(attr(n, "lang"), attr(n, "xml:lang"))
		case "link":
			if hasToken(attr(n, "rel"), "canonical") && m.canonical == "" {
				m.canonical = attr(n, "href")
			}
		case "meta":
			key := strings.ToLower(firstOf(attr(n, "property"), attr(n, "name"), attr(n, "itemprop"), attr(n, "http-equiv")))
			if _, seen := metas[key]; !seen && key != "" {
				metas[key] = attr(n, "content")
			}
		case "title":
			m.title = firstOf(m.title, textOf(n))
		case "h1":
			m.h1 = firstOf(m.h1, textOf(n))
		case "time":
			if timeTag == "" || attr(n, "pubdate") != "" {
				timeTag = firstOf(attr(n, "datetime"), timeTag)
			}
		case "script":
			if strings.EqualFold(attr(n, "type"), "application/ld+json") && jsonLD == "" {
				jsonLD = textOf(n)
			}
		}
	})
	m.ogURL, m.ogTitle = metas["og:url"], metas["og:title"]
	m.lang = firstOf(m.lang, metas["content-language"], metas["og:locale"])
	for _, k := range publishedKeys {
		if t, ok := dates.Parse(metas[k]); ok {
			m.published = t
			return m
		}
	}
	if t, ok := dates.Parse(jsonLDPublished(jsonLD)); ok {
		m.published = t
	} else if t, ok := dates.Parse(timeTag); ok {
		m.published = t
	}
	return m
}

// jsonLDPublished returns the first "datePublished" in a JSON-LD script,
// looking into nested objects and arrays ("@graph").
func jsonLDPublished(script string) string {
	var v any
	if script == "" || json.Unmarshal([]byte(script), &v) != nil {
		return ""
	}
	return findKey(v, "datePublished", 0)
}

func findKey(v any, key string, depth int) string {
	if depth > 8 {
		return ""
	}
	switch v := v.(type) {
	case map[string]any:
		if s, ok := v[key].(string); ok {
			return s
		}
		for _, k := range sortedKeys(v) {
			if s := findKey(v[k], key, depth+1); s != "" {
				return s
			}
		}
	case []any:
		for _, e := range v {
			if s := findKey(e, key, depth+1); s != "" {
				return s
			}
		}
	}
	return ""
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// walk calls fn for every element under n, in document order.
func walk(n *html.Node, fn func(*html.Node)) {
	if n.Type == html.ElementNode {
		fn(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, fn)
	}
}

func findElement(n *html.Node, name string) *html.Node {
	var found *html.Node
	walk(n, func(e *html.Node) {
		if found == nil && e.Data == name {
			found = e
		}
	})
	return found
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(list) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

// textOf returns the text inside n with white space collapsed.
func textOf(n *html.Node) string {
	var b strings.Builder
	var visit func(*html.Node)
	visit = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
	}
	visit(n)
	return oneLine(b.String())
}

// languageTag checks a language tag (BCP 47; "en_US" is accepted for
// "en-US") and returns it in canonical form.
func languageTag(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 35 {
		return "", false
	}
	t, err := language.Parse(strings.ReplaceAll(s, "_", "-"))
	if err != nil {
		return "", false
	}
	return t.String(), true
}
