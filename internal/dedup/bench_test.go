package dedup_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/jic-center/jic/internal/dedup"
)

// syntheticTexts returns n texts of about 150 words drawn from a
// vocabulary of 20,000 words with a skewed frequency, one in ten of them a
// copy of an earlier text with a few words replaced: enough structure for
// the LSH buckets to fill as in real news.
func syntheticTexts(n int, seed uint64) []string {
	r := rand.New(rand.NewPCG(seed, 1))
	vocab := make([]string, 20000)
	for i := range vocab {
		vocab[i] = fmt.Sprintf("w%x", i*7919)
	}
	word := func() string { return vocab[int(float64(len(vocab))*r.Float64()*r.Float64())] }
	out := make([]string, n)
	for i := range out {
		if i > 0 && r.IntN(10) == 0 {
			w := strings.Fields(out[r.IntN(i)])
			for k := range 5 {
				w[(k*31)%len(w)] = word()
			}
			out[i] = strings.Join(w, " ")
			continue
		}
		w := make([]string, 120+r.IntN(60))
		for k := range w {
			w[k] = word()
		}
		out[i] = strings.Join(w, " ")
	}
	return out
}

// BenchmarkAdd measures Index.Add into an index that already holds 10,000
// or 100,000 reports (prints made before the timer starts). `jic eval
// dedup` prints the same cost on real articles up to 1,000,000 reports.
func BenchmarkAdd(b *testing.B) {
	for _, size := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("index=%d", size), func(b *testing.B) {
			texts := syntheticTexts(size+4096, 1)
			prints := make([]dedup.Print, len(texts))
			for i, t := range texts {
				prints[i] = dedup.Fingerprint("", t, "en")
			}
			x := dedup.NewIndex(dedup.DefaultOptions(), 0)
			t0 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
			for i := range size {
				x.Add(int64(i+1), prints[i], dedup.Meta{Published: t0.Add(time.Duration(i) * time.Second)})
			}
			b.ResetTimer()
			id := size
			for b.Loop() {
				if id == len(prints) { // keep the index near its size
					b.StopTimer()
					x = dedup.NewIndex(dedup.DefaultOptions(), 0)
					for i := range size {
						x.Add(int64(i+1), prints[i], dedup.Meta{Published: t0.Add(time.Duration(i) * time.Second)})
					}
					id = size
					b.StartTimer()
				}
				x.Add(int64(id+1), prints[id], dedup.Meta{Published: t0.Add(time.Duration(id) * time.Second)})
				id++
			}
		})
	}
}

// BenchmarkFingerprint measures Fingerprint on real articles (ANT, Wikinews).
func BenchmarkFingerprint(b *testing.B) {
	var fx []fixture
	for _, a := range fixtures(b) {
		fx = append(fx, a)
	}
	i := 0
	for b.Loop() {
		a := fx[i%len(fx)]
		dedup.Fingerprint(a.Title, a.Text, a.Lang)
		i++
	}
}
