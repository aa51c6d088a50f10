package bench_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/jic-center/jic/internal/bench"
	"github.com/jic-center/jic/internal/textindex"
)

// TestHeadlines is the helper testdata/queries.tsv was written with: with
// JIC_BENCH_HEADLINES=xx it prints a seeded sample of 150 titles of
// language xx from the base corpus, each word followed by the number of
// base reports (of any language) whose title or text holds its term.
func TestHeadlines(t *testing.T) {
	lang := os.Getenv("JIC_BENCH_HEADLINES")
	if lang == "" {
		t.Skip("JIC_BENCH_HEADLINES=xx prints headlines of language xx to pick queries from")
	}
	base := loadBase(t)
	df := map[string]int{}
	for _, r := range base {
		seen := map[string]bool{}
		for _, s := range []string{r.Title, r.Text} {
			textindex.Analyze(s, r.Language, func(tok textindex.Token) {
				if !seen[tok.Term] {
					seen[tok.Term] = true
					df[tok.Term]++
				}
			})
		}
	}
	var titles []string
	for _, r := range base {
		if r.Language == lang {
			titles = append(titles, r.Title)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	rng.Shuffle(len(titles), func(i, j int) { titles[i], titles[j] = titles[j], titles[i] })
	for _, title := range titles[:min(150, len(titles))] {
		var b strings.Builder
		textindex.Analyze(title, lang, func(tok textindex.Token) {
			fmt.Fprintf(&b, "%s(%d) ", title[tok.Start:tok.End], df[tok.Term])
		})
		fmt.Println(b.String())
	}
}

var _ = bench.LoadBase
