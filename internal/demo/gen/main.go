// Command gen builds internal/demo/corpus.jsonl.gz, the demo corpus bundled
// in jic, from the real data beside the repository (shared/data/README.md
// lists the sets and their licences). It takes only the sets whose licences
// allow shipping: a subset of the ANT Arabic news corpus (Apache-2.0) and
// the English, French and Russian Wikinews and Global Voices sets (CC BY).
// Attribution is in internal/demo/NOTICE.
//
// Run it from the module root; the output is the same on every run:
//
//	go run ./internal/demo/gen [-data ../shared/data] [-out internal/demo/corpus.jsonl.gz]
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/jic-center/jic/internal/ingest"
)

// record is one line of the corpus, in the JSON Lines schema of
// internal/ingest (SCHEMA.md).
type record struct {
	Title     string `json:"title,omitempty"`
	Text      string `json:"text"`
	URL       string `json:"url,omitempty"`
	Published string `json:"published,omitempty"`
	Language  string `json:"language"`
	Source    string `json:"source"`

	when time.Time // Published as a time, for sorting
}

func main() {
	data := flag.String("data", filepath.Join("..", "shared", "data"), "the shared data directory")
	out := flag.String("out", filepath.Join("internal", "demo", "corpus.jsonl.gz"), "the corpus file to write")
	flag.Parse()
	if err := run(*data, *out, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(data, out string, log io.Writer) error {
	news := filepath.Join(data, "news")
	ant, err := readANT(filepath.Join(news, "ant-arabic-news-v2.1.tar.gz"))
	if err != nil {
		return err
	}
	records := selectANT(ant)
	for _, set := range wikiSets {
		recs, err := readWiki(filepath.Join(news, "wikinews", set.file), set.source)
		if err != nil {
			return err
		}
		records = append(records, recs...)
	}
	sortRecords(records)
	size, err := write(out, records)
	if err != nil {
		return err
	}
	summarize(log, out, size, records)
	return nil
}

// sortRecords orders the corpus by publication time (undated last), then
// source and URL, so that the file is the same on every run.
func sortRecords(rs []record) {
	sort.SliceStable(rs, func(i, j int) bool {
		a, b := rs[i], rs[j]
		if a.when.IsZero() != b.when.IsZero() {
			return b.when.IsZero()
		}
		if !a.when.Equal(b.when) {
			return a.when.Before(b.when)
		}
		if a.Source != b.Source {
			return a.Source < b.Source
		}
		if a.URL != b.URL {
			return a.URL < b.URL
		}
		return a.Title < b.Title
	})
}

// write writes the records as gzip-compressed JSON Lines. The gzip header
// carries no name and no time, so the bytes depend only on the records.
func write(path string, rs []record) (int, error) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return 0, err
	}
	enc := json.NewEncoder(zw)
	enc.SetEscapeHTML(false) // keep "<" and "&" readable in the text
	for _, r := range rs {
		if err := enc.Encode(r); err != nil {
			return 0, err
		}
	}
	if err := zw.Close(); err != nil {
		return 0, err
	}
	return buf.Len(), os.WriteFile(path, buf.Bytes(), 0o644)
}

func summarize(w io.Writer, out string, size int, rs []record) {
	bySource, byLang := map[string]int{}, map[string]int{}
	for _, r := range rs {
		bySource[r.Source]++
		byLang[r.Language]++
	}
	fmt.Fprintf(w, "%s: %d records, %d bytes\n", out, len(rs), size)
	for _, m := range []map[string]int{byLang, bySource} {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Fprintf(w, "  %-20s %5d\n", k, m[k])
		}
	}
}

// fromReport turns a parsed report into a corpus record.
func fromReport(it ingest.Item, source string) record {
	r := it.Report
	rec := record{Title: r.Title, Text: r.Text, URL: r.URL, Language: r.Language, Source: source, when: r.Published}
	if !r.Published.IsZero() {
		rec.Published = r.Published.Format(time.RFC3339)
	}
	return rec
}

// setDate sets a record's publication time.
func (r *record) setDate(t time.Time) {
	r.when = t
	r.Published = ""
	if !t.IsZero() {
		r.Published = t.Format(time.RFC3339)
	}
}

// fail turns a rejected item into an error: the sets are known to parse
// cleanly (internal/ingest tests them), so a rejection means the data or
// the parser changed.
func fail(it ingest.Item) error {
	return fmt.Errorf("%s: %w", it.Where, it.Err)
}

// trimLine strips the ":line" that multi-record formats add to a location.
func trimLine(where string) string {
	if i := strings.LastIndexByte(where, ':'); i >= 0 {
		return where[:i]
	}
	return where
}
