package ner

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/evalmetric"
)

// The corpora Eval reads, under its directory (jic's shared/data/ner). They
// are test data only: nothing of them is shipped or used to build the
// lexicon or the registry.
var evalCorpora = []evalCorpus{
	{
		name: "ANERcorp test", path: "arabic-ner/ANERCorp_CamelLab_test.txt", lang: "ar", docSentences: 20,
		kinds: map[string]jic.EntityKind{"PERS": jic.EntityPerson, "ORG": jic.EntityOrganization},
	},
	{
		name: "ArmanPersoNER fold 1", path: "arman-persian-ner/test_fold1.txt", lang: "fa", docSentences: 20,
		kinds: map[string]jic.EntityKind{"pers": jic.EntityPerson, "org": jic.EntityOrganization},
	},
	{
		name: "Turkish wiki NER test", path: "turkish-wiki-ner/test.txt", lang: "tr", docSentences: 1,
		kinds: map[string]jic.EntityKind{"PERSON": jic.EntityPerson, "ORG": jic.EntityOrganization},
	},
}

// evalCorpus is one annotated corpus in the CoNLL layout: a token and its
// IOB tag per line, separated by a space or a tab; a blank line between
// sentences.
type evalCorpus struct {
	name, path, lang string
	// docSentences is how many consecutive sentences make one text: the
	// corpora keep no article boundaries, and Find uses the whole text (a
	// surname repeats a name found earlier). Wikipedia sentences stand alone.
	docSentences int
	kinds        map[string]jic.EntityKind // corpus type → kind scored; other types are not scored
}

// scoredKinds are the kinds Eval scores. A group found is scored as an
// organization: the corpora annotate armed and political groups as
// organizations.
var scoredKinds = [...]jic.EntityKind{jic.EntityPerson, jic.EntityOrganization}

// EvalOptions configure Eval.
type EvalOptions struct {
	Finder Options
	// MaxSentences reads at most this many sentences of each corpus; 0 reads all.
	MaxSentences int
}

// EvalResult is the score of Find on each corpus.
type EvalResult struct {
	Corpora []CorpusScore
}

// CorpusScore is the score on one corpus.
type CorpusScore struct {
	Corpus    string
	File      string // relative to the evaluation directory
	Lang      string
	Texts     int
	Sentences int
	Tokens    int
	Kinds     []KindScore // person, then organization (a group found counts as an organization)
	Elapsed   time.Duration
}

// KindScore counts the mentions of one kind.
type KindScore struct {
	Kind      jic.EntityKind
	Gold      int // annotated names
	Pred      int // mentions found
	ExactTP   int // found with exactly the annotated span
	OverlapTP int // found overlapping an annotated span, each matched once
}

// Exact returns precision, recall and F1 with spans that must match exactly.
func (s KindScore) Exact() (p, r, f1 float64) { return evalmetric.PRF(s.ExactTP, s.Pred, s.Gold) }

// Overlap returns precision, recall and F1 with spans that must overlap.
func (s KindScore) Overlap() (p, r, f1 float64) { return evalmetric.PRF(s.OverlapTP, s.Pred, s.Gold) }

// Eval runs Find over the annotated corpora under dir (jic's
// shared/data/ner: the ANERcorp test split, ArmanPersoNER's first test fold
// and the Turkish Wikipedia NER test split) and scores persons and
// organizations. Each corpus's sentences are joined with spaces between
// tokens; consecutive sentences make one text as docSentences says. It
// returns an error if a corpus is missing or malformed.
func Eval(dir string, o EvalOptions) (EvalResult, error) {
	f := New(o.Finder)
	var res EvalResult
	for _, c := range evalCorpora {
		s, err := c.eval(f, filepath.Join(dir, c.path), o.MaxSentences)
		if err != nil {
			return EvalResult{}, err
		}
		res.Corpora = append(res.Corpora, s)
	}
	return res, nil
}

// evalDoc is one text built from a corpus's sentences and its annotations.
type evalDoc struct {
	text string
	gold []evalSpan
}

type evalSpan struct {
	start, end int
	kind       jic.EntityKind
}

func (c evalCorpus) eval(f *Finder, path string, maxSentences int) (CorpusScore, error) {
	docs, sentences, tokens, err := c.read(path, maxSentences)
	if err != nil {
		return CorpusScore{}, err
	}
	res := CorpusScore{Corpus: c.name, File: c.path, Lang: c.lang, Texts: len(docs), Sentences: sentences, Tokens: tokens}
	idx := map[jic.EntityKind]int{}
	for i, k := range scoredKinds {
		res.Kinds = append(res.Kinds, KindScore{Kind: k})
		idx[k] = i
	}
	start := time.Now()
	for _, d := range docs {
		var pred []evalSpan
		for _, m := range f.Find(d.text, c.lang) {
			k := m.Kind
			if k == jic.EntityGroup {
				k = jic.EntityOrganization
			}
			if _, ok := idx[k]; ok {
				pred = append(pred, evalSpan{m.Start, m.End, k})
			}
		}
		for _, k := range scoredKinds {
			scoreKind(&res.Kinds[idx[k]], d.gold, pred)
		}
	}
	res.Elapsed = time.Since(start)
	return res, nil
}

