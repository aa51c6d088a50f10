package main_test

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jic-center/jic/internal/ingest"
)

// article is one real ANT article the harness releases in a feed.
type article struct {
	id, url, title, summary, text string
	published                     time.Time
}

// harness serves, on 127.0.0.1, feeds of real ANT articles released in
// time order a few at each request, article pages for the items that carry
// only a summary, the real feeds of ../shared/data/news/feeds, and feeds
// that fail every way a feed can.
type harness struct {
	mu       sync.Mutex
	srv      *httptest.Server
	hosts    map[string]string    // role → base URL on its own loopback address
	feeds    map[string][]article // path → articles in time order
	released map[string]int
	perPoll  int
}

func (h *harness) release(path string) []article {
	h.mu.Lock()
	defer h.mu.Unlock()
	n := min(len(h.feeds[path]), h.released[path]+h.perPoll)
	h.released[path] = n
	return h.feeds[path][:n]
}

// allReleased reports whether every article of every feed is out.
func (h *harness) allReleased() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	for p, items := range h.feeds {
		if h.released[p] < len(items) {
			return false
		}
	}
	return true
}

func (h *harness) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch p := r.URL.Path; {
	case p == "/ant/rss.xml":
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>ANT RSS</title><link>%s/</link><language>ar</language>`, h.srv.URL)
		for _, a := range h.release(p) {
			fmt.Fprintf(w, `<item><title>%s</title><link>%s/page/%s</link><guid>%s</guid><pubDate>%s</pubDate><description>%s</description></item>`,
				esc(a.title), h.hosts["pages"], a.id, esc(a.id), a.published.Format(time.RFC1123Z), esc(a.summary))
		}
		io.WriteString(w, `</channel></rss>`)
	case p == "/ant/atom.xml":
		w.Header().Set("Content-Type", "application/atom+xml")
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>ANT Atom</title><id>urn:ant</id><updated>2018-10-01T00:00:00Z</updated>`)
		for _, a := range h.release(p) {
			fmt.Fprintf(w, `<entry><title>%s</title><id>%s</id><link href="%s"/><published>%s</published><updated>%s</updated><content type="text">%s</content></entry>`,
				esc(a.title), esc(a.id), esc(a.url), a.published.Format(time.RFC3339), a.published.Format(time.RFC3339), esc(a.text))
		}
		io.WriteString(w, `</feed>`)
	case strings.HasPrefix(p, "/page/"):
		id := strings.TrimPrefix(p, "/page/")
		for _, a := range h.feeds["/ant/rss.xml"] {
			if a.id == id {
				fmt.Fprintf(w, `<!doctype html><html lang="ar"><head><title>%s</title></head><body><nav>الرئيسية</nav><article><h1>%s</h1><p>%s</p></article></body></html>`,
					html.EscapeString(a.title), html.EscapeString(a.title), strings.ReplaceAll(html.EscapeString(a.text), "\n", "</p><p>"))
				return
			}
		}
		http.NotFound(w, r)
	case p == "/bad/timeout.xml":
		time.Sleep(3 * time.Second) // the fetch timeout is 1 s
	case p == "/bad/500.xml":
		http.Error(w, "broken", http.StatusInternalServerError)
	case p == "/bad/304.xml":
		if r.Header.Get("If-None-Match") == `"same"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"same"`)
		fmt.Fprintf(w, `<rss version="2.0"><channel><title>Quiet</title><item><title>The only item</title><link>%s/page/none</link><guid>quiet-1</guid><description>%s</description></item></channel></rss>`,
			h.hosts["pages"], strings.Repeat("A long enough text for a full item. ", 30))
	case p == "/bad/loop.xml":
		http.Redirect(w, r, "/bad/loop.xml", http.StatusFound)
	case p == "/bad/huge.xml":
		io.WriteString(w, `<rss version="2.0"><channel><title>Huge</title><item><title>x</title><description>`)
		chunk := strings.Repeat("x", 1<<20)
		for range 12 {
			io.WriteString(w, chunk)
		}
	case p == "/bad/private.xml":
		http.Redirect(w, r, "http://10.0.0.1/feed.xml", http.StatusFound)
	case strings.HasPrefix(p, "/real/"):
		http.ServeFile(w, r, filepath.Join(realFeeds, filepath.Base(p)))
	default:
		http.NotFound(w, r)
	}
}

