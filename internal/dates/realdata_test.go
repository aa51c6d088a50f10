package dates_test

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jic-center/jic/internal/dates"
	"github.com/jic-center/jic/internal/tarball"
)

// The tests here read the real articles of ../shared/data/news (see its
// README.md); they skip where that folder is absent.

// dataFile returns the path of a file under ../shared/data/news, or skips.
func dataFile(tb testing.TB, name string) string {
	tb.Helper()
	path := filepath.Join("..", "..", "..", "shared", "data", "news", name)
	if _, err := os.Stat(path); err != nil {
		tb.Skip("../shared/data absent: the real-data tests need the project's shared data next to the repository")
	}
	return path
}

// An article is a report of a corpus, with its publication time where the
// corpus gives one.
type article struct {
	id, lang  string
	published time.Time
	text      string
}

// antSample is every tenth article of the ANT corpus, and antWanted the
// articles the cases below name, read in one pass.
var (
	antOnce   sync.Once
	antSample []article
	antByID   map[string]article
	antErr    error
)

// loadANT reads shared/data/news/ant-arabic-news-v2.1.tar.gz (31,525 TREC
// files): TIME is the RSS pubDate.
func loadANT(tb testing.TB) ([]article, map[string]article) {
	tb.Helper()
	path := dataFile(tb, "ant-arabic-news-v2.1.tar.gz")
	antOnce.Do(func() {
		wanted := map[string]bool{}
		for _, c := range realCases {
			if c.corpus == "ant" {
				wanted[c.id] = true
			}
		}
		antByID = map[string]article{}
		n := 0
		antErr = tarball.Each(path, func(name string, r io.Reader) error {
			if !strings.HasSuffix(name, ".txt") {
				return nil
			}
			id := strings.TrimSuffix(filepath.Base(name), ".txt")
			n++
			if n%10 != 0 && !wanted[id] {
				return nil
			}
			b, err := io.ReadAll(r)
			if err != nil {
				return err
			}
			doc := string(b)
			pub, _ := dates.Parse(between(doc, "<TIME>", "</TIME>"))
			a := article{id: id, lang: "ar", published: pub, text: between(doc, "<TEXT>", "</TEXT>")}
			if n%10 == 0 {
				antSample = append(antSample, a)
			}
			if wanted[id] {
				antByID[id] = a
			}
			return nil
		})
	})
	if antErr != nil {
		tb.Fatalf("read %s: %v", path, antErr)
	}
	return antSample, antByID
}

func between(s, open, close string) string {
	_, rest, _ := strings.Cut(s, open)
	in, _, _ := strings.Cut(rest, close)
	return in
}

// loadWikinews reads one JSON Lines file of shared/data/news/wikinews.
func loadWikinews(tb testing.TB, file string) []article {
	tb.Helper()
	b, err := os.ReadFile(dataFile(tb, filepath.Join("wikinews", file)))
	if err != nil {
		tb.Fatal(err)
	}
	var out []article
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var r struct{ ID, Lang, Date, Text string }
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			tb.Fatalf("%s: %v", file, err)
		}
		pub, _ := time.Parse(time.DateOnly, r.Date)
		if r.Lang == "" {
			r.Lang = "en"
		}
		out = append(out, article{id: r.ID, lang: r.Lang, published: pub, text: r.Text})
	}
	return out
}

var (
	farsOnce sync.Once
	fars     []article
	farsErr  error
)

// farsLinkDate reads the Solar Hijri publication date Fars News writes in
// its links: /news/8411050339 (1384/11/05) or /news/13990524000078.
var farsLinkDate = regexp.MustCompile(`/news/(?:(1[34]\d\d)(\d\d)(\d\d)\d{6}|([89]\d)(\d\d)(\d\d)\d{4})`)

