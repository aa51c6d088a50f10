package storetest

import (
	"bufio"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/ingest"
	"github.com/jic-center/jic/internal/tarball"
	"github.com/jic-center/jic/internal/textindex"
)

// DataDir returns ../shared/data beside the module root (or $JIC_TEST_DATA),
// or skips the test with the reason when it is absent.
func DataDir(t testing.TB) string {
	t.Helper()
	if d := os.Getenv("JIC_TEST_DATA"); d != "" {
		return d
	}
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("../shared/data absent: no module root found")
		}
		dir = parent
	}
	data := filepath.Join(dir, "..", "shared", "data")
	if _, err := os.Stat(filepath.Join(data, "news")); err != nil {
		t.Skip("../shared/data absent: real-corpus tests skipped")
	}
	return data
}

// inflections are query words and inflected forms of them seen in the real
// articles below; searching the word must find every article holding the
// form, including those where the word itself never appears.
var inflections = []struct{ lang, query, form string }{
	{"ar", "حفلة", "الحفلات"},
	{"ar", "أغنية", "الأغنيات"},
	{"ar", "مهرجان", "المهرجانات"},
	{"ar", "ممثل", "الممثلين"},
	{"ar", "شخصية", "الشخصيات"},
	{"fa", "شهر", "شهرهای"},
	{"fa", "دولت", "دولت‌ها"},
	{"fa", "انتخاب", "انتخابات"},
	{"fa", "روز", "روزهای"},
	{"fa", "سازمان", "سازمان‌های"},
	{"fa", "رئیس", "رئيس"}, // Persian yeh in the query, Arabic yeh in the text
	{"ru", "выборы", "выборах"},
	{"ru", "власть", "властей"},
	{"ru", "министр", "министром"},
	{"ru", "Москва", "Москве"},
	{"ru", "партия", "партии"},
	{"en", "election", "elections"},
	{"en", "country", "countries"},
	{"en", "interview", "interviewed"},
	{"en", "group", "groups"},
	{"fr", "gouvernement", "gouvernements"},
	{"fr", "européen", "européenne"},
	{"fr", "américain", "américains"},
	{"fr", "année", "années"},
	{"tr", "film", "filmlerinde"},
	{"tr", "albüm", "albümleri"},
	{"tr", "takım", "takımlarından"},
	{"tr", "eyalet", "eyaletlerinden"},
	{"tr", "şarkı", "şarkıların"},
}

// testRealInflections loads real articles in the six languages and checks
// that each query word finds every article with an inflected form of it.
func testRealInflections(t *testing.T, b Backend) {
	data := DataDir(t)
	w := newWorld(t, b.Open(t))
	var reports []*jic.Report
	for _, lang := range []string{"ar", "fa", "ru", "en", "fr", "tr"} {
		texts, err := realTexts(data, lang, 300)
		if err != nil {
			t.Fatalf("read %s articles: %v", lang, err)
		}
		for i, tx := range texts {
			r := w.report(tx[0], tx[1], lang, i)
			r.URL = ""
			reports = append(reports, r)
		}
	}
	for i := 0; i < len(reports); i += 500 {
		w.add(t, reports[i:min(i+500, len(reports))]...)
	}
	for _, tt := range inflections {
		t.Run(tt.lang+" "+tt.query, func(t *testing.T) {
			want, onlyForm := map[string]bool{}, 0
			for _, r := range reports {
				if r.Language != tt.lang || !hasWord(r.Title+"\n"+r.Text, tt.form) {
					continue
				}
				want[r.Title] = true
				if !hasWord(r.Title+"\n"+r.Text, tt.query) {
					onlyForm++
				}
			}
			if onlyForm == 0 {
				t.Fatalf("no %s article has %q without %q: the case proves nothing", tt.lang, tt.form, tt.query)
			}
			got := map[string]bool{}
			q := jic.SearchQuery{Q: tt.query, Limit: jic.MaxSearchLimit}
			for {
				res, err := w.s.Search(ctx, w.viewerA(), q)
				must(t, err)
				for _, h := range res.Hits {
					got[h.Report.Title] = true
				}
				if q.Cursor = res.Next; q.Cursor == "" {
					break
				}
			}
			for title := range want {
				if !got[title] {
					t.Errorf("Search(%q) missed an article with %q: %.60s", tt.query, tt.form, title)
				}
			}
		})
	}
}

// hasWord reports whether text holds word as a whole word, ignoring case.
func hasWord(text, word string) bool {
	word = strings.ToLower(word)
	found := false
	textindex.Analyze(text, "", func(tok textindex.Token) {
		found = found || strings.ToLower(text[tok.Start:tok.End]) == word
	})
	return found
}

var errEnough = errors.New("enough")

// realTexts returns up to n [title, text] pairs of real articles in lang:
// ANT (ar), Fars News (fa), Wikinews (ru, en, fr) and, as there is no
// Turkish news in ../shared/data, Turkish Wikipedia sentences from the NER
// set grouped eight to an article (tr).
func realTexts(data, lang string, n int) ([][2]string, error) {
	var out [][2]string
	keep := func(it ingest.Item) error {
		if it.Err == nil && it.Report.Text != "" {
			out = append(out, [2]string{it.Report.Title, it.Report.Text})
		}
		if len(out) >= n {
			return errEnough
		}
		return nil
	}
	var err error
	switch lang {
	case "ar":
		err = ingest.Walk(filepath.Join(data, "news", "ant-arabic-news-v2.1.tar.gz"), ingest.Options{}, keep)
	case "ru":
		err = ingest.Walk(filepath.Join(data, "news", "wikinews", "ruwikinews_nerel.jsonl"), ingest.Options{}, keep)
	case "fr":
		err = ingest.Walk(filepath.Join(data, "news", "wikinews", "frwikinews_100.jsonl"), ingest.Options{}, keep)
	case "en":
		for _, f := range []string{"gum_wikinews.jsonl", "globalvoices_2009.jsonl"} {
			if err = ingest.Walk(filepath.Join(data, "news", "wikinews", f), ingest.Options{}, keep); err != nil {
				break
			}
		}
	case "fa":
		out, err = farsTexts(filepath.Join(data, "news", "farsnews-fa.tar.gz"), n)
	case "tr":
		out, err = turkishTexts(filepath.Join(data, "ner", "turkish-wiki-ner", "test.txt"), n)
	}
	if errors.Is(err, errEnough) {
		err = nil
	}
	return out, err
}

func farsTexts(path string, n int) ([][2]string, error) {
	var out [][2]string
	err := tarball.Each(path, func(name string, r io.Reader) error {
		if len(out) >= n {
			return tarball.Stop
		}
		if !strings.HasSuffix(name, ".json") {
			return nil
		}
		var arts []struct {
			Title, Abstract string
			Paragraphs      []string
		}
		if err := json.NewDecoder(r).Decode(&arts); err != nil {
			return err
		}
		for _, a := range arts {
			if len(out) < n {
				out = append(out, [2]string{a.Title, a.Abstract + "\n" + strings.Join(a.Paragraphs, "\n")})
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func turkishTexts(path string, n int) ([][2]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out [][2]string
	var sents []string
	var words []string
	sc := bufio.NewScanner(f)
	for sc.Scan() && len(out) < n {
		line := sc.Text()
		if line != "" {
			words = append(words, strings.SplitN(line, "\t", 2)[0])
			continue
		}
		sents, words = append(sents, strings.Join(words, " ")), nil
		if len(sents) == 8 {
			out = append(out, [2]string{sents[0], strings.Join(sents[1:], "\n")})
			sents = nil
		}
	}
	return out, sc.Err()
}
