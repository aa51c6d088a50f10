package fetch_test

import (
	"context"
	"encoding/binary"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/fetch"
)

// loopback is the range tests open; everything else keeps its default.
var loopback = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}

// newClient returns a client that may reach the test servers on loopback
// and does not space requests unless the test says so.
func newClient(t *testing.T, opt fetch.Options) *fetch.Client {
	t.Helper()
	if opt.AllowNets == nil {
		opt.AllowNets = loopback
	}
	if opt.HostInterval == 0 {
		opt.HostInterval = -1
	}
	if opt.Timeout == 0 {
		opt.Timeout = 10 * time.Second
	}
	return fetch.New(opt)
}

// server is an httptest server on 127.0.0.1 that counts the requests it got.
type server struct {
	*httptest.Server
	hits atomic.Int64
}

func newServer(t *testing.T, h http.HandlerFunc) *server {
	t.Helper()
	s := &server{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.hits.Add(1)
		h(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

// port is the server's port, for building URLs with other host names.
func (s *server) port() string {
	u, _ := url.Parse(s.URL)
	return u.Port()
}

// wantCode fails the test unless err carries the domain error code want.
func wantCode(t *testing.T, what string, err error, want string) {
	t.Helper()
	if got := jic.ErrorCode(err); got != want {
		t.Fatalf("%s: error code = %q (%v), want %q", what, got, err, want)
	}
}

// clock is an injectable clock that moves only when told.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2015, 10, 21, 7, 0, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// fakeDNS is a tiny DNS server on 127.0.0.1 that answers every A and AAAA
// question with the addresses it is set to, so that tests can make any
// name resolve anywhere without the internet.
type fakeDNS struct {
	pc      net.PacketConn
	mu      sync.Mutex
	addrs   []netip.Addr
	queries atomic.Int64
}

func newFakeDNS(t testing.TB, addrs ...string) *fakeDNS {
	t.Helper()
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	d := &fakeDNS{pc: pc}
	d.set(addrs...)
	done := make(chan struct{})
	go func() {
		defer close(done)
		buf := make([]byte, 1500)
		for {
			n, from, err := pc.ReadFrom(buf)
			if err != nil {
				return
			}
			d.queries.Add(1)
			if reply := d.answer(buf[:n]); reply != nil {
				pc.WriteTo(reply, from)
			}
		}
	}()
	t.Cleanup(func() { pc.Close(); <-done })
	return d
}

// set changes the answer for later questions.
func (d *fakeDNS) set(addrs ...string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.addrs = d.addrs[:0]
	for _, a := range addrs {
		d.addrs = append(d.addrs, netip.MustParseAddr(a))
	}
}

// resolver returns a pure-Go resolver that asks only this server.
func (d *fakeDNS) resolver() *net.Resolver {
	return &net.Resolver{
		PreferGo: true,
		Dial: func(ctx context.Context, _, _ string) (net.Conn, error) {
			var nd net.Dialer
			return nd.DialContext(ctx, "udp", d.pc.LocalAddr().String())
		},
	}
}

// answer builds the reply to one query: the question copied, then one
// record per matching address.
func (d *fakeDNS) answer(q []byte) []byte {
	if len(q) < 12 {
		return nil
	}
	i := 12
	for i < len(q) && q[i] != 0 {
		i += int(q[i]) + 1
	}
	end := i + 5 // the root label, QTYPE, QCLASS
	if end > len(q) {
		return nil
	}
	qtype := binary.BigEndian.Uint16(q[i+1:])
	var rdata [][]byte
	d.mu.Lock()
	for _, a := range d.addrs {
		if (qtype == 1 && a.Is4()) || (qtype == 28 && a.Is6()) {
			rdata = append(rdata, a.AsSlice())
		}
	}
	d.mu.Unlock()

	r := append([]byte{}, q[0], q[1])   // ID
	r = append(r, 0x84|q[2]&0x79, 0x80) // QR, opcode, AA, RD; RA, NOERROR
	r = binary.BigEndian.AppendUint16(r, 1)
	r = binary.BigEndian.AppendUint16(r, uint16(len(rdata)))
	r = append(r, 0, 0, 0, 0) // no authority, no additional
	r = append(r, q[12:end]...)
	for _, b := range rdata {
		r = append(r, 0xc0, 12) // pointer to the question's name
		r = binary.BigEndian.AppendUint16(r, qtype)
		r = append(r, 0, 1, 0, 0, 0, 0) // class IN, TTL 0
		r = binary.BigEndian.AppendUint16(r, uint16(len(b)))
		r = append(r, b...)
	}
	return r
}

// errNoConnect is what the before-connect hook returns to stop a dial the
// guard allowed.
var errNoConnect = errors.New("test: not connecting")
