package pipeline_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/fetch"
	"github.com/jic-center/jic/internal/pipeline"
)

// gatherEnv is a store, a running queue whose fetch client may reach
// loopback, and a member owning the sources.
type gatherEnv struct {
	t     *testing.T
	s     jic.Store
	q     *pipeline.Queue
	owner int64
}

func newGatherEnv(t *testing.T) *gatherEnv {
	client := fetch.New(fetch.Options{AllowNets: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}, HostInterval: -1})
	s, q := sqliteBackend(t, func(s jic.Store) pipeline.Deps {
		return pipeline.Deps{Store: s, Fetch: client, Log: slog.New(slog.DiscardHandler)}
	})
	m := &jic.Member{Name: "Alpha", Founding: true, RotationOrder: 1}
	if err := s.CreateMember(t.Context(), m); err != nil {
		t.Fatal(err)
	}
	if err := q.Start(t.Context()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q.Stop(context.Background()) })
	return &gatherEnv{t: t, s: s, q: q, owner: m.ID}
}

func (e *gatherEnv) source(name string, kind jic.SourceKind, url string) *jic.Source {
	src := &jic.Source{Name: name, Kind: kind, URL: url, OwnerMemberID: e.owner, Reliability: "B", DefaultMarking: jic.TLPGreen}
	if err := e.s.CreateSource(e.t.Context(), src); err != nil {
		e.t.Fatal(err)
	}
	return src
}

// pollAndWait polls a source and waits until its status records a new poll.
func (e *gatherEnv) pollAndWait(src *jic.Source) *jic.Source {
	e.t.Helper()
	before, _ := e.s.Source(e.t.Context(), src.ID)
	deadline := time.Now().Add(20 * time.Second)
	for i := 0; time.Now().Before(deadline); i++ {
		// A poll job still finishing makes Poll a no-op: ask again.
		if i%10 == 0 {
			if err := e.q.Poll(e.t.Context(), src.ID); err != nil {
				e.t.Fatal(err)
			}
		}
		got, err := e.s.Source(e.t.Context(), src.ID)
		if err != nil {
			e.t.Fatal(err)
		}
		if got.Status.LastPoll.After(before.Status.LastPoll) {
			return got
		}
		time.Sleep(50 * time.Millisecond)
	}
	e.t.Fatalf("source %s was not polled in 20s", src.Name)
	return nil
}

// waitReports waits until v sees n reports and returns them.
func (e *gatherEnv) waitReports(n int) []*jic.Report {
	e.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		list, err := e.s.Reports(e.t.Context(), jic.SystemViewer, jic.ReportFilter{Limit: 1000})
		if err != nil {
			e.t.Fatal(err)
		}
		if len(list) >= n || time.Now().After(deadline) {
			if len(list) != n {
				e.t.Fatalf("%d reports, want %d", len(list), n)
			}
			return list
		}
		time.Sleep(50 * time.Millisecond)
	}
}

const rss = `<?xml version="1.0"?>
<rss version="2.0"><channel><title>Test wire</title><link>%[1]s/</link><language>en</language>
<item><title>Full story</title><link>%[1]s/a/1</link><guid>urn:1</guid><pubDate>Sun, 15 Jul 2018 21:56:56 +0400</pubDate>
<description>%[2]s</description></item>
<item><title>Summary only</title><link>%[1]s/a/2</link><guid>urn:2</guid><pubDate>Sun, 15 Jul 2018 22:10 +0400</pubDate>
<description>Officials said a ceasefire… Read more</description></item>
</channel></rss>`

var longText = strings.Repeat("Heavy rains flooded the capital on Sunday, officials said, and thousands left their homes. ", 12)

const article = `<!doctype html><html lang="en"><head><title>Ceasefire agreed</title>
<link rel="canonical" href="https://www.reuters.com/world/ceasefire"></head><body><nav>Home | World</nav>
<article><h1>Ceasefire agreed</h1><p>%s</p><p>The original source of this article is Reuters.</p></article></body></html>`

