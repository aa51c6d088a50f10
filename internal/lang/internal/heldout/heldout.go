// Package heldout reads the data sets under ../shared/data that may not be
// shipped in any form (the data README marks them "tests only", "research
// use only" or share-alike): Fars News, BBC News, Reuters-21578, the
// Wikipedia "In the news" blurbs and the Turkish, Persian and Arabic NER
// corpora. The language identifier is measured on them and never trained
// on them: only package lang's evaluation imports this package, and the
// model generator's TestShipOnly checks that it cannot reach it.
package heldout

import (
	"encoding/json"
	"html"
	"regexp"
	"strings"

	"github.com/jic-center/jic/internal/lang/internal/corpus"
)

// Inputs are the test-only data sets. Their texts keep the split they had
// when the model was trained on some of them, so the test side is the same
// texts as before; the train and dev sides are held out as well now, and
// serve to look at errors without looking at the test side (see
// lang.MeasureOptions.Diagnose).
var Inputs = []corpus.Input{
	{Path: "news/farsnews-fa.tar.gz", Read: readFars},
	{Path: "news/wikinews/itn_5lang.jsonl", Read: readITN},
	{Path: "news/bbc-news-en-2225.tar.gz", Read: readBBC},
	{Path: "news/reuters21578-en.tar.gz", Read: readReuters},
	{Path: "ner", Read: readNER},
}

// readFars reads the Fars News articles (Persian; about 40% typed with
// Arabic yeh and kaf): abstract and paragraphs are an article, title its
// headline.
func readFars(path string, s *corpus.Sink) error {
	return corpus.EachTarFile(path, s, func(name string, body []byte) error {
		if !strings.HasSuffix(name, ".json") {
			return nil
		}
		var items []struct {
			Title      string   `json:"title"`
			Abstract   string   `json:"abstract"`
			Paragraphs []string `json:"paragraphs"`
		}
		if err := json.Unmarshal(body, &items); err != nil {
			return err
		}
		for _, it := range items {
			text := strings.TrimSpace(it.Abstract + "\n" + strings.Join(it.Paragraphs, "\n"))
			sp := corpus.SplitOf(it.Title+"\n"+text, 25, 10)
			s.Add(corpus.Text{Source: "Fars News", Lang: "fa", Kind: corpus.Article, Split: sp, Text: text})
			s.Add(corpus.Text{Source: "Fars News", Lang: "fa", Kind: corpus.Headline, Split: sp, Text: it.Title})
		}
		return nil
	})
}

// readITN reads the Wikipedia "In the news" blurbs (CC BY-SA 3.0), one
// sentence each, grouped by event: they count as headlines.
func readITN(path string, s *corpus.Sink) error {
	return corpus.EachJSONLine(path, func(r map[string]any) {
		str := func(k string) string { s, _ := r[k].(string); return strings.TrimSpace(s) }
		s.Add(corpus.Text{Source: "ITN blurbs", Lang: str("lang"), Kind: corpus.Headline,
			Split: corpus.SplitOf(str("cluster"), 25, 10), Text: str("text")})
	})
}

// readBBC reads the BBC News 2004–05 articles: first line title, rest body.
func readBBC(path string, s *corpus.Sink) error {
	return corpus.EachTarFile(path, s, func(name string, body []byte) error {
		if !strings.HasSuffix(name, ".txt") || strings.HasSuffix(name, "README.TXT") {
			return nil
		}
		title, text, _ := strings.Cut(strings.TrimSpace(string(body)), "\n")
		sp := corpus.SplitOf(string(body), 15, 10)
		s.Add(corpus.Text{Source: "BBC", Lang: "en", Kind: corpus.Article, Split: sp, Text: strings.TrimSpace(text)})
		s.Add(corpus.Text{Source: "BBC", Lang: "en", Kind: corpus.Headline, Split: sp, Text: title})
		return nil
	})
}

var reutersDoc = regexp.MustCompile(`(?s)<REUTERS.*?</REUTERS>`)

// readReuters reads Reuters-21578 (1987): BODY of at least 200 letters is an
// article, TITLE (upper case) a headline.
func readReuters(path string, s *corpus.Sink) error {
	return corpus.EachTarFile(path, s, func(name string, body []byte) error {
		if !strings.HasSuffix(name, ".sgm") {
			return nil
		}
		for _, doc := range reutersDoc.FindAllString(string(body), -1) {
			title := html.UnescapeString(corpus.TagText(doc, "TITLE"))
			text := html.UnescapeString(corpus.TagText(doc, "BODY"))
			text = strings.TrimSpace(strings.TrimRight(text, "\x03"))
			if title == "" {
				continue
			}
			sp := corpus.SplitOf(title+"\n"+text, 3, 2)
			if corpus.Letters(text) >= 200 {
				s.Add(corpus.Text{Source: "Reuters", Lang: "en", Kind: corpus.Article, Split: sp, Text: text})
			}
			s.Add(corpus.Text{Source: "Reuters", Lang: "en", Kind: corpus.Headline, Split: sp, Text: title})
		}
		return nil
	})
}
