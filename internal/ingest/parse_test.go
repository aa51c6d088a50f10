package ingest_test

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/ingest"
)

// got is what a test compares of one item: the rejection code, or the
// fields a parser fills. Long texts are cut to their first 60 runes.
type got struct {
	Where     string
	Code      string // jic.ErrorCode of a rejected item, "" for a report
	Title     string
	Text      string
	URL       string
	Published string // RFC 3339, "" if unknown
	Language  string
	Source    string
	Marking   string
	RawType   string
}

func summarize(it ingest.Item) got {
	if it.Err != nil {
		return got{Where: it.Where, Code: jic.ErrorCode(it.Err)}
	}
	r := it.Report
	g := got{Where: it.Where, Title: r.Title, Text: short(r.Text), URL: r.URL, Language: r.Language,
		Source: it.Source, Marking: it.Marking, RawType: r.RawType}
	if !r.Published.IsZero() {
		g.Published = r.Published.Format(time.RFC3339)
	}
	return g
}

func short(s string) string {
	if utf8.RuneCountInString(s) <= 60 {
		return s
	}
	return string([]rune(s)[:60]) + "…"
}

// parseAll parses data as an input named name and returns every item; it
// fails the test if Parse returns an error.
func parseAll(t *testing.T, data []byte, name string, opt ingest.Options) []ingest.Item {
	t.Helper()
	var items []ingest.Item
	err := ingest.Parse(bytes.NewReader(data), name, opt, func(it ingest.Item) error {
		items = append(items, it)
		return nil
	})
	if err != nil {
		t.Fatalf("Parse(%s) = %v, want nil", name, err)
	}
	return items
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// checkItems parses the file at path and compares the items with want.
func checkItems(t *testing.T, path string, opt ingest.Options, want []got) {
	t.Helper()
	var gots []got
	for _, it := range parseAll(t, readFile(t, path), path, opt) {
		gots = append(gots, summarize(it))
	}
	if diff := cmp.Diff(want, gots); diff != "" {
		t.Errorf("Parse(%s) items (-want +got):\n%s", path, diff)
	}
}

const (
	textType     = "text/plain; charset=utf-8"
	markdownType = "text/markdown; charset=utf-8"
	jsonType     = "application/json"
	trecType     = "application/x-trec"
)

func TestParseText(t *testing.T) {
	tests := []struct {
		name string
		file string
		want []got
	}{
		{"title then paragraphs", "testdata/text/article.txt", []got{{
			Title: "Heavy rain closes mountain roads", Language: "en",
			Text:    "Heavy rain closed three mountain roads on Sunday, officials …",
			RawType: textType,
		}}},
		{"BOM and CRLF", "testdata/text/crlf.txt", []got{{
			Title: "Windows title", Text: "Line one.\nLine two.", Language: "en", RawType: textType,
		}}},
		{"one line is a title", "testdata/text/oneline.txt", []got{{
			Title: "no title line separation", Language: "en", RawType: textType,
		}}},
		{"Latin-1 is rejected", "testdata/text/latin1.txt", []got{{Code: jic.EINVALID}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for i := range tt.want {
				tt.want[i].Where = tt.file
			}
			checkItems(t, tt.file, ingest.Options{Language: "en"}, tt.want)
		})
	}
}

func TestParseMarkdown(t *testing.T) {
	tests := []struct {
		name string
		file string
		want got
	}{
		{"front matter wins over the same heading", "testdata/markdown/frontmatter.md", got{
			Title: "Port reopens after storm", URL: "https://example.org/port",
			Published: "2023-10-02T00:00:00Z", Language: "en-GB", RawType: markdownType,
			Text: "The port of Example reopened on Monday after a storm closed …",
		}},
		{"setext heading", "testdata/markdown/setext.md", got{
			Title: "Election results delayed", RawType: markdownType,
			Text: "Counting resumed today in the capital.\n\nBackground\n\nThe vote…",
		}},
		{"first line without a heading", "testdata/markdown/nohead.md", got{
			Title: "Officials confirmed the bridge is safe to use.", RawType: markdownType,
			Text: "It reopened this morning.\n\nTraffic is light.",
		}},
		{"a later heading is the title but stays in the text", "testdata/markdown/midheading.md", got{
			Title: "Details", RawType: markdownType,
			Text: "An intro paragraph before any heading.\n\nDetails\n\nMore text.",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.want.Where = tt.file
			checkItems(t, tt.file, ingest.Options{}, []got{tt.want})
		})
	}
}

// TestMarkdownText checks the whole plain text of the richest fixture:
// every kind of markup it strips or keeps.
func TestMarkdownText(t *testing.T) {
	items := parseAll(t, readFile(t, "testdata/markdown/frontmatter.md"), "frontmatter.md", ingest.Options{})
	want := strings.Join([]string{
		"The port of Example reopened on Monday after a storm closed it for  four days.\nA second line after a hard break.",
		"Cranes at the port",
		`"We are working around the clock," the harbour master said.`,
		"Ships waiting:",
		"• Northern Star, a tanker\n• the ferry Island Queen\n1. first in line\n2. second",
		"if a < b && c {\n    fmt.Println(\"**kept**\")\n}",
		"Ship\tBerth\nStar\t4",
		"Written with snake_case_names, 2 * 3 = 6 and a tag; see https://example.org/more & ref link.",
	}, "\n\n")
	if len(items) != 1 || items[0].Err != nil {
		t.Fatalf("Parse(frontmatter.md) = %+v, want one report", items)
	}
	if diff := cmp.Diff(want, items[0].Report.Text); diff != "" {
		t.Errorf("Parse(frontmatter.md) text (-want +got):\n%s", diff)
	}
}

func TestParseHTML(t *testing.T) {
	tests := []struct {
		name string
		file string
		want got
	}{
		{"article with metadata", "testdata/html/article.html", got{
			Title: "Water supply restored in northern district", Language: "en-GB", RawType: "text/html",
			URL:       "https://news.example.org/2024/06/water-supply-restored",
			Published: "2024-06-11T08:15:00+03:00",
			Text:      "Engineers restored the water supply to the northern district…",
		}},
		{"windows-1256 Arabic page", "testdata/html/windows-1256.html", got{
			Title: "افتتاح معرض الكتاب", Language: "ar", RawType: "text/html",
			Published: "2018-07-15T10:00:00+03:00",
			Text:      "افتتح معرض الكتاب الدولي أبوابه أمس بمشاركة أكثر من ثلاثمائة…",
		}},
		{"fragment without head", "testdata/html/bare.html", got{
			Text: "Just a fragment: no head, no title.\n\nSecond paragraph.", RawType: "text/html",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.want.Where = tt.file
			checkItems(t, tt.file, ingest.Options{}, []got{tt.want})
		})
	}
}

// TestHTMLTextIsPlain checks that no markup, script or navigation of the
// fixture page reaches the text.
func TestHTMLTextIsPlain(t *testing.T) {
	items := parseAll(t, readFile(t, "testdata/html/article.html"), "article.html", ingest.Options{})
	text := items[0].Report.Text
	for _, bad := range []string{"<", "tracking", "Home", "Related", "All rights reserved", "&amp;"} {
		if strings.Contains(text, bad) {
			t.Errorf("text of article.html contains %q:\n%s", bad, text)
		}
	}
	if n := strings.Count(text, "\n\n"); n != 3 {
		t.Errorf("text of article.html has %d paragraph breaks, want 3:\n%s", n, text)
	}
}

func TestParseJSON(t *testing.T) {
	tests := []struct {
		name string
		file string
		want []got
	}{
		{"array with bad elements", "testdata/json/array.json", []got{
			{Where: ":2", Title: "Ceasefire talks resume", Text: "Delegations met again on Tuesday.\n\nNo statement was issued.",
				Published: "2024-05-07T00:00:00Z", Language: "en", RawType: jsonType},
			{Where: ":7", Code: jic.EINVALID}, // title is a number
			{Where: ":8", Title: "Second report", Text: "Short text.", Source: "Desk", RawType: jsonType},
			{Where: ":9", Code: jic.EINVALID}, // a string, not an object
			{Where: ":10", Title: "Last report", Text: "ok", RawType: jsonType},
		}},
		{"one object", "testdata/json/object.json", []got{
			{Where: ":1", Title: "Одна новость", Text: "Текст новости.", Published: "2020-02-03T04:05:06Z", Language: "ru", RawType: jsonType},
		}},
		{"concatenated objects", "testdata/json/concatenated.json", []got{
			{Where: ":1", Title: "a", RawType: jsonType},
			{Where: ":2", Title: "b", RawType: jsonType},
			{Where: ":2", Title: "c", Text: "three objects, two lines", RawType: jsonType},
		}},
		{"malformed element, then unclosed array", "testdata/json/truncated.json", []got{
			{Where: ":1", Title: "first", Text: "fine", RawType: jsonType},
			{Where: ":1", Code: jic.EINVALID},
			{Where: ":1", Title: "third", Text: "still read", RawType: jsonType},
			{Where: ":1", Code: jic.EINVALID},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for i := range tt.want {
				tt.want[i].Where = tt.file + tt.want[i].Where
			}
			checkItems(t, tt.file, ingest.Options{}, tt.want)
		})
	}
}

func TestParseJSONL(t *testing.T) {
	tests := []struct {
		name string
		file string
		want []got
	}{
		{"Wikinews records as they are", "testdata/jsonl/gum.jsonl", []got{
			{Where: ":1", Title: "Hundreds dead in Hajj stampede", Published: "2006-01-12T00:00:00Z", Language: "en",
				URL: "https://en.wikinews.org/wiki/Hundreds_dead_in_Hajj_stampede", Source: "Wikinews (via GUM corpus)",
				Text: "Thursday, January 12, 2006\n\nThe Plains of Arafat on the day …", RawType: jsonType},
			{Where: ":2", Title: "Greek court rules worship of ancient Greek deities is legal", Published: "2006-03-27T00:00:00Z",
				Language: "en", URL: "https://en.wikinews.org/wiki/Greek_court_rules_worship_of_ancient_Greek_deities_is_legal",
				Source: "Wikinews (via GUM corpus)", Text: "Monday, March 27, 2006\n\nGreek court has ruled that worshippe…", RawType: jsonType},
			{Where: ":3", Title: "Президентом Чили выбрана женщина", Language: "ru", // "date": null
				URL: "https://ru.wikinews.org/w/index.php?curid=1976", Source: "Wikinews RU (via NEREL)",
				Text: "Во втором туре президентских выборов в Чили победу одержала …", RawType: jsonType},
		}},
		{"good, bad and blank lines", "testdata/jsonl/mixed.jsonl", []got{
			{Where: ":1", Title: "Flood warning for the river valley", Text: "Authorities issued a flood warning on Monday.",
				URL: "https://example.org/a", Published: "2024-03-04T09:30:00+01:00", Language: "en",
				Source: "Example Wire", Marking: "AMBER", RawType: jsonType},
			{Where: ":3", Code: jic.EINVALID}, // unknown field "titel"
			{Where: ":4", Code: jic.EINVALID}, // malformed
			{Where: ":5", Text: "Un texte sans titre, mais avec un corps.", Published: "2012-05-22T00:00:00Z", Language: "fr", RawType: jsonType},
			{Where: ":6", Code: jic.EINVALID}, // empty
			{Where: ":7", Text: "Old wire story.", Published: "2006-01-02T15:04:05-05:00", RawType: jsonType},
			{Where: ":8", Code: jic.EINVALID}, // "next tuesday"
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for i := range tt.want {
				tt.want[i].Where = tt.file + tt.want[i].Where
			}
			checkItems(t, tt.file, ingest.Options{}, tt.want)
		})
	}
}

func TestParseTREC(t *testing.T) {
	tests := []struct {
		name string
		file string
		want []got
	}{
		{"ANT record in a .txt file", "testdata/trec/bbc.txt", []got{{
			Where: ":1", Title: `في أسبوع: "القيامة" و"رهبان صبية" وانتفاضة "جيجو"`, Language: "ar",
			Text: "نستعرض معكم مجموعة من الصور المختارة لأحداث الأسبوع التي شهد…",
			URL:  "http://www.bbc.co.uk/arabic/world-43698497", Published: "2018-04-09T13:13:32Z", Source: "BBC", RawType: trecType,
		}}},
		{"records good, truncated and unclosed", "testdata/trec/multi.trec", []got{
			{Where: ":2", Title: "Prices rise < 2% & wages stall", Text: "Inflation stayed below 2% while wages <stalled>.\nSecond line…",
				URL: "https://example.org/1", Published: "2018-04-03T09:05:00+03:00", Source: "example", Language: "ar", RawType: trecType},
			{Where: ":13", Code: jic.EINVALID}, // a new <DOC> before </DOC>
			{Where: ":18", Title: "One line record", Text: "Only an abstract.", Published: "2018-04-05T00:00:00Z", Language: "ar", RawType: trecType},
			{Where: ":19", Code: jic.EINVALID}, // <TEXT> without </TEXT>
			{Where: ":25", Code: jic.EINVALID}, // the input ends inside the record
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for i := range tt.want {
				tt.want[i].Where = tt.file + tt.want[i].Where
			}
			checkItems(t, tt.file, ingest.Options{Language: "ar"}, tt.want)
		})
	}
}

// TestRawIsExact checks that Report.Raw holds the bytes of the item as
// received: the line of a JSONL record, the <DOC> of a TREC record.
func TestRawIsExact(t *testing.T) {
	tests := []struct {
		name, input string
		want        []string
	}{
		{"jsonl", "{\"title\": \"a\"}\r\n\n{ \"title\" : \"b\" }  \n", []string{`{"title": "a"}`, `{ "title" : "b" }  `}},
		{"json", "[ {\"title\": \"a\"},\n {\"title\":\"b\"} ]", []string{`{"title": "a"}`, `{"title":"b"}`}},
		{"trec", "x<DOC><TITLE>a</TITLE></DOC>\n<DOC>\n<TITLE>b</TITLE>\n</DOC>", []string{"<DOC><TITLE>a</TITLE></DOC>", "<DOC>\n<TITLE>b</TITLE>\n</DOC>"}},
		{"text", "title\r\ntext", []string{"title\r\ntext"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var raws []string
			for _, it := range parseAll(t, []byte(tt.input), "in", ingest.Options{Format: ingest.Format(tt.name)}) {
				if it.Err != nil {
					t.Fatalf("%s: %v", it.Where, it.Err)
				}
				raws = append(raws, string(it.Report.Raw))
			}
			if diff := cmp.Diff(tt.want, raws); diff != "" {
				t.Errorf("Raw (-want +got):\n%s", diff)
			}
		})
	}
}

// TestBadInput feeds each parser broken input and checks the codes of the
// items, in order: a bad item is rejected and parsing goes on where the
// format allows it.
func TestBadInput(t *testing.T) {
	long := `{"title": "long", "text": "` + strings.Repeat("x", 300) + `"}`
	tests := []struct {
		name   string
		input  string
		format ingest.Format
		want   []string // codes, "" for a report
	}{
		{"text invalid UTF-8", "ok\n\xff\xfe bad", "text", []string{jic.EINVALID}},
		{"text empty", " \n\t\n", "text", []string{jic.EINVALID}},
		{"text NUL bytes", "title\x00\x01\x02", "text", []string{jic.EINVALID}},
		{"text over the limit", strings.Repeat("a", 257), "text", []string{jic.ETOOLARGE}},
		{"markdown invalid UTF-8", "# T\xc3\x28", "markdown", []string{jic.EINVALID}},
		{"markdown empty", "---\ntitle:\n---\n\n", "markdown", []string{jic.EINVALID}},
		{"html empty", "<html><body></body></html>", "html", []string{jic.EINVALID}},
		{"html over the limit", "<p>" + strings.Repeat("a", 300), "html", []string{jic.ETOOLARGE}},
		{"jsonl unknown field", `{"titel": "x"}` + "\n" + `{"title": "y"}`, "jsonl", []string{jic.EINVALID, ""}},
		{"jsonl malformed", "{\"title\": \"x\"\n{\"title\": \"y\"}", "jsonl", []string{jic.EINVALID, ""}},
		{"jsonl invalid UTF-8", "{\"title\": \"\xff\"}\n{\"title\": \"y\"}", "jsonl", []string{jic.EINVALID, ""}},
		{"jsonl line over the limit", long + "\n" + `{"title": "y"}`, "jsonl", []string{jic.ETOOLARGE, ""}},
		{"jsonl not an object", "[1]\n\"s\"\n{\"title\": \"y\"}", "jsonl", []string{jic.EINVALID, jic.EINVALID, ""}},
		{"jsonl bad marking", `{"title": "x", "marking": "secret"}`, "jsonl", []string{jic.EINVALID}},
		{"jsonl bad language", `{"title": "x", "language": "english please"}`, "jsonl", []string{jic.EINVALID}},
		{"jsonl duplicate field", `{"title": "x", "title": "y"}`, "jsonl", []string{jic.EINVALID}},
		{"jsonl empty input", "\n\n", "jsonl", []string{jic.EINVALID}},
		{"json element over the limit", "[" + long + `, {"title": "y"}]`, "json", []string{jic.ETOOLARGE, ""}},
		{"json garbage", "}{ not json", "json", []string{jic.EINVALID}},
		{"json unterminated string", `[{"title": "y"}, {"title": "x`, "json", []string{"", jic.EINVALID}},
		{"trec no records", "just text", "trec", []string{jic.EINVALID}},
		{"trec record over the limit", "<DOC><TEXT>" + strings.Repeat("a", 300) + "</TEXT></DOC><DOC><TITLE>y</TITLE></DOC>", "trec", []string{jic.ETOOLARGE, ""}},
		{"trec truncated", "<DOC><TITLE>x</TITLE>", "trec", []string{jic.EINVALID}},
		{"trec ends with <DOC>", "<DOC>\n<TITLE>x</TITLE>\n<DOC>", "trec", []string{jic.EINVALID, jic.EINVALID}},
		{"trec invalid UTF-8", "<DOC><TITLE>\xff</TITLE></DOC><DOC><TITLE>y</TITLE></DOC>", "trec", []string{jic.EINVALID, ""}},
		{"trec empty record", "<DOC><TITLE> </TITLE></DOC>", "trec", []string{jic.EINVALID}},
		{"binary garbage", "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff\x00\x01", "", []string{jic.EINVALID}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var codes []string
			opt := ingest.Options{Format: tt.format, MaxBytes: 256}
			for _, it := range parseAll(t, []byte(tt.input), "in", opt) {
				codes = append(codes, jic.ErrorCode(it.Err))
				if it.Err != nil && it.Report != nil {
					t.Errorf("%s: rejected item has a report", it.Where)
				}
			}
			if diff := cmp.Diff(tt.want, codes); diff != "" {
				t.Errorf("Parse(%q) codes (-want +got):\n%s", tt.input, diff)
			}
		})
	}
}

