package fetch

import (
	"context"
	"fmt"
	"net/netip"
	"strings"
	"syscall"

	"github.com/jic-center/jic"
)

// A rule names one block of addresses refused by default. An empty kind
// means the block embeds an IPv4 address (NAT64, 6to4) and is judged by it.
type rule struct {
	block netip.Prefix
	kind  string
}

// rules lists the addresses no request may reach unless the operator opens
// them; the first match names the kind. IPv4-mapped IPv6 addresses are
// unmapped before the lookup, so ::ffff:127.0.0.1 is loopback. Sources: the
// IANA IPv4 and IPv6 special-purpose address registries.
var rules = []rule{
	// IPv4.
	{netip.MustParsePrefix("0.0.0.0/8"), "unspecified"},
	{netip.MustParsePrefix("10.0.0.0/8"), "private"},
	{netip.MustParsePrefix("100.64.0.0/10"), "shared (carrier-grade NAT)"},
	{netip.MustParsePrefix("127.0.0.0/8"), "loopback"},
	{netip.MustParsePrefix("169.254.0.0/16"), "link-local"}, // cloud metadata lives at 169.254.169.254
	{netip.MustParsePrefix("172.16.0.0/12"), "private"},
	{netip.MustParsePrefix("192.0.0.0/24"), "reserved"},
	{netip.MustParsePrefix("192.0.2.0/24"), "documentation"},
	{netip.MustParsePrefix("192.88.99.0/24"), "reserved"}, // deprecated 6to4 relay anycast
	{netip.MustParsePrefix("192.168.0.0/16"), "private"},
	{netip.MustParsePrefix("198.18.0.0/15"), "benchmarking"},
	{netip.MustParsePrefix("198.51.100.0/24"), "documentation"},
	{netip.MustParsePrefix("203.0.113.0/24"), "documentation"},
	{netip.MustParsePrefix("224.0.0.0/4"), "multicast"},
	{netip.MustParsePrefix("255.255.255.255/32"), "broadcast"},
	{netip.MustParsePrefix("240.0.0.0/4"), "reserved"},

	// IPv6. Only 2000::/3 is global unicast; the named blocks outside it
	// come first, then everything else outside it is reserved.
	{netip.MustParsePrefix("::/128"), "unspecified"},
	{netip.MustParsePrefix("::1/128"), "loopback"},
	{netip.MustParsePrefix("64:ff9b::/96"), ""}, // NAT64: the embedded IPv4 decides
	{netip.MustParsePrefix("fc00::/7"), "private (unique local)"},
	{netip.MustParsePrefix("fe80::/10"), "link-local"},
	{netip.MustParsePrefix("fec0::/10"), "private (site-local)"},
	{netip.MustParsePrefix("ff00::/8"), "multicast"},
	{netip.MustParsePrefix("::/3"), "reserved"}, // IPv4-compatible, local-use NAT64, discard-only
	{netip.MustParsePrefix("4000::/2"), "reserved"},
	{netip.MustParsePrefix("8000::/1"), "reserved"},
	{netip.MustParsePrefix("2001::/32"), "reserved (Teredo)"},
	{netip.MustParsePrefix("2001:2::/48"), "benchmarking"},
	{netip.MustParsePrefix("2001:10::/28"), "reserved"}, // ORCHID
	{netip.MustParsePrefix("2001:20::/28"), "reserved"}, // ORCHIDv2
	{netip.MustParsePrefix("2001:db8::/32"), "documentation"},
	{netip.MustParsePrefix("2002::/16"), ""}, // 6to4: the embedded IPv4 decides
	{netip.MustParsePrefix("3fff::/20"), "documentation"},
}

// guard decides which addresses a request may connect to: everything
// public, plus what the operator opened.
type guard struct {
	allow []netip.Prefix
}

// check returns nil if addr may be dialed and a *refusedError if not.
func (g guard) check(addr netip.Addr) error {
	addr = addr.WithZone("").Unmap()
	for _, p := range g.allow {
		if p.Contains(addr) {
			return nil
		}
	}
	kind, inner := classify(addr)
	if kind == "" {
		return nil
	}
	return &refusedError{addr: addr, inner: inner, kind: kind}
}

