package stories_test

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/jic-center/jic/internal/stories"
)

// synthetic returns n reports, one a minute, each with 8 entity keys and
// 60 terms drawn with a skewed frequency from 5,000 keys and 20,000 terms,
// one in three a follow-up that reuses most keys of a recent report: enough
// structure for postings to fill as in real news. The ANT-based cost table
// is Eval's (go test -run TestEval -v; JIC_BENCH_STORIES=1 for 1M).
func synthetic(n int, seed uint64) []stories.Doc {
	r := rand.New(rand.NewPCG(seed, 1))
	skew := func(k int) int { return int(float64(k) * r.Float64() * r.Float64()) }
	out := make([]stories.Doc, n)
	for i := range out {
		d := stories.Doc{ID: int64(i + 1), Time: t0.Add(time.Duration(i) * time.Minute), Lang: "en", Source: fmt.Sprint("s", r.IntN(50))}
		if i > 10 && r.IntN(3) == 0 {
			p := out[i-1-r.IntN(10)]
			d.Entities = append([]string(nil), p.Entities[:6]...)
			d.Terms = append([]string(nil), p.Terms[:40]...)
		}
		for len(d.Entities) < 8 {
			d.Entities = append(d.Entities, fmt.Sprintf("geonames:%d", skew(5000)))
		}
		for len(d.Terms) < 60 {
			d.Terms = append(d.Terms, fmt.Sprintf("w%d", skew(20000)))
		}
		out[i] = d
	}
	return out
}

// BenchmarkAdd measures an Add into an index that already holds 20,000
// reports.
func BenchmarkAdd(b *testing.B) {
	docs := synthetic(20000+b.N, 1)
	x := stories.NewIndex(stories.DefaultOptions())
	for _, d := range docs[:20000] {
		x.Add(d)
	}
	b.ResetTimer()
	for i := range b.N {
		x.Add(docs[20000+i])
	}
	b.StopTimer()
	st := x.Stats()
	b.ReportMetric(float64(st.Candidates)/float64(st.Reports), "candidates/op")
}