// TestErrorMessages checks that rejections name the problem.
func TestErrorMessages(t *testing.T) {
	tests := []struct {
		name, input string
		format      ingest.Format
		want        string
	}{
		{"unknown field", `{"titel": "x"}`, "jsonl", `unknown field "titel"`},
		{"malformed JSON", `{"title": x}`, "jsonl", "malformed JSON at byte 11: invalid character 'x'"},
		{"invalid UTF-8", "line one\nline \xff two", "text", "invalid UTF-8 at line 2 (byte 14)"},
		{"too large", strings.Repeat("a", 300), "text", "item is 300 bytes, over the limit of 256 bytes"},
		{"empty", "  ", "text", "empty report"},
		{"bad date", `{"title": "x", "published": "soon"}`, "jsonl", `published: cannot read "soon" as a time`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items := parseAll(t, []byte(tt.input), "in", ingest.Options{Format: tt.format, MaxBytes: 256})
			if len(items) != 1 || items[0].Err == nil {
				t.Fatalf("Parse(%q) = %+v, want one rejected item", tt.input, items)
			}
			if msg := jic.ErrorMessage(items[0].Err); !strings.Contains(msg, tt.want) {
				t.Errorf("Parse(%q) error %q, want it to contain %q", tt.input, msg, tt.want)
			}
		})
	}
}

