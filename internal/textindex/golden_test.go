package textindex_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jic-center/jic/internal/textindex"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// TestGoldenTerms pins the analyzer's output. Stores keep terms on disk: if
// this test fails after a change, bump textindex.Version (stores then rebuild
// their index) and run go test -update.
func TestGoldenTerms(t *testing.T) {
	input, err := os.ReadFile(filepath.Join("testdata", "golden.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimSpace(string(input)), "\n") {
		lang, text, _ := strings.Cut(line, "\t")
		b.WriteString(lang + "\t" + textindex.IndexText(text, lang) + "\n")
	}
	golden := filepath.Join("testdata", "golden.terms")
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if b.String() != string(want) {
		t.Errorf("analyzer output changed (version %d):\n got %s\nwant %s", textindex.Version, b.String(), want)
	}
}
