package bench

// The readers of the base corpus's files, one per format: ingest.Walk where
// it reads the file as it is, small readers of their own for the rest.

import (
	"bufio"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/ingest"
	"github.com/jic-center/jic/internal/tarball"
)

// walkItems reads path with ingest.Walk and passes on the parsed reports
// for which keep returns true. A rejected item is an error: the corpus
// files are known to parse.
func walkItems(path string, opt ingest.Options, keep func(ingest.Item) bool, fn func(ingest.Item) error) error {
	return ingest.Walk(path, opt, func(it ingest.Item) error {
		if !keep(it) {
			return nil
		}
		if it.Err != nil {
			return fmt.Errorf("%s: %w", it.Where, it.Err)
		}
		return fn(it)
	})
}

// antSources names the outlets of the ANT corpus's SRC field.
var antSources = map[string]string{
	"alarabia": "Al Arabiya", "bbc": "BBC Arabic", "cnn": "CNN Arabic",
	"france24": "France24 Arabic", "skynews": "Sky News Arabia",
}

func loadANT(path string, emit func(*jic.Report) error) error {
	isDoc := func(it ingest.Item) bool { return strings.Contains(it.Where, ".txt:") } // not the README
	return walkItems(path, ingest.Options{Language: "ar", Format: ingest.FormatTREC}, isDoc, func(it ingest.Item) error {
		r := it.Report
		r.SourceName = antSources[strings.ToLower(it.Source)]
		if r.SourceName == "" {
			r.SourceName = "ANT " + it.Source
		}
		return emit(r)
	})
}

// loadBBC reads the BBC News text files: the first line is the title. One
// file is Latin-1, not UTF-8 (ingest rejects it), so they are read here.
func loadBBC(path string, emit func(*jic.Report) error) error {
	return tarFiles(path, func(name string, r io.Reader) error {
		if !strings.HasSuffix(name, ".txt") || strings.HasSuffix(name, "README.TXT") {
			return nil
		}
		b, err := io.ReadAll(r)
		if err != nil {
			return err
		}
		title, text, _ := strings.Cut(strings.TrimSpace(latin1(b)), "\n")
		// "bbc-news-2225/tech/132.txt" → bench://bbc/tech/132
		parts := strings.Split(strings.TrimSuffix(name, ".txt"), "/")
		return emit(&jic.Report{
			Language:   "en",
			Title:      oneLine(title),
			Text:       text,
			URL:        "bench://bbc/" + strings.Join(parts[len(parts)-2:], "/"),
			SourceName: "BBC News",
		})
	})
}

func jsonlLoader(lang, source string) func(string, func(*jic.Report) error) error {
	return func(path string, emit func(*jic.Report) error) error {
		all := func(ingest.Item) bool { return true }
		return walkItems(path, ingest.Options{Language: lang, Format: ingest.FormatJSONL}, all, func(it ingest.Item) error {
			it.Report.SourceName = source
			it.Report.Language = lang
			return emit(it.Report)
		})
	}
}

// tarFiles calls fn with each regular file of a .tar.gz archive; a missing
// archive is ENOTFOUND.
func tarFiles(path string, fn func(name string, r io.Reader) error) error {
	return notFound(tarball.Each(path, fn))
}

func notFound(err error) error {
	if os.IsNotExist(err) {
		return jic.Errorf(jic.ENOTFOUND, "%v", err)
	}
	return err
}

