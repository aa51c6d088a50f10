package demo_test

import (
	"io"
	"sort"
	"strings"
	"testing"

	"github.com/jic-center/jic/internal/demo"
	"github.com/jic-center/jic/internal/ingest"
)

// TestCorpus parses the embedded corpus as `jic demo` would and checks
// that every record loads with a text and a source.
func TestCorpus(t *testing.T) {
	r, err := demo.Open()
	if err != nil {
		t.Fatalf("Open() = %v", err)
	}
	defer r.Close()
	langs, sources := map[string]int{}, map[string]int{}
	var items int
	err = ingest.Parse(r, "corpus.jsonl", ingest.Options{Format: ingest.FormatJSONL}, func(it ingest.Item) error {
		items++
		if it.Err != nil {
			t.Errorf("%s: rejected: %v", it.Where, it.Err)
			return nil
		}
		if it.Report.Text == "" || it.Source == "" || it.Report.Language == "" {
			t.Errorf("%s: text %d bytes, source %q, language %q: want all three", it.Where, len(it.Report.Text), it.Source, it.Report.Language)
		}
		langs[it.Report.Language]++
		sources[it.Source]++
		return nil
	})
	if err != nil {
		t.Fatalf("Parse(corpus) = %v", err)
	}
	t.Logf("%d items; languages %v; sources %v", items, langs, sources)
	if items < 2000 {
		t.Errorf("%d items, want at least 2,000", items)
	}
	for _, lang := range []string{"ar", "en", "fr", "ru"} {
		if langs[lang] == 0 {
			t.Errorf("no items in %q; languages %v", lang, langs)
		}
	}
	// Each source in the corpus is attributed in NOTICE.
	notice := demo.Notice()
	var names []string
	for s := range sources {
		names = append(names, s)
	}
	sort.Strings(names)
	for _, s := range names {
		if !strings.Contains(notice, s) {
			t.Errorf("source %q is not named in NOTICE", s)
		}
		// Each has a reliability, so that the demo's stories are rated.
		if _, ok := demo.Reliability[s]; !ok {
			t.Errorf("source %q has no reliability in demo.Reliability", s)
		}
	}
	for s := range demo.Reliability {
		if sources[s] == 0 {
			t.Errorf("demo.Reliability rates %q, which has no report in the corpus", s)
		}
	}
}

func TestOpenTwice(t *testing.T) {
	for range 2 {
		r, err := demo.Open()
		if err != nil {
			t.Fatal(err)
		}
		n, err := io.Copy(io.Discard, r)
		r.Close()
		if err != nil || n == 0 {
			t.Fatalf("reading the corpus: %d bytes, %v", n, err)
		}
	}
}
