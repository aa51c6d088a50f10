package tarball_test

import (
	"archive/tar"
	"compress/gzip"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/jic-center/jic/internal/tarball"
)

func archive(t *testing.T, files ...string) string {
	path := filepath.Join(t.TempDir(), "a.tar.gz")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	gz := gzip.NewWriter(f)
	tw := tar.NewWriter(gz)
	tw.WriteHeader(&tar.Header{Name: "dir/", Typeflag: tar.TypeDir, Mode: 0o755})
	for _, name := range files {
		tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(name))})
		tw.Write([]byte(name))
	}
	tw.Close()
	gz.Close()
	f.Close()
	return path
}

func TestEach(t *testing.T) {
	path := archive(t, "dir/a", "dir/b", "dir/c")
	var got []string
	err := tarball.Each(path, func(name string, r io.Reader) error {
		b, err := io.ReadAll(r)
		if string(b) != name {
			t.Errorf("%s holds %q", name, b)
		}
		got = append(got, name)
		if name == "dir/b" {
			return tarball.Stop
		}
		return err
	})
	if err != nil || !slices.Equal(got, []string{"dir/a", "dir/b"}) {
		t.Errorf("Each = %v, %v; want the regular files up to the stop, and nil", got, err)
	}
	boom := errors.New("boom")
	err = tarball.Each(path, func(string, io.Reader) error { return boom })
	if !errors.Is(err, boom) || !strings.Contains(err.Error(), "dir/a") {
		t.Errorf("Each with a failing fn = %v, want boom naming dir/a", err)
	}
	if err := tarball.Each(filepath.Join(t.TempDir(), "none.tar.gz"), nil); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Each(missing) = %v, want fs.ErrNotExist", err)
	}
	os.WriteFile(path, []byte("not gzip"), 0o644)
	if err := tarball.Each(path, nil); err == nil {
		t.Error("Each(not a gzip file) succeeded")
	}
}
