package pipeline_test

import (
	"context"
	"fmt"
	"math"
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
	"github.com/jic-center/jic/internal/stories"
)

// TestStageThroughput measures what the processing stages compute on real
// articles of the six languages, without the database: language
// identification, places (gazetteer match and resolution), entities and
// dates, per stage on one core and all together on every core (report after
// report, and stage after stage in jobs as processing runs them), and the
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
		{"language", func(r *jic.Report) { lang.Detect(lang.Head(r.Title, r.Text)) }},
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
	given := func(r *jic.Report) { // a report that came with its language
		for _, s := range stages[1:] {
			s.run(r)
		}
	}
	fmt.Printf("%d real articles (%d per corpus at most), %.1f MB of text\n", len(rs), 500, float64(bytes)/1e6)
	fmt.Printf("%-26s %8s %12s %10s\n", "stage", "cores", "articles/s", "MB/s")
	for _, s := range stages {
		d := timeRun(rs, 1, s.run)
		fmt.Printf("%-26s %8d %12.0f %10.1f\n", s.name, 1, float64(len(rs))/d.Seconds(), float64(bytes)/1e6/d.Seconds())
	}
	// A process job runs each stage on all its reports (up to
	// pipeline.ProcessBatch) before the next stage.
	inJobs := func(stages []func(*jic.Report)) func([]*jic.Report) {
		return func(job []*jic.Report) {
			for _, s := range stages {
				for _, r := range job {
					s(r)
				}
			}
		}
	}
	jobs := slices.Collect(slices.Chunk(rs, pipeline.ProcessBatch))
	var runs []func(*jic.Report)
	for _, s := range stages {
		runs = append(runs, s.run)
	}
	for _, cores := range []int{1, runtime.NumCPU()} {
		for _, row := range []struct {
			name string
			d    time.Duration
		}{
			{"all five", timeRun(rs, cores, all)},
			{"four (language given)", timeRun(rs, cores, given)},
			{"all five, in jobs", timeRun(jobs, cores, inJobs(runs))},
			{"four, in jobs", timeRun(jobs, cores, inJobs(runs[1:]))},
		} {
			fmt.Printf("%-26s %8d %12.0f %10.1f\n", row.name, cores, float64(len(rs))/row.d.Seconds(), float64(bytes)/1e6/row.d.Seconds())
		}
	}
	runtime.GC()
	var end runtime.MemStats
	runtime.ReadMemStats(&end)
	runtime.KeepAlive(g)
	runtime.KeepAlive(f)
	fmt.Printf("heap after the runs (caches of recent words and names filled): %.1f MB\n", float64(end.HeapAlloc-before.HeapAlloc)/1e6)
	fmt.Printf("memory held by the gazetteer, language model and entity finder: %.1f MB of heap\n",
		float64(after.HeapAlloc-before.HeapAlloc)/1e6)
}

// timeRun runs fn over every item (a report or a job) on the given number
// of goroutines, three times, and returns the shortest time: other work on
// a shared machine only ever lengthens a run.
func timeRun[T any](items []T, workers int, fn func(T)) time.Duration {
	best := time.Duration(math.MaxInt64)
	for range 3 {
		var next atomic.Int64
		var wg sync.WaitGroup
		start := time.Now()
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := next.Add(1) - 1; i < int64(len(items)); i = next.Add(1) - 1 {
					fn(items[i])
				}
			}()
		}
		wg.Wait()
		best = min(best, time.Since(start))
	}
	return best
}

