package textindex_test

import (
	"strings"
	"testing"

	"github.com/jic-center/jic/internal/textindex"
)

var benchText = strings.Repeat("قال مسؤولون إن الأمطار الغزيرة أغرقت شوارع العاصمة العراقية بغداد يوم الأحد، وأعلنت السلطات حالة الطوارئ. ", 40)

func BenchmarkAnalyze(b *testing.B) {
	b.SetBytes(int64(len(benchText)))
	for b.Loop() {
		textindex.Analyze(benchText, "ar", func(textindex.Token) {})
	}
}

func BenchmarkSnippet(b *testing.B) {
	q, _ := textindex.ParseQuery("فيضانات بغداد", nil)
	b.SetBytes(int64(len(benchText)))
	for b.Loop() {
		textindex.Snippet(benchText, "ar", q, 280)
	}
}