// TestDetect checks format detection from names and content through the
// media type of the result.
func TestDetect(t *testing.T) {
	tests := []struct {
		name, input, want string
	}{
		{"a.txt", "Title\nText", textType},
		{"ant.txt", "\n<DOC>\n<TITLE>T</TITLE>\n</DOC>\n", trecType},
		{"a.md", "# Title\nText", markdownType},
		{"a.markdown", "Title", markdownType},
		{"a.htm", "Title", "text/html"},
		{"a.json", `{"title": "T"}`, jsonType},
		{"a.ndjson", `{"title": "T"}`, jsonType},
		{"archive.tar.gz:dir/x.md", "# T", markdownType},
		{"stdin", "\xef\xbb\xbf  <!DOCTYPE html><title>T</title>", "text/html"},
		{"stdin", "<html><p>T</p></html>", "text/html"},
		{"stdin", "{\"title\": \"T\"}\n{\"title\": \"U\"}\n", jsonType},
		{"stdin", "[{\"title\": \"T\"}]", jsonType},
		{"noext", "<DOC><TITLE>T</TITLE></DOC>", trecType},
		{"notes.unknown", "Just words", textType},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items := parseAll(t, []byte(tt.input), tt.name, ingest.Options{})
			if len(items) == 0 || items[0].Err != nil {
				t.Fatalf("Parse(%s) = %+v, want a report", tt.name, items)
			}
			if got := items[0].Report.RawType; got != tt.want {
				t.Errorf("Parse(%s, %q) type = %q, want %q", tt.name, tt.input, got, tt.want)
			}
		})
	}
}

