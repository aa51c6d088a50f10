package corpus

import (
	"bufio"
	"encoding/json"
	"io"
	"os"
	"strings"

	"github.com/jic-center/jic/internal/tarball"
)

// EachTarFile calls fn for every regular file in the .tar.gz at path
// until s is done.
func EachTarFile(path string, s *Sink, fn func(name string, body []byte) error) error {
	return tarball.Each(path, func(name string, r io.Reader) error {
		if s.Done() {
			return tarball.Stop
		}
		body, err := io.ReadAll(io.LimitReader(r, 64<<20))
		if err != nil {
			return err
		}
		return fn(name, body)
	})
}

// TagText returns the trimmed text between <tag> and </tag> in doc.
func TagText(doc, tag string) string {
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
func readANT(path string, s *Sink) error {
	return EachTarFile(path, s, func(name string, body []byte) error {
		if !strings.HasSuffix(name, ".txt") {
			return nil
		}
		doc := string(body)
		text, title := TagText(doc, "TEXT"), TagText(doc, "TITLE")
		if text == "" {
			return nil
		}
		sp := SplitOf(text, 3, 2)
		s.Add(Text{Source: "ANT", Lang: "ar", Kind: Article, Split: sp, Text: text})
		s.Add(Text{Source: "ANT", Lang: "ar", Kind: Headline, Split: sp, Text: title})
		return nil
	})
}

// readWikinews reads one file of Wikinews (CC BY 2.5) or Global Voices
// (CC BY 3.0) articles: text is an article, title its headline.
func readWikinews(source, lang string) func(string, *Sink) error {
	return func(path string, s *Sink) error {
		return EachJSONLine(path, func(r map[string]any) {
			str := func(k string) string { s, _ := r[k].(string); return strings.TrimSpace(s) }
			title, text := str("title"), str("text")
			if source == "Global Voices" { // the text repeats the title
				text = strings.TrimSpace(strings.TrimPrefix(text, title))
			}
			test := uint64(25)
			if lang != "ru" {
				test = 35 // the English and French sets are small
			}
			sp := SplitOf(title+"\n"+text, test, 10)
			s.Add(Text{Source: source, Lang: lang, Kind: Article, Split: sp, Text: text})
			s.Add(Text{Source: source, Lang: lang, Kind: Headline, Split: sp, Text: title})
		})
	}
}

// EachJSONLine calls fn for each JSON object of a JSON Lines file.
func EachJSONLine(path string, fn func(map[string]any)) error {
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
