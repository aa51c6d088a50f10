package pipeline_test

import (
	"fmt"
	"os"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/bench"
	"github.com/jic-center/jic/internal/dates"
	"github.com/jic-center/jic/internal/dedup"
	"github.com/jic-center/jic/internal/gazetteer"
	"github.com/jic-center/jic/internal/lang"
	"github.com/jic-center/jic/internal/ner"
	"github.com/jic-center/jic/internal/pipeline"
	"github.com/jic-center/jic/internal/storetest"
)

// TestStageThroughput measures what the processing stages compute on real
// articles of the six languages, without the database: language
// identification, places (gazetteer match and resolution), entities and
// dates, per stage on one core and all together on every core, and the
// memory the loaded gazetteer and finders hold. Set JIC_BENCH_PROCESS=1 to
// run it; it prints tables for BENCHMARKS.md.
func TestStageThroughput(t *testing.T) {
	if os.Getenv("JIC_BENCH_PROCESS") == "" {
		t.Skip("a benchmark: set JIC_BENCH_PROCESS=1 to run it")
	}
	rs, err := bench.LoadSample(storetest.DataDir(t), 500)
	if err != nil {
		t.Fatal(err)
	}
	var bytes int
	for _, r := range rs {
		bytes += len(r.Title) + len(r.Text)
	}
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	g, err := gazetteer.Load()
	if err != nil {
		t.Fatal(err)
	}
	f := ner.New(ner.Options{IsPlace: ner.PlaceTest(g)})
	lang.Detect("warm the model up")
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)

	stages := []struct {
		name string
		run  func(r *jic.Report)
	}{
		{"language", func(r *jic.Report) { lang.Detect(r.Title + "\n" + r.Text) }},
		{"places", func(r *jic.Report) {
			text := r.Title + "\n\n" + r.Text
			g.Resolve(g.Find(text, r.Language), gazetteer.Context{})
		}},
		{"entities", func(r *jic.Report) { f.Find(r.Title, r.Language); f.Find(r.Text, r.Language) }},
		{"copies (fingerprint)", func(r *jic.Report) { dedup.Fingerprint(r.Title, r.Text, r.Language) }},
		{"dates", func(r *jic.Report) {
			dates.Find(r.Title, r.Language, r.Published)
			dates.Find(r.Text, r.Language, r.Published)
		}},
	}
	all := func(r *jic.Report) {
		for _, s := range stages {
			s.run(r)
		}
	}
	fmt.Printf("%d real articles (%d per corpus at most), %.1f MB of text\n", len(rs), 500, float64(bytes)/1e6)
	fmt.Printf("%-26s %8s %12s %10s\n", "stage", "cores", "articles/s", "MB/s")
	for _, s := range stages {
		d := timeRun(rs, 1, s.run)
		fmt.Printf("%-26s %8d %12.0f %10.1f\n", s.name, 1, float64(len(rs))/d.Seconds(), float64(bytes)/1e6/d.Seconds())
	}
	for _, cores := range []int{1, runtime.NumCPU()} {
		d := timeRun(rs, cores, all)
		fmt.Printf("%-26s %8d %12.0f %10.1f\n", "all five", cores, float64(len(rs))/d.Seconds(), float64(bytes)/1e6/d.Seconds())
	}
	fmt.Printf("memory held by the gazetteer, language model and entity finder: %.1f MB of heap\n",
		float64(after.HeapAlloc-before.HeapAlloc)/1e6)
}

// timeRun runs fn over every report on the given number of goroutines.
func timeRun(rs []*jic.Report, workers int, fn func(*jic.Report)) time.Duration {
	var next atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := next.Add(1) - 1; i < int64(len(rs)); i = next.Add(1) - 1 {
				fn(rs[i])
			}
		}()
	}
	wg.Wait()
	return time.Since(start)
}

// TestCopiesStoreCost measures the copies stage on a store as it grows:
// real articles and the bench corpus's perturbed copies of them are stored
// and deduplicated one by one, and the cost of a Deduplicate (fingerprint
// included) is printed for each stretch of the growth. Set
// JIC_BENCH_COPIES=N (reports, e.g. 100000) to run it; on PostgreSQL too
// when JIC_TEST_POSTGRES_URL is set.
func TestCopiesStoreCost(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("JIC_BENCH_COPIES"))
	if n <= 0 {
		t.Skip("a benchmark: set JIC_BENCH_COPIES=100000 to run it")
	}
	base, err := bench.LoadBase(storetest.DataDir(t))
	if err != nil {
		t.Fatal(err)
	}
	for name, open := range map[string]backend{"sqlite": sqliteBackend, "postgres": postgresBackend} {
		t.Run(name, func(t *testing.T) {
			s, _ := open(t, func(s jic.Store) pipeline.Deps { return pipeline.Deps{Store: s} })
			for _, name := range []string{bench.MemberAlphaName, bench.MemberBetaName} {
				if err := s.CreateMember(t.Context(), &jic.Member{Name: name}); err != nil {
					t.Fatal(err)
				}
			}
			fmt.Printf("%s: %d reports (%d real articles, then perturbed copies of them)\n", name, n, len(base))
			fmt.Printf("%-18s %12s %12s %10s %10s\n", "reports stored", "µs/report", "p95 µs", "exact", "near")
			var batch []*jic.Report
			var window []time.Duration
			kinds := map[string]int{}
			next := 1000
			for i, r := range bench.Scale(base, n, 1) {
				batch = append(batch, r)
				if len(batch) < 500 && i < n-1 {
					continue
				}
				if _, err := s.AddReports(t.Context(), batch); err != nil {
					t.Fatal(err)
				}
				for _, r := range batch {
					start := time.Now()
					p := dedup.Fingerprint(r.Title, r.Text, r.Language)
					b, _ := p.MarshalBinary()
					sy, err := s.Deduplicate(t.Context(), r.ID, b)
					if err != nil {
						t.Fatal(err)
					}
					window = append(window, time.Since(start))
					kinds[sy.Kind]++
				}
				batch = batch[:0]
				if done := i + 1; done >= next || done == n {
					slices.Sort(window)
					var sum time.Duration
					for _, d := range window {
						sum += d
					}
					fmt.Printf("%-18d %12.0f %12.0f %10d %10d\n", done, float64(sum.Microseconds())/float64(len(window)),
						float64(window[len(window)*95/100].Microseconds()), kinds[jic.SyndicationExact], kinds[jic.SyndicationNear])
					window = window[:0]
					next *= 10
				}
			}
		})
	}
}
