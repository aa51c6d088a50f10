package ingest

import (
	"archive/tar"
	"archive/zip"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/jic-center/jic"
)

// Walk ingests a path: a file, a directory (recursively, in lexical order,
// skipping hidden files and directories), or an archive (.tar, .tar.gz,
// .tgz, .zip, or a single gzip-compressed file ending in .gz) whose members
// are parsed by their own names. "-" is standard input. Archives are read
// as streams (zip members one at a time); archives inside archives are
// rejected as items rather than opened. It returns ENOTFOUND if path does
// not exist, a read error if an input cannot be read, or the first error
// fn returns.
func Walk(path string, opt Options, fn func(Item) error) error {
	if path == "-" {
		return parseInput(os.Stdin, input{name: "stdin", typeName: "stdin", size: -1}, opt, fn)
	}
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return jic.Errorf(jic.ENOTFOUND, "%s: no such file or directory", path)
	}
	if err != nil {
		return err
	}
	if fi.IsDir() {
		return walkDir(path, opt, fn)
	}
	return walkFile(path, opt, fn)
}

func walkDir(root string, opt Options, fn func(Item) error) error {
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if path != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		// A symbolic link is followed to a file, never to a directory,
		// which could loop.
		if fi, err := os.Stat(path); err != nil || !fi.Mode().IsRegular() {
			return nil
		}
		return walkFile(path, opt, fn)
	})
}

// archiveKind returns the archive type a file name says, or "".
func archiveKind(name string) string {
	lower := strings.ToLower(name)
	for _, suffix := range []string{".tar.gz", ".tgz", ".tar", ".zip", ".gz"} {
		if strings.HasSuffix(lower, suffix) {
			return suffix
		}
	}
	return ""
}

func walkFile(path string, opt Options, fn func(Item) error) error {
	if archiveKind(path) == ".zip" {
		return walkZip(path, opt, fn)
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	size := int64(-1)
	if fi, err := f.Stat(); err == nil {
		size = fi.Size()
	}
	return walkStream(f, input{name: path, typeName: path, size: size}, opt, fn)
}

// walkStream parses a file or archive member that can be read only once:
// tar archives, gzip files, or a plain input.
func walkStream(r io.Reader, in input, opt Options, fn func(Item) error) error {
	switch archiveKind(in.typeName) {
	case ".tar.gz", ".tgz":
		zr, err := gzip.NewReader(r)
		if err != nil {
			return fmt.Errorf("read %s: %w", in.name, err)
		}
		return walkTar(zr, in.name, opt, fn)
	case ".tar":
		return walkTar(r, in.name, opt, fn)
	case ".gz":
		zr, err := gzip.NewReader(r)
		if err != nil {
			return fmt.Errorf("read %s: %w", in.name, err)
		}
		in.typeName, in.size = strings.TrimSuffix(in.typeName, in.typeName[len(in.typeName)-3:]), -1
		return parseInput(zr, in, opt, fn)
	}
	return parseInput(r, in, opt, fn)
}

func walkTar(r io.Reader, name string, opt Options, fn func(Item) error) error {
	tr := tar.NewReader(r)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read %s: %w", name, err)
		}
		if h.Typeflag != tar.TypeReg || hiddenMember(h.Name) {
			continue
		}
		if err := member(tr, name, h.Name, h.Size, opt, fn); err != nil {
			return err
		}
	}
}

func walkZip(path string, opt Options, fn func(Item) error) error {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	defer zr.Close()
	files := append([]*zip.File(nil), zr.File...)
	sort.Slice(files, func(i, j int) bool { return files[i].Name < files[j].Name })
	for _, f := range files {
		if f.Mode().IsDir() || !f.Mode().IsRegular() || hiddenMember(f.Name) {
			continue
		}
		if err := zipMember(f, path, opt, fn); err != nil {
			return err
		}
	}
	return nil
}

func zipMember(f *zip.File, path string, opt Options, fn func(Item) error) error {
	rc, err := f.Open()
	if err != nil {
		return fn(Item{Where: path + ":" + f.Name, Err: invalid("cannot open archive member: %v", err)})
	}
	defer rc.Close()
	// The declared size is only a hint: a forged header cannot make a
	// parser read more than its limit, since parsers bound what they read.
	return member(rc, path, f.Name, int64(min(f.UncompressedSize64, 1<<62)), opt, fn)
}

// member parses one archive member. Archives inside archives are not
// opened: nesting is how zip bombs multiply, and no corpus needs it.
func member(r io.Reader, archive, name string, size int64, opt Options, fn func(Item) error) error {
	in := input{name: archive + ":" + name, typeName: name, size: size}
	switch archiveKind(name) {
	case ".tar.gz", ".tgz", ".tar", ".zip":
		return fn(Item{Where: in.name, Err: invalid("archives inside archives are not read; unpack it first")})
	case ".gz":
		return walkStream(r, in, opt, fn)
	}
	return parseInput(r, in, opt, fn)
}

// hiddenMember reports whether an archive member is hidden or metadata:
// a path element starting with "." or macOS's "__MACOSX".
func hiddenMember(name string) bool {
	for _, el := range strings.Split(filepath.ToSlash(name), "/") {
		if strings.HasPrefix(el, ".") && el != "." && el != ".." || el == "__MACOSX" {
			return true
		}
	}
	return false
}
