package gather

import (
	"bytes"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/transform"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/ingest"
)

// Article is the main content of a web page.
type Article struct {
	Title        string
	Text         string    // the main text, paragraphs separated by blank lines; navigation and comments left out
	Published    time.Time // from the page's metadata; zero if it gives none
	Language     string    // as the page declares it; "" if it does not
	CanonicalURL string    // rel=canonical, else og:url, absolute; "" if neither
	SiteName     string    // og:site_name or application-name; "" if neither
	// Republication is set when the page says it republishes another
	// outlet's article: a "syndication-source" or "original-source" meta
	// tag, a credit line in its text, or a canonical link or og:url on
	// another site than pageURL.
	Republication Republication
}

// ParseArticle extracts the article from a web page fetched from pageURL
// (used to resolve links and to tell another site's canonical link; may be
// ""). The main text comes from internal/ingest's HTML reader
// (go-readability). It returns ETOOLARGE for a page over jic.DefaultMaxRaw
// bytes and EINVALID for a page with no text at all.
func ParseArticle(page []byte, pageURL string) (*Article, error) {
	if err := checkSize("page", len(page), jic.DefaultMaxRaw); err != nil {
		return nil, err
	}
	var rep *jic.Report
	err := ingest.Parse(bytes.NewReader(page), "page.html", ingest.Options{Format: ingest.FormatHTML}, func(it ingest.Item) error {
		if it.Err != nil {
			return it.Err
		}
		rep = it.Report
		return nil
	})
	if err != nil {
		if code := jic.ErrorCode(err); code == jic.EINVALID || code == jic.ETOOLARGE {
			return nil, err
		}
		return nil, jic.Errorf(jic.EINVALID, "parse page: %v", err)
	}
	if rep == nil {
		return nil, jic.Errorf(jic.EINVALID, "parse page: no content")
	}
	base := httpURL(pageURL, nil)
	meta := scanPage(page)
	a := &Article{
		Title:     cleanTitle(rep.Title, meta.headings, []string{meta.siteName, meta.appName, meta.startTitle}),
		Text:      plainText(rep.Text),
		Published: rep.Published.UTC(),
		Language:  langTag(rep.Language),
		SiteName:  oneLine(firstNonEmpty(meta.siteName, meta.appName)),
	}
	if rep.Published.IsZero() {
		a.Published = time.Time{}
	}
	canonical := usableURL(meta.canonical, base)
	ogURL := usableURL(meta.ogURL, base)
	a.CanonicalURL = firstNonEmpty(canonical, ogURL)
	a.Republication = pageRepublication(a, base, meta, canonical, ogURL)
	return a, nil
}

// pageRepublication weighs the signs of republication on a page: meta
// tags naming the original first, then a credit sentence in the text,
// then a canonical link or og:url to another site, then a short
// "Source: X" line.
func pageRepublication(a *Article, base *url.URL, meta pageMeta, canonical, ogURL string) Republication {
	here := ""
	if base != nil {
		here = siteOf(base.String())
	}
	for _, m := range meta.originals {
		if u := usableURL(m, base); u != "" && siteOf(u) != here {
			return Republication{Outlet: outletOfURL(u), Evidence: "original-source meta tag: " + u}
		}
	}
	text, strong := detectText(a.Title, a.Text)
	if strong {
		return text
	}
	if here != "" {
		for _, l := range []struct{ what, url string }{{"canonical link", canonical}, {"og:url", ogURL}} {
			if l.url != "" && siteOf(l.url) != here {
				return Republication{Outlet: outletOfURL(l.url), Evidence: l.what + " to " + l.url}
			}
		}
	}
	return text
}

// pageMeta is what ParseArticle reads from a page besides its main text.
type pageMeta struct {
	canonical, ogURL  string
	siteName, appName string
	startTitle        string   // <link rel="start" title>: old WordPress themes name the site there
	originals         []string // syndication-source and original-source meta tags
	headings          []string // the first h1 and h2 texts
}

