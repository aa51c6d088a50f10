package gather_test

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/gather"
)

// parseFixture parses testdata/feeds/<name> as fetched from feedURL.
func parseFixture(t *testing.T, name, feedURL string) *gather.Feed {
	t.Helper()
	body, err := os.ReadFile(filepath.Join("testdata", "feeds", name))
	if err != nil {
		t.Fatal(err)
	}
	f, err := gather.ParseFeed(body, feedURL, gather.Options{})
	if err != nil {
		t.Fatalf("ParseFeed(%s) = %v", name, err)
	}
	return f
}

// checkItems checks what every item of a real feed must have.
func checkItems(t *testing.T, name string, f *gather.Feed) {
	t.Helper()
	if len(f.Skipped) > 0 {
		t.Errorf("%s: skipped %v, want none", name, f.Skipped)
	}
	keys := map[string]bool{}
	for i, it := range f.Items {
		if it.Title == "" {
			t.Errorf("%s item %d: no title", name, i+1)
		}
		if !strings.HasPrefix(it.URL, "http://") && !strings.HasPrefix(it.URL, "https://") || strings.ContainsAny(it.URL, "<>") {
			t.Errorf("%s item %d (%s): URL %q is not an absolute http URL", name, i+1, it.Title, it.URL)
		}
		if it.Published.IsZero() {
			t.Errorf("%s item %d (%s): no published time", name, i+1, it.Title)
		}
		if it.Key == "" || keys[it.Key] {
			t.Errorf("%s item %d (%s): key %q empty or repeated", name, i+1, it.Title, it.Key)
		}
		keys[it.Key] = true
	}
}

func TestParseFeedNASA(t *testing.T) {
	f := parseFixture(t, "nasa-breaking-news.xml", "https://www.nasa.gov/rss/dyn/breaking_news.rss")
	checkItems(t, "nasa", f)
	if f.Title != "NASA Breaking News" || f.Language != "en-us" || len(f.Items) != 3 {
		t.Fatalf("feed = %q %q with %d items, want NASA Breaking News, en-us, 3 items", f.Title, f.Language, len(f.Items))
	}
	// <pubDate>Tue, 05 Apr 2022 06:27 EDT</pubDate>: no seconds, a zone name.
	it := f.Items[0]
	if want := time.Date(2022, 4, 5, 10, 27, 0, 0, time.UTC); !it.Published.Equal(want) {
		t.Errorf("Published = %v, want %v", it.Published, want)
	}
	// The feed has only a one-line description: the page must be fetched.
	if !it.NeedsFetch || it.Content != "" {
		t.Errorf("NeedsFetch = %v with content %q, want true and no content", it.NeedsFetch, it.Content)
	}
	// <source> names the feed itself: not a republication.
	if it.Republishes != "" {
		t.Errorf("Republishes = %q, want none: <source> is NASA's own feed", it.Republishes)
	}
}

