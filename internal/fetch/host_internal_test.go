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