// scoreKind adds the gold and predicted spans of s.Kind to s; each gold
// span is matched at most once, exact matches first.
func scoreKind(s *KindScore, gold, pred []evalSpan) {
	var g, p []evalSpan
	for _, x := range gold {
		if x.kind == s.Kind {
			g = append(g, x)
		}
	}
	for _, x := range pred {
		if x.kind == s.Kind {
			p = append(p, x)
		}
	}
	s.Gold += len(g)
	s.Pred += len(p)
	exact := make([]bool, len(g))
	for _, x := range p {
		for i, y := range g {
			if !exact[i] && x.start == y.start && x.end == y.end {
				exact[i] = true
				s.ExactTP++
				break
			}
		}
	}
	overlap := make([]bool, len(g))
	for _, x := range p {
		for i, y := range g {
			if !overlap[i] && x.start < y.end && y.start < x.end {
				overlap[i] = true
				s.OverlapTP++
				break
			}
		}
	}
}

// maxEvalLine bounds a line of a corpus file.
const maxEvalLine = 1 << 20

// read parses a corpus file into texts of docSentences sentences.
func (c evalCorpus) read(path string, maxSentences int) (docs []evalDoc, sentences, tokens int, err error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, 0, 0, err
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	sc.Buffer(make([]byte, 0, 64<<10), maxEvalLine)
	var (
		b        strings.Builder
		gold     []evalSpan
		inDoc    int // sentences in the text being built
		inSent   int // tokens in the sentence being read
		open     = -1
		openType string
		lineNo   int
	)
	closeSpan := func() {
		if open >= 0 {
			if k, ok := c.kinds[openType]; ok {
				gold = append(gold, evalSpan{open, b.Len(), k})
			}
			open = -1
		}
	}
	endSentence := func() {
		closeSpan()
		if inSent == 0 {
			return
		}
		inSent = 0
		sentences++
		inDoc++
		if inDoc >= c.docSentences {
			docs = append(docs, evalDoc{text: b.String(), gold: gold})
			b.Reset()
			gold, inDoc = nil, 0
		}
	}
	for sc.Scan() && (maxSentences <= 0 || sentences < maxSentences) {
		lineNo++
		line := strings.TrimRight(sc.Text(), "\r")
		line = strings.TrimPrefix(strings.ReplaceAll(line, "\u200e", ""), "\ufeff")
		if strings.TrimSpace(line) == "" {
			endSentence()
			continue
		}
		i := strings.LastIndexAny(line, " \t")
		if i <= 0 {
			return nil, 0, 0, fmt.Errorf("%s:%d: want a token and a tag", path, lineNo)
		}
		tok, tag := strings.TrimSpace(line[:i]), strings.TrimSpace(line[i+1:])
		if tok == "" {
			return nil, 0, 0, fmt.Errorf("%s:%d: empty token", path, lineNo)
		}
		prefix, typ, _ := strings.Cut(tag, "-")
		if tag != "O" && (prefix != "B" && prefix != "I" || typ == "") {
			return nil, 0, 0, fmt.Errorf("%s:%d: tag %q is not O, B-type or I-type", path, lineNo, tag)
		}
		begin := tag != "O" && (prefix == "B" || open < 0 || typ != openType)
		if tag == "O" || begin {
			closeSpan()
		}
		// a space between tokens, a newline between the sentences of a text
		switch {
		case inSent > 0:
			b.WriteByte(' ')
		case inDoc > 0:
			b.WriteByte('\n')
		}
		if begin {
			open, openType = b.Len(), typ
		}
		b.WriteString(tok)
		inSent++
		tokens++
	}
	if err := sc.Err(); err != nil {
		return nil, 0, 0, fmt.Errorf("%s: %w", path, err)
	}
	endSentence()
	if inDoc > 0 {
		docs = append(docs, evalDoc{text: b.String(), gold: gold})
	}
	if sentences == 0 {
		return nil, 0, 0, fmt.Errorf("%s: no sentences", path)
	}
	return docs, sentences, tokens, nil
}

// WriteTable writes the result as a table: one row per corpus and kind,
// precision, recall and F1 with exact and with overlapping spans.
func (r EvalResult) WriteTable(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%-22s %-4s %6s %7s  %-12s %5s %5s  %-17s  %-17s\n", "corpus", "lang", "texts", "tokens", "kind", "gold", "pred", "exact P/R/F1", "overlap P/R/F1")
	for _, c := range r.Corpora {
		for _, k := range c.Kinds {
			ep, er, ef := k.Exact()
			op, or, of := k.Overlap()
			fmt.Fprintf(bw, "%-22s %-4s %6d %7d  %-12s %5d %5d  %.3f/%.3f/%.3f  %.3f/%.3f/%.3f\n",
				c.Corpus, c.Lang, c.Texts, c.Tokens, k.Kind, k.Gold, k.Pred, ep, er, ef, op, or, of)
		}
	}
	return bw.Flush()
}
