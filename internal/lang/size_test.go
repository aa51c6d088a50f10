package lang_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestBinarySize builds testdata/sizeprobe/with (a tiny program that calls
// Detect) and testdata/sizeprobe/without (the same program without package
// lang) and logs what lang adds to a binary. It needs the go command and
// runs only when asked:
//
//	JIC_LANG_SIZE=1 go test -run TestBinarySize -v ./internal/lang/
func TestBinarySize(t *testing.T) {
	if os.Getenv("JIC_LANG_SIZE") == "" {
		t.Skip("set JIC_LANG_SIZE=1 to build the size probes")
	}
	dir := t.TempDir()
	size := func(name string, flags ...string) int64 {
		out := filepath.Join(dir, name)
		args := append(append([]string{"build", "-o", out}, flags...), "./testdata/sizeprobe/"+name)
		if b, err := exec.Command("go", args...).CombinedOutput(); err != nil {
			t.Fatalf("go %v: %v\n%s", args, err, b)
		}
		fi, err := os.Stat(out)
		if err != nil {
			t.Fatal(err)
		}
		return fi.Size()
	}
	for _, flags := range [][]string{nil, {"-ldflags=-s -w"}} {
		with, without := size("with", flags...), size("without", flags...)
		t.Logf("go build %v: with lang %d bytes, without %d bytes, lang adds %.2f MB", flags, with, without, float64(with-without)/1e6)
	}
}
