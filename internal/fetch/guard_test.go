package fetch_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/netip"
	"strings"
	"sync"
	"testing"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/fetch"
)

// refusedHosts are literal addresses the default client must refuse, each
// with why.
var refusedHosts = []struct{ name, host string }{
	{"loopback", "127.0.0.1"},
	{"loopback top", "127.255.255.254"},
	{"this network", "0.0.0.0"},
	{"this network block", "0.1.2.3"},
	{"private 10", "10.0.0.5"},
	{"private 172.16", "172.16.0.1"},
	{"private 172.31", "172.31.255.255"},
	{"private 192.168", "192.168.1.1"},
	{"CGNAT", "100.64.0.1"},
	{"CGNAT top", "100.127.255.255"},
	{"cloud metadata", "169.254.169.254"},
	{"link-local", "169.254.0.1"},
	{"IETF protocol", "192.0.0.8"},
	{"TEST-NET-1", "192.0.2.1"},
	{"TEST-NET-2", "198.51.100.1"},
	{"TEST-NET-3", "203.0.113.1"},
	{"benchmarking", "198.18.0.1"},
	{"6to4 relay", "192.88.99.1"},
	{"multicast", "224.0.0.1"},
	{"multicast SSDP", "239.255.255.250"},
	{"reserved", "240.0.0.1"},
	{"broadcast", "255.255.255.255"},
	{"v6 loopback", "[::1]"},
	{"v6 unspecified", "[::]"},
	{"mapped loopback", "[::ffff:127.0.0.1]"},
	{"mapped private", "[::ffff:10.0.0.1]"},
	{"mapped metadata", "[::ffff:169.254.169.254]"},
	{"IPv4-compatible", "[::127.0.0.1]"},
	{"link-local v6", "[fe80::1]"},
	{"link-local v6 zone", "[fe80::1%25eth0]"},
	{"unique local fc", "[fc00::1]"},
	{"unique local fd", "[fd12:3456::1]"},
	{"site-local", "[fec0::1]"},
	{"multicast v6", "[ff02::1]"},
	{"documentation v6", "[2001:db8::1]"},
	{"documentation v6 3fff", "[3fff::1]"},
	{"NAT64 loopback", "[64:ff9b::7f00:1]"},
	{"NAT64 metadata", "[64:ff9b::a9fe:a9fe]"},
	{"local-use NAT64", "[64:ff9b:1::1]"},
	{"6to4 loopback", "[2002:7f00:1::1]"},
	{"6to4 private", "[2002:c0a8:101::1]"},
	{"Teredo", "[2001::1]"},
	{"discard-only", "[100::1]"},
	{"unallocated v6", "[4000::1]"},
}

// The default client refuses every inside address, before any dial.
func TestDefaultRefusesAddresses(t *testing.T) {
	c := fetch.New(fetch.Options{})
	fetch.SetBeforeConnect(c, func(ap netip.AddrPort) error {
		t.Errorf("dialing %v", ap)
		return errNoConnect
	})
	for _, tc := range refusedHosts {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.Get(context.Background(), fetch.Request{URL: "http://" + tc.host + "/feed"})
			wantCode(t, "Get "+tc.host, err, jic.EFORBIDDEN)
			if msg := jic.ErrorMessage(err); !strings.Contains(msg, "refused") || !strings.Contains(msg, "--allow-net") {
				t.Errorf("message %q does not say refused and how to open it", msg)
			}
		})
	}
}

func TestRefusedMessage(t *testing.T) {
	c := fetch.New(fetch.Options{})
	_, err := c.Get(context.Background(), fetch.Request{URL: "http://10.0.0.5/feed"})
	want := "fetch http://10.0.0.5/feed: refused: 10.0.0.5 is a private address; open it with --allow-net 10.0.0.5/32"
	if got := jic.ErrorMessage(err); got != want {
		t.Errorf("message = %q, want %q", got, want)
	}
}

