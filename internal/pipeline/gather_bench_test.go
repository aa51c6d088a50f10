package pipeline_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"os"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/fetch"
	"github.com/jic-center/jic/internal/pipeline"
)

// feedFarm serves feeds from many loopback addresses, as many sites would:
// each feed holds items full-text items, or summaries whose article pages
// it also serves. Each poll of a feed releases perPoll new items.
type feedFarm struct {
	hosts    []string
	items    int
	perPoll  int
	summary  bool
	released sync64
	requests atomic.Int64
}

type sync64 struct{ m [4096]atomic.Int64 }

func (f *feedFarm) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.requests.Add(1)
	var feed, item int
	if n, _ := fmt.Sscanf(r.URL.Path, "/page/%d/%d", &feed, &item); n == 2 {
		fmt.Fprintf(w, `<html><head><title>Story %d-%d</title></head><body><article><h1>Story %d-%d</h1><p>%s</p></article></body></html>`,
			feed, item, feed, item, strings.Repeat(fmt.Sprintf("Officials said event %d-%d unfolded over the day. ", feed, item), 20))
		return
	}
	fmt.Sscanf(r.URL.Path, "/feed/%d.xml", &feed)
	n := min(f.items, int(f.released.m[feed%4096].Add(int64(f.perPoll))))
	var b strings.Builder
	fmt.Fprintf(&b, `<rss version="2.0"><channel><title>Feed %d</title>`, feed)
	for i := range n {
		text := strings.Repeat(fmt.Sprintf("Heavy rains flooded district %d-%d, officials said. ", feed, i), 12)
		if f.summary {
			text = fmt.Sprintf("Officials said event %d-%d… Read more", feed, i)
		}
		fmt.Fprintf(&b, `<item><title>Story %d-%d</title><link>http://%s/page/%d/%d</link><guid>%d-%d</guid><pubDate>%s</pubDate><description>%s</description></item>`,
			feed, i, r.Host, feed, i, feed, i, time.Unix(1530000000+int64(i)*60, 0).UTC().Format(time.RFC1123Z), text)
	}
	b.WriteString(`</channel></rss>`)
	w.Header().Set("Content-Type", "application/rss+xml")
	w.Write([]byte(b.String()))
}

// serve starts the farm on n loopback addresses (127.0.1.1, ...).
func (f *feedFarm) serve(tb testing.TB, n int) {
	for i := range n {
		ln, err := net.Listen("tcp", fmt.Sprintf("127.0.%d.%d:0", 1+i/250, 1+i%250))
		if err != nil {
			tb.Fatal(err)
		}
		srv := &http.Server{Handler: f}
		go srv.Serve(ln)
		tb.Cleanup(func() { srv.Close() })
		f.hosts = append(f.hosts, ln.Addr().String())
	}
}

// gatherRun polls sources until want reports are stored and returns the
// time it took.
func gatherRun(tb *testing.T, farm *feedFarm, feeds, want int) time.Duration {
	client := fetch.New(fetch.Options{AllowNets: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}})
	s, q := sqliteBackend(tb, func(s jic.Store) pipeline.Deps { return pipeline.Deps{Store: s, Fetch: client} })
	m := &jic.Member{Name: "Bench", Founding: true, RotationOrder: 1}
	if err := s.CreateMember(context.Background(), m); err != nil {
		tb.Fatal(err)
	}
	for i := range feeds {
		src := &jic.Source{Name: fmt.Sprintf("feed %d", i), Kind: jic.SourceFeed, OwnerMemberID: m.ID, PollInterval: 10 * time.Second,
			URL: fmt.Sprintf("http://%s/feed/%d.xml", farm.hosts[i%len(farm.hosts)], i)}
		if err := s.CreateSource(context.Background(), src); err != nil {
			tb.Fatal(err)
		}
	}
	start := time.Now()
	if err := q.Start(context.Background()); err != nil {
		tb.Fatal(err)
	}
	defer q.Stop(context.Background())
	for {
		n, err := s.CountReports(context.Background(), jic.SystemViewer)
		if err != nil {
			tb.Fatal(err)
		}
		if n >= want {
			return time.Since(start)
		}
		if time.Since(start) > 10*time.Minute {
			tb.Fatalf("only %d of %d reports in 10 minutes", n, want)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestGatherThroughput measures items gathered per second from a local
// farm of 100 sites with 10 feeds each: full-text items, then items whose
// article page must be fetched. Set JIC_BENCH_GATHER=1 to run it; it
// prints a table for BENCHMARKS.md.
func TestGatherThroughput(t *testing.T) {
	if os.Getenv("JIC_BENCH_GATHER") == "" {
		t.Skip("a benchmark: set JIC_BENCH_GATHER=1 to run it")
	}
	fmt.Printf("%-28s %8s %8s %10s %10s\n", "case", "feeds", "items", "seconds", "items/s")
	for _, c := range []struct {
		name    string
		summary bool
	}{{"full-text feed items", false}, {"summaries + article pages", true}} {
		farm := &feedFarm{items: 20, perPoll: 20, summary: c.summary}
		farm.serve(t, 100)
		d := gatherRun(t, farm, 1000, 1000*20)
		fmt.Printf("%-28s %8d %8d %10.1f %10.0f\n", c.name, 1000, 20000, d.Seconds(), 20000/d.Seconds())
	}
}

// TestThousandSourcesMemory polls 1,000 feeds every minute for five
// minutes and prints the process's heap and resident memory. Set
// JIC_BENCH_GATHER=1 to run it.
func TestThousandSourcesMemory(t *testing.T) {
	if os.Getenv("JIC_BENCH_GATHER") == "" {
		t.Skip("a benchmark: set JIC_BENCH_GATHER=1 to run it")
	}
	farm := &feedFarm{items: 30, perPoll: 2}
	farm.serve(t, 100)
	client := fetch.New(fetch.Options{AllowNets: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}})
	s, q := sqliteBackend(t, func(s jic.Store) pipeline.Deps { return pipeline.Deps{Store: s, Fetch: client} })
	m := &jic.Member{Name: "Bench", Founding: true, RotationOrder: 1}
	s.CreateMember(context.Background(), m)
	for i := range 1000 {
		src := &jic.Source{Name: fmt.Sprintf("feed %d", i), Kind: jic.SourceFeed, OwnerMemberID: m.ID, PollInterval: time.Minute,
			URL: fmt.Sprintf("http://%s/feed/%d.xml", farm.hosts[i%len(farm.hosts)], i)}
		s.CreateSource(context.Background(), src)
	}
	q.Start(context.Background())
	defer q.Stop(context.Background())
	fmt.Printf("%-8s %10s %10s %10s %10s\n", "minute", "requests", "reports", "heap MB", "RSS MB")
	for minute := 1; minute <= 5; minute++ {
		time.Sleep(time.Minute)
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		n, _ := s.CountReports(context.Background(), jic.SystemViewer)
		fmt.Printf("%-8d %10d %10d %10.1f %10.1f\n", minute, farm.requests.Load(), n, float64(ms.HeapAlloc)/1e6, rssMB())
	}
}

// rssMB reads the resident set size from /proc (Linux).
func rssMB() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmRSS:") {
			var kb float64
			fmt.Sscanf(strings.TrimPrefix(line, "VmRSS:"), "%f", &kb)
			return kb / 1024
		}
	}
	return 0
}
