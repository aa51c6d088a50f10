package gather

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/jic-center/jic/internal/dates"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/atom"
	"github.com/mmcdole/gofeed/json"
	"github.com/mmcdole/gofeed/rss"

	"github.com/jic-center/jic"
)

// Feed is a parsed RSS, Atom or JSON feed.
type Feed struct {
	Title    string
	Link     string // the site's address, absolute; "" if the feed gives none
	Language string // as the feed declares it, lower case; "" if none
	Items    []Item // in feed order
	// Skipped holds a *jic.Error per item that could not be read, naming
	// it (EINVALID), and one ETOOLARGE for the items of a broken feed past
	// the 5,000 that are read one by one; the other items are in Items.
	Skipped []error
}

// Item is one entry of a feed.
type Item struct {
	// Key identifies the item within its source and stays the same from one
	// poll to the next: the GUID (RSS guid, Atom id, JSON Feed id), else the
	// URL, else "sha256:" and the hex SHA-256 of title+NUL+published
	// (RFC 3339, UTC; "" if unknown)+NUL, or, when title and time are both
	// empty, of the summary and content as well. Items of one feed that
	// share a GUID but not a URL are keyed by URL instead, so that a feed
	// that repeats one GUID does not lose all but one of its items.
	Key   string
	URL   string // absolute http(s) address of the article; "" if the feed gives none usable
	Title string // plain text, one line
	// Summary is the item's description or summary as plain text.
	Summary string
	// Content is the item's full text as plain text, paragraphs separated
	// by a blank line: content:encoded, Atom content or JSON Feed
	// content_html/content_text; else the summary when that is long and
	// not cut off (feeds that carry the article in <description>).
	Content    string
	Published  time.Time // UTC; the update time if no publication time; zero if neither is readable
	Author     string    // names, comma-separated
	Categories []string
	Language   string // the item's own language, else the feed's
	// NeedsFetch is true when the item has a URL but no substantial text:
	// Content shorter than MinFullText characters or cut off ("…", "Read
	// more"). The collector then fetches URL and extracts the article
	// (ParseArticle).
	NeedsFetch bool
	// Republishes names the outlet whose article this is, when the feed
	// metadata says so: an RSS <source> or Atom <source> of another site,
	// dc:source, an Atom link rel="via". Text cues are DetectRepublication's.
	Republishes string
}

// ParseFeed parses an RSS 0.9x/1.0/2.0, Atom or JSON Feed document fetched
// from feedURL (used to resolve relative links; may be "").
//
// It returns ETOOLARGE if body is over opt.MaxBytes and EINVALID, with the
// parser's message, if body is not a feed. A feed whose XML breaks inside
// some items still gives the others: each item is then parsed on its own
// and the broken ones are listed in Feed.Skipped.
func ParseFeed(body []byte, feedURL string, opt Options) (*Feed, error) {
	opt = opt.withDefaults()
	if err := checkSize("feed", len(body), opt.MaxBytes); err != nil {
		return nil, err
	}
	body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(body) && declaresUTF8(body) {
		// One bad byte would otherwise make the XML reader give up.
		body = bytes.ToValidUTF8(body, []byte("\uFFFD"))
	}
	raw, err := parseWhole(body)
	switch {
	case err != nil:
		raw, err = salvage(body, err)
		if err != nil {
			return nil, err
		}
	case raw.feed.FeedType != "json" && len(raw.items) < countItems(body):
		// The lenient XML reader got past a broken item but lost track of
		// the items after it: read them one by one.
		if saved, err := salvage(body, nil); err == nil && len(saved.items) > len(raw.items) {
			raw = saved
		}
	}
	return raw.translate(feedURL), nil
}

