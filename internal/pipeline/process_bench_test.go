package pipeline_test

import (
	"fmt"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/bench"
	"github.com/jic-center/jic/internal/dates"
	"github.com/jic-center/jic/internal/gazetteer"
	"github.com/jic-center/jic/internal/lang"
	"github.com/jic-center/jic/internal/ner"
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
		fmt.Printf("%-26s %8d %12.0f %10.1f\n", "all four", cores, float64(len(rs))/d.Seconds(), float64(bytes)/1e6/d.Seconds())
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
