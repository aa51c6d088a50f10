// Package demo holds the demo corpus bundled in jic: about 3,500 real news
// reports in Arabic, English, French and Russian (a subset of the ANT
// Arabic news corpus, Wikinews and Global Voices), so that `jic demo` can
// show stories, duplicates and cross-language links on an air-gapped
// machine with nothing but the binary.
//
// The corpus is JSON Lines in the schema of internal/ingest (SCHEMA.md),
// built by ./gen from the data under shared/data; NOTICE holds the
// attribution its licences require, and must be shown wherever the corpus
// is.
package demo

import (
	"compress/gzip"
	"embed"
	"io"
)

//go:embed corpus.jsonl.gz NOTICE
var files embed.FS

// Open returns the corpus as a stream of JSON Lines, decompressed. The
// caller closes it. It fails only if the embedded file is corrupt.
func Open() (io.ReadCloser, error) {
	f, err := files.Open("corpus.jsonl.gz")
	if err != nil {
		return nil, err
	}
	zr, err := gzip.NewReader(f)
	if err != nil {
		f.Close()
		return nil, err
	}
	return zr, nil
}

// Notice returns the sources and licences of the corpus, to show with it.
func Notice() string {
	b, _ := files.ReadFile("NOTICE") // embedded: cannot fail
	return string(b)
}