// loadReuters reads the Reuters-21578 SGML files: documents with a BODY,
// dated by DATE ("26-FEB-1987 15:01:01.79"). One file holds a byte that is
// not UTF-8; it is read as Latin-1.
func loadReuters(path string, emit func(*jic.Report) error) error {
	return tarFiles(path, func(name string, r io.Reader) error {
		if !strings.HasSuffix(name, ".sgm") {
			return nil
		}
		b, err := io.ReadAll(r)
		if err != nil {
			return err
		}
		for _, doc := range strings.Split(latin1(b), "<REUTERS ")[1:] {
			body, ok := between(doc, "<BODY>", "</BODY>")
			if !ok {
				continue
			}
			id, _ := between(doc, `NEWID="`, `"`)
			rep := &jic.Report{
				Language:   "en",
				Text:       reutersText(body),
				URL:        "bench://reuters/" + id,
				SourceName: "Reuters",
			}
			if t, ok := between(doc, "<TITLE>", "</TITLE>"); ok {
				rep.Title = oneLine(sgmlText(t))
			}
			if d, ok := between(doc, "<DATE>", "</DATE>"); ok {
				d, _, _ = strings.Cut(strings.TrimSpace(d), ".")
				if t, err := time.Parse("2-Jan-2006 15:04:05", d); err == nil {
					rep.Published = t
				}
			}
			if err := emit(rep); err != nil {
				return err
			}
		}
		return nil
	})
}

// between returns the text of s between the first open and the close after it.
func between(s, open, close string) (string, bool) {
	_, rest, ok := strings.Cut(s, open)
	if !ok {
		return "", false
	}
	v, _, ok := strings.Cut(rest, close)
	return v, ok
}

func latin1(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	var sb strings.Builder
	for _, c := range b {
		sb.WriteRune(rune(c))
	}
	return sb.String()
}

// sgmlText unescapes entities and drops control characters but newlines.
func sgmlText(s string) string {
	s = html.UnescapeString(s)
	return strings.Map(func(r rune) rune {
		if r == '\n' || !unicode.IsControl(r) {
			return r
		}
		return -1
	}, s)
}

// reutersText turns a wrapped BODY into paragraphs: an indented line
// starts a paragraph, other line breaks are wraps. The trailing "Reuter"
// sign-off is dropped.
func reutersText(s string) string {
	s = sgmlText(s)
	var paras []string
	var cur []string
	for _, line := range strings.Split(s, "\n") {
		if strings.HasPrefix(line, "    ") && len(cur) > 0 {
			paras = append(paras, strings.Join(cur, " "))
			cur = nil
		}
		if line = strings.TrimSpace(line); line != "" {
			cur = append(cur, line)
		}
	}
	if len(cur) > 0 {
		paras = append(paras, strings.Join(cur, " "))
	}
	text := strings.Join(paras, "\n\n")
	text = strings.TrimSuffix(strings.TrimSpace(text), "Reuter")
	return strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(text), "REUTER"))
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// farsArticle is one element of the Fars News JSON arrays.
type farsArticle struct {
	Title      string   `json:"title"`
	Abstract   string   `json:"abstract"`
	Paragraphs []string `json:"paragraphs"`
	Link       string   `json:"link"`
}

// loadFars reads the Fars News JSON arrays. The text is the abstract and
// the paragraphs; the date is the Solar Hijri date that begins the news id
// in the link (…/news/13950404000869/… is 1395-04-04, 24 June 2016).
func loadFars(path string, emit func(*jic.Report) error) error {
	return tarFiles(path, func(name string, r io.Reader) error {
		if !strings.HasSuffix(name, ".json") {
			return nil
		}
		var arts []farsArticle
		if err := json.NewDecoder(r).Decode(&arts); err != nil {
			return err
		}
		for _, a := range arts {
			rep := &jic.Report{
				Language:   "fa",
				Title:      oneLine(a.Title),
				Text:       strings.Join(append([]string{a.Abstract}, a.Paragraphs...), "\n\n"),
				URL:        strings.ReplaceAll(strings.TrimSpace(a.Link), " ", "%20"),
				SourceName: "Fars News",
			}
			rep.Published = farsDate(a.Link)
			if err := emit(rep); err != nil {
				return err
			}
		}
		return nil
	})
}

var farsID = regexp.MustCompile(`/news/(1[34]\d\d)(\d\d)(\d\d)\d+`)