// loadFars reads shared/data/news/farsnews-fa.tar.gz (1,500 articles in
// five JSON files). The id is the number in the link; the publication day
// is the link's Solar Hijri date, read by Find itself.
func loadFars(tb testing.TB) []article {
	tb.Helper()
	path := dataFile(tb, "farsnews-fa.tar.gz")
	farsOnce.Do(func() {
		farsErr = tarball.Each(path, func(name string, r io.Reader) error {
			if !strings.HasSuffix(name, ".json") {
				return nil
			}
			var docs []struct {
				Paragraphs []string
				Link       string
			}
			if err := json.NewDecoder(r).Decode(&docs); err != nil {
				return err
			}
			for _, d := range docs {
				a := article{lang: "fa", text: strings.Join(d.Paragraphs, "\n")}
				a.id, _, _ = strings.Cut(strings.TrimPrefix(d.Link, "https://www.farsnews.ir/news/"), "/")
				if m := farsLinkDate.FindStringSubmatch(d.Link); m != nil {
					ymd := m[1] + "/" + m[2] + "/" + m[3]
					if m[1] == "" {
						ymd = "13" + m[4] + "/" + m[5] + "/" + m[6]
					}
					if ms := dates.Find(ymd, "fa", time.Time{}); len(ms) == 1 {
						a.published = ms[0].Date
					}
				}
				fars = append(fars, a)
			}
			return nil
		})
	})
	if farsErr != nil {
		tb.Fatalf("read %s: %v", path, farsErr)
	}
	return fars
}

// realCases are expressions of real articles and the days they mean,
// checked by hand: against the publication date, against a date the same
// article writes next to them, or against the event (Kofi Annan died on
// Saturday 18 August 2018; the 2018 World Cup ran from 14 June to 15 July;
// Liverpool met Manchester City on Wednesday 4 and Tuesday 10 April 2018).
// Fars News articles carry no date but their link's, converted here by
// hand; BBC articles carry none, so only dates with a year are checked.
var realCases = []struct {
	corpus, id string
	published  string // for Fars and BBC: the day given to Find
	text, want string // the first mention with this text, and its first day
}{
	{"ant", "AL-sport-1139-20180406", "", "الأربعاء الماضي", "2018-04-04"},
	{"ant", "AL-sport-1139-20180406", "", "يوم الثلاثاء المقبل", "2018-04-10"},
	{"ant", "SK-internationalNews-2980-20180813", "", "أمس الأحد", "2018-08-12"},
	{"ant", "BB-middleEast-580-20180604", "", "ففي أكتوبر/تشرين الأول عام 2012", "2012-10-01"},
	{"ant", "CN-internationalNews-530-20180818", "", "السبت", "2018-08-18"},
	{"ant", "CN-internationalNews-530-20180818", "", "1 كانون الثاني/يناير 1997", "1997-01-01"},
	{"ant", "FR-sport-278-20180724", "", "15 \u00a0تموز/يوليو", "2018-07-15"},
	{"ant", "FR-sport-278-20180724", "", "24 أيلول/سبتمبر", "2018-09-24"},
	{"ant", "AL-sport-1297-20180414", "", "14 يونيو", "2018-06-14"},
	{"ant", "AL-sport-1297-20180414", "", "15 يوليو", "2018-07-15"},
	{"ant", "AL-internationalNews-43-20180216", "", "اليوم الجمعة", "2018-02-16"},
	{"fr", "frwikinews-43971", "", "samedi dernier", "2012-05-19"},
	{"fr", "frwikinews-44504", "", "hier", "2012-06-09"},
	{"fr", "frwikinews-44504", "", "9 juin", "2012-06-09"},
	{"fr", "frwikinews-44618", "", "demain", "2012-07-11"},
	{"fr", "frwikinews-44618", "", "11 juillet", "2012-07-11"},
	{"fr", "frwikinews-44543", "", "Hier mardi", "2012-07-03"},
	{"ru", "ruwikinews-1690150", "", "В среду, 29 апреля 2020 года", "2020-04-29"},
	{"ru", "ruwikinews-1690150", "", "вчера", "2020-04-28"},
	{"ru", "ruwikinews-84693", "", "20-го августа", "2015-08-20"},
	{"en", "GUM_news_korea", "", "yesterday", "2015-08-20"},
	{"en", "GUM_news_korea", "", "on Thursday", "2015-08-20"},
	{"en", "GUM_news_nasa", "", "Tuesday", "2011-04-12"},
	{"en", "GUM_news_nasa", "", "April 12, 1981", "1981-04-12"},
	{"en", "GUM_news_nasa", "", "February 1, 2003", "2003-02-01"},
	{"fa", "8411050339", "2006-01-25", "امروز چهارشنبه", "2006-01-25"},      // 1384/11/05
	{"fa", "13990524000078", "2020-08-14", "31 آگوست", "2020-08-31"},        // 1399/05/24
	{"fa", "13990524000078", "2020-08-14", "10 شهریور", "2020-08-31"},       // the same day, as the article writes
	{"fa", "13940525000808", "2015-08-16", "18 اردیبهشت 94", "2015-05-08"},  // 1394/05/25; beside 8 May 2015
	{"fa", "13980629000734", "2019-09-20", "۱۰ فروردین ۱۳۹۷", "2018-03-30"}, // 1398/06/29; beside 30 March 2018
	{"bbc", "business/312.txt", "", "in December 2003", "2003-12-01"},
}

