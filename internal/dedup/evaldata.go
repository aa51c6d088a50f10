package dedup

import (
	"bufio"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jic-center/jic/internal/ant"
	"github.com/jic-center/jic/internal/tarball"
)

// The real corpora Evaluate reads, relative to its data directory (the
// project's shared/data; see its README for licences and record counts).
const (
	fileANT     = "news/ant-arabic-news-v2.1.tar.gz"     // 31,525 TREC documents, ar, Apache-2.0
	fileBBC     = "news/bbc-news-en-2225.tar.gz"         // 2,225 articles, en, © BBC, tests only
	fileReuters = "news/reuters21578-en.tar.gz"          // 21,578 SGML records, en; 19,043 with a BODY
	fileWikiRU  = "news/wikinews/ruwikinews_nerel.jsonl" // 828 articles, ru, CC BY 2.5
	fileWikiFR  = "news/wikinews/frwikinews_100.jsonl"   // 100 articles, fr, CC BY 2.5
)

// article is one real article of an evaluation corpus.
type article struct {
	ID        string // DOCNO, file name, NEWID or Wikinews id
	Lang      string
	Title     string
	Text      string
	Published time.Time
	Outlet    string // the site that published it (ANT's SRC), else the corpus
}

// corpus is the articles of one file, in the file's order.
type corpus struct {
	Name     string // "ant", "bbc", "reuters", "wikinews-ru", "wikinews-fr"
	File     string
	Articles []article
}

// loadCorpus reads one corpus by name from dataDir.
func loadCorpus(dataDir, name string) (*corpus, error) {
	var c *corpus
	var err error
	switch name {
	case "ant":
		c, err = readTarCorpus(dataDir, fileANT, name, parseANT)
	case "bbc":
		c, err = readTarCorpus(dataDir, fileBBC, name, parseBBC)
	case "reuters":
		c, err = readTarCorpus(dataDir, fileReuters, name, parseReuters)
	case "wikinews-ru":
		c, err = readJSONL(dataDir, fileWikiRU, name)
	case "wikinews-fr":
		c, err = readJSONL(dataDir, fileWikiFR, name)
	default:
		return nil, fmt.Errorf("no corpus %q", name)
	}
	if err != nil {
		return nil, err
	}
	sort.SliceStable(c.Articles, func(i, j int) bool { return c.Articles[i].ID < c.Articles[j].ID })
	return c, nil
}

// readTarCorpus calls parse for each regular file of a .tar.gz, in name
// order so that the corpus is the same on every machine.
func readTarCorpus(dataDir, file, name string, parse func(path string, b []byte) []article) (*corpus, error) {
	c := &corpus{Name: name, File: file}
	err := tarball.Each(filepath.Join(dataDir, file), func(n string, r io.Reader) error {
		b, err := io.ReadAll(io.LimitReader(r, maxCorpusFile+1))
		if err != nil || len(b) > maxCorpusFile {
			return err // a file over the limit is skipped
		}
		c.Articles = append(c.Articles, parse(n, b)...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// maxCorpusFile bounds the files of a corpus archive that are read.
const maxCorpusFile = 16 << 20

// tagText returns the raw content of the first <tag>…</tag> in s.
func tagText(s, tag string) string {
	i := strings.Index(s, "<"+tag+">")
	if i < 0 {
		return ""
	}
	s = s[i+len(tag)+2:]
	j := strings.Index(s, "</"+tag+">")
	if j < 0 {
		return ""
	}
	return s[:j]
}

// parseANT reads the <DOC> records of an ANT corpus file.
func parseANT(path string, b []byte) []article {
	if !strings.HasSuffix(path, ".txt") {
		return nil
	}
	var out []article
	for _, d := range ant.Parse(string(b)) {
		out = append(out, article{ID: d.ID, Lang: "ar", Title: d.Title, Text: d.Text, Outlet: d.Outlet, Published: d.Published})
	}
	return out
}

// bbcEpoch dates the BBC articles, which carry no date: the set is from
// 2004–05, and each article gets an hour of its own in file order.
var bbcEpoch = time.Date(2004, 6, 1, 0, 0, 0, 0, time.UTC)

// parseBBC reads one BBC article: the title on the first line, the text
// after it, in Latin-1 where it is not UTF-8.
func parseBBC(path string, b []byte) []article {
	if !strings.HasSuffix(path, ".txt") || strings.HasSuffix(path, "README.TXT") {
		return nil
	}
	s := latin1(b)
	title, text, _ := strings.Cut(s, "\n")
	id := strings.TrimSuffix(strings.TrimPrefix(path, "bbc-news-2225/"), ".txt")
	return []article{{ID: id, Lang: "en", Title: strings.TrimSpace(title), Text: strings.TrimSpace(text), Outlet: "bbc"}}
}

var reutersDoc = regexp.MustCompile(`(?s)<REUTERS[^>]*NEWID="(\d+)"[^>]*>(.*?)</REUTERS>`)

// parseReuters reads the records of one Reuters-21578 SGML file that have
// a BODY.
func parseReuters(path string, b []byte) []article {
	if !strings.HasSuffix(path, ".sgm") {
		return nil
	}
	var out []article
	for _, m := range reutersDoc.FindAllStringSubmatch(latin1(b), -1) {
		body := tagText(m[2], "BODY")
		if strings.TrimSpace(body) == "" {
			continue
		}
		n, _ := strconv.Atoi(m[1])
		a := article{
			ID:     fmt.Sprintf("reuters-%05d", n),
			Lang:   "en",
			Title:  html.UnescapeString(strings.TrimSpace(tagText(m[2], "TITLE"))),
			Text:   strings.TrimSpace(strings.Map(dropControl, html.UnescapeString(body))),
			Outlet: "reuters",
		}
		date, _, _ := strings.Cut(strings.TrimSpace(tagText(m[2], "DATE")), ".")
		if t, err := time.Parse("2-Jan-2006 15:04:05", date); err == nil {
			a.Published = t
		}
		out = append(out, a)
	}
	return out
}

func dropControl(r rune) rune {
	if r < 0x20 && r != '\n' && r != '\t' {
		return -1
	}
	return r
}

// latin1 returns b as a string, decoding it as Latin-1 when it is not UTF-8.
func latin1(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	rs := make([]rune, len(b))
	for i, c := range b {
		rs[i] = rune(c)
	}
	return string(rs)
}

// readJSONL reads a Wikinews file: one JSON object per line with id, lang,
// title, date (YYYY-MM-DD or null) and text.
func readJSONL(dataDir, file, name string) (*corpus, error) {
	path := filepath.Join(dataDir, file)
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	c := &corpus{Name: name, File: file}
	dec := json.NewDecoder(bufio.NewReader(f))
	for {
		var r struct {
			ID, Lang, Title, Text string
			Date                  *string
		}
		if err := dec.Decode(&r); err == io.EOF {
			break
		} else if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		a := article{ID: r.ID, Lang: r.Lang, Title: r.Title, Text: r.Text, Outlet: "wikinews"}
		if r.Date != nil {
			a.Published, _ = time.Parse("2006-01-02", *r.Date)
		}
		c.Articles = append(c.Articles, a)
	}
	return c, nil
}
