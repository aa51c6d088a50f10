package fetch_test

import (
	"context"
	"net/netip"
	"sync"
	"testing"
	"time"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/fetch"
)

// FuzzGet throws arbitrary URLs at a client with the default guard whose
// resolver answers inside addresses for every name. Get must not panic,
// must answer with a domain error, and must never get as far as connecting
// to an inside address; the dials it would make (to public literal
// addresses) are stopped by the hook, so nothing leaves the machine.
func FuzzGet(f *testing.F) {
	for _, s := range []string{
		"https://example.org/feed.xml",
		"http://127.0.0.1/",
		"http://127.1/",
		"http://0x7f.0.0.1/",
		"http://2130706433/",
		"http://017700000001/",
		"http://0/",
		"http://[::]/",
		"http://[::ffff:7f00:1]/",
		"http://[::ffff:127.0.0.1]:8080/",
		"http://[64:ff9b::a9fe:a9fe]/latest/meta-data/",
		"http://[2002:a00:1::]/",
		"http://[fe80::1%25en0]/",
		"http://localhost./",
		"http://LOCALHOST:80/",
		"http://user:pass@10.0.0.1/",
		"http://example.org@127.0.0.1/",
		"http://127.0.0.1#@example.org/",
		"http://%31%32%37.0.0.1/",
		"http://169.254.169.254/latest/meta-data/",
		"https://8.8.8.8/",
		"http://[2606:4700:4700::1111]/",
		"HTTP://EXAMPLE.ORG:80/a/../b?q=1",
		"http://xn--80ak6aa92e.com/",
		"http://ex ample.org/",
		"file:///etc/passwd",
		"",
	} {
		f.Add(s)
	}
	dns := newFakeDNS(f, "10.0.0.1", "fd00::1")
	c := fetch.New(fetch.Options{Resolver: dns.resolver(), HostInterval: -1, Timeout: 5 * time.Second})
	var mu sync.Mutex
	var dialed []netip.AddrPort
	fetch.SetBeforeConnect(c, func(ap netip.AddrPort) error {
		mu.Lock()
		dialed = append(dialed, ap)
		mu.Unlock()
		return errNoConnect
	})
	f.Fuzz(func(t *testing.T, u string) {
		mu.Lock()
		dialed = dialed[:0]
		mu.Unlock()
		resp, err := c.Get(context.Background(), fetch.Request{URL: u})
		if err == nil {
			t.Fatalf("Get(%q) = %+v, nil; nothing should be reachable", u, resp)
		}
		switch code := jic.ErrorCode(err); code {
		case jic.EINVALID, jic.EFORBIDDEN, jic.EUNAVAILABLE:
		default:
			t.Fatalf("Get(%q) error code %q (%v)", u, code, err)
		}
		mu.Lock()
		defer mu.Unlock()
		for _, ap := range dialed {
			if isInside(ap.Addr()) {
				t.Fatalf("Get(%q) got to connect to %v", u, ap)
			}
		}
	})
}

// isInside is the test's own idea of an inside address, built on netip's
// predicates rather than the package's table.
func isInside(a netip.Addr) bool {
	a = a.WithZone("").Unmap()
	if !a.IsGlobalUnicast() || a.IsPrivate() {
		return true
	}
	for _, p := range []string{"0.0.0.0/8", "100.64.0.0/10", "192.0.0.0/24", "192.0.2.0/24", "198.18.0.0/15",
		"198.51.100.0/24", "203.0.113.0/24", "240.0.0.0/4", "2001:db8::/32", "64:ff9b:1::/48", "::/96"} {
		if netip.MustParsePrefix(p).Contains(a) {
			return true
		}
	}
	b := a.As16()
	switch {
	case netip.MustParsePrefix("64:ff9b::/96").Contains(a):
		return isInside(netip.AddrFrom4([4]byte(b[12:16])))
	case netip.MustParsePrefix("2002::/16").Contains(a):
		return isInside(netip.AddrFrom4([4]byte(b[2:6])))
	}
	return false
}
