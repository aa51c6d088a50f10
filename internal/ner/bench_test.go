package ner_test

import (
	"bufio"
	"encoding/json"
	"io"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/jic-center/jic/internal/ner"
	"github.com/jic-center/jic/internal/tarball"
)

// Reproduce with:
//
//	go test ./internal/ner -run '^$' -bench . -benchtime 3x
//
// BenchmarkFind reports the time per article over real news: the first 100
// articles of English, French and Russian Wikinews
// (../shared/data/news/wikinews), of ANT Arabic and of Fars News Persian,
// and 100 texts of 10 sentences of the Turkish wiki NER test split; the
// place test is off, so the figure is Find's own.

const newsDir = "../../../shared/data/news"

type article struct{ text, lang string }

func readArticles(tb testing.TB, n int) []article {
	tb.Helper()
	if _, err := os.Stat(newsDir); err != nil {
		tb.Skip("../shared/data/news is absent: the news corpora are not shipped")
	}
	var out []article
	for _, c := range []struct{ file, lang string }{{"gum_wikinews.jsonl", "en"}, {"frwikinews_100.jsonl", "fr"}, {"ruwikinews_nerel.jsonl", "ru"}} {
		f, err := os.Open(newsDir + "/wikinews/" + c.file)
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
			out = append(out, article{d.Title + "\n" + d.Text, c.lang})
		}
		f.Close()
	}
	textTag := regexp.MustCompile(`(?s)<TEXT>(.*?)</TEXT>`)
	ar := 0
	eachTar(tb, newsDir+"/ant-arabic-news-v2.1.tar.gz", func(name string, b []byte) bool {
		if m := textTag.FindSubmatch(b); m != nil {
			out = append(out, article{string(m[1]), "ar"})
			ar++
		}
		return ar < n
	})
	fa := 0
	eachTar(tb, newsDir+"/farsnews-fa.tar.gz", func(name string, b []byte) bool {
		if !strings.HasSuffix(name, ".json") {
			return true
		}
		var ds []struct {
			Title      string
			Paragraphs []string
		}
		if err := json.Unmarshal(b, &ds); err != nil {
			tb.Fatal(err)
		}
		for _, d := range ds {
			if fa == n {
				return false
			}
			out = append(out, article{d.Title + "\n" + strings.Join(d.Paragraphs, "\n"), "fa"})
			fa++
		}
		return true
	})
	if b, err := os.ReadFile(nerDir + "/turkish-wiki-ner/test.txt"); err == nil {
		var sb strings.Builder
		sentences := 0
		for _, line := range strings.Split(string(b), "\n") {
			tok, _, _ := strings.Cut(line, "\t")
			if tok == "" {
				if sentences++; sentences%10 == 0 && sentences/10 <= n {
					out = append(out, article{sb.String(), "tr"})
					sb.Reset()
				}
				continue
			}
			sb.WriteString(tok + " ")
		}
	}
	return out
}

// eachTar calls fn with each regular file of a .tar.gz until it returns false.
func eachTar(tb testing.TB, path string, fn func(name string, b []byte) bool) {
	err := tarball.Each(path, func(name string, r io.Reader) error {
		b, err := io.ReadAll(r)
		if err != nil {
			return err
		}
		if !fn(name, b) {
			return tarball.Stop
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
}

func BenchmarkFind(b *testing.B) {
	arts := readArticles(b, 100)
	f := ner.New(ner.Options{})
	bytes, mentions := 0, 0
	for _, a := range arts {
		bytes += len(a.text)
	}
	for b.Loop() {
		mentions = 0
		for _, a := range arts {
			mentions += len(f.Find(a.text, a.lang))
		}
	}
	perArticle := float64(b.Elapsed().Nanoseconds()) / float64(b.N) / float64(len(arts))
	b.ReportMetric(perArticle, "ns/article")
	b.ReportMetric(float64(bytes)/float64(len(arts)), "bytes/article")
	b.ReportMetric(float64(mentions)/float64(len(arts)), "mentions/article")
	b.ReportMetric(float64(len(arts)), "articles")
}

// BenchmarkFindLang reports the time per article for each language.
func BenchmarkFindLang(b *testing.B) {
	arts := readArticles(b, 100)
	f := ner.New(ner.Options{})
	for _, lang := range []string{"en", "fr", "ru", "tr", "ar", "fa"} {
		var as []article
		for _, a := range arts {
			if a.lang == lang {
				as = append(as, a)
			}
		}
		b.Run(lang, func(b *testing.B) {
			for b.Loop() {
				for _, a := range as {
					f.Find(a.text, a.lang)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(as)), "ns/article")
		})
	}
}
