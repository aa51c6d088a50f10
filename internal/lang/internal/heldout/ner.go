package heldout

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"

	"github.com/jic-center/jic/internal/lang/internal/corpus"
)

// readNER reads the sentences of the Turkish, Persian and Arabic NER corpora
// (one token per line). Eight consecutive sentences make an article; the
// first and fifth sentence of each group, when they have at least four
// words, are headline-length texts on the same side of the split.
func readNER(dir string, s *corpus.Sink) error {
	sets := []struct {
		source, lang string
		files        []string
		dotEnds      bool // no blank lines: a "." token ends a sentence
	}{
		{"Turkish Wiki NER", "tr", []string{"turkish-wiki-ner/train.txt", "turkish-wiki-ner/dev.txt", "turkish-wiki-ner/test.txt"}, false},
		// The three test folds together are the whole ArmanPersoNER corpus.
		{"ArmanPersoNER", "fa", []string{"arman-persian-ner/test_fold1.txt", "arman-persian-ner/test_fold2.txt", "arman-persian-ner/test_fold3.txt"}, false},
		{"ANERcorp", "ar", []string{"arabic-ner/ANERCorp_CamelLab_test.txt"}, false},
		{"NewsFANE", "ar", []string{"arabic-ner/NewsFANE-NewsFANE_Gold_2014_170K.txt"}, true},
	}
	for _, set := range sets {
		var sents []string
		for _, name := range set.files {
			s, err := readConll(filepath.Join(dir, name), set.dotEnds)
			if err != nil {
				return err
			}
			sents = append(sents, s...)
		}
		for i := 0; i+8 <= len(sents); i += 8 {
			group := sents[i : i+8]
			text := strings.Join(group, " ")
			sp := corpus.SplitOf(text, 25, 10)
			s.Add(corpus.Text{Source: set.source, Lang: set.lang, Kind: corpus.Article, Split: sp, Text: text})
			for _, j := range []int{0, 4} {
				if len(strings.Fields(group[j])) >= 4 {
					s.Add(corpus.Text{Source: set.source, Lang: set.lang, Kind: corpus.Headline, Split: sp, Text: group[j]})
				}
			}
		}
	}
	return nil
}

// readConll returns the sentences of a token-per-line file, tokens joined
// by spaces. Format characters (the left-to-right marks of NewsFANE) go.
func readConll(path string, dotEnds bool) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var sents []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			sents = append(sents, strings.Join(cur, " "))
			cur = cur[:0]
		}
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			flush()
			continue
		}
		tok := strings.Fields(line)[0]
		tok = strings.Map(func(r rune) rune {
			if r == '\u200e' || r == '\u200f' || r == '\ufeff' {
				return -1
			}
			return r
		}, tok)
		if tok == "" {
			continue
		}
		cur = append(cur, tok)
		if dotEnds && tok == "." {
			flush()
		}
	}
	flush()
	return sents, sc.Err()
}
