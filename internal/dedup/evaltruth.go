package dedup

import (
	"crypto/sha256"
	"sort"
	"strings"
	"time"

	"github.com/jic-center/jic/internal/textindex"
)

// The ground truth of the evaluation is built without the fingerprints it
// evaluates. Its judge is a word-level diff: the longest common
// subsequence (LCS) of the normalized words of two texts, as a share of the
// shorter text, the part of it that a reader finds, in order, in the other.
//
//   - identical: the same normalized text (lineWords of every line,
//     boilerplate included, so that the boilerplate list cannot make its
//     own truth), and the same title too when the text is shorter than
//     ShortText words;
//   - copy: LCS ≥ copyLCS of a shorter text of at least ShortText words,
//     the rare words of the texts (names, figures: words in at most
//     rareWordDF articles of the corpus) in the same order too (their own
//     LCS ≥ copyRareLCS), published within copyWindow of each other: an
//     agency story run by two outlets with light edits, a re-filed
//     article;
//   - independent: LCS < independentLCS: written separately, even when
//     about the same event (news on one event shares names and stock
//     phrases, which brings LCS to 0.1–0.3); or a template filled with
//     other facts (two companies' filings to the SEC, two days' missile
//     interceptions): LCS of the rare words < templateRareLCS;
//   - ambiguous: the rest (a follow-up story that reuses background
//     paragraphs, a rewrite of an agency text, the same text days apart):
//     left out of both the positive and the negative pairs, and counted
//     in the report.
//
// Pairs are judged only when a cheap test says they might be copies: a
// sentence of at least minSentenceWords words in common, or at least a
// third of the shorter text's rare words (in at most rareWordDF articles)
// in common. Every other pair is independent.
const (
	copyLCS          = 0.7
	copyRareLCS      = 0.5
	copyWindow       = 72 * time.Hour
	independentLCS   = 0.4
	templateRareLCS  = 0.2
	minRareWords     = 4 // fewer rare words than this say nothing
	minSentenceWords = 6
	rareWordDF       = 50
	stockSentence    = 200 // a sentence in more articles than this is stock
)

// pairLabel is what the ground truth says about two articles.
type pairLabel uint8

const (
	independent pairLabel = iota // LCS under independentLCS
	ambiguous                    // between
	copied                       // LCS at least copyLCS
	identical                    // the same normalized text
)

func (l pairLabel) String() string {
	return [...]string{"independent", "ambiguous", "copy", "identical"}[l]
}

func (l pairLabel) positive() bool { return l >= copied }

// pairKey is an unordered pair of document indexes, smaller first.
type pairKey struct{ a, b int32 }

func newPair(a, b int) pairKey {
	if a > b {
		a, b = b, a
	}
	return pairKey{int32(a), int32(b)}
}

// truth labels the pairs of a set of documents. Pairs that are not in
// labels are independent once judged; judge labels any other pair.
type truth struct {
	labels map[pairKey]pairLabel
	judged map[pairKey]bool
	keys   [][32]byte  // textKey of each document
	words  [][]uint32  // its words, numbered
	rare   [][]uint32  // its rare words, in order
	times  []time.Time // its publication time, zero if unknown
}

// label returns the label of the pair (i, j), judging it if needed.
func (t *truth) label(i, j int) pairLabel {
	k := newPair(i, j)
	if l, ok := t.labels[k]; ok || t.judged[k] {
		return l
	}
	l := t.judge(i, j)
	t.judged[k] = true
	if l != independent {
		t.labels[k] = l
	}
	return l
}

// judge applies the rules above to documents i and j.
func (t *truth) judge(i, j int) pairLabel {
	if t.keys[i] == t.keys[j] && t.keys[i] != noText {
		return identical
	}
	share := lcsShare(t.words[i], t.words[j])
	if share < independentLCS {
		return independent
	}
	rare := -1.0
	if min(len(t.rare[i]), len(t.rare[j])) >= minRareWords {
		rare = lcsShare(t.rare[i], t.rare[j])
	}
	if rare >= 0 && rare < templateRareLCS {
		return independent
	}
	ti, tj := t.times[i], t.times[j]
	close := ti.IsZero() || tj.IsZero() || ti.Sub(tj).Abs() <= copyWindow
	if share >= copyLCS && min(len(t.words[i]), len(t.words[j])) >= ShortText && (rare < 0 || rare >= copyRareLCS) && close {
		return copied
	}
	return ambiguous
}

