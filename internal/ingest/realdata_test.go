package ingest_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/ingest"
)

// newsData returns the path of a file under shared/data/news, or skips the
// test where shared/data is absent (a user's machine).
func newsData(tb testing.TB, name string) string {
	tb.Helper()
	path := filepath.Join("..", "..", "..", "shared", "data", "news", name)
	if _, err := os.Stat(path); err != nil {
		tb.Skip("../shared/data absent: the real-data tests need the project's shared data next to the repository")
	}
	return path
}

// TestANTCorpus parses the whole ANT Arabic news corpus v2.1
// (shared/data/news/ant-arabic-news-v2.1.tar.gz, 31,525 TREC files).
func TestANTCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the ANT corpus takes seconds to parse")
	}
	path := newsData(t, "ant-arabic-news-v2.1.tar.gz")
	var docs, rejected, undated int
	var textless []string
	sources := map[string]int{}
	err := ingest.Walk(path, ingest.Options{Language: "ar"}, func(it ingest.Item) error {
		if !strings.Contains(it.Where, ".txt:") {
			return nil // the corpus README.md, parsed as Markdown
		}
		docs++
		if it.Err != nil {
			rejected++
			t.Errorf("%s: %v", it.Where, it.Err)
			return nil
		}
		r := it.Report
		if r.Title == "" || r.URL == "" || it.Source == "" {
			t.Errorf("%s: title %q, url %q, source %q: want all", it.Where, r.Title, r.URL, it.Source)
		}
		if r.Text == "" {
			textless = append(textless, it.Where)
		}
		if r.Published.IsZero() {
			undated++
		}
		if r.Language != "ar" {
			t.Errorf("%s: language %q, want ar (from Options)", it.Where, r.Language)
		}
		sources[it.Source]++
		return nil
	})
	if err != nil {
		t.Fatalf("Walk(%s) = %v", path, err)
	}
	t.Logf("%s: %d documents, %d rejected, %d with a TIME that could not be read, %d without text; sources %v",
		path, docs, rejected, undated, len(textless), sources)
	if docs != 31525 || rejected != 0 || undated != 0 {
		t.Errorf("got %d documents, %d rejected, %d undated; want 31525, 0, 0", docs, rejected, undated)
	}
	// Two France 24 records of one World Cup photo story have empty TEXT
	// and ABSTRACT in the corpus itself: title-only reports.
	if len(textless) != 2 {
		t.Errorf("%d documents without text, want the corpus's 2: %v", len(textless), textless)
	}
}

// TestWikinews parses every JSON Lines file under shared/data/news/wikinews.
func TestWikinews(t *testing.T) {
	tests := []struct {
		file    string
		records int
		lang    string
		titles  bool
	}{
		{"gum_wikinews.jsonl", 43, "en", true},
		{"frwikinews_100.jsonl", 100, "fr", true},
		{"ruwikinews_nerel.jsonl", 828, "ru", true},
		{"globalvoices_2009.jsonl", 15, "en", true},
		{"itn_5lang.jsonl", 1232, "", false}, // one-sentence blurbs without titles, in five languages
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := newsData(t, filepath.Join("wikinews", tt.file))
			var n int
			err := ingest.Walk(path, ingest.Options{}, func(it ingest.Item) error {
				n++
				if it.Err != nil {
					t.Errorf("%s: %v (code %s)", it.Where, it.Err, jic.ErrorCode(it.Err))
					return nil
				}
				r := it.Report
				if r.Text == "" || tt.titles && r.Title == "" {
					t.Errorf("%s: title %q, %d bytes of text", it.Where, r.Title, len(r.Text))
				}
				if tt.lang != "" && r.Language != tt.lang {
					t.Errorf("%s: language %q, want %q", it.Where, r.Language, tt.lang)
				}
				return nil
			})
			if err != nil {
				t.Fatalf("Walk(%s) = %v", path, err)
			}
			t.Logf("%s: %d records", path, n)
			if n != tt.records {
				t.Errorf("Walk(%s) gave %d items, want %d", path, n, tt.records)
			}
		})
	}
}

// TestGlobalVoicesPages extracts the 15 Global Voices article pages under
// shared/data/news/feeds/globalvoices-2009-html: the readable text is the
// article, and the title is the article's.
func TestGlobalVoicesPages(t *testing.T) {
	dir := newsData(t, filepath.Join("feeds", "globalvoices-2009-html"))
	titles := map[string]bool{}
	f, err := os.Open(newsData(t, filepath.Join("wikinews", "globalvoices_2009.jsonl")))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ingest.Parse(f, "globalvoices_2009.jsonl", ingest.Options{}, func(it ingest.Item) error {
		titles[it.Report.Title] = true
		return nil
	})
	var pages int
	err = ingest.Walk(dir, ingest.Options{}, func(it ingest.Item) error {
		pages++
		if it.Err != nil {
			t.Errorf("%s: %v", it.Where, it.Err)
			return nil
		}
		r := it.Report
		title := strings.NewReplacer("’", "'", "Global Voices Online » ", "").Replace(r.Title)
		if !titles[title] {
			t.Errorf("%s: title %q is none of the 15 article titles", it.Where, r.Title)
		}
		if len(r.Text) < 1500 || strings.ContainsAny(r.Text, "<>") && strings.Contains(r.Text, "</") {
			t.Errorf("%s: %d bytes of text, want the article as plain text:\n%.300s", it.Where, len(r.Text), r.Text)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s: %d pages", dir, pages)
	if pages != 15 {
		t.Errorf("got %d pages, want 15", pages)
	}
}