func TestParseFeedGlobalVoices(t *testing.T) {
	f := parseFixture(t, "globalvoices-2009.rss", "http://globalvoicesonline.org/-/type/feature/feed/")
	checkItems(t, "globalvoices", f)
	want := []gather.Item{{
		Key:   "http://globalvoicesonline.org/?p=79204",
		URL:   "http://globalvoicesonline.org/2009/06/11/amplified-conversation-fighting-the-digital-crimes-bill-in-brazil/",
		Title: "Brazil: Amplified conversations to fight the Digital Crimes Bill",
	}, {
		Key:   "http://globalvoicesonline.org/?p=79012",
		URL:   "http://globalvoicesonline.org/2009/06/10/africa-gay-and-lesbian-voices-in-african-blogosphere/",
		Title: "Africa: Gay and lesbian voices in African blogosphere",
	}}
	var got []gather.Item
	for _, it := range f.Items {
		got = append(got, gather.Item{Key: it.Key, URL: it.URL, Title: it.Title})
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
	it := f.Items[0]
	if it.Author != "Diego Casaes" || len(it.Categories) != 11 || it.Categories[1] != "Brazil" {
		t.Errorf("author %q, categories %q: want Diego Casaes and 11 categories", it.Author, it.Categories)
	}
	if it.NeedsFetch || !strings.Contains(it.Content, "\n\nThese protests have been called") || strings.Contains(it.Content, "<p") {
		t.Errorf("content of %d bytes, NeedsFetch %v: want the full text in plain paragraphs", len(it.Content), it.NeedsFetch)
	}
	if !strings.HasPrefix(it.Summary, "In another demonstration of cyberactivism") {
		t.Errorf("Summary = %.60q", it.Summary)
	}
}

func TestParseFeedAtom(t *testing.T) {
	f := parseFixture(t, "atom.xml", "https://www.bulletin.example/atom.xml")
	if f.Title != "Le Bulletin" || f.Link != "https://www.bulletin.example/" || f.Language != "fr" || len(f.Items) != 3 {
		t.Fatalf("feed = %q %q %q with %d items", f.Title, f.Link, f.Language, len(f.Items))
	}
	a, b, c := f.Items[0], f.Items[1], f.Items[2]
	if a.Title != "Mossoul : la route rouverte" || a.URL != "https://www.bulletin.example/2024/03/05/mossoul-route" ||
		a.Key != "tag:bulletin.example,2024:1" || a.Author != "Claire Dubois" || a.Language != "fr" {
		t.Errorf("entry 1 = %q %q %q %q %q", a.Title, a.URL, a.Key, a.Author, a.Language)
	}
	if want := time.Date(2024, 3, 5, 9, 0, 0, 0, time.UTC); !a.Published.Equal(want) {
		t.Errorf("entry 1 Published = %v, want %v", a.Published, want)
	}
	if paras := strings.Split(a.Content, "\n\n"); len(paras) != 5 || a.NeedsFetch || strings.Contains(a.Content, "alert") {
		t.Errorf("entry 1 content has %d paragraphs, NeedsFetch %v, script kept %v; want 5, false, false",
			len(paras), a.NeedsFetch, strings.Contains(a.Content, "alert"))
	}
	// Only <updated>, a teaser and a link rel="via".
	if want := time.Date(2024, 3, 5, 9, 30, 0, 0, time.UTC); !b.Published.Equal(want) || !b.NeedsFetch || b.Republishes != "afp.com" {
		t.Errorf("entry 2 = published %v, NeedsFetch %v, Republishes %q; want %v, true, afp.com", b.Published, b.NeedsFetch, b.Republishes, want)
	}
	// <content type="text"> keeps its paragraphs and its "<".
	if c.Content != "Premier paragraphe.\n\nSecond paragraphe, <pas du HTML>." || c.Republishes != "Le Monde" {
		t.Errorf("entry 3 content %q, Republishes %q", c.Content, c.Republishes)
	}
}

func TestParseFeedJSON(t *testing.T) {
	f := parseFixture(t, "jsonfeed.json", "https://notes.example.net/feed.json")
	if f.Title != "Field Notes" || f.Language != "en" || len(f.Items) != 4 {
		t.Fatalf("feed = %q %q with %d items", f.Title, f.Language, len(f.Items))
	}
	type row struct {
		Key, URL, Title, Author, Language string
		Published                         time.Time
		NeedsFetch                        bool
	}
	var got []row
	for _, it := range f.Items {
		got = append(got, row{it.Key, it.URL, it.Title, it.Author, it.Language, it.Published, it.NeedsFetch})
	}
	want := []row{
		{"1", "https://notes.example.net/2024/aleppo", "Aleppo convoy", "Sam Lee", "en", time.Date(2024, 3, 5, 10, 0, 0, 0, time.UTC), false},
		{"2", "https://notes.example.net/2024/homs", "Homs note", "", "ar", time.Date(2024, 3, 4, 7, 0, 0, 0, time.UTC), true},
		{"3", "", "Bad link", "", "en", time.Time{}, false},                                                                                                              // javascript: dropped
		{hashKey("No id, data link", time.Date(2024, 3, 3, 0, 0, 0, 0, time.UTC)), "", "No id, data link", "", "en", time.Date(2024, 3, 3, 0, 0, 0, 0, time.UTC), false}, // data: dropped
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
	if c := f.Items[1].Content; c != "Line one.\nLine two.\n\nSecond paragraph." {
		t.Errorf("content_text = %q, want its lines kept", c)
	}
	if c := f.Items[0].Content; strings.Count(c, "\n\n") != 4 || strings.Contains(c, "<p>") {
		t.Errorf("content_html = %q, want 5 plain paragraphs", c)
	}
}

func TestParseFeedBrokenItem(t *testing.T) {
	f := parseFixture(t, "broken-item.rss", "https://wire.example.com/rss")
	var titles []string
	for _, it := range f.Items {
		titles = append(titles, it.Title)
	}
	want := []string{"First item is fine", "Second item is broken", "Third item is fine too"}
	if diff := cmp.Diff(want, titles); diff != "" {
		t.Fatalf("titles (-want +got):\n%s", diff)
	}
	third := f.Items[2]
	if third.URL != "https://wire.example.com/3" || third.Republishes != "reuters.com" {
		t.Errorf("third item URL %q, Republishes %q; want the resolved link and reuters.com (dc:source)", third.URL, third.Republishes)
	}
	if want := time.Date(2024, 3, 5, 14, 30, 0, 0, time.UTC); !third.Published.Equal(want) {
		t.Errorf("third item Published = %v, want %v (pubDate without zone read as UTC)", third.Published, want)
	}
}

// hashKey is the documented key of an item with no GUID and no URL.
func hashKey(title string, published time.Time) string {
	sum := sha256.Sum256([]byte(title + "\x00" + published.Format(time.RFC3339) + "\x00"))
	return "sha256:" + hex.EncodeToString(sum[:])
}

// rss wraps items in an RSS 2.0 document.
func rss(items ...string) []byte {
	return []byte(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Wire</title><link>https://wire.example.com/</link>
<item>` + strings.Join(items, "</item>\n<item>") + `</item></channel></rss>`)
}

func TestParseFeedSalvage(t *testing.T) {
	ok1 := `<title>one</title><link>https://wire.example.com/1</link>`
	ok3 := `<title>three</title><link>https://wire.example.com/3</link>`
	for _, tc := range []struct {
		name, bad  string
		wantTitles []string
		skipped    int
	}{
		{"stray less-than", `<title>a < b</title>`, []string{"one", "a < b", "three"}, 0},
		{"invalid UTF-8", "<title>bad \xff utf8</title>", []string{"one", "bad \uFFFD utf8", "three"}, 0},
		{"unterminated CDATA", `<title>x</title><description><![CDATA[ never closed </description>`, []string{"one", "three"}, 1},
		{"mismatched end tag", `<title>x</titel><link>https://wire.example.com/2</link>`, []string{"one", "x", "three"}, 0},
		{"channel closed early", `<title>x</title></channel>`, []string{"one", "x", "three"}, 0},
		{"empty item", ``, []string{"one", "three"}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := gather.ParseFeed(rss(ok1, tc.bad, ok3), "", gather.Options{})
			if err != nil {
				t.Fatalf("ParseFeed = %v", err)
			}
			var titles []string
			for _, it := range f.Items {
				titles = append(titles, it.Title)
			}
			if diff := cmp.Diff(tc.wantTitles, titles); diff != "" || len(f.Skipped) != tc.skipped {
				t.Errorf("titles (-want +got):\n%s\nskipped %v, want %d", diff, f.Skipped, tc.skipped)
			}
			for _, err := range f.Skipped {
				if jic.ErrorCode(err) != jic.EINVALID {
					t.Errorf("skipped error %v has code %q, want invalid", err, jic.ErrorCode(err))
				}
			}
		})
	}
}

func TestParseFeedDates(t *testing.T) {
	for _, tc := range []struct {
		name, elem string
		want       time.Time
	}{
		{"RFC 1123", `<pubDate>Tue, 05 Mar 2024 09:20:11 GMT</pubDate>`, time.Date(2024, 3, 5, 9, 20, 11, 0, time.UTC)},
		{"no seconds, zone name", `<pubDate>Tue, 05 Mar 2024 09:20 EDT</pubDate>`, time.Date(2024, 3, 5, 13, 20, 0, 0, time.UTC)},
		{"no zone", `<pubDate>Tue, 05 Mar 2024 09:20:00</pubDate>`, time.Date(2024, 3, 5, 9, 20, 0, 0, time.UTC)},
		{"wrong weekday", `<pubDate>Mon, 05 Mar 2024 09:20:00 +0300</pubDate>`, time.Date(2024, 3, 5, 6, 20, 0, 0, time.UTC)},
		{"ISO with space, no zone", `<pubDate>2024-03-05 14:30</pubDate>`, time.Date(2024, 3, 5, 14, 30, 0, 0, time.UTC)},
		{"spelled out with pm", `<pubDate>March 5, 2024 at 2:30 pm EST</pubDate>`, time.Date(2024, 3, 5, 19, 30, 0, 0, time.UTC)},
		{"GMT offset", `<pubDate>05 Mar 2024 10:00 GMT+3</pubDate>`, time.Date(2024, 3, 5, 7, 0, 0, 0, time.UTC)},
		{"dc:date", `<dc:date>2024-03-05T10:00:00+01:00</dc:date>`, time.Date(2024, 3, 5, 9, 0, 0, 0, time.UTC)},
		{"garbage", `<pubDate>yesterday-ish</pubDate>`, time.Time{}},
		{"none", ``, time.Time{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := gather.ParseFeed(rss(`<title>t</title><link>https://wire.example.com/a</link>`+tc.elem), "", gather.Options{})
			if err != nil || len(f.Items) != 1 {
				t.Fatalf("ParseFeed = %v, %v", f, err)
			}
			if got := f.Items[0].Published; !got.Equal(tc.want) {
				t.Errorf("Published = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestParseFeedURLs(t *testing.T) {
	for _, tc := range []struct {
		name, elems, want string
	}{
		{"absolute", `<link>https://wire.example.com/a</link>`, "https://wire.example.com/a"},
		{"relative to the feed", `<link>/news/a</link>`, "https://feeds.example.org/news/a"},
		{"placeholder, comments fallback", `<link><BASE_WEBSITE_URL/>gv/1.html</link><comments>https://site.example/2009/a/#comments</comments><guid isPermaLink="false">https://site.example/?p=1</guid>`, "https://site.example/2009/a/"},
		{"template placeholder, permalink guid", `<link>{{ site.url }}/a</link><guid>https://site.example/a</guid>`, "https://site.example/a"},
		{"javascript", `<link>javascript:alert(1)</link>`, ""},
		{"data", `<link>data:text/html;base64,PGI+</link>`, ""},
		{"guid not a permalink but a URL", `<guid isPermaLink="false">https://site.example/b</guid>`, "https://site.example/b"},
		{"no link", ``, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := gather.ParseFeed(rss(`<title>t</title>`+tc.elems), "https://feeds.example.org/rss.xml", gather.Options{})
			if err != nil || len(f.Items) != 1 {
				t.Fatalf("ParseFeed = %v, %v", f, err)
			}
			if got := f.Items[0].URL; got != tc.want {
				t.Errorf("URL = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestParseFeedKeys(t *testing.T) {
	f, err := gather.ParseFeed(rss(
		`<title>a</title><guid>g-1</guid><link>https://wire.example.com/a</link>`,
		`<title>b</title><link>https://wire.example.com/b</link>`,
		`<title>c</title><pubDate>Tue, 05 Mar 2024 09:20:11 GMT</pubDate>`,
		// a generator that gives every item the same GUID
		`<title>d</title><guid>same</guid><link>https://wire.example.com/d</link>`,
		`<title>e</title><guid>same</guid><link>https://wire.example.com/e</link>`,
	), "", gather.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, it := range f.Items {
		got = append(got, it.Key)
	}
	want := []string{"g-1", "https://wire.example.com/b",
		hashKey("c", time.Date(2024, 3, 5, 9, 20, 11, 0, time.UTC)),
		"https://wire.example.com/d", "https://wire.example.com/e"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("keys (-want +got):\n%s", diff)
	}
}

func TestParseFeedRepublishes(t *testing.T) {
	for _, tc := range []struct {
		name, elems, want string
	}{
		{"source of another site", `<source url="https://www.reuters.com/rss/world">Reuters World</source>`, "Reuters World"},
		{"source of the feed's own site", `<source url="https://wire.example.com/rss">Wire</source>`, ""},
		{"dc:source name", `<dc:source>Agence France-Presse</dc:source>`, "Agence France-Presse"},
		{"dc:source URL", `<dc:source>https://www.aljazeera.net/news/1</dc:source>`, "aljazeera.net"},
		{"none", ``, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := gather.ParseFeed(rss(`<title>t</title><link>https://wire.example.com/a</link>`+tc.elems), "https://wire.example.com/rss", gather.Options{})
			if err != nil || len(f.Items) != 1 {
				t.Fatalf("ParseFeed = %v, %v", f, err)
			}
			if got := f.Items[0].Republishes; got != tc.want {
				t.Errorf("Republishes = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestParseFeedNeedsFetch(t *testing.T) {
	long := strings.Repeat("The convoy reached the camp at dawn. ", 20)
	for _, tc := range []struct {
		name, elems string
		want        bool
	}{
		{"full content", `<description>Short.</description><content:encoded><![CDATA[<p>` + long + `</p>]]></content:encoded>`, false},
		{"full text in description", `<description>` + long + `</description>`, false},
		{"long teaser cut off", `<description>` + long + ` [&#8230;]</description>`, true},
		{"short content equal to the summary", `<description>Short.</description><content:encoded>Short.</content:encoded>`, true},
		{"summary only", `<description>Short.</description>`, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := strings.Replace(string(rss(`<title>t</title><link>https://wire.example.com/a</link>`+tc.elems)),
				"<rss ", `<rss xmlns:content="http://purl.org/rss/1.0/modules/content/" `, 1)
			f, err := gather.ParseFeed([]byte(body), "", gather.Options{})
			if err != nil || len(f.Items) != 1 {
				t.Fatalf("ParseFeed = %v, %v", f, err)
			}
			if got := f.Items[0].NeedsFetch; got != tc.want {
				t.Errorf("NeedsFetch = %v with content %d chars, want %v", got, utf8.RuneCountInString(f.Items[0].Content), tc.want)
			}
		})
	}
}

func TestParseFeedErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		body []byte
		opt  gather.Options
		code string
	}{
		{"over the limit", rss(`<title>t</title>`), gather.Options{MaxBytes: 100}, jic.ETOOLARGE},
		{"HTML page", []byte(`<!DOCTYPE html><html><body><p>not a feed</p></body></html>`), gather.Options{}, jic.EINVALID},
		{"empty", nil, gather.Options{}, jic.EINVALID},
		{"truncated XML", []byte(`<?xml version="1.0"?><rss version="2.0"><chan`), gather.Options{}, jic.EINVALID},
		{"broken JSON Feed", []byte(`{"version": "https://jsonfeed.org/version/1.1", "items": [`), gather.Options{}, jic.EINVALID},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := gather.ParseFeed(tc.body, "", tc.opt)
			if code := jic.ErrorCode(err); code != tc.code {
				t.Fatalf("ParseFeed = %v, %v; want code %q", f, err, tc.code)
			}
			if msg := jic.ErrorMessage(err); !strings.Contains(msg, "feed") {
				t.Errorf("message %q does not say what failed", msg)
			}
		})
	}
}