func TestFeedPolling(t *testing.T) {
	e := newGatherEnv(t)
	var feedHits, articleHits atomic.Int32
	mux := http.NewServeMux()
	var srvURL string
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		feedHits.Add(1)
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, rss, srvURL, longText)
	})
	mux.HandleFunc("/a/2", func(w http.ResponseWriter, r *http.Request) {
		articleHits.Add(1)
		fmt.Fprintf(w, article, longText)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	srvURL = srv.URL

	src := e.source("Test wire", jic.SourceFeed, srv.URL+"/feed.xml")
	got := e.pollAndWait(src)
	if got.Status.Failures != 0 || got.Status.LastSuccess.IsZero() {
		t.Fatalf("status after a good poll = %+v", got.Status)
	}
	list := e.waitReports(2)
	byTitle := map[string]*jic.Report{}
	for _, r := range list {
		byTitle[r.Title] = r
	}
	full, fetched := byTitle["Full story"], byTitle["Summary only"]
	if full == nil || fetched == nil {
		t.Fatalf("reports = %v", list)
	}
	if !strings.Contains(fetched.Text, "Heavy rains") || fetched.OriginalOutlet == "" || fetched.SourceID != src.ID || fetched.Marking != jic.TLPGreen {
		t.Errorf("the summary-only item = %+v, want the article's text, its original outlet, the source and its marking", fetched)
	}
	if full.Published.IsZero() || fetched.Published.IsZero() {
		t.Errorf("published times lost: %v, %v", full.Published, fetched.Published)
	}
	// Polled again: a 304, nothing new, nothing fetched again.
	e.pollAndWait(src)
	e.pollAndWait(src)
	if n, _ := e.s.CountReports(t.Context(), jic.SystemViewer); n != 2 || articleHits.Load() != 1 {
		t.Errorf("after more polls: %d reports, %d article fetches; want 2 and 1", n, articleHits.Load())
	}
	if feedHits.Load() != 3 {
		t.Errorf("feed requests = %d, want 3", feedHits.Load())
	}
}

func TestFailingSourceBacksOff(t *testing.T) {
	e := newGatherEnv(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "boom", http.StatusInternalServerError)
	}))
	defer srv.Close()
	src := e.source("Broken", jic.SourceFeed, srv.URL+"/feed.xml")
	var got *jic.Source
	for range jic.FailingAfter {
		got = e.pollAndWait(src)
	}
	st := got.Status
	if st.Failures != jic.FailingAfter || !st.Failing() || !strings.Contains(st.LastError, "500") {
		t.Errorf("status after %d failures = %+v", jic.FailingAfter, st)
	}
	if wait := st.NextPoll.Sub(st.LastPoll); wait < 4*src.PollInterval {
		t.Errorf("next poll %v after the last, want a backoff of at least 4 intervals", wait)
	}
	refused := e.source("Inside", jic.SourceFeed, "http://10.1.2.3/feed.xml")
	got = e.pollAndWait(refused)
	if !strings.Contains(got.Status.LastError, "private") {
		t.Errorf("a private address: last error %q, want it refused as private", got.Status.LastError)
	}
}

func TestDirectoryIntake(t *testing.T) {
	e := newGatherEnv(t)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "one.txt"), []byte("Dropped report\nA partner dropped this file in the folder."), 0o600)
	os.WriteFile(filepath.Join(dir, "two.jsonl"), []byte(`{"title":"From JSON","text":"Second file."}`+"\n"+`{"title":"Also JSON","text":"Third report."}`+"\n"), 0o600)
	os.WriteFile(filepath.Join(dir, ".hidden"), []byte("ignored"), 0o600)
	src := e.source("Drop folder", jic.SourceDir, dir)
	got := e.pollAndWait(src)
	if got.Status.Failures != 0 || got.Status.Items != 3 {
		t.Fatalf("status = %+v, want 3 items", got.Status)
	}
	e.waitReports(3)
	if _, err := os.Stat(filepath.Join(dir, ".jic-done", "one.txt")); err != nil {
		t.Errorf("the ingested file was not moved aside: %v", err)
	}
	e.pollAndWait(src)
	if n, _ := e.s.CountReports(t.Context(), jic.SystemViewer); n != 3 {
		t.Errorf("after a second poll: %d reports, want 3", n)
	}
}

func TestMboxIntake(t *testing.T) {
	e := newGatherEnv(t)
	box := filepath.Join(t.TempDir(), "partners.mbox")
	mbox := "From alice@partner.example Mon Jan  1 00:00:00 2026\n" +
		"From: Alice <alice@partner.example>\nSubject: Situation in Hodeidah\nMessage-ID: <m1@partner.example>\nDate: Mon, 1 Jan 2026 10:00:00 +0000\n\n" +
		"Our team reports calm in the port area.\n\n" +
		"From bob@other.example Mon Jan  1 00:00:00 2026\n" +
		"From: bob@other.example\nSubject: Checkpoint closed\nMessage-ID: <m2@other.example>\n\nThe northern checkpoint closed at noon.\n"
	os.WriteFile(box, []byte(mbox), 0o600)
	src := e.source("Partner mailbox", jic.SourceMail, box)
	e.pollAndWait(src)
	list := e.waitReports(2)
	for _, r := range list {
		s, _ := e.s.Source(t.Context(), r.SourceID)
		if !strings.HasPrefix(s.Name, "mail: ") || r.Raw != nil && len(r.Raw) == 0 {
			t.Errorf("report %q from source %q, want a sender source", r.Title, s.Name)
		}
	}
	e.pollAndWait(src)
	if n, _ := e.s.CountReports(t.Context(), jic.SystemViewer); n != 2 {
		t.Errorf("after a second poll: %d reports, want 2", n)
	}
}