// A live server on loopback is out of reach of the default client by
// address, by localhost and by a name that resolves to it; the test client
// that opens 127.0.0.0/8 reaches it.
func TestDefaultRefusesLiveLoopbackServer(t *testing.T) {
	s := newServer(t, func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "inside") })
	dns := newFakeDNS(t, "127.0.0.1")
	def := fetch.New(fetch.Options{Resolver: dns.resolver()})
	for _, u := range []string{
		s.URL + "/",
		"http://localhost:" + s.port() + "/",
		"http://inside.test:" + s.port() + "/",
	} {
		_, err := def.Get(context.Background(), fetch.Request{URL: u})
		wantCode(t, "default Get "+u, err, jic.EFORBIDDEN)
	}
	if n := s.hits.Load(); n != 0 {
		t.Fatalf("the default client reached the server %d times", n)
	}

	open := newClient(t, fetch.Options{Resolver: dns.resolver()})
	for _, u := range []string{s.URL + "/", "http://inside.test:" + s.port() + "/"} {
		resp, err := open.Get(context.Background(), fetch.Request{URL: u})
		if err != nil || string(resp.Body) != "inside" {
			t.Fatalf("Get %s with 127.0.0.0/8 open = %v, %v", u, resp, err)
		}
	}
}

// A name whose DNS answer is an inside address is refused at dial time.
func TestRefusesNameResolvingInside(t *testing.T) {
	dns := newFakeDNS(t)
	c := fetch.New(fetch.Options{Resolver: dns.resolver(), HostInterval: -1})
	fetch.SetBeforeConnect(c, func(ap netip.AddrPort) error {
		t.Errorf("dialing %v", ap)
		return errNoConnect
	})
	for _, addr := range []string{"127.0.0.1", "10.1.2.3", "192.168.0.10", "172.20.0.1", "169.254.169.254", "100.100.100.200", "::1", "fd00::1", "fe80::1", "::ffff:127.0.0.1"} {
		dns.set(addr)
		_, err := c.Get(context.Background(), fetch.Request{URL: "http://feeds.example.test/rss"})
		wantCode(t, "Get name resolving to "+addr, err, jic.EFORBIDDEN)
	}
	// Several answers, all inside: every one is refused.
	dns.set("10.0.0.1", "192.168.1.1", "::1")
	_, err := c.Get(context.Background(), fetch.Request{URL: "http://feeds.example.test/rss"})
	wantCode(t, "Get name resolving to three inside addresses", err, jic.EFORBIDDEN)
}

// DNS rebinding: the name is checked every time a connection is made, on
// the address being connected to, so a name that first pointed at an
// allowed address and then at a refused one does not get through.
func TestRebindingIsCheckedAtDial(t *testing.T) {
	s := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Connection", "close") // no reuse: each Get dials
		io.WriteString(w, "ok")
	})
	dns := newFakeDNS(t, "127.0.0.1")
	c := newClient(t, fetch.Options{
		AllowNets: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")},
		Resolver:  dns.resolver(),
	})
	u := "http://rebind.test:" + s.port() + "/"
	if _, err := c.Get(context.Background(), fetch.Request{URL: u}); err != nil {
		t.Fatalf("Get while %s resolves to 127.0.0.1: %v", u, err)
	}
	for _, addr := range []string{"127.0.0.2", "10.0.0.1"} {
		dns.set(addr)
		_, err := c.Get(context.Background(), fetch.Request{URL: u})
		wantCode(t, "Get after rebinding to "+addr, err, jic.EFORBIDDEN)
	}
	if n := s.hits.Load(); n != 1 {
		t.Errorf("server hits = %d, want 1", n)
	}
}

// Public addresses pass the guard; the hook stops the dial before it
// leaves the machine.
func TestGuardPassesPublicAddresses(t *testing.T) {
	for _, tc := range []struct{ host, want string }{
		{"8.8.8.8", "8.8.8.8"},
		{"1.1.1.1", "1.1.1.1"},
		{"100.63.255.255", "100.63.255.255"},
		{"100.128.0.1", "100.128.0.1"},
		{"172.15.255.255", "172.15.255.255"},
		{"172.32.0.1", "172.32.0.1"},
		{"192.0.1.1", "192.0.1.1"},
		{"198.17.255.255", "198.17.255.255"},
		{"198.20.0.1", "198.20.0.1"},
		{"223.255.255.255", "223.255.255.255"},
		{"[::ffff:8.8.8.8]", "8.8.8.8"},
		{"[2606:4700:4700::1111]", "2606:4700:4700::1111"},
		{"[64:ff9b::808:808]", "64:ff9b::808:808"},
		{"[2002:808:808::1]", "2002:808:808::1"},
	} {
		t.Run(tc.host, func(t *testing.T) {
			var mu sync.Mutex
			var dialed []netip.Addr
			c := fetch.New(fetch.Options{})
			fetch.SetBeforeConnect(c, func(ap netip.AddrPort) error {
				mu.Lock()
				dialed = append(dialed, ap.Addr().Unmap())
				mu.Unlock()
				return errNoConnect
			})
			_, err := c.Get(context.Background(), fetch.Request{URL: "http://" + tc.host + "/"})
			if strings.Contains(fmt.Sprint(err), "address family not supported") {
				t.Skip("no IPv6 sockets here")
			}
			wantCode(t, "Get "+tc.host, err, jic.EUNAVAILABLE)
			mu.Lock()
			defer mu.Unlock()
			if len(dialed) != 1 || dialed[0] != netip.MustParseAddr(tc.want) {
				t.Errorf("dialed %v, want [%s]", dialed, tc.want)
			}
		})
	}
}

