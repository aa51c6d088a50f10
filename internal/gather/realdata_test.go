package gather_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jic-center/jic/internal/gather"
)

// feedsData returns the path of a file under shared/data/news/feeds, or
// skips the test where shared/data is absent (a user's machine).
func feedsData(tb testing.TB, name string) string {
	tb.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "data", "news", "feeds")
	if d := os.Getenv("JIC_TEST_DATA"); d != "" {
		dir = filepath.Join(d, "news", "feeds")
	}
	if _, err := os.Stat(dir); err != nil {
		tb.Skip("../shared/data absent: the real-feed tests need the project's shared data next to the repository")
	}
	return filepath.Join(dir, name)
}

// TestRealFeeds parses every feed of shared/data/news/feeds: Global Voices
// 2009 (15 items, placeholder links), NASA Image of the Day (60 items,
// pubDate without seconds), NASA Breaking News (10) and BBC News World (67).
func TestRealFeeds(t *testing.T) {
	for _, tc := range []struct {
		file, url string
		items     int
	}{
		{"globalvoices-2009.rss", "http://globalvoicesonline.org/-/type/feature/feed/", 15},
		{"0390cb7970a0c01c35d7bfb28aa300d3.xml", "https://www.nasa.gov/rss/dyn/lg_image_of_the_day.rss", 60},
		{"ee43b6c3afd282f5ca6dd3c294ec1f2e.xml", "https://www.nasa.gov/rss/dyn/breaking_news.rss", 10},
		{"f43bed9864944644236fc65967b2e178.xml", "http://feeds.bbci.co.uk/news/video_and_audio/world/rss.xml", 67},
	} {
		t.Run(tc.file, func(t *testing.T) {
			body, err := os.ReadFile(feedsData(t, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			f, err := gather.ParseFeed(body, tc.url, gather.Options{})
			if err != nil {
				t.Fatalf("ParseFeed = %v", err)
			}
			if len(f.Items) != tc.items {
				t.Errorf("%d items, want %d", len(f.Items), tc.items)
			}
			checkItems(t, tc.file, f)
			for _, it := range f.Items {
				if it.Republishes != "" {
					t.Errorf("%s: Republishes %q, want none", it.Title, it.Republishes)
				}
			}
			t.Logf("%s: %d items parsed, %d to fetch", tc.file, len(f.Items), countFetch(f))
		})
	}
}

func countFetch(f *gather.Feed) int {
	n := 0
	for _, it := range f.Items {
		if it.NeedsFetch {
			n++
		}
	}
	return n
}

// TestRealGlobalVoicesURLs checks that each Global Voices item, whose
// <link> is a placeholder, gets its real address from <comments>.
func TestRealGlobalVoicesURLs(t *testing.T) {
	body, err := os.ReadFile(feedsData(t, "globalvoices-2009.rss"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := gather.ParseFeed(body, "http://globalvoicesonline.org/-/type/feature/feed/", gather.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range f.Items {
		if !strings.HasPrefix(it.URL, "http://globalvoicesonline.org/2009/06/") || strings.Contains(it.URL, "#") {
			t.Errorf("%s: URL %q, want the article's permalink", it.Title, it.URL)
		}
	}
}

// TestRealNASAPubDateWithoutSeconds checks the NASA Image of the Day item
// whose pubDate is "Tue, 05 Apr 2022 09:20 EDT".
func TestRealNASAPubDateWithoutSeconds(t *testing.T) {
	body, err := os.ReadFile(feedsData(t, "0390cb7970a0c01c35d7bfb28aa300d3.xml"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := gather.ParseFeed(body, "https://www.nasa.gov/rss/dyn/lg_image_of_the_day.rss", gather.Options{})
	if err != nil {
		t.Fatal(err)
	}
	it := f.Items[0]
	if want := time.Date(2022, 4, 5, 13, 20, 0, 0, time.UTC); it.Title != "Cold as (Dry) Ice" || !it.Published.Equal(want) {
		t.Errorf("first item %q published %v, want Cold as (Dry) Ice at %v", it.Title, it.Published, want)
	}
}

// TestRealGlobalVoicesPages extracts the 15 Global Voices article pages
// of shared/data/news/feeds/globalvoices-2009-html and compares them with
// the feed's items: page index_N.html is item N.
func TestRealGlobalVoicesPages(t *testing.T) {
	body, err := os.ReadFile(feedsData(t, "globalvoices-2009.rss"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := gather.ParseFeed(body, "http://globalvoicesonline.org/-/type/feature/feed/", gather.Options{})
	if err != nil {
		t.Fatal(err)
	}
	boilerplate := []string{"Share this article with social bookmarking", "Recent Articles also in", "Funding drive",
		"Regions and Countries", "The world is talking. Are you listening?", "RSS Feeds", "powerpress_player_init"}
	for i, it := range f.Items {
		name := fmt.Sprintf("index_%d.html", i+1)
		page, err := os.ReadFile(feedsData(t, filepath.Join("globalvoices-2009-html", name)))
		if err != nil {
			t.Fatal(err)
		}
		a, err := gather.ParseArticle(page, it.URL)
		if err != nil {
			t.Errorf("%s: ParseArticle = %v", name, err)
			continue
		}
		// The page's typographic apostrophes are plain ones in the feed.
		if strings.ReplaceAll(a.Title, "’", "'") != it.Title {
			t.Errorf("%s: title %q, want the feed's %q", name, a.Title, it.Title)
		}
		first, _, _ := strings.Cut(it.Content, "\n")
		if len(a.Text) < 2000 || !strings.Contains(a.Text, first[:min(len(first), 60)]) {
			t.Errorf("%s: text of %d bytes does not hold the feed content's first line %.60q", name, len(a.Text), first)
		}
		for _, b := range boilerplate {
			if strings.Contains(a.Text, b) {
				t.Errorf("%s: text holds page boilerplate %q", name, b)
			}
		}
		if a.Republication.Outlet != "" {
			t.Errorf("%s: Republication %+v, want none", name, a.Republication)
		}
	}
}
