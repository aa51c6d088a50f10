package fetch

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// Hosts nobody uses and nothing binds are forgotten once the map grows;
// a paused host is remembered.
func TestHostsArePruned(t *testing.T) {
	c := New(Options{HostInterval: -1})
	ctx := context.Background()
	h, err := c.enter(ctx, "paused.example")
	if err != nil {
		t.Fatal(err)
	}
	c.pause(h, time.Now().Add(time.Hour))
	c.leave(h, true)
	for i := range 10 * minSweep {
		h, err := c.enter(ctx, fmt.Sprintf("host%d.example", i))
		if err != nil {
			t.Fatal(err)
		}
		c.leave(h, true)
	}
	c.mu.Lock()
	n, paused := len(c.hosts), c.hosts["paused.example"]
	c.mu.Unlock()
	if n > 2*minSweep {
		t.Errorf("%d hosts remembered after %d idle ones, want at most %d", n, 10*minSweep, 2*minSweep)
	}
	if paused == nil {
		t.Error("the paused host was forgotten")
	}
	if _, err := c.enter(ctx, "paused.example"); err == nil {
		t.Error("enter on the paused host succeeded")
	}
}

// Reserve hands out a host's turns HostInterval apart, counting the latest
// request and a Retry-After pause, and each host has its own.
func TestReserve(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c := New(Options{HostInterval: time.Second, Now: func() time.Time { return now }})
	for i, want := range []time.Duration{0, time.Second, 2 * time.Second} {
		if got := c.Reserve("http://a.example/page/" + fmt.Sprint(i)); got != want {
			t.Errorf("Reserve #%d on a.example = %v, want %v", i+1, got, want)
		}
	}
	if got := c.Reserve("http://b.example:8080/x"); got != 0 {
		t.Errorf("Reserve on another host = %v, want 0", got)
	}
	now = now.Add(5 * time.Second) // the bookings are past
	if got := c.Reserve("http://a.example/"); got != 0 {
		t.Errorf("Reserve after the bookings passed = %v, want 0", got)
	}
	c.mu.Lock()
	h := c.hostLocked("b.example")
	c.mu.Unlock()
	c.pause(h, now.Add(time.Minute))
	if got := c.Reserve("http://b.example:8080/y"); got != time.Minute {
		t.Errorf("Reserve on a paused host = %v, want the pause (1m)", got)
	}
	if got := c.Reserve("not a url"); got != 0 {
		t.Errorf("Reserve(bad URL) = %v, want 0", got)
	}
}