func TestUnknownFormat(t *testing.T) {
	err := ingest.Parse(strings.NewReader("x"), "x", ingest.Options{Format: "pdf"}, func(ingest.Item) error { return nil })
	if jic.ErrorCode(err) != jic.EINVALID {
		t.Errorf("Parse(format pdf) = %v, want EINVALID", err)
	}
}

// TestCallbackErrorStops checks that an error from fn ends parsing and is
// returned as it is.
func TestCallbackErrorStops(t *testing.T) {
	stop := errors.New("stop")
	for _, format := range []ingest.Format{"jsonl", "json", "trec", "text"} {
		input := map[ingest.Format]string{
			"jsonl": "{\"title\": \"a\"}\n{\"title\": \"b\"}",
			"json":  `[{"title": "a"}, {"title": "b"}]`,
			"trec":  "<DOC><TITLE>a</TITLE></DOC><DOC><TITLE>b</TITLE></DOC>",
			"text":  "a",
		}[format]
		calls := 0
		err := ingest.Parse(strings.NewReader(input), "in", ingest.Options{Format: format}, func(ingest.Item) error {
			calls++
			return stop
		})
		if err != stop || calls != 1 {
			t.Errorf("Parse(%s) = %v after %d calls, want the callback's error after 1", format, err, calls)
		}
	}
}

