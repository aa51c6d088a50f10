package ingest_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/ingest"
)

// fuzzMax is the item limit under fuzzing: small, so that the limits are
// hit often.
const fuzzMax = 4096

// fuzzParse seeds f with the files of testdata/<dir> and checks that
// parsing any input with the given format keeps the package's promises.
func fuzzParse(f *testing.F, format ingest.Format, dir string, seeds ...string) {
	paths, _ := filepath.Glob(filepath.Join("testdata", dir, "*"))
	for _, p := range paths {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		opt := ingest.Options{Format: format, MaxBytes: fuzzMax, Language: "en"}
		err := ingest.Parse(bytes.NewReader(data), "fuzz", opt, func(it ingest.Item) error {
			checkItem(t, it)
			return nil
		})
		if err != nil {
			t.Fatalf("Parse = %v: an input in memory can always be read", err)
		}
	})
}

// checkItem checks what every item promises: a rejection with a domain
// code, or a report that the domain accepts.
func checkItem(t *testing.T, it ingest.Item) {
	t.Helper()
	if it.Err != nil {
		if code := jic.ErrorCode(it.Err); code != jic.EINVALID && code != jic.ETOOLARGE {
			t.Fatalf("%s: error %v has code %q, want invalid or too_large", it.Where, it.Err, code)
		}
		if it.Report != nil {
			t.Fatalf("%s: a rejected item has a report", it.Where)
		}
		return
	}
	r := it.Report
	for name, v := range map[string]string{"title": r.Title, "text": r.Text, "url": r.URL, "source": it.Source} {
		if !utf8.ValidString(v) || strings.IndexByte(v, 0) >= 0 || strings.Contains(v, "\r") {
			t.Fatalf("%s: %s %q is not clean UTF-8 text", it.Where, name, v)
		}
	}
	switch {
	case strings.Contains(r.Title, "\n"):
		t.Fatalf("%s: title %q has a line break", it.Where, r.Title)
	case len(r.Raw) > fuzzMax || len(r.Text) > fuzzMax:
		t.Fatalf("%s: raw %d, text %d bytes: over the limit %d", it.Where, len(r.Raw), len(r.Text), fuzzMax)
	case r.RawType == "" || !r.Collected.IsZero():
		t.Fatalf("%s: raw type %q, collected %v: want a type and no collected time", it.Where, r.RawType, r.Collected)
	}
	v := *r
	v.OwnerMemberID = 1
	if err := v.Validate(fuzzMax); err != nil {
		t.Fatalf("%s: Report.Validate = %v for %+v", it.Where, err, r)
	}
}

func FuzzParseText(f *testing.F) {
	fuzzParse(f, ingest.FormatText, "text", "", "\n\n", "a\r\rb", "\xef\xbb\xbf")
}

func FuzzParseMarkdown(f *testing.F) {
	fuzzParse(f, ingest.FormatMarkdown, "markdown",
		"---\ntitle: x\n---\n", "*a _b **c** d_ e*", "[![alt](i.png)](u) <b>x</b> `c` &amp; &#x41;", "```\ncode", "<!--\n# x", "Title\n===\n\n- a\n  b\n1) c")
}

func FuzzParseHTML(f *testing.F) {
	fuzzParse(f, ingest.FormatHTML, "html", "<html lang=xx-invalid-tag><title>t</title>", "<p>a<br>b</p>", `<script type="application/ld+json">[{"datePublished":"2020-01-01"}]</script>`)
}

func FuzzParseJSON(f *testing.F) {
	fuzzParse(f, ingest.FormatJSON, "json", "[]", "[", `{"title":"\u0000"}`, `[{"title":"a"},]`, `"\`, "{}{}")
}

func FuzzParseJSONL(f *testing.F) {
	fuzzParse(f, ingest.FormatJSONL, "jsonl", "{}\n\n{\"title\":null}", "\xef\xbb\xbf{\"text\":\"x\"}\r\n", `{"marking":"TLP:RED","text":"x"}`)
}

func FuzzParseTREC(f *testing.F) {
	fuzzParse(f, ingest.FormatTREC, "trec", "<DOC><DOC></DOC></DOC>", "<DOC><TEXT></TEXT></DOC>", "</DOC><DOC><TITLE>t</TITLE>")
}

// FuzzDetect parses inputs of any format with detection.
func FuzzDetect(f *testing.F) {
	fuzzParse(f, "", "*")
}