// TestDecisionsStoreCost measures the two serialized decisions of
// processing on a store as it grows: duplicate detection (Deduplicate,
// fingerprint included) and story clustering (AssignStory). Real articles
// and the bench corpus's perturbed copies of them are stored and decided
// one by one, and the cost of each decision is printed for each stretch of
// the growth; finding the entities and terms a story needs is not timed.
// Set JIC_BENCH_DECISIONS=N (reports, e.g. 100000) to run it; on
// PostgreSQL too when JIC_TEST_POSTGRES_URL is set.
func TestDecisionsStoreCost(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("JIC_BENCH_DECISIONS"))
	if n <= 0 {
		t.Skip("a benchmark: set JIC_BENCH_DECISIONS=100000 to run it")
	}
	base, err := bench.LoadBase(storetest.DataDir(t))
	if err != nil {
		t.Fatal(err)
	}
	g, err := gazetteer.Load()
	if err != nil {
		t.Fatal(err)
	}
	names := ner.DefaultRegistry()
	f := ner.New(ner.Options{Registry: names, IsPlace: ner.PlaceTest(g)})
	features := func(r *jic.Report) (ents, terms []string) {
		lead := stories.Lead(r.Text, stories.LeadRunes)
		for _, part := range []string{r.Title, lead} {
			for _, p := range g.Resolve(g.Find(part, r.Language), gazetteer.Context{}) {
				ents = append(ents, p.Place.Key())
			}
			for _, m := range f.Find(part, r.Language) {
				if dm := m.Domain("text", names); dm.Entity != nil {
					ents = append(ents, dm.Entity.Key)
				} else {
					ents = append(ents, ner.NameKey(m.Kind, m.Name))
				}
			}
		}
		return ents, stories.Terms(r.Title, lead, r.Language)
	}
	type window struct{ dedup, story []time.Duration }
	stat := func(ds []time.Duration) (mean, p95 float64) {
		slices.Sort(ds)
		var sum time.Duration
		for _, d := range ds {
			sum += d
		}
		return float64(sum.Microseconds()) / float64(len(ds)), float64(ds[len(ds)*95/100].Microseconds())
	}
	for name, open := range map[string]backend{"sqlite": sqliteBackend, "postgres": postgresBackend} {
		t.Run(name, func(t *testing.T) {
			s, _ := open(t, func(s jic.Store) pipeline.Deps { return pipeline.Deps{Store: s} })
			for _, name := range []string{bench.MemberAlphaName, bench.MemberBetaName} {
				if err := s.CreateMember(t.Context(), &jic.Member{Name: name}); err != nil {
					t.Fatal(err)
				}
			}
			fmt.Printf("%s: %d reports (%d real articles, then perturbed copies of them), 2 cores\n", name, n, len(base))
			fmt.Printf("%-10s %14s %10s %14s %10s %10s %10s %10s\n", "reports", "copies µs", "p95", "story µs", "p95", "copies", "stories", "cand/rep")
			var batch []*jic.Report
			var w window
			copies, stories, cands := 0, 0, 0
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
					ents, terms := features(r)
					start := time.Now()
					p := dedup.Fingerprint(r.Title, r.Text, r.Language)
					b, _ := p.MarshalBinary()
					sy, err := s.Deduplicate(t.Context(), r.ID, b)
					if err != nil {
						t.Fatal(err)
					}
					mid := time.Now()
					a, err := s.AssignStory(t.Context(), r.ID, ents, terms)
					if err != nil {
						t.Fatal(err)
					}
					w.dedup, w.story = append(w.dedup, mid.Sub(start)), append(w.story, time.Since(mid))
					if sy.Kind != jic.SyndicationNew {
						copies++
					}
					if a.New {
						stories++
					}
					cands += a.Candidates
				}
				batch = batch[:0]
				if done := i + 1; done >= next || done == n {
					dm, dp := stat(w.dedup)
					sm, sp := stat(w.story)
					fmt.Printf("%-10d %14.0f %10.0f %14.0f %10.0f %10d %10d %10.1f\n", done, dm, dp, sm, sp, copies, stories, float64(cands)/float64(len(w.story)))
					w, cands = window{}, 0
					next *= 10
				}
			}
		})
	}
}

// TestPipelineThroughput measures processing end to end on a store: real
// articles are stored, then processed by the River workers through every
// stage, and the rate is printed. Set JIC_BENCH_PIPELINE=N (reports, e.g.
// 2000) to run it; on PostgreSQL too when JIC_TEST_POSTGRES_URL is set.
func TestPipelineThroughput(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("JIC_BENCH_PIPELINE"))
	if n <= 0 {
		t.Skip("a benchmark: set JIC_BENCH_PIPELINE=2000 to run it")
	}
	base, err := bench.LoadSample(storetest.DataDir(t), n/6+1)
	if err != nil {
		t.Fatal(err)
	}
	for name, open := range map[string]backend{"sqlite": sqliteBackend, "postgres": postgresBackend} {
		t.Run(name, func(t *testing.T) {
			s, q := open(t, func(s jic.Store) pipeline.Deps { return pipeline.Deps{Store: s} })
			for _, name := range []string{bench.MemberAlphaName, bench.MemberBetaName} {
				if err := s.CreateMember(t.Context(), &jic.Member{Name: name}); err != nil {
					t.Fatal(err)
				}
			}
			var ids []int64
			var batch []*jic.Report
			for i, r := range bench.Scale(base, n, 1) {
				batch = append(batch, r)
				if len(batch) == 500 || i == n-1 {
					if _, err := s.AddReports(t.Context(), batch); err != nil {
						t.Fatal(err)
					}
					for _, r := range batch {
						ids = append(ids, r.ID)
					}
					batch = batch[:0]
				}
			}
			if err := q.Process(t.Context(), ids...); err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			if err := q.Start(t.Context()); err != nil {
				t.Fatal(err)
			}
			defer q.Stop(context.Background())
			for {
				left, err := s.ReportsWithoutStage(t.Context(), pipeline.StageStory, time.Now().Add(time.Hour), 1)
				if err != nil {
					t.Fatal(err)
				}
				if len(left) == 0 {
					break
				}
				time.Sleep(100 * time.Millisecond)
			}
			d := time.Since(start)
			fmt.Printf("%s: %d real reports processed through every stage by 2 workers in %.1f s: %.0f reports/s\n", name, n, d.Seconds(), float64(n)/d.Seconds())
		})
	}
}
