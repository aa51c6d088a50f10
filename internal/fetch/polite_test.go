package fetch_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/fetch"
)

// A 429 or 503 pauses the host until its Retry-After; meanwhile Get answers
// ETOOMANY at once without sending anything, and other hosts are unaffected.
func TestRetryAfter(t *testing.T) {
	start := newClock().Now()
	for _, tc := range []struct {
		name   string
		status int
		header string
		want   time.Time
	}{
		{"429 seconds", 429, "120", start.Add(120 * time.Second)},
		{"503 seconds", 503, "7", start.Add(7 * time.Second)},
		{"429 HTTP date", 429, "Wed, 21 Oct 2015 07:28:00 GMT", time.Date(2015, 10, 21, 7, 28, 0, 0, time.UTC)},
		{"503 HTTP date", 503, "Wed, 21 Oct 2015 09:00:00 GMT", time.Date(2015, 10, 21, 9, 0, 0, 0, time.UTC)},
		{"429 without header", 429, "", start.Add(fetch.DefaultRetryAfter)},
		{"503 unreadable header", 503, "soon", start.Add(fetch.DefaultRetryAfter)},
		{"429 a year", 429, "31536000", start.Add(fetch.MaxRetryAfter)},
		{"429 huge", 429, "99999999999999999", start.Add(fetch.MaxRetryAfter)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var busy atomic.Bool
			busy.Store(true)
			s := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				if busy.Load() {
					if tc.header != "" {
						w.Header().Set("Retry-After", tc.header)
					}
					w.WriteHeader(tc.status)
					return
				}
				io.WriteString(w, "ok")
			})
			dns := newFakeDNS(t, "127.0.0.1")
			clk := newClock()
			c := newClient(t, fetch.Options{Now: clk.Now, Resolver: dns.resolver()})
			ctx := context.Background()

			resp, err := c.Get(ctx, fetch.Request{URL: s.URL})
			wantCode(t, "Get", err, jic.ETOOMANY)
			if resp == nil || resp.Status != tc.status || !resp.RetryAfter.Equal(tc.want) {
				t.Fatalf("Response = %+v, want Status %d, RetryAfter %v", resp, tc.status, tc.want)
			}

			busy.Store(false)
			resp, err = c.Get(ctx, fetch.Request{URL: s.URL + "/other/path"})
			wantCode(t, "Get while paused", err, jic.ETOOMANY)
			if resp == nil || resp.Status != 0 || !resp.RetryAfter.Equal(tc.want) {
				t.Errorf("Response while paused = %+v, want Status 0, RetryAfter %v", resp, tc.want)
			}
			if n := s.hits.Load(); n != 1 {
				t.Errorf("server hits while paused = %d, want 1", n)
			}

			// Another host name is not paused, even on the same server.
			if _, err := c.Get(ctx, fetch.Request{URL: "http://other.test:" + s.port()}); err != nil {
				t.Errorf("Get other host while paused: %v", err)
			}

			clk.Add(tc.want.Sub(clk.Now()))
			if resp, err := c.Get(ctx, fetch.Request{URL: s.URL}); err != nil || string(resp.Body) != "ok" {
				t.Errorf("Get after Retry-After = %v, %v", resp, err)
			}
		})
	}
}

// No more than PerHost requests to one host are in flight at once.
func TestPerHostConcurrency(t *testing.T) {
	const perHost, total = 2, 6
	var inFlight, most atomic.Int64
	entered := make(chan struct{}, total)
	release := make(chan struct{})
	s := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for {
			m := most.Load()
			if n <= m || most.CompareAndSwap(m, n) {
				break
			}
		}
		entered <- struct{}{}
		<-release
	})
	c := newClient(t, fetch.Options{PerHost: perHost})

	var wg sync.WaitGroup
	errs := make(chan error, total)
	for range total {
		wg.Go(func() {
			_, err := c.Get(context.Background(), fetch.Request{URL: s.URL})
			errs <- err
		})
	}
	for range perHost {
		<-entered
	}
	select {
	case <-entered:
		t.Errorf("a request entered while %d were in flight", perHost)
	case <-time.After(50 * time.Millisecond):
	}
	close(release)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if got := most.Load(); got != perHost {
		t.Errorf("most requests in flight = %d, want %d", got, perHost)
	}
	if got := s.hits.Load(); got != total {
		t.Errorf("server hits = %d, want %d", got, total)
	}
}

// A second request to a host within HostInterval waits (and gives up with
// its context); another host does not wait; once the clock has moved on,
// the host may be asked again.
func TestHostInterval(t *testing.T) {
	s := newServer(t, func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") })
	dns := newFakeDNS(t, "127.0.0.1")
	clk := newClock()
	c := newClient(t, fetch.Options{Now: clk.Now, HostInterval: time.Hour, Resolver: dns.resolver()})
	bg := context.Background()

	if _, err := c.Get(bg, fetch.Request{URL: s.URL}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(bg, 50*time.Millisecond)
	defer cancel()
	if _, err := c.Get(ctx, fetch.Request{URL: s.URL}); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("second Get within the interval = %v, want it to wait until ctx ends", err)
	}
	if n := s.hits.Load(); n != 1 {
		t.Fatalf("server hits = %d, want 1", n)
	}
	if _, err := c.Get(bg, fetch.Request{URL: "http://other.test:" + s.port()}); err != nil {
		t.Fatalf("Get another host: %v", err)
	}
	clk.Add(time.Hour)
	if _, err := c.Get(bg, fetch.Request{URL: s.URL}); err != nil {
		t.Fatalf("Get after the interval: %v", err)
	}
	if n := s.hits.Load(); n != 3 {
		t.Errorf("server hits = %d, want 3", n)
	}
}

// Requests to one host are spaced by HostInterval on the real clock: three
// of them cannot all have reached the server less than two intervals after
// they were started. This is a lower bound, which timers guarantee, never
// an upper one.
func TestHostIntervalSpacing(t *testing.T) {
	const interval = 20 * time.Millisecond
	var mu sync.Mutex
	var last time.Time
	s := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		last = time.Now()
		mu.Unlock()
	})
	c := newClient(t, fetch.Options{HostInterval: interval, PerHost: 3})
	t0 := time.Now()
	var wg sync.WaitGroup
	for range 3 {
		wg.Go(func() {
			if _, err := c.Get(context.Background(), fetch.Request{URL: s.URL}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if span := last.Sub(t0); span < 2*interval {
		t.Errorf("three requests reached the server %v after they were started, want at least %v", span, 2*interval)
	}
}
