package gazetteer_test

import (
	"bufio"
	"encoding/json"
	"io"
	"os"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/jic-center/jic/internal/gazetteer"
	"github.com/jic-center/jic/internal/tarball"
)

// Reproduce with:
//
//	go test ./internal/gazetteer -run '^$' -bench . -benchtime 3x
//
// BenchmarkLoad reports the time to decode the embedded gazetteer and the
// heap it holds afterwards; BenchmarkFindResolve the articles per second
// over real news (Wikinews en/fr/ru, ANT ar) and the words per second.

func BenchmarkLoad(b *testing.B) {
	var heap float64
	for b.Loop() {
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		g, err := gazetteer.Load()
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		heap = float64(after.HeapAlloc-before.HeapAlloc) / (1 << 20)
		runtime.KeepAlive(g)
	}
	b.ReportMetric(heap, "heap-MB")
}

const newsDir = "../../../shared/data/news"

// article is one news text and its language.
type article struct{ text, lang string }

// readArticles reads up to n articles per corpus: the Wikinews files in
// English, French and Russian and the first ANT articles in Arabic.
func readArticles(tb testing.TB, n int) []article {
	tb.Helper()
	if _, err := os.Stat(newsDir); err != nil {
		tb.Skip("../shared/data/news is absent: the news corpora are not shipped")
	}
	var out []article
	for file, lang := range map[string]string{"gum_wikinews.jsonl": "en", "frwikinews_100.jsonl": "fr", "ruwikinews_nerel.jsonl": "ru"} {
		f, err := os.Open(newsDir + "/wikinews/" + file)
		if err != nil {
			tb.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		for k := 0; k < n && sc.Scan(); k++ {
			var d struct{ Title, Text string }
			if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
				tb.Fatal(err)
			}
			out = append(out, article{d.Title + "\n" + d.Text, lang})
		}
		f.Close()
	}
	textTag := regexp.MustCompile(`(?s)<TEXT>(.*?)</TEXT>`)
	k := 0
	err := tarball.Each(newsDir+"/ant-arabic-news-v2.1.tar.gz", func(_ string, r io.Reader) error {
		if k >= n {
			return tarball.Stop
		}
		b, err := io.ReadAll(r)
		if m := textTag.FindSubmatch(b); err == nil && m != nil {
			out = append(out, article{string(m[1]), "ar"})
			k++
		}
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

func BenchmarkFindResolve(b *testing.B) {
	g := gaz(b)
	arts := readArticles(b, 100)
	words := 0
	for _, a := range arts {
		words += len(strings.Fields(a.text))
	}
	mentions := 0
	for b.Loop() {
		mentions = 0
		for _, a := range arts {
			mentions += len(g.Resolve(g.Find(a.text, a.lang), gazetteer.Context{}))
		}
	}
	sec := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(float64(len(arts))/sec, "articles/s")
	b.ReportMetric(float64(words)/sec, "words/s")
	b.ReportMetric(float64(mentions)/float64(len(arts)), "places/article")
}
