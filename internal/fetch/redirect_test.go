package fetch_test

import (
	"context"
	"fmt"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"testing"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/fetch"
)

// chain redirects /r/N to /r/N+1 until N reaches end, which answers 200.
func chain(end int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/r/"))
		if n >= end {
			fmt.Fprintf(w, "end %d", n)
			return
		}
		http.Redirect(w, r, fmt.Sprintf("/r/%d", n+1), http.StatusFound)
	}
}

func TestRedirectFollowed(t *testing.T) {
	s := newServer(t, chain(3))
	c := newClient(t, fetch.Options{MaxRedirects: 3})
	resp, err := c.Get(context.Background(), fetch.Request{URL: s.URL + "/r/0"})
	if err != nil {
		t.Fatal(err)
	}
	if resp.URL != s.URL+"/r/3" || string(resp.Body) != "end 3" {
		t.Errorf("Get = %+v, want the body of /r/3", resp)
	}
}

func TestRedirectLimit(t *testing.T) {
	for _, tc := range []struct {
		max      int
		wantHits int64
	}{
		{3, 4},
		{-1, 1}, // follow none
	} {
		s := newServer(t, chain(1000))
		c := newClient(t, fetch.Options{MaxRedirects: tc.max})
		resp, err := c.Get(context.Background(), fetch.Request{URL: s.URL + "/r/0"})
		wantCode(t, fmt.Sprintf("MaxRedirects %d", tc.max), err, jic.EUNAVAILABLE)
		if !strings.Contains(jic.ErrorMessage(err), "redirects") {
			t.Errorf("message %q does not say redirects", jic.ErrorMessage(err))
		}
		if resp == nil || resp.Status != http.StatusFound {
			t.Errorf("Response = %+v, want the last 302", resp)
		}
		if n := s.hits.Load(); n != tc.wantHits {
			t.Errorf("MaxRedirects %d: server hits = %d, want %d", tc.max, n, tc.wantHits)
		}
	}
}

func TestRedirectLoop(t *testing.T) {
	s := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		next := map[string]string{"/a": "/b", "/b": "/a"}[r.URL.Path]
		http.Redirect(w, r, next, http.StatusMovedPermanently)
	})
	c := newClient(t, fetch.Options{MaxRedirects: 10})
	_, err := c.Get(context.Background(), fetch.Request{URL: s.URL + "/a"})
	wantCode(t, "Get loop", err, jic.EUNAVAILABLE)
	if !strings.Contains(jic.ErrorMessage(err), "loop") {
		t.Errorf("message %q does not say loop", jic.ErrorMessage(err))
	}
	if n := s.hits.Load(); n != 2 {
		t.Errorf("server hits = %d, want 2", n)
	}
}

// A redirect can lead nowhere the first URL could not: inside addresses
// and non-http schemes are refused without a connection, even when the
// redirecting server itself is on an opened range.
func TestRedirectRefused(t *testing.T) {
	dns := newFakeDNS(t, "192.168.1.10")
	for _, tc := range []struct {
		location string
		want     string
	}{
		{"http://10.0.0.1/", jic.EFORBIDDEN},
		{"http://169.254.169.254/latest/meta-data/", jic.EFORBIDDEN},
		{"http://[::1]:8080/", jic.EFORBIDDEN},
		{"http://[::ffff:10.0.0.1]/", jic.EFORBIDDEN},
		{"https://192.168.0.1/admin", jic.EFORBIDDEN},
		{"http://router.test/", jic.EFORBIDDEN}, // resolves to 192.168.1.10
		{"file:///etc/passwd", jic.EINVALID},
		{"ftp://example.org/", jic.EINVALID},
		{"gopher://127.0.0.1:6379/_INFO", jic.EINVALID},
		{"javascript:alert(1)", jic.EINVALID},
	} {
		t.Run(tc.location, func(t *testing.T) {
			s := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Location", tc.location)
				w.WriteHeader(http.StatusFound)
			})
			c := newClient(t, fetch.Options{Resolver: dns.resolver()})
			fetch.SetBeforeConnect(c, func(ap netip.AddrPort) error {
				if !ap.Addr().IsLoopback() || ap.Addr().Is6() {
					t.Errorf("dialing %v", ap)
					return errNoConnect
				}
				return nil
			})
			_, err := c.Get(context.Background(), fetch.Request{URL: s.URL + "/feed"})
			wantCode(t, "Get redirected to "+tc.location, err, tc.want)
			if msg := jic.ErrorMessage(err); !strings.HasPrefix(msg, "fetch "+s.URL+"/feed: ") {
				t.Errorf("message %q does not start with the URL asked for", msg)
			}
		})
	}
}

func TestRedirectWithoutLocation(t *testing.T) {
	s := newServer(t, func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusFound) })
	_, err := newClient(t, fetch.Options{}).Get(context.Background(), fetch.Request{URL: s.URL})
	wantCode(t, "Get", err, jic.EUNAVAILABLE)
}

// Messages name the URL asked for and the hop that failed, with passwords
// redacted.
func TestRedirectErrorMessage(t *testing.T) {
	s := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/a" {
			http.Redirect(w, r, "/gone", http.StatusMovedPermanently)
			return
		}
		http.NotFound(w, r)
	})
	host := strings.TrimPrefix(s.URL, "http://")
	_, err := newClient(t, fetch.Options{}).Get(context.Background(), fetch.Request{URL: "http://user:secret@" + host + "/a#frag"})
	wantCode(t, "Get", err, jic.ENOTFOUND)
	want := "fetch http://user:xxxxx@" + host + "/a#frag: redirected to http://user:xxxxx@" + host + "/gone: server answered 404 Not Found"
	if got := jic.ErrorMessage(err); got != want {
		t.Errorf("message = %q, want %q", got, want)
	}
}
