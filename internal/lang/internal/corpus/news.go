package corpus

import (
	"archive/tar"
	"bufio"
	"compress/gzip"
	"encoding/json"
	"html"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// eachTarFile calls fn for every regular file in the .tar.gz at path
// until s is done.
func eachTarFile(path string, s *sink, fn func(name string, body []byte) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	gz, err := gzip.NewReader(bufio.NewReaderSize(f, 1<<16))
	if err != nil {
		return err
	}
	tr := tar.NewReader(gz)
	for !s.done() {
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		body, err := io.ReadAll(io.LimitReader(tr, 64<<20))
		if err != nil {
			return err
		}
		if err := fn(h.Name, body); err != nil {
			return err
		}
	}
	return nil
}

// tagText returns the trimmed text between <tag> and </tag> in doc.
func tagText(doc, tag string) string {
	i := strings.Index(doc, "<"+tag+">")
	if i < 0 {
		return ""
	}
	rest := doc[i+len(tag)+2:]
	j := strings.Index(rest, "</"+tag+">")
	if j < 0 {
		return ""
	}
	return strings.TrimSpace(rest[:j])
}

// readANT reads the ANT corpus v2.1 (Arabic news, Apache-2.0): TEXT is an
// article, TITLE its headline.
func readANT(path string, s *sink) error {
	return eachTarFile(path, s, func(name string, body []byte) error {
		if !strings.HasSuffix(name, ".txt") {
			return nil
		}
		doc := string(body)
		text, title := tagText(doc, "TEXT"), tagText(doc, "TITLE")
		if text == "" {
			return nil
		}
		sp := splitOf(text, 3, 2)
		s.add(Text{Source: "ANT", Lang: "ar", Kind: Article, Split: sp, Text: text})
		s.add(Text{Source: "ANT", Lang: "ar", Kind: Headline, Split: sp, Text: title})
		return nil
	})
}

// readFars reads the Fars News articles (Persian; about 40% typed with
// Arabic yeh and kaf): abstract and paragraphs are an article, title its
// headline.
func readFars(path string, s *sink) error {
	return eachTarFile(path, s, func(name string, body []byte) error {
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
			sp := splitOf(it.Title+"\n"+text, 25, 10)
			s.add(Text{Source: "Fars News", Lang: "fa", Kind: Article, Split: sp, Text: text})
			s.add(Text{Source: "Fars News", Lang: "fa", Kind: Headline, Split: sp, Text: it.Title})
		}
		return nil
	})
}

// readWikinews reads the Wikinews and Global Voices articles (CC BY) and the
// Wikipedia "In the news" blurbs (CC BY-SA), which count as headlines.
func readWikinews(dir string, s *sink) error {
	files := []struct{ name, source, lang string }{
		{"frwikinews_100.jsonl", "Wikinews fr", "fr"},
		{"ruwikinews_nerel.jsonl", "Wikinews ru", "ru"},
		{"gum_wikinews.jsonl", "Wikinews en", "en"},
		{"globalvoices_2009.jsonl", "Global Voices", "en"},
		{"itn_5lang.jsonl", "ITN blurbs", ""},
	}
	for _, f := range files {
		err := eachJSONLine(filepath.Join(dir, f.name), func(r map[string]any) {
			str := func(k string) string { s, _ := r[k].(string); return strings.TrimSpace(s) }
			if f.lang == "" { // ITN: one-sentence blurbs grouped by event
				s.add(Text{Source: f.source, Lang: str("lang"), Kind: Headline,
					Split: splitOf(str("cluster"), 25, 10), Text: str("text")})
				return
			}
			title, text := str("title"), str("text")
			if f.source == "Global Voices" { // the text repeats the title
				text = strings.TrimSpace(strings.TrimPrefix(text, title))
			}
			test := uint64(25)
			if f.lang != "ru" {
				test = 35 // the English and French sets are small
			}
			sp := splitOf(title+"\n"+text, test, 10)
			s.add(Text{Source: f.source, Lang: f.lang, Kind: Article, Split: sp, Text: text})
			s.add(Text{Source: f.source, Lang: f.lang, Kind: Headline, Split: sp, Text: title})
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func eachJSONLine(path string, fn func(map[string]any)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var r map[string]any
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return err
		}
		fn(r)
	}
	return sc.Err()
}

// readBBC reads the BBC News 2004–05 articles: first line title, rest body.
func readBBC(path string, s *sink) error {
	return eachTarFile(path, s, func(name string, body []byte) error {
		if !strings.HasSuffix(name, ".txt") || strings.HasSuffix(name, "README.TXT") {
			return nil
		}
		title, text, _ := strings.Cut(strings.TrimSpace(string(body)), "\n")
		sp := splitOf(string(body), 15, 10)
		s.add(Text{Source: "BBC", Lang: "en", Kind: Article, Split: sp, Text: strings.TrimSpace(text)})
		s.add(Text{Source: "BBC", Lang: "en", Kind: Headline, Split: sp, Text: title})
		return nil
	})
}

var reutersDoc = regexp.MustCompile(`(?s)<REUTERS.*?</REUTERS>`)

// readReuters reads Reuters-21578 (1987): BODY of at least 200 letters is an
// article, TITLE (upper case) a headline.
func readReuters(path string, s *sink) error {
	return eachTarFile(path, s, func(name string, body []byte) error {
		if !strings.HasSuffix(name, ".sgm") {
			return nil
		}
		for _, doc := range reutersDoc.FindAllString(string(body), -1) {
			title := html.UnescapeString(tagText(doc, "TITLE"))
			text := html.UnescapeString(tagText(doc, "BODY"))
			text = strings.TrimSpace(strings.TrimRight(text, "\x03"))
			if title == "" {
				continue
			}
			sp := splitOf(title+"\n"+text, 3, 2)
			if letters(text) >= 200 {
				s.add(Text{Source: "Reuters", Lang: "en", Kind: Article, Split: sp, Text: text})
			}
			s.add(Text{Source: "Reuters", Lang: "en", Kind: Headline, Split: sp, Text: title})
		}
		return nil
	})
}
