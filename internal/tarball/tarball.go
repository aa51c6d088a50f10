// Package tarball reads the gzip-compressed tar archives the corpora of
// ../shared/data come in.
package tarball

import (
	"archive/tar"
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
)

// Stop, returned by fn, ends Each early without an error.
var Stop = errors.New("stop")

// Each calls fn with the name and content of each regular file of the
// .tar.gz archive at path, in archive order. An error from fn ends the walk
// and is returned with the file's name (Stop ends it with nil); an error
// opening path wraps the os error, so errors.Is(err, fs.ErrNotExist) holds
// for a missing archive.
func Each(path string, fn func(name string, r io.Reader) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	gz, err := gzip.NewReader(bufio.NewReader(f))
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		if err := fn(h.Name, tr); errors.Is(err, Stop) {
			return nil
		} else if err != nil {
			return fmt.Errorf("%s: %s: %w", path, h.Name, err)
		}
	}
}
