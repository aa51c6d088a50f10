package lang_test

import (
	"testing"

	"github.com/jic-center/jic/internal/lang"
	"github.com/jic-center/jic/internal/lang/internal/corpus"
	"github.com/jic-center/jic/internal/lang/internal/heldout"
)

// Run with: go test -run X -bench Detect ./internal/lang/
func BenchmarkDetectArticles(b *testing.B)  { benchDetect(b, corpus.Article) }
func BenchmarkDetectHeadlines(b *testing.B) { benchDetect(b, corpus.Headline) }

func benchDetect(b *testing.B, kind corpus.Kind) {
	inputs := append(append([]corpus.Input{}, corpus.Training...), heldout.Inputs...)
	texts, err := corpus.Load(dataDir, inputs, func(t *corpus.Text) bool {
		return t.Split == corpus.Test && t.Kind == kind
	}, 0)
	if err != nil {
		b.Skip("no ../shared/data beside the repository:", err)
	}
	lang.Load()
	size := 0
	for _, t := range texts {
		size += len(t.Text)
	}
	b.SetBytes(int64(size / len(texts)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		lang.Detect(texts[i%len(texts)].Text)
	}
}
