package fetch

import (
	"context"
	"strings"
	"time"
)

// hostState is what the Client remembers about one host to be polite to it.
// Fields other than slots are guarded by Client.mu.
type hostState struct {
	slots  chan struct{} // one token per request in flight; capacity PerHost
	last   time.Time     // start of the latest request
	booked time.Time     // the latest turn handed out by Reserve
	until  time.Time     // no request before this (Retry-After, 429, 503)
	users  int           // calls between enter and leave; 0 means prunable
}

// pausedError is returned by enter while a host has asked us to wait.
type pausedError struct {
	until time.Time
}

func (e *pausedError) Error() string {
	return "the server asked not to be called before " + e.until.UTC().Format(time.RFC3339)
}

// minSweep is the number of remembered hosts below which idle ones are not
// pruned.
const minSweep = 256

// enter waits for a turn to send one request to host: a free slot out of
// PerHost and HostInterval since the previous start. It returns a
// *pausedError at once while the host's Retry-After holds, and ctx.Err() if
// ctx ends while waiting. On success the caller must call leave(h, true).
func (c *Client) enter(ctx context.Context, host string) (*hostState, error) {
	c.mu.Lock()
	h := c.hostLocked(host)
	h.users++
	until := h.until
	c.mu.Unlock()
	if c.now().Before(until) {
		c.leave(h, false)
		return nil, &pausedError{until: until}
	}

	select {
	case h.slots <- struct{}{}:
	case <-ctx.Done():
		c.leave(h, false)
		return nil, ctx.Err()
	}
	for {
		c.mu.Lock()
		now := c.now()
		if now.Before(h.until) {
			until := h.until
			c.mu.Unlock()
			c.leave(h, true)
			return nil, &pausedError{until: until}
		}
		wait := h.last.Add(c.interval).Sub(now)
		if wait <= 0 {
			h.last = now
			c.mu.Unlock()
			return h, nil
		}
		c.mu.Unlock()
		// Whoever wakes first takes the turn; the others recompute.
		if err := sleep(ctx, wait); err != nil {
			c.leave(h, true)
			return nil, err
		}
	}
}

// leave ends a call to enter; holding says whether it got a slot.
func (c *Client) leave(h *hostState, holding bool) {
	if holding {
		<-h.slots
	}
	c.mu.Lock()
	h.users--
	c.mu.Unlock()
}

// Reserve books the next turn to request rawURL's host and returns how long
// until it comes: HostInterval after the latest request or turn booked, or
// the end of a Retry-After pause. A job queue sets the job aside for that
// long instead of holding a worker while it waits, so that one busy host
// does not stall the requests to the others; 0 means go now. A booking
// only spaces the callers of Reserve: Get still waits for its turn. A URL
// that cannot be parsed returns 0 (Get will say what is wrong).
func (c *Client) Reserve(rawURL string) time.Duration {
	u, err := parseURL(strings.TrimSpace(rawURL))
	if err != nil {
		return 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	h := c.hostLocked(hostKey(u))
	now := c.now()
	start := now
	for _, t := range []time.Time{h.last.Add(c.interval), h.booked.Add(c.interval), h.until} {
		if t.After(start) {
			start = t
		}
	}
	h.booked = start
	return start.Sub(now)
}

// pause keeps requests away from h until the given time.
func (c *Client) pause(h *hostState, until time.Time) {
	c.mu.Lock()
	if until.After(h.until) {
		h.until = until
	}
	c.mu.Unlock()
}

// hostLocked returns the state of host, creating it. When the map has grown,
// it first forgets hosts that nobody uses and that no gap or pause binds, so
// a long-running process that follows redirects to many hosts stays small.
func (c *Client) hostLocked(host string) *hostState {
	if h, ok := c.hosts[host]; ok {
		return h
	}
	if len(c.hosts) >= c.sweepAt {
		now := c.now()
		for k, h := range c.hosts {
			if h.users == 0 && !now.Before(h.last.Add(c.interval)) && !now.Before(h.booked.Add(c.interval)) && !now.Before(h.until) {
				delete(c.hosts, k)
			}
		}
		c.sweepAt = max(minSweep, 2*len(c.hosts))
	}
	h := &hostState{slots: make(chan struct{}, c.perHost)}
	c.hosts[host] = h
	return h
}

// sleep waits for d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
