package main

import (
	"embed"
	"fmt"
	"path"
	"strings"

	"github.com/jic-center/jic/internal/lang/internal/corpus"
)

// text holds sentences written for this model by jic's authors, in the
// ordinary style of news reports (and, for Turkish, of encyclopedia
// entries): one file per language, text/<lang>.txt, one sentence a line,
// paragraphs separated by blank lines, "#" starting a comment line. They
// are the project's own text, under its licence, and fill in what the
// shippable corpora lack: there is no shippable Persian or Turkish news
// corpus, only the UDHR.
//
//go:embed text/*.txt
var text embed.FS

// handwritten returns the texts of ./text. Each paragraph is an article
// on the train or dev side by a hash of its content (one in five on the
// dev side); on the dev side each of its sentences of four words or more
// is also a headline, so that calibration sees short texts too.
func handwritten() ([]corpus.Text, error) {
	files, err := text.ReadDir("text")
	if err != nil {
		return nil, err
	}
	var out []corpus.Text
	for _, f := range files {
		lang := strings.TrimSuffix(f.Name(), ".txt")
		if !isSix(lang) {
			return nil, fmt.Errorf("text/%s: not one of the six languages", f.Name())
		}
		b, err := text.ReadFile(path.Join("text", f.Name()))
		if err != nil {
			return nil, err
		}
		for _, para := range paragraphs(string(b)) {
			joined := strings.Join(para, " ")
			sp := corpus.SplitOf("handwritten\n"+joined, 0, 20)
			out = append(out, corpus.Text{Source: "handwritten", Lang: lang, Kind: corpus.Article, Split: sp, Text: joined})
			if sp != corpus.Dev {
				continue
			}
			for _, l := range para {
				if len(strings.Fields(l)) >= 4 {
					out = append(out, corpus.Text{Source: "handwritten", Lang: lang, Kind: corpus.Headline, Split: sp, Text: l})
				}
			}
		}
	}
	return out, nil
}

// paragraphs splits a text file into paragraphs of lines, without comments.
func paragraphs(s string) [][]string {
	var out [][]string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			out = append(out, cur)
			cur = nil
		}
	}
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimSpace(l)
		switch {
		case l == "":
			flush()
		case strings.HasPrefix(l, "#"):
		default:
			cur = append(cur, l)
		}
	}
	flush()
	return out
}

func isSix(l string) bool {
	for _, s := range corpus.Six {
		if s == l {
			return true
		}
	}
	return false
}
