package ingest_test

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/ingest"
)

// file is one file of a test tree or archive.
type file struct{ name, content string }

func writeTree(t *testing.T, dir string, files []file) {
	t.Helper()
	for _, f := range files {
		path := filepath.Join(dir, filepath.FromSlash(f.name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(f.content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func tarGz(t *testing.T, files []file) string {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for _, f := range files {
		h := &tar.Header{Name: f.name, Mode: 0o644, Size: int64(len(f.content)), Typeflag: tar.TypeReg}
		if strings.HasSuffix(f.name, "/") {
			h.Typeflag, h.Size = tar.TypeDir, 0
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		tw.Write([]byte(f.content))
	}
	tw.Close()
	zw.Close()
	return buf.String()
}

func zipped(t *testing.T, files []file) string {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		w, err := zw.Create(f.name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(f.content))
	}
	zw.Close()
	return buf.String()
}

func gzipped(s string) string {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(s))
	zw.Close()
	return buf.String()
}

// walkAll walks path and returns "where code title" for every item.
func walkAll(t *testing.T, path string, opt ingest.Options) []string {
	t.Helper()
	var out []string
	err := ingest.Walk(path, opt, func(it ingest.Item) error {
		line := it.Where + " " + jic.ErrorCode(it.Err)
		if it.Err == nil {
			line += it.Report.Title
		}
		out = append(out, line)
		return nil
	})
	if err != nil {
		t.Fatalf("Walk(%s) = %v", path, err)
	}
	return out
}

func TestWalkDirectory(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, []file{
		{"b.txt", "B title\ntext"},
		{"a/z.md", "# Z heading"},
		{"a/y.jsonl", "{\"title\": \"Y1\"}\n{\"title\": \"Y2\"}\n"},
		{".hidden.txt", "never read"},
		{".git/config.txt", "never read"},
		{"c.tgz", tarGz(t, []file{
			{"docs/", ""},
			{"docs/m.txt", "<DOC><TITLE>M</TITLE></DOC>"},
			{"docs/.DS_Store", "\x00\x01"},
			{"docs/inner.zip", "PK"},
			{"docs/n.jsonl.gz", gzipped(`{"title": "N"}`)},
		})},
		{"d.zip", zipped(t, []file{
			{"q.md", "Q line"},
			{"p.txt", "P title"},
			{"__MACOSX/._p.txt", "metadata"},
		})},
		{"e.json.gz", gzipped(`[{"title": "E"}]`)},
	})
	got := walkAll(t, dir, ingest.Options{})
	for i := range got {
		got[i] = strings.TrimPrefix(got[i], dir+string(filepath.Separator))
	}
	want := []string{
		"a/y.jsonl:1 Y1",
		"a/y.jsonl:2 Y2",
		"a/z.md Z heading",
		"b.txt B title",
		"c.tgz:docs/m.txt:1 M",
		"c.tgz:docs/inner.zip invalid", // archives inside archives are not opened
		"c.tgz:docs/n.jsonl.gz:1 N",
		"d.zip:p.txt P title", // zip members in name order
		"d.zip:q.md Q line",
		"e.json.gz:1 E",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Walk items (-want +got):\n%s", diff)
	}
}

// TestWalkLimits checks that oversized archive members are rejected by
// their size, from the header or by counting, without stopping the walk.
func TestWalkLimits(t *testing.T) {
	dir := t.TempDir()
	big := strings.Repeat("a", 4<<20) // compresses to a few KiB: a small bomb
	writeTree(t, dir, []file{
		{"big.tar.gz", tarGz(t, []file{{"big.txt", big}, {"small.txt", "S"}})},
		{"big.zip", zipped(t, []file{{"big.md", big}, {"small.md", "S"}})},
		{"big.txt.gz", gzipped(big)},
		{"big.txt", big},
	})
	got := walkAll(t, dir, ingest.Options{MaxBytes: 1 << 10})
	for i := range got {
		got[i] = strings.TrimPrefix(got[i], dir+string(filepath.Separator))
	}
	want := []string{
		"big.tar.gz:big.txt too_large",
		"big.tar.gz:small.txt S",
		"big.txt too_large",
		"big.txt.gz too_large",
		"big.zip:big.md too_large",
		"big.zip:small.md S",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Walk items (-want +got):\n%s", diff)
	}
	var msg string
	ingest.Walk(filepath.Join(dir, "big.txt.gz"), ingest.Options{MaxBytes: 1 << 10}, func(it ingest.Item) error {
		msg = jic.ErrorMessage(it.Err)
		return nil
	})
	if want := "item is 4194304 bytes, over the limit of 1024 bytes"; msg != want {
		t.Errorf("big.txt.gz: %q, want %q", msg, want)
	}
}

func TestWalkErrors(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, []file{{"broken.tar.gz", "not gzip at all"}})
	tests := []struct {
		name, path, code string
	}{
		{"missing", filepath.Join(dir, "missing.txt"), jic.ENOTFOUND},
		{"not gzip", filepath.Join(dir, "broken.tar.gz"), jic.EINTERNAL},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := ingest.Walk(tt.path, ingest.Options{}, func(ingest.Item) error { return nil })
			if got := jic.ErrorCode(err); got != tt.code {
				t.Errorf("Walk(%s) = %v (code %q), want code %q", tt.path, err, got, tt.code)
			}
		})
	}
}