// classify returns the kind of refused block addr is in, or "" for a public
// address. For NAT64 and 6to4 addresses it judges the embedded IPv4 address
// and returns it as inner.
func classify(addr netip.Addr) (kind string, inner netip.Addr) {
	if !addr.IsValid() {
		return "invalid", netip.Addr{}
	}
	for _, r := range rules {
		if !r.block.Contains(addr) {
			continue
		}
		if r.kind != "" {
			return r.kind, netip.Addr{}
		}
		v4 := embeddedIPv4(addr)
		if k, _ := classify(v4); k != "" {
			return k, v4
		}
		return "", netip.Addr{}
	}
	return "", netip.Addr{}
}

// embeddedIPv4 returns the IPv4 address carried by a NAT64 (64:ff9b::/96,
// last 32 bits) or 6to4 (2002::/16, bits 16–47) address.
func embeddedIPv4(addr netip.Addr) netip.Addr {
	b := addr.As16()
	if b[0] == 0x20 && b[1] == 0x02 {
		return netip.AddrFrom4([4]byte(b[2:6]))
	}
	return netip.AddrFrom4([4]byte(b[12:16]))
}

// control is the net.Dialer hook that runs after the resolver answered and
// before connect(2): address is the IP and port about to be dialed, so a
// name that resolves to a refused address is caught whatever DNS said
// earlier (rebinding), and so is every redirect hop and every new
// connection of a keep-alive pool.
func (c *Client) control(_ context.Context, network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil || !strings.HasPrefix(network, "tcp") {
		return &refusedError{kind: "unrecognized", raw: network + " " + address}
	}
	if err := c.guard.check(ap.Addr()); err != nil {
		return err
	}
	if c.beforeConnect != nil {
		return c.beforeConnect(ap)
	}
	return nil
}

// refusedError says why the guard refused an address. It travels through
// the dialer and net/http unchanged, so Get can find it with errors.As.
type refusedError struct {
	addr  netip.Addr
	inner netip.Addr // the embedded IPv4 address that decided, if any
	kind  string
	raw   string // what could not be parsed, when addr is not valid
}

func (e *refusedError) Error() string {
	if !e.addr.IsValid() {
		return fmt.Sprintf("refused: cannot check %q", e.raw)
	}
	open := netip.PrefixFrom(e.addr, e.addr.BitLen())
	if e.inner.IsValid() {
		return fmt.Sprintf("refused: %s embeds %s, %s %s address; open it with --allow-net %s",
			e.addr, e.inner, article(e.kind), e.kind, open)
	}
	return fmt.Sprintf("refused: %s is %s %s address; open it with --allow-net %s",
		e.addr, article(e.kind), e.kind, open)
}

func article(word string) string {
	if word != "" && strings.ContainsRune("aeiou", rune(word[0])) {
		return "an"
	}
	return "a"
}

// ParseAllowNets parses the operator's --allow-net values (and the same list
// from the config file): CIDR ranges such as 10.0.0.0/8 or fd00::/8, or
// single addresses, which open just themselves. It returns an EINVALID error
// naming the field allow-net for the first value that is neither.
func ParseAllowNets(values []string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, v := range values {
		v = strings.TrimSpace(v)
		p, err := netip.ParsePrefix(v)
		if err != nil {
			a, aerr := netip.ParseAddr(v)
			if aerr != nil || a.Zone() != "" {
				return nil, jic.FieldErrorf(jic.EINVALID, "allow-net",
					"%q is not a CIDR range or an IP address (want e.g. 10.0.0.0/8)", v)
			}
			p = netip.PrefixFrom(a, a.BitLen())
		}
		out = append(out, normalizePrefix(p))
	}
	return out, nil
}

// normalizePrefix masks p and turns an IPv4-mapped IPv6 range into the IPv4
// range it means, since the guard compares unmapped addresses.
func normalizePrefix(p netip.Prefix) netip.Prefix {
	p = p.Masked()
	if a := p.Addr(); a.Is4In6() && p.Bits() >= 96 {
		return netip.PrefixFrom(a.Unmap(), p.Bits()-96)
	}
	return p
}