// TestTimeForms checks the date forms read from JSON "published", which
// shares its reader with TREC <TIME> and HTML metadata.
func TestTimeForms(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2024-03-04T09:30:00Z", "2024-03-04T09:30:00Z"},
		{"2024-03-04T09:30:00.123+01:00", "2024-03-04T09:30:00+01:00"},
		{"2024-03-04 09:30:00", "2024-03-04T09:30:00Z"},
		{"2024-03-04", "2024-03-04T00:00:00Z"},
		{"Sun, 15 Jul 2018 21:56:56 +0400", "2018-07-15T21:56:56+04:00"},
		{"Mon, 30 Jul 2018 07:12:48 GMT", "2018-07-30T07:12:48Z"},
		{"Tue, 3 Apr 2018 09:05 +0300", "2018-04-03T09:05:00+03:00"},
		{"Mon, 02 Jan 2006 15:04:05 EST", "2006-01-02T15:04:05-05:00"},
		{"Thu, 01 Mar 2018 10:00:00 UTC+3", "2018-03-01T10:00:00+03:00"},
		{"Friday, 29 Jun 2018 17:38:40 +0000", "2018-06-29T17:38:40Z"},
		{"29 Jun 2018 17:38:40 XYZ", "2018-06-29T17:38:40Z"},
		{"June 5, 2009", "2009-06-05T00:00:00Z"},
	}
	for _, tt := range tests {
		items := parseAll(t, []byte(`{"title": "x", "published": "`+tt.in+`"}`), "in", ingest.Options{Format: "jsonl"})
		if items[0].Err != nil {
			t.Errorf("published %q: %v", tt.in, items[0].Err)
			continue
		}
		if got := items[0].Report.Published.Format(time.RFC3339); got != tt.want {
			t.Errorf("published %q = %s, want %s", tt.in, got, tt.want)
		}
	}
}