var noText = textKey("", "")

// textKey is the identity of an article for the "identical" label.
func textKey(title, text string) [32]byte {
	var words []string
	splitLines(text, func(line string) { words = lineWords(words, line) })
	if len(words) < ShortText {
		words = append(lineWords(nil, title), words...)
	}
	return sha256.Sum256([]byte(strings.Join(words, " ")))
}

// sentenceKeys returns the distinct hashes of the sentences of text that
// have at least minSentenceWords words. A sentence ends at . ! ? ؟ … or at
// a line break; wrapped is for texts broken at a fixed width (Reuters),
// where only a line break followed by an indent or a blank line ends one.
func sentenceKeys(text string, wrapped bool) []uint64 {
	if wrapped {
		text = unwrap(text)
	}
	var keys []uint64
	seen := map[uint64]bool{}
	var words []string
	start := 0
	flush := func(end int) {
		words = lineWords(words[:0], text[start:end])
		if len(words) >= minSentenceWords {
			h := termHash(strings.Join(words, " "))
			if !seen[h] {
				seen[h] = true
				keys = append(keys, h)
			}
		}
	}
	for i, r := range text {
		switch r {
		case '.', '!', '?', '؟', '…', '\n', '\r':
			flush(i)
			start = i + len(string(r))
		}
	}
	flush(len(text))
	return keys
}

// unwrap joins the lines of a paragraph that a fixed width broke.
func unwrap(text string) string {
	var b strings.Builder
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		b.WriteString(l)
		if i+1 < len(lines) {
			next := lines[i+1]
			if strings.TrimSpace(l) == "" || strings.HasPrefix(next, " ") || strings.TrimSpace(next) == "" {
				b.WriteByte('\n')
			} else {
				b.WriteByte(' ')
			}
		}
	}
	return b.String()
}

// wordIDs numbers normalized words for LCS.
type wordIDs map[string]uint32

func (d wordIDs) text(text string) []uint32 {
	var out []uint32
	var words []string
	splitLines(text, func(line string) {
		words = lineWords(words[:0], line)
		for _, w := range words {
			id, ok := d[w]
			if !ok {
				id = uint32(len(d))
				d[w] = id
			}
			out = append(out, id)
		}
	})
	return out
}

// lcsShare is the LCS of a and b as a share of the shorter.
func lcsShare(a, b []uint32) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	return float64(lcsLen(a, b)) / float64(min(len(a), len(b)))
}

// buildTruth labels the pairs of arts that might be copies.
func buildTruth(arts []article, wrapped bool) *truth {
	n := len(arts)
	t := &truth{labels: map[pairKey]pairLabel{}, judged: map[pairKey]bool{},
		keys: make([][32]byte, n), words: make([][]uint32, n), times: make([]time.Time, n)}
	byText := map[[32]byte][]int{}
	dict := wordIDs{}
	sentences := make([][]uint64, n)
	posting := map[uint64][]int32{}
	for i, a := range arts {
		t.keys[i] = textKey(a.Title, a.Text)
		t.times[i] = a.Published
		byText[t.keys[i]] = append(byText[t.keys[i]], i)
		t.words[i] = dict.text(a.Text)
		sentences[i] = sentenceKeys(a.Text, wrapped)
		for _, h := range sentences[i] {
			posting[h] = append(posting[h], int32(i))
		}
	}
	for k, ids := range byText {
		if k == noText {
			continue
		}
		for x := range ids {
			for y := x + 1; y < len(ids); y++ {
				t.labels[newPair(ids[x], ids[y])] = identical
			}
		}
	}
	var distinct [][]uint32
	t.rare, distinct = rareWords(t.words, len(dict))
	wordPosting := make([][]int32, len(dict))
	for i, ws := range distinct {
		for _, w := range ws {
			wordPosting[w] = append(wordPosting[w], int32(i))
		}
	}
	shared := make([]int32, n)
	sentence := make([]bool, n)
	var touched []int32
	for i := range arts {
		touched = touched[:0]
		for _, w := range distinct[i] {
			for _, j := range wordPosting[w] {
				if j > int32(i) {
					if shared[j] == 0 && !sentence[j] {
						touched = append(touched, j)
					}
					shared[j]++
				}
			}
		}
		for _, h := range sentences[i] {
			if p := posting[h]; len(p) <= stockSentence {
				for _, j := range p {
					if j > int32(i) {
						if shared[j] == 0 && !sentence[j] {
							touched = append(touched, j)
						}
						sentence[j] = true
					}
				}
			}
		}
		for _, j := range touched {
			r := min(len(distinct[i]), len(distinct[j]))
			candidate := sentence[j] || shared[j] >= 3 && 3*int(shared[j]) >= r
			shared[j], sentence[j] = 0, false
			if candidate {
				t.label(i, int(j))
			}
		}
	}
	return t
}

