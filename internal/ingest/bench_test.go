package ingest_test

import (
	"testing"

	"github.com/jic-center/jic/internal/ingest"
)

// BenchmarkParseTREC parses the whole ANT corpus archive
// (shared/data/news/ant-arabic-news-v2.1.tar.gz, 31,525 TREC files) and
// reports items per second, gzip and tar included:
//
//	go test -run=^$ -bench=ParseTREC -benchtime=3x ./internal/ingest/
func BenchmarkParseTREC(b *testing.B) {
	path := newsData(b, "ant-arabic-news-v2.1.tar.gz")
	items := 0
	for b.Loop() {
		err := ingest.Walk(path, ingest.Options{}, func(it ingest.Item) error {
			items++
			return it.Err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(items)/b.Elapsed().Seconds(), "items/s")
	b.ReportMetric(float64(items)/float64(b.N), "items/op")
}