// AllowNets opens exactly the ranges named, however the address is written.
func TestAllowNets(t *testing.T) {
	for _, tc := range []struct {
		name   string
		allow  []string
		host   string
		passes bool
	}{
		{"opened range", []string{"10.0.0.0/8"}, "10.0.0.5", true},
		{"outside the opened range", []string{"10.0.0.0/8"}, "192.168.1.1", false},
		{"single address", []string{"10.0.0.5"}, "10.0.0.5", true},
		{"neighbour of single address", []string{"10.0.0.5"}, "10.0.0.6", false},
		{"mapped address, v4 range", []string{"127.0.0.0/8"}, "[::ffff:127.0.0.1]", true},
		{"v4 loopback open, v6 loopback still refused", []string{"127.0.0.0/8"}, "[::1]", false},
		{"mapped range written as v6", []string{"::ffff:10.0.0.0/104"}, "10.1.2.3", true},
		{"unique local range", []string{"fd00::/8"}, "[fd00::1]", true},
		{"metadata stays shut when 169.254/16 is not opened", []string{"10.0.0.0/8"}, "169.254.169.254", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			allow, err := fetch.ParseAllowNets(tc.allow)
			if err != nil {
				t.Fatal(err)
			}
			c := fetch.New(fetch.Options{AllowNets: allow})
			reached := false
			fetch.SetBeforeConnect(c, func(netip.AddrPort) error { reached = true; return errNoConnect })
			_, err = c.Get(context.Background(), fetch.Request{URL: "http://" + tc.host + "/"})
			if strings.Contains(fmt.Sprint(err), "address family not supported") {
				t.Skip("no IPv6 sockets here")
			}
			if tc.passes && !reached {
				t.Errorf("Get %s with %v open = %v, want it to reach the dialer", tc.host, tc.allow, err)
			}
			if !tc.passes {
				wantCode(t, "Get "+tc.host, err, jic.EFORBIDDEN)
			}
		})
	}
}

func TestParseAllowNets(t *testing.T) {
	got, err := fetch.ParseAllowNets([]string{"10.0.0.0/8", " 192.168.1.7 ", "fd00::/8", "10.1.2.3/8", "::1"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"10.0.0.0/8", "192.168.1.7/32", "fd00::/8", "10.0.0.0/8", "::1/128"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("ParseAllowNets = %v, want %v", got, want)
	}
	for _, bad := range []string{"", "10.0.0.0/33", "example.org", "10.0.0.0/8,192.168.0.0/16", "fe80::1%eth0"} {
		_, err := fetch.ParseAllowNets([]string{bad})
		wantCode(t, fmt.Sprintf("ParseAllowNets(%q)", bad), err, jic.EINVALID)
		if f := jic.ErrorField(err); f != "allow-net" {
			t.Errorf("ParseAllowNets(%q) field = %q, want allow-net", bad, f)
		}
	}
}

// An environment proxy would connect on our behalf, past the guard, so the
// client ignores HTTP_PROXY and friends.
func TestIgnoresEnvironmentProxy(t *testing.T) {
	proxy := newServer(t, func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "via proxy") })
	for _, name := range []string{"HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY"} {
		t.Setenv(name, proxy.URL)
	}
	t.Setenv("NO_PROXY", "")
	t.Setenv("no_proxy", "")
	s := newServer(t, func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "direct") })
	dns := newFakeDNS(t, "127.0.0.1")
	c := newClient(t, fetch.Options{Resolver: dns.resolver()})
	resp, err := c.Get(context.Background(), fetch.Request{URL: "http://feed.test:" + s.port() + "/"})
	if err != nil || string(resp.Body) != "direct" || proxy.hits.Load() != 0 {
		t.Fatalf("Get with HTTP_PROXY set = %v, %v (proxy hits %d), want a direct fetch", resp, err, proxy.hits.Load())
	}
}