func TestRealArticles(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: reads the 29 MB ANT archive")
	}
	wiki := map[string]string{"fr": "frwikinews_100.jsonl", "ru": "ruwikinews_nerel.jsonl", "en": "gum_wikinews.jsonl"}
	byID := map[string]article{}
	for _, c := range realCases {
		key := c.corpus + " " + c.id
		if _, ok := byID[key]; ok {
			continue
		}
		switch c.corpus {
		case "ant":
			_, ant := loadANT(t)
			byID[key] = ant[c.id]
		case "fa":
			for _, a := range loadFars(t) {
				if a.id == c.id {
					byID[key] = a
				}
			}
		case "bbc":
			byID[key] = loadBBC(t, c.id)
		default:
			for _, a := range loadWikinews(t, wiki[c.corpus]) {
				if a.id == c.id {
					byID[key] = a
				}
			}
		}
	}
	for _, c := range realCases {
		a := byID[c.corpus+" "+c.id]
		if a.text == "" {
			t.Errorf("%s %s: no such article", c.corpus, c.id)
			continue
		}
		if c.published != "" {
			a.published, _ = time.Parse(time.DateOnly, c.published)
		}
		var got []string
		found := false
		for _, m := range dates.Find(a.text, a.lang, a.published) {
			got = append(got, m.Text)
			if m.Text == c.text {
				if d := m.Date.Format(time.DateOnly); d != c.want {
					t.Errorf("%s %s (published %s): %q = %s, want %s", c.corpus, c.id, a.published.Format(time.DateOnly), c.text, d, c.want)
				}
				found = true
				break
			}
		}
		if !found {
			t.Errorf("%s %s: %q not found; found %q", c.corpus, c.id, c.text, got)
		}
	}
}

// loadBBC returns one article of shared/data/news/bbc-news-en-2225.tar.gz.
func loadBBC(tb testing.TB, name string) article {
	tb.Helper()
	path := dataFile(tb, "bbc-news-en-2225.tar.gz")
	var a article
	err := tarball.Each(path, func(n string, r io.Reader) error {
		if strings.HasSuffix(n, "/"+name) {
			b, err := io.ReadAll(r)
			a = article{id: name, lang: "en", text: string(b)}
			return err
		}
		return nil
	})
	if err != nil {
		tb.Fatalf("read %s: %v", path, err)
	}
	return a
}

// TestRealDatelines checks absolute dates on whole corpora: French
// Wikinews articles open with their date ("22 mai 2012. -"), and the date
// of a Russian Wikinews record is the first date found in its text.
func TestRealDatelines(t *testing.T) {
	for _, tt := range []struct {
		file string
		min  float64 // the share of dated records whose first date Find must read as the record's
	}{
		{"frwikinews_100.jsonl", 0.97},
		{"ruwikinews_nerel.jsonl", 0.90},
	} {
		var dated, same int
		var misses []string
		for _, a := range loadWikinews(t, tt.file) {
			if a.published.IsZero() {
				continue
			}
			dated++
			for _, m := range dates.Find(a.text, a.lang, a.published) {
				if m.Precision == dates.Day && !m.Relative {
					if m.Date.Equal(a.published) {
						same++
					} else if len(misses) < 5 {
						misses = append(misses, a.id+" "+m.Text)
					}
					break
				}
			}
		}
		share := float64(same) / float64(max(dated, 1))
		t.Logf("%s: %d dated records, the first written date is the record's in %d (%.1f%%); other firsts: %q", tt.file, dated, same, 100*share, misses)
		if dated == 0 || share < tt.min {
			t.Errorf("%s: the first written date is the record's in %.1f%% of %d, want at least %.0f%%", tt.file, 100*share, dated, 100*tt.min)
		}
	}
}

