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

	"github.com/jic-center/jic"
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

// Reliability is the Admiralty reliability the demo gives each source of
// its corpus, so that its stories' credibility ratings can be shown: an
// example of what a center's analysts set (`jic source edit
// --reliability`), not an assessment of these outlets. The broadcasters
// are rated B (usually reliable), the wiki and citizen-media sources C
// (fairly reliable). A source left out would stay F (cannot be judged).
var Reliability = map[string]jic.Reliability{
	"BBC Arabic":       jic.ReliabilityB,
	"CNN Arabic":       jic.ReliabilityB,
	"France 24 Arabic": jic.ReliabilityB,
	"Al Arabiya":       jic.ReliabilityB,
	"Sky News Arabia":  jic.ReliabilityB,
	"Wikinews (en)":    jic.ReliabilityC,
	"Wikinews (fr)":    jic.ReliabilityC,
	"Wikinews (ru)":    jic.ReliabilityC,
	"Global Voices":    jic.ReliabilityC,
}
