package access

import (
	"sync"
	"time"

	"github.com/jic-center/jic"
)

// Limiter slows down password guessing without letting anyone lock a known
// user out: failures count per user name *and* client address, so an
// attacker who fails from their address locks only that pair, and the user
// still signs in from theirs. A client address failing across many names
// is limited as a whole.
type Limiter struct {
	Now jic.Clock

	mu    sync.Mutex
	pairs map[string]*strikes
	addrs map[string]*strikes
}

type strikes struct {
	n       int
	until   time.Time // locked until
	touched time.Time
}

// Limits: after pairFree failures a (user, address) pair waits, twice as
// long after each further failure, up to pairMax; an address that fails
// addrFree times in addrWindow waits addrWindow.
const (
	pairFree   = 5
	pairBase   = 30 * time.Second
	pairMax    = 15 * time.Minute
	addrFree   = 50
	addrWindow = 10 * time.Minute
)

func (l *Limiter) now() time.Time {
	if l.Now != nil {
		return l.Now()
	}
	return time.Now()
}

// Allow returns ETOOMANY, saying how long to wait, if name may not try to
// sign in from addr now.
func (l *Limiter) Allow(name, addr string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	for _, s := range []*strikes{l.pairs[name+"\x00"+addr], l.addrs[addr]} {
		if s != nil && now.Before(s.until) {
			return jic.Errorf(jic.ETOOMANY, "too many failed sign-ins; try again in %s", s.until.Sub(now).Round(time.Second))
		}
	}
	return nil
}

// Fail records a failed sign-in.
func (l *Limiter) Fail(name, addr string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if l.pairs == nil {
		l.pairs, l.addrs = map[string]*strikes{}, map[string]*strikes{}
	}
	l.sweep(now)
	p := l.strike(l.pairs, name+"\x00"+addr, now)
	if p.n >= pairFree {
		wait := min(pairBase<<min(p.n-pairFree, 10), pairMax)
		p.until = now.Add(wait)
	}
	if a := l.addrs[addr]; a != nil && now.Sub(a.touched) > addrWindow {
		a.n = 0 // a new window
	}
	a := l.strike(l.addrs, addr, now)
	if a.n >= addrFree {
		a.until = now.Add(addrWindow)
	}
}

func (l *Limiter) strike(m map[string]*strikes, key string, now time.Time) *strikes {
	s := m[key]
	if s == nil {
		s = &strikes{touched: now}
		m[key] = s
	}
	s.n++
	s.touched = now
	return s
}

// Succeed clears a pair's failures.
func (l *Limiter) Succeed(name, addr string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.pairs, name+"\x00"+addr)
}

// sweep forgets entries idle for longer than the longest wait, so memory
// stays bounded under a spray of names and addresses.
func (l *Limiter) sweep(now time.Time) {
	if len(l.pairs)+len(l.addrs) < 10000 {
		return
	}
	for _, m := range []map[string]*strikes{l.pairs, l.addrs} {
		for k, s := range m {
			if now.Sub(s.touched) > pairMax && now.After(s.until) {
				delete(m, k)
			}
		}
	}
}