// TestRealCalendars checks days written twice, which the articles certify:
// a Fars News article writes a Gregorian date beside its Solar Hijri one
// ("31 آگوست (10 شهریور)"), and Arabic and Persian articles write the weekday
// beside "today" (اليوم الجمعة, امروز چهارشنبه), which must then agree with
// the publication day: the ANT corpus's TIME in its own zone, the date in a
// Fars News link converted from the Solar Hijri calendar.
func TestRealCalendars(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: reads the 29 MB ANT archive")
	}
	digits := regexp.MustCompile(`[0-9۰-۹]`)
	solarMonths := regexp.MustCompile(`فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند|فروردين|ارديبهشت|شهريور`)
	var pairs, agree int
	var disagree []string
	for _, a := range loadFars(t) {
		ms := dates.Find(a.text, a.lang, a.published)
		for i := 1; i < len(ms); i++ {
			x, y := ms[i-1], ms[i]
			gap := a.text[x.End:y.Start]
			if x.Precision != dates.Day || y.Precision != dates.Day || len(gap) > 4 || !strings.ContainsAny(gap, "(/") ||
				!digits.MatchString(x.Text) || !digits.MatchString(y.Text) ||
				solarMonths.MatchString(x.Text) == solarMonths.MatchString(y.Text) {
				continue // not one date in both calendars
			}
			pairs++
			if x.Date.Equal(y.Date) {
				agree++
			} else {
				disagree = append(disagree, a.id+": "+x.Text+gap+y.Text)
			}
		}
	}
	t.Logf("farsnews-fa.tar.gz: %d Gregorian dates written beside Solar Hijri ones, %d agree; the others: %q", pairs, agree, disagree)
	if pairs < 10 || agree < pairs*9/10 {
		t.Errorf("%d of %d Gregorian and Solar Hijri dates written side by side agree, want at least 90%%", agree, pairs)
	}

	ant, _ := loadANT(t)
	for _, corpus := range []struct {
		name     string
		articles []article
		today    string
		weekday  *regexp.Regexp
	}{
		{"ANT (every tenth article)", ant, "اليوم", regexp.MustCompile(`^(يوم )?(الأحد|الاثنين|الإثنين|الثلاثاء|الأربعاء|الخميس|الجمعة|السبت)$`)},
		{"Fars News", loadFars(t), "امروز", regexp.MustCompile(`^(روز )?[^ ]*(شنبه|جمعه)$`)},
	} {
		var together, apart int
		for _, a := range corpus.articles {
			if a.published.IsZero() {
				continue
			}
			ms := dates.Find(a.text, a.lang, a.published)
			for i, m := range ms {
				switch {
				case strings.HasPrefix(m.Text, corpus.today+" "):
					together++ // Find joins the weekday to "today" when they agree
				case m.Text == corpus.today && i+1 < len(ms) && ms[i+1].Start-m.End <= 2 && corpus.weekday.MatchString(ms[i+1].Text):
					apart++
				}
			}
		}
		t.Logf("%s: %q followed by the publication day's weekday %d times, by another weekday %d times", corpus.name, corpus.today, together, apart)
		if together < 20 || together*100 < 85*(together+apart) {
			t.Errorf("%s: %q and the weekday after it agree %d times and disagree %d times, want at least 85%% agreement", corpus.name, corpus.today, together, apart)
		}
	}
}

// BenchmarkFind measures Find on real articles of each language and
// reports the time per article.
func BenchmarkFind(b *testing.B) {
	ant, _ := loadANT(b)
	sets := []struct {
		name     string
		articles []article
	}{
		{"ar-ANT", ant[:min(len(ant), 500)]},
		{"fa-FarsNews", loadFars(b)[:500]},
		{"fr-Wikinews", loadWikinews(b, "frwikinews_100.jsonl")},
		{"ru-Wikinews", loadWikinews(b, "ruwikinews_nerel.jsonl")[:500]},
		{"en-Wikinews", loadWikinews(b, "gum_wikinews.jsonl")},
	}
	for _, s := range sets {
		b.Run(s.name, func(b *testing.B) {
			var size int
			for _, a := range s.articles {
				size += len(a.text)
			}
			b.SetBytes(int64(size))
			for b.Loop() {
				for _, a := range s.articles {
					dates.Find(a.text, a.lang, a.published)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(s.articles)), "ns/article")
			b.ReportMetric(float64(size)/float64(len(s.articles)), "bytes/article")
		})
	}
}