func esc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

var realFeeds string

// antArticles reads n real ANT articles, in publication order.
func antArticles(t *testing.T, data string, n int) []article {
	var out []article
	stop := fmt.Errorf("enough")
	err := ingest.Walk(filepath.Join(data, "news", "ant-arabic-news-v2.1.tar.gz"), ingest.Options{}, func(it ingest.Item) error {
		if it.Err != nil || it.Report.Published.IsZero() || len(it.Report.Text) < 600 {
			return nil
		}
		r := it.Report
		summary := r.Text
		if len(summary) > 200 {
			summary = strings.ToValidUTF8(summary[:200], "") + "…"
		}
		out = append(out, article{id: fmt.Sprintf("ant-%d", len(out)), url: r.URL, title: r.Title, summary: summary, text: r.Text, published: r.Published})
		if len(out) == n {
			return stop
		}
		return nil
	})
	if err != nil && err != stop {
		t.Fatal(err)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].published.Before(out[j].published) })
	return out
}

// TestLiveGathering runs jic serve against the harness, restarts it in
// the middle and kills it with SIGKILL in the middle, and checks that every
// released item is stored exactly once and nothing came from a refused
// address.
func TestLiveGathering(t *testing.T) {
	data := filepath.Join("..", "..", "..", "shared", "data")
	if _, err := os.Stat(filepath.Join(data, "news")); err != nil {
		t.Skip("../shared/data absent: live gathering test skipped")
	}
	if testing.Short() {
		t.Skip("-short: live gathering test skipped")
	}
	realFeeds = filepath.Join(data, "news", "feeds")
	arts := antArticles(t, data, 120)
	h := &harness{feeds: map[string][]article{"/ant/rss.xml": arts[:60], "/ant/atom.xml": arts[60:]}, released: map[string]int{}, perPoll: 15}
	h.srv = httptest.NewServer(h)
	defer h.srv.Close()
	// jic is polite to each host in turn: give each role its own loopback
	// address, as separate sites would be.
	h.hosts = map[string]string{}
	for i, role := range []string{"rss", "atom", "pages", "bad", "real"} {
		ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.%d:0", i+2))
		if err != nil {
			t.Fatal(err)
		}
		srv := &http.Server{Handler: h}
		go srv.Serve(ln)
		defer srv.Close()
		h.hosts[role] = "http://" + ln.Addr().String()
	}

	dir := t.TempDir()
	env := []string{"JIC_DATA=" + dir, "JIC_FETCH_TIMEOUT=1s", "JIC_RESCUE_AFTER=15s", "JIC_DATABASE=", "JIC_CONFIG="}
	jic := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Env = append(os.Environ(), env...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("jic %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	jic("init")
	sources := map[string]string{
		"ANT RSS": "rss/ant/rss.xml", "ANT Atom": "atom/ant/atom.xml",
		"NASA image of the day": "real/real/0390cb7970a0c01c35d7bfb28aa300d3.xml", "NASA feed 2": "real/real/ee43b6c3afd282f5ca6dd3c294ec1f2e.xml",
		"Global Voices": "real/real/globalvoices-2009.rss",
		"Timeout":       "bad/bad/timeout.xml", "Failing": "bad/bad/500.xml", "Not modified": "bad/bad/304.xml",
		"Loop": "bad/bad/loop.xml", "Huge": "bad/bad/huge.xml", "Private": "bad/bad/private.xml",
	}
	for name, where := range sources {
		role, path, _ := strings.Cut(where, "/")
		jic("source", "add", name, "feed", h.hosts[role]+"/"+path, "--every", "10s", "--reliability", "C")
	}
	token := strings.Fields(jic("token", "create", "--user", "admin"))[0] // the token line comes first

	var serve *exec.Cmd
	start := func() string {
		serve = exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--allow-net", "127.0.0.0/8")
		serve.Env = append(os.Environ(), env...)
		stdout, _ := serve.StdoutPipe()
		serve.Stderr = io.Discard
		if err := serve.Start(); err != nil {
			t.Fatal(err)
		}
		buf := make([]byte, 4096)
		n, _ := stdout.Read(buf)
		go io.Copy(io.Discard, stdout)
		line := string(buf[:n])
		i := strings.Index(line, "http://")
		if i < 0 {
			t.Fatalf("serve printed %q", line)
		}
		return strings.Fields(line[i:])[0]
	}
	defer func() {
		if serve != nil && serve.Process != nil {
			serve.Process.Kill()
			serve.Wait()
		}
	}()
	reports := func(url string) map[string]int {
		req, _ := http.NewRequest("GET", url+"api/reports?limit=1000", nil)
		req.Header.Set("Authorization", "Bearer "+token)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			return nil
		}
		defer res.Body.Close()
		var body struct {
			Reports []struct{ URL, Title string }
		}
		json.NewDecoder(res.Body).Decode(&body)
		count := map[string]int{}
		for _, r := range body.Reports {
			count[r.Title]++
		}
		return count
	}
	// Every article page comes from one host, which jic asks at most once
	// a second: the last part can take minutes on a loaded machine.
	waitFor := func(url string, what string, done func(map[string]int) bool) {
		t.Helper()
		deadline := time.Now().Add(5 * time.Minute)
		for i := 0; time.Now().Before(deadline); i++ {
			if c := reports(url); c != nil && done(c) {
				return
			}
			if i%40 == 39 {
				t.Logf("waiting for %s: %d reports\n%s", what, len(reports(url)), jic("source", "list"))
			}
			time.Sleep(500 * time.Millisecond)
		}
		t.Fatalf("timed out waiting for %s: %d reports", what, len(reports(url)))
	}
	total := func(c map[string]int) int {
		n := 0
		for _, v := range c {
			n += v
		}
		return n
	}

	url := start()
	waitFor(url, "a first part", func(c map[string]int) bool { return total(c) >= 30 })
	serve.Process.Signal(syscall.SIGTERM)
	if err := serve.Wait(); err != nil {
		t.Fatalf("serve after SIGTERM: %v", err)
	}
	url = start()
	waitFor(url, "a second part", func(c map[string]int) bool { return total(c) >= 75 })
	serve.Process.Kill() // kill -9, jobs in flight and all
	serve.Wait()
	url = start()

	realTitles := 15 + 60 + 10 // Global Voices and the two NASA feeds
	want := len(arts) + realTitles + 1
	waitFor(url, "every item", func(c map[string]int) bool { return h.allReleased() && total(c) >= want })
	time.Sleep(3 * time.Second) // anything stored twice would show now
	c := reports(url)
	for _, a := range arts {
		if c[a.title] != 1 {
			t.Errorf("article %q stored %d times, want once", a.title, c[a.title])
		}
	}
	if n := total(c); n != want {
		t.Errorf("%d reports, want %d (120 ANT articles, %d from the real feeds, 1 from the 304 feed)", n, want, realTitles)
	}

	var list []struct {
		Name   string
		Status struct {
			Items     int
			Failures  int
			LastError string `json:"last_error"`
		}
	}
	if err := json.Unmarshal([]byte(jic("source", "list", "--json")), &list); err != nil {
		t.Fatal(err)
	}
	wantErr := map[string]string{"Timeout": "within 1s", "Failing": "500", "Loop": "redirect loop", "Huge": "over the cap", "Private": "private address"}
	for _, s := range list {
		if w, bad := wantErr[s.Name]; bad {
			if s.Status.Failures == 0 || !strings.Contains(strings.ToLower(s.Status.LastError), w) {
				t.Errorf("source %s: %d failures, last error %q; want failures mentioning %q", s.Name, s.Status.Failures, s.Status.LastError, w)
			}
			if s.Status.Items != 0 {
				t.Errorf("source %s gave %d items", s.Name, s.Status.Items)
			}
		} else if s.Status.Failures != 0 {
			t.Errorf("source %s: %d failures (%s), want none", s.Name, s.Status.Failures, s.Status.LastError)
		}
	}
}