// rareWords returns, for each document, its words that occur in at most
// rareWordDF documents: in text order, and distinct.
func rareWords(words [][]uint32, n int) (inOrder, distinct [][]uint32) {
	df := make([]int32, n)
	seen := make([]int32, n)
	distinct = make([][]uint32, len(words))
	for i, ws := range words {
		for _, w := range ws {
			if seen[w] != int32(i)+1 {
				seen[w] = int32(i) + 1
				df[w]++
				distinct[i] = append(distinct[i], w)
			}
		}
	}
	inOrder = make([][]uint32, len(words))
	for i, ws := range words {
		for _, w := range ws {
			if df[w] <= rareWordDF {
				inOrder[i] = append(inOrder[i], w)
			}
		}
		out := distinct[i][:0]
		for _, w := range distinct[i] {
			if df[w] <= rareWordDF {
				out = append(out, w)
			}
		}
		distinct[i] = out
	}
	return inOrder, distinct
}

// hardNegatives returns pairs of ANT articles that are about the same event
// and were written independently: different outlets, published within
// hardNegativeWindow of each other, titles sharing at least three terms
// that are rare among titles (each in at most hardNegativeTitleDF titles),
// and an LCS share under independentLCS. They are the pairs story
// clustering must group and dedup must not.
func hardNegatives(arts []article, t *truth) []pairKey {
	df := map[string]int{}
	titleTerms := make([][]string, len(arts))
	for i, a := range arts {
		seen := map[string]bool{}
		for _, w := range textindex.Terms(a.Title, a.Lang) {
			if !seen[w] {
				seen[w] = true
				titleTerms[i] = append(titleTerms[i], w)
				df[w]++
			}
		}
	}
	byTerm := map[string][]int{}
	for i, ts := range titleTerms {
		for _, w := range ts {
			if df[w] <= hardNegativeTitleDF {
				byTerm[w] = append(byTerm[w], i)
			}
		}
	}
	var out []pairKey
	common := map[int]int{}
	for i := range arts {
		clear(common)
		for _, w := range titleTerms[i] {
			if df[w] > hardNegativeTitleDF {
				continue
			}
			for _, j := range byTerm[w] {
				if j > i {
					common[j]++
				}
			}
		}
		for j, n := range common {
			a, b := &arts[i], &arts[j]
			if n < 3 || a.Outlet == b.Outlet || t.label(i, j) != independent || lcsShare(t.words[i], t.words[j]) >= independentLCS {
				continue
			}
			if d := a.Published.Sub(b.Published); d > hardNegativeWindow || d < -hardNegativeWindow {
				continue
			}
			out = append(out, newPair(i, j))
		}
	}
	sort.Slice(out, func(x, y int) bool {
		if out[x].a != out[y].a {
			return out[x].a < out[y].a
		}
		return out[x].b < out[y].b
	})
	return out
}

const (
	hardNegativeWindow  = 36 * time.Hour
	hardNegativeTitleDF = 100
)