func farsDate(link string) time.Time {
	m := farsID.FindStringSubmatch(link)
	if m == nil {
		return time.Time{}
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	if mo < 1 || mo > 12 || d < 1 || d > 31 {
		return time.Time{}
	}
	return jalali(y, mo, d).Add(12 * time.Hour)
}

// jalali converts a Solar Hijri (Persian calendar) date of the years
// 1370–1409 to the Gregorian date; other years give the zero time.
func jalali(y, m, d int) time.Time {
	if y < 1370 || y > 1409 {
		return time.Time{}
	}
	days := d - 1 // from 1 Farvardin
	if m <= 7 {
		days += (m - 1) * 31
	} else {
		days += 6*31 + (m-7)*30
	}
	return nowruz(y).AddDate(0, 0, days)
}

// persianLeap lists the leap years of 1370–1409 (366 days, Esfand 30).
var persianLeap = map[int]bool{1370: true, 1375: true, 1379: true, 1383: true, 1387: true, 1391: true, 1395: true, 1399: true, 1403: true, 1408: true}

// nowruz returns 1 Farvardin of Solar Hijri year y, counting from 1
// Farvardin 1395, which was 20 March 2016.
func nowruz(y int) time.Time {
	length := func(y int) int {
		if persianLeap[y] {
			return 366
		}
		return 365
	}
	t := time.Date(2016, 3, 20, 0, 0, 0, 0, time.UTC)
	for yy := 1395; yy < y; yy++ {
		t = t.AddDate(0, 0, length(yy))
	}
	for yy := 1395; yy > y; yy-- {
		t = t.AddDate(0, 0, -length(yy-1))
	}
	return t
}

// loadTurkish builds pseudo-articles from the Turkish Wikipedia NER corpus
// (train, dev, test in that order): turkishSentences consecutive sentences
// each, the title the first sentence cut to 80 bytes.
func loadTurkish(dir string, emit func(*jic.Report) error) error {
	for _, file := range []string{"train.txt", "dev.txt", "test.txt"} {
		sents, err := conllSentences(filepath.Join(dir, file))
		if err != nil {
			return err
		}
		for i := 0; i < len(sents); i += turkishSentences {
			group := sents[i:min(len(sents), i+turkishSentences)]
			err := emit(&jic.Report{
				Language:   "tr",
				Title:      clip(group[0], 80),
				Text:       strings.Join(group, " "),
				URL:        fmt.Sprintf("bench://trwiki/%s/%d", strings.TrimSuffix(file, ".txt"), i/turkishSentences+1),
				SourceName: "Turkish Wikipedia (NER corpus)",
			})
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// conllSentences reads token<TAB>tag lines, a blank line between
// sentences, and returns each sentence detokenized.
func conllSentences(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, notFound(err)
	}
	defer f.Close()
	var out []string
	var toks []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	flush := func() {
		if len(toks) > 0 {
			out = append(out, detokenize(toks))
			toks = nil
		}
	}
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			flush()
			continue
		}
		tok, _, _ := strings.Cut(line, "\t")
		toks = append(toks, tok)
	}
	flush()
	return out, sc.Err()
}

// detokenize joins tokens with spaces, except before closing punctuation
// and after opening brackets; straight double quotes alternate.
func detokenize(toks []string) string {
	var b strings.Builder
	noSpaceNext, quoteOpen := true, false
	for _, t := range toks {
		attach := false
		switch t {
		case ",", ".", ";", ":", "!", "?", ")", "]", "%", "...", "'":
			attach = true
		case `"`:
			attach = quoteOpen
		}
		if !noSpaceNext && !attach {
			b.WriteByte(' ')
		}
		b.WriteString(t)
		noSpaceNext = t == "(" || t == "[" || (t == `"` && !quoteOpen)
		if t == `"` {
			quoteOpen = !quoteOpen
		}
	}
	return b.String()
}