// scanPage reads link and meta elements and headings. The page is decoded
// to UTF-8 the way ingest does it: as UTF-8 when valid, else by its
// declared or sniffed charset.
func scanPage(page []byte) pageMeta {
	var m pageMeta
	doc, err := html.Parse(bytes.NewReader(pageUTF8(page)))
	if err != nil {
		return m
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "link":
				rel := strings.ToLower(attrOf(n, "rel"))
				switch {
				case hasWord(rel, "canonical") && m.canonical == "":
					m.canonical = attrOf(n, "href")
				case hasWord(rel, "start") && m.startTitle == "":
					m.startTitle = attrOf(n, "title")
				}
			case "meta":
				key := strings.ToLower(firstNonEmpty(attrOf(n, "property"), attrOf(n, "name")))
				val := strings.TrimSpace(attrOf(n, "content"))
				switch key {
				case "og:url":
					m.ogURL = firstNonEmpty(m.ogURL, val)
				case "og:site_name":
					m.siteName = firstNonEmpty(m.siteName, val)
				case "application-name":
					m.appName = firstNonEmpty(m.appName, val)
				case "syndication-source", "original-source":
					if val != "" && len(m.originals) < 4 {
						m.originals = append(m.originals, val)
					}
				}
			case "h1", "h2":
				if len(m.headings) < 12 {
					if t := nodeText(n); t != "" {
						m.headings = append(m.headings, t)
					}
				}
			case "script", "style", "template":
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return m
}

// pageUTF8 returns the page as UTF-8.
func pageUTF8(page []byte) []byte {
	if utf8.Valid(page) {
		return page
	}
	enc, _, _ := charset.DetermineEncoding(page, "")
	out, _, err := transform.Bytes(enc.NewDecoder(), page)
	if err != nil {
		return bytes.ToValidUTF8(page, []byte("\uFFFD"))
	}
	return out
}

var titleSep = regexp.MustCompile(`\s+(?:[|»«·•:–—-]|::)\s+`)

// cleanTitle drops a site's name from a page title ("Site » Headline"):
// the longest run of the title's parts that is also a heading of the page
// and not the site's name wins, else the title without a first or last
// part that is the site's name.
func cleanTitle(title string, headings, siteNames []string) string {
	title = oneLine(title)
	seps := titleSep.FindAllStringIndex(title, -1)
	if len(seps) == 0 {
		return title
	}
	// spans[i] is where part i of the title starts and ends.
	spans := make([][2]int, 0, len(seps)+1)
	prev := 0
	for _, s := range seps {
		spans = append(spans, [2]int{prev, s[0]})
		prev = s[1]
	}
	spans = append(spans, [2]int{prev, len(title)})
	isSite := func(s string) bool {
		for _, site := range siteNames {
			if site = oneLine(site); site != "" && strings.EqualFold(s, site) {
				return true
			}
		}
		return false
	}
	best := ""
	for n := len(spans) - 1; n >= 1; n-- {
		for i := 0; i+n <= len(spans); i++ {
			cand := title[spans[i][0]:spans[i+n-1][1]]
			if len(cand) <= len(best) || isSite(cand) {
				continue
			}
			for _, h := range headings {
				if strings.EqualFold(oneLine(h), cand) {
					best = cand
				}
			}
		}
	}
	if best != "" {
		return best
	}
	first, last := title[spans[0][0]:spans[0][1]], title[spans[len(spans)-1][0]:]
	for _, site := range siteNames {
		switch site = oneLine(site); {
		case site == "":
		case strings.EqualFold(first, site):
			return title[seps[0][1]:]
		case strings.EqualFold(last, site):
			return title[:seps[len(seps)-1][0]]
		}
	}
	return title
}

func nodeText(n *html.Node) string {
	var b strings.Builder
	var visit func(*html.Node)
	visit = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if b.Len() < 1000 {
				visit(c)
			}
		}
	}
	visit(n)
	return oneLine(b.String())
}

func attrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func hasWord(list, w string) bool {
	for _, f := range strings.Fields(list) {
		if f == w {
			return true
		}
	}
	return false
}