// declaresUTF8 reports whether a feed is UTF-8 by its XML declaration, or
// by having none (XML's default; JSON is UTF-8 always).
func declaresUTF8(body []byte) bool {
	head := body[:min(len(body), 200)]
	if !bytes.HasPrefix(bytes.TrimLeft(head, " \t\r\n"), []byte("<?xml")) {
		return true
	}
	decl, _, _ := bytes.Cut(head, []byte("?>"))
	m := xmlEncoding.FindSubmatch(decl)
	return m == nil || strings.EqualFold(string(m[1]), "utf-8") || strings.EqualFold(string(m[1]), "utf8")
}

var xmlEncoding = regexp.MustCompile(`encoding\s*=\s*["']([^"']+)["']`)

// rawFeed is what gofeed read, with each item's format-specific form for
// the fields the universal form drops (RSS comments and source, GUID
// isPermaLink, Atom link relations and source, JSON Feed content kinds).
type rawFeed struct {
	feed    *gofeed.Feed
	items   []rawItem
	skipped []error
}

type rawItem struct {
	u    *gofeed.Item
	rss  *rss.Item
	atom *atom.Entry
	json *json.Item
}

// parseWhole parses body with gofeed, turning its panics into errors.
func parseWhole(body []byte) (raw *rawFeed, err error) {
	defer func() {
		if r := recover(); r != nil {
			raw, err = nil, fmt.Errorf("feed parser failed: %v", r)
		}
	}()
	p := gofeed.NewParser()
	p.KeepOriginalFeed = true
	f, err := p.Parse(bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	raw = &rawFeed{feed: f, items: make([]rawItem, len(f.Items))}
	for i, it := range f.Items {
		raw.items[i].u = it
	}
	switch o := f.OriginalFeed().(type) {
	case *rss.Feed:
		for i := range min(len(o.Items), len(raw.items)) {
			raw.items[i].rss = o.Items[i]
		}
	case *atom.Feed:
		for i := range min(len(o.Entries), len(raw.items)) {
			raw.items[i].atom = o.Entries[i]
		}
	case *json.Feed:
		for i := range min(len(o.Items), len(raw.items)) {
			raw.items[i].json = o.Items[i]
		}
	}
	return raw, nil
}

// feedError is the EINVALID error for a document gofeed cannot read.
func feedError(err error) error {
	if err == nil {
		return jic.Errorf(jic.EINVALID, "parse feed: no item could be read")
	}
	if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
		return jic.Errorf(jic.EINVALID, "parse feed: not an RSS, Atom or JSON feed")
	}
	return jic.Errorf(jic.EINVALID, "parse feed: %s", clip(err.Error(), 300))
}

// translate builds the Feed, resolving links against feedURL.
func (raw *rawFeed) translate(feedURL string) *Feed {
	f := raw.feed
	base := httpURL(feedURL, nil)
	link := usableURL(f.Link, base)
	if base == nil {
		base = httpURL(link, nil)
	}
	out := &Feed{
		Title:    oneLine(anyText(f.Title)),
		Link:     link,
		Language: langTag(f.Language),
		Skipped:  raw.skipped,
	}
	site := feedSite{title: out.Title, hosts: map[string]bool{}}
	for _, u := range []string{feedURL, f.Link, f.FeedLink} {
		if h := siteOf(u); h != "" {
			site.hosts[h] = true
		}
	}
	for i, ri := range raw.items {
		it := ri.translate(base, out.Language, site)
		if it.Title == "" && it.URL == "" && it.Content == "" && it.Summary == "" {
			out.Skipped = append(out.Skipped, jic.Errorf(jic.EINVALID, "item %d has no title, link or text", i+1))
			continue
		}
		out.Items = append(out.Items, it)
	}
	fixDuplicateKeys(out.Items)
	return out
}

// feedSite is what tells a feed's own site from another outlet.
type feedSite struct {
	title string
	hosts map[string]bool // registrable domains of the feed and its site
}

