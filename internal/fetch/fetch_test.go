package fetch_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/fetch"
)

func gzipped(t testing.TB, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(b)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const feed = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>`

func TestGetGzip(t *testing.T) {
	body := gzipped(t, []byte(feed))
	var ua, ae, accept string
	s := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		ua, ae, accept = r.UserAgent(), r.Header.Get("Accept-Encoding"), r.Header.Get("Accept")
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(body)
	})
	clk := newClock()
	c := newClient(t, fetch.Options{Now: clk.Now})
	resp, err := c.Get(context.Background(), fetch.Request{URL: s.URL + "/rss#top", Accept: "application/rss+xml"})
	if err != nil {
		t.Fatal(err)
	}
	if string(resp.Body) != feed {
		t.Errorf("Body = %q, want %q", resp.Body, feed)
	}
	if resp.Status != 200 || resp.ContentType != "application/rss+xml" || resp.URL != s.URL+"/rss" || !resp.Fetched.Equal(clk.Now()) {
		t.Errorf("Response = %+v", resp)
	}
	if ua != fetch.DefaultUserAgent || ae != "gzip" || accept != "application/rss+xml" {
		t.Errorf("sent User-Agent %q, Accept-Encoding %q, Accept %q", ua, ae, accept)
	}
}

// ETag and Last-Modified go out as If-None-Match and If-Modified-Since; a
// 304 comes back as NotModified with the validators kept.
func TestGetConditional(t *testing.T) {
	const etag, lastMod = `"v1"`, "Wed, 21 Oct 2015 07:28:00 GMT"
	version := etag
	var inm, ims string
	s := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		inm, ims = r.Header.Get("If-None-Match"), r.Header.Get("If-Modified-Since")
		if inm == version {
			w.WriteHeader(http.StatusNotModified) // no validators repeated
			return
		}
		w.Header().Set("ETag", version)
		w.Header().Set("Last-Modified", lastMod)
		io.WriteString(w, feed+version)
	})
	c := newClient(t, fetch.Options{})
	ctx := context.Background()

	first, err := c.Get(ctx, fetch.Request{URL: s.URL})
	if err != nil {
		t.Fatal(err)
	}
	if first.ETag != etag || first.LastModified != lastMod || first.NotModified || inm != "" || ims != "" {
		t.Fatalf("first Get = %+v (sent %q, %q)", first, inm, ims)
	}

	again, err := c.Get(ctx, fetch.Request{URL: s.URL, ETag: first.ETag, LastModified: first.LastModified})
	if err != nil {
		t.Fatal(err)
	}
	if inm != etag || ims != lastMod {
		t.Errorf("sent If-None-Match %q, If-Modified-Since %q, want %q, %q", inm, ims, etag, lastMod)
	}
	if !again.NotModified || again.Status != 304 || len(again.Body) != 0 || again.ETag != etag || again.LastModified != lastMod {
		t.Errorf("conditional Get = %+v, want NotModified with validators kept", again)
	}

	version = `"v2"`
	changed, err := c.Get(ctx, fetch.Request{URL: s.URL, ETag: again.ETag, LastModified: again.LastModified})
	if err != nil {
		t.Fatal(err)
	}
	if changed.NotModified || changed.ETag != `"v2"` || string(changed.Body) != feed+`"v2"` {
		t.Errorf("Get after change = %+v", changed)
	}
}

func TestGetBodyCap(t *testing.T) {
	const max = 1000
	emptyMembers := bytes.Repeat(gzipped(t, nil), 2*max/20) // decodes to nothing, over the cap on the wire
	for _, tc := range []struct {
		name    string
		handler http.HandlerFunc
		want    string
	}{
		{"at the cap", func(w http.ResponseWriter, r *http.Request) {
			w.Write(make([]byte, max))
		}, ""},
		{"gzip at the cap", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(gzipped(t, make([]byte, max)))
		}, ""},
		{"declared length over the cap", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Length", "1001")
			w.Write(make([]byte, max+1))
		}, jic.ETOOLARGE},
		{"chunked over the cap", func(w http.ResponseWriter, r *http.Request) {
			for range 3 {
				w.Write(make([]byte, max/2))
				w.(http.Flusher).Flush()
			}
		}, jic.ETOOLARGE},
		{"gzip over the cap", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(gzipped(t, make([]byte, max+1)))
		}, jic.ETOOLARGE},
		{"endless empty gzip members", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Encoding", "gzip")
			w.(http.Flusher).Flush() // chunked: no length to refuse early
			w.Write(emptyMembers)
		}, jic.ETOOLARGE},
		{"empty gzip body", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Encoding", "gzip")
		}, ""},
		{"corrupt gzip", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Encoding", "gzip")
			io.WriteString(w, "not gzip at all")
		}, jic.EUNAVAILABLE},
		{"encoding not asked for", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Encoding", "br")
			io.WriteString(w, "brotli?")
		}, jic.EINVALID},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newServer(t, tc.handler)
			c := newClient(t, fetch.Options{MaxBytes: max})
			resp, err := c.Get(context.Background(), fetch.Request{URL: s.URL})
			wantCode(t, "Get", err, tc.want)
			if err != nil && (resp == nil || resp.Status != 200 || resp.Body != nil) {
				t.Errorf("Response with error = %+v, want Status 200 and no Body", resp)
			}
		})
	}
}

// A gzip bomb (about 1 GB of zeros in 1 MB of gzip members) stops at the
// cap: ETOOLARGE, and the client allocates a few MiB, not the bomb.
func TestGzipBomb(t *testing.T) {
	bomb := bytes.Repeat(gzipped(t, make([]byte, 1<<20)), 1000)
	s := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(bomb)
	})
	c := newClient(t, fetch.Options{MaxBytes: 1 << 20})

	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := c.Get(context.Background(), fetch.Request{URL: s.URL})
	runtime.ReadMemStats(&after)
	wantCode(t, "Get bomb", err, jic.ETOOLARGE)
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
		t.Errorf("allocated %d MiB reading a bomb capped at 1 MiB", alloc>>20)
	}
}

func TestGetTimeout(t *testing.T) {
	for _, tc := range []struct {
		name    string
		handler http.HandlerFunc
	}{
		{"slow headers", func(w http.ResponseWriter, r *http.Request) {
			waitGone(r)
		}},
		{"slow body", func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, "<rss>")
			w.(http.Flusher).Flush()
			waitGone(r)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newServer(t, tc.handler)
			c := newClient(t, fetch.Options{Timeout: 100 * time.Millisecond})
			_, err := c.Get(context.Background(), fetch.Request{URL: s.URL})
			wantCode(t, "Get", err, jic.EUNAVAILABLE)
			if !strings.Contains(jic.ErrorMessage(err), "within 100ms") {
				t.Errorf("message %q does not name the timeout", jic.ErrorMessage(err))
			}
		})
	}
}

// waitGone holds a handler until the client goes away (or 10s pass).
func waitGone(r *http.Request) {
	select {
	case <-r.Context().Done():
	case <-time.After(10 * time.Second):
	}
}

// The caller's own cancellation is not a domain error: it stays
// context.Canceled / DeadlineExceeded.
func TestGetCallerContext(t *testing.T) {
	s := newServer(t, func(w http.ResponseWriter, r *http.Request) { waitGone(r) })
	c := newClient(t, fetch.Options{})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := c.Get(ctx, fetch.Request{URL: s.URL})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Get with expiring ctx = %v, want context.DeadlineExceeded", err)
	}
}

func TestGetStatus(t *testing.T) {
	for _, tc := range []struct {
		status int
		want   string
	}{
		{200, ""},
		{204, ""},
		{403, jic.EUNAVAILABLE},
		{404, jic.ENOTFOUND},
		{410, jic.ENOTFOUND},
		{500, jic.EUNAVAILABLE},
		{502, jic.EUNAVAILABLE},
		{300, jic.EUNAVAILABLE},
	} {
		s := newServer(t, func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(tc.status)
			io.WriteString(w, "page")
		})
		c := newClient(t, fetch.Options{})
		resp, err := c.Get(context.Background(), fetch.Request{URL: s.URL})
		wantCode(t, http.StatusText(tc.status), err, tc.want)
		if resp == nil || resp.Status != tc.status {
			t.Errorf("status %d: Response = %+v", tc.status, resp)
		}
	}
}

func TestGetBadURL(t *testing.T) {
	for _, u := range []string{
		"",
		"example.org/feed",
		"//example.org/feed",
		"ftp://example.org/feed",
		"file:///etc/passwd",
		"javascript:alert(1)",
		"gopher://127.0.0.1:25/",
		"http://",
		"http:///feed",
		"http://example.org:99999/",
		"http://example.org:0/",
		"http://[::1",
		"http://example.org/" + strings.Repeat("a", fetch.MaxURLBytes),
	} {
		_, err := newClient(t, fetch.Options{}).Get(context.Background(), fetch.Request{URL: u})
		wantCode(t, "Get "+u, err, jic.EINVALID)
	}
}

func TestGetUnreachable(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + l.Addr().String() + "/"
	l.Close()
	_, err = newClient(t, fetch.Options{}).Get(context.Background(), fetch.Request{URL: closed})
	wantCode(t, "Get closed port", err, jic.EUNAVAILABLE)
	if msg := jic.ErrorMessage(err); !strings.Contains(msg, "connection refused") || !strings.HasPrefix(msg, "fetch "+closed) {
		t.Errorf("message = %q", msg)
	}

	dns := newFakeDNS(t) // answers nothing
	_, err = newClient(t, fetch.Options{Resolver: dns.resolver()}).Get(context.Background(), fetch.Request{URL: "http://nowhere.test/"})
	wantCode(t, "Get unresolvable name", err, jic.EUNAVAILABLE)
	if msg := jic.ErrorMessage(err); !strings.Contains(msg, "cannot resolve nowhere.test") {
		t.Errorf("message = %q", msg)
	}
}

func TestGetHeaderInjection(t *testing.T) {
	s := newServer(t, func(w http.ResponseWriter, r *http.Request) {})
	for _, req := range []fetch.Request{
		{URL: s.URL, ETag: "\"v1\"\r\nX-Evil: 1"},
		{URL: s.URL, LastModified: "x\nHost: other"},
		{URL: s.URL, Accept: "text/html\r\n"},
	} {
		_, err := newClient(t, fetch.Options{}).Get(context.Background(), req)
		wantCode(t, "Get with a line break in a header", err, jic.EINVALID)
	}
	if n := s.hits.Load(); n != 0 {
		t.Errorf("server hits = %d, want 0", n)
	}
}