func (ri rawItem) translate(base *url.URL, feedLang string, site feedSite) Item {
	u := ri.u
	it := Item{
		Title:      oneLine(anyText(u.Title)),
		Summary:    anyText(u.Description),
		Content:    ri.content(),
		Author:     authorOf(u),
		Categories: categories(u.Categories),
		Language:   feedLang,
	}
	if l := ri.language(); l != "" {
		it.Language = l
	}
	it.Published = publishedOf(u)
	it.URL = ri.url(base)
	if it.Content == "" && utf8.RuneCountInString(it.Summary) >= MinFullText && !cutOff(it.Summary) {
		it.Content = it.Summary
	}
	it.NeedsFetch = it.URL != "" && (utf8.RuneCountInString(it.Content) < MinFullText || cutOff(it.Content))
	it.Republishes = ri.republishes(base, site)
	it.Key = itemKey(u.GUID, it)
	return it
}

// content returns the item's full text as plain text.
func (ri rawItem) content() string {
	switch {
	case ri.json != nil:
		if ri.json.ContentHTML != "" {
			return htmlText(ri.json.ContentHTML)
		}
		return plainText(ri.json.ContentText)
	case ri.atom != nil && ri.atom.Content != nil:
		if strings.EqualFold(ri.atom.Content.Type, "text") {
			return plainText(ri.atom.Content.Value)
		}
		return htmlText(ri.atom.Content.Value)
	}
	return anyText(ri.u.Content)
}

func (ri rawItem) language() string {
	if ri.json != nil && ri.json.Language != "" {
		return langTag(ri.json.Language)
	}
	if dc := ri.u.DublinCoreExt; dc != nil && len(dc.Language) > 0 {
		return langTag(dc.Language[0])
	}
	return ""
}

// url returns the item's article address. A link that is not a usable
// URL (Global Voices' 2009 feed puts a <BASE_WEBSITE_URL/> placeholder
// element in every <link>) gives way to a GUID that is a permalink, then
// the RSS <comments> address without its fragment (WordPress writes
// "<permalink>#comments"), then a GUID that looks like a URL, then any
// other link of the item.
func (ri rawItem) url(base *url.URL) string {
	u := ri.u
	cands := []string{u.Link}
	if ri.rss != nil {
		if g := ri.rss.GUID; g != nil && !strings.EqualFold(strings.TrimSpace(g.IsPermalink), "false") {
			cands = append(cands, g.Value)
		}
		if c := ri.rss.Comments; c != "" {
			c, _, _ = strings.Cut(c, "#")
			cands = append(cands, c)
		}
	}
	if strings.HasPrefix(strings.TrimSpace(u.GUID), "http") {
		cands = append(cands, u.GUID)
	}
	cands = append(cands, u.Links...)
	if ri.atom != nil {
		for _, l := range ri.atom.Links {
			if l.Rel == "" || l.Rel == "alternate" {
				cands = append(cands, l.Href)
			}
		}
	}
	for _, c := range cands {
		if v := usableURL(c, base); v != "" {
			return v
		}
	}
	return ""
}

// republishes reads the feed metadata that names an item's original outlet.
func (ri rawItem) republishes(base *url.URL, site feedSite) string {
	other := func(title, link string) string {
		link = usableURL(link, base)
		if h := siteOf(link); h != "" && site.hosts[h] {
			return ""
		}
		title = oneLine(title)
		if link == "" && (title == "" || strings.EqualFold(title, site.title)) {
			return ""
		}
		if title != "" && !strings.EqualFold(title, site.title) {
			return clip(title, 100)
		}
		return outletOfURL(link)
	}
	if ri.rss != nil && ri.rss.Source != nil {
		if o := other(ri.rss.Source.Title, ri.rss.Source.URL); o != "" {
			return o
		}
	}
	if ri.atom != nil {
		if s := ri.atom.Source; s != nil {
			link := ""
			for _, l := range s.Links {
				if l.Rel == "" || l.Rel == "alternate" || (link == "" && l.Rel == "self") {
					link = l.Href
				}
			}
			if o := other(s.Title, link); o != "" {
				return o
			}
		}
		for _, l := range ri.atom.Links {
			if l.Rel == "via" {
				if o := other(l.Title, l.Href); o != "" {
					return o
				}
			}
		}
	}
	if dc := ri.u.DublinCoreExt; dc != nil {
		for _, s := range dc.Source {
			s = strings.TrimSpace(s)
			if httpURL(s, nil) != nil {
				if o := other("", s); o != "" {
					return o
				}
				continue
			}
			if o := outletName(s); o != "" && !strings.EqualFold(o, site.title) {
				return o
			}
		}
	}
	return ""
}

func authorOf(u *gofeed.Item) string {
	var names []string
	seen := map[string]bool{}
	add := func(s string) {
		s = oneLine(anyText(s))
		if s != "" && !seen[strings.ToLower(s)] {
			seen[strings.ToLower(s)] = true
			names = append(names, s)
		}
	}
	for _, p := range u.Authors {
		if p != nil {
			add(firstNonEmpty(p.Name, p.Email))
		}
	}
	if u.Author != nil {
		add(firstNonEmpty(u.Author.Name, u.Author.Email))
	}
	if dc := u.DublinCoreExt; dc != nil && len(names) == 0 {
		for _, c := range dc.Creator {
			add(c)
		}
	}
	return clip(strings.Join(names, ", "), 500)
}

func categories(in []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, c := range in {
		c = oneLine(anyText(c))
		if c != "" && !seen[c] {
			seen[c] = true
			out = append(out, clip(c, 200))
		}
	}
	return out
}

// publishedOf returns the publication time, else the update time, else
// Dublin Core's date.
func publishedOf(u *gofeed.Item) time.Time {
	// parseDate goes first: it reads fewer forms than gofeed but gets
	// their zones right, where gofeed reads "GMT+3" as GMT.
	try := func(parsed *time.Time, text string) (time.Time, bool) {
		if t, ok := dates.Parse(text); ok {
			if t, ok := dates.Sane(t); ok {
				return t.UTC(), true
			}
		}
		if parsed != nil {
			if t, ok := dates.Sane(*parsed); ok {
				return t.UTC(), true
			}
		}
		return time.Time{}, false
	}
	if t, ok := try(u.PublishedParsed, u.Published); ok {
		return t
	}
	if t, ok := try(u.UpdatedParsed, u.Updated); ok {
		return t
	}
	if dc := u.DublinCoreExt; dc != nil {
		for _, d := range dc.Date {
			if t, ok := try(nil, d); ok {
				return t
			}
		}
	}
	return time.Time{}
}

// maxKey bounds an item key; a longer GUID is hashed.
const maxKey = 2048

func itemKey(guid string, it Item) string {
	guid = oneLine(guid)
	switch {
	case guid != "" && len(guid) <= maxKey && utf8.ValidString(guid):
		return guid
	case guid != "":
		return hashKey(guid)
	case it.URL != "":
		return it.URL
	}
	when := ""
	if !it.Published.IsZero() {
		when = it.Published.Format(time.RFC3339)
	}
	if it.Title == "" && when == "" {
		return hashKey(it.Title, when, it.Summary, it.Content)
	}
	return hashKey(it.Title, when)
}

// fixDuplicateKeys re-keys by URL the items that share a GUID with an item
// of another URL.
func fixDuplicateKeys(items []Item) {
	urls := map[string]map[string]bool{}
	for _, it := range items {
		if urls[it.Key] == nil {
			urls[it.Key] = map[string]bool{}
		}
		urls[it.Key][it.URL] = true
	}
	for i, it := range items {
		if len(urls[it.Key]) > 1 && it.URL != "" && it.Key != it.URL {
			items[i].Key = it.URL
		}
	}
}

// cutOff reports whether a text ends as a teaser does.
func cutOff(s string) bool {
	s = strings.TrimSpace(s)
	tail := strings.ToLower(s[max(0, len(s)-40):])
	for _, end := range []string{"…", "...", "[…]", "[...]", "read more", "continue reading", "read the full", "lire la suite", "читать далее", "devamını oku", "ادامه مطلب", "اقرأ المزيد"} {
		if strings.HasSuffix(tail, end) {
			return true
		}
	}
	return false
}
