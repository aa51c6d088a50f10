// Package fetch is jic's one outbound HTTP client: every byte that jic
// downloads from feeds and web pages comes through Client.Get. It sits at
// the very start of the gather flow (fetch → detect format → parse → …) and
// keeps the rest of jic from having to think about the network:
//
//   - An address guard refuses loopback, private, link-local, shared (CGNAT),
//     multicast, broadcast, unspecified, documentation, benchmarking and
//     other reserved addresses, IPv4 and IPv6 alike, unless the operator
//     opened them (Options.AllowNets, from jic serve --allow-net). It checks
//     the resolved IP inside the dialer, just before connect(2), so a name
//     that resolves to an inside address, a DNS rebinding trick or a
//     redirect cannot reach inside. Environment proxies (HTTP_PROXY and
//     friends) are ignored on purpose: a proxy would make the connection on
//     our behalf and bypass the guard.
//   - Limits: a timeout for each exchange including its body, a redirect
//     limit with loop detection, and a body cap that holds after gzip
//     decompression, so a gzip bomb stops at the cap.
//   - Conditional GET with ETag and Last-Modified.
//   - Politeness per host: at most PerHost requests in flight, at least
//     HostInterval between request starts, and no request at all while a
//     host's Retry-After (or a 429 or 503 answer) holds.
package fetch

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jic-center/jic"
)

// Defaults used for zero Options fields.
const (
	DefaultUserAgent    = "jic/" + jic.Version + " (+https://github.com/jic-center/jic)"
	DefaultTimeout      = 30 * time.Second
	DefaultMaxBytes     = 10 << 20
	DefaultMaxRedirects = 5
	DefaultPerHost      = 2
	DefaultHostInterval = time.Second
)

// Retry-After handling: the pause after a 429 or 503 that does not say how
// long, and the longest pause a server can impose on us.
const (
	DefaultRetryAfter = time.Minute
	MaxRetryAfter     = 24 * time.Hour
)

// MaxURLBytes bounds the length of a URL Get accepts.
const MaxURLBytes = 8 << 10

// Options configures a Client. The zero value is a safe client: no inside
// address opened, default limits.
type Options struct {
	// AllowNets are ranges the operator opened (jic serve --allow-net, the
	// allow_net config list); see ParseAllowNets. Default: none.
	AllowNets []netip.Prefix
	// UserAgent is sent with every request; default DefaultUserAgent.
	UserAgent string
	// Timeout bounds one exchange: connecting, the headers and the whole
	// body. Each redirect hop gets its own. Waiting for a host's turn is
	// bounded only by the caller's context. Default 30s.
	Timeout time.Duration
	// MaxBytes bounds a body after decompression (and on the wire).
	// Default 10 MiB.
	MaxBytes int64
	// MaxRedirects is how many redirects one Get follows; default 5,
	// negative follows none.
	MaxRedirects int
	// PerHost is how many requests may be in flight to one host; default 2.
	PerHost int
	// HostInterval is the least time between the starts of two requests to
	// one host; default 1s, negative for none.
	HostInterval time.Duration
	// Resolver resolves host names; default net.DefaultResolver. Tests
	// pass one that asks an in-process DNS server.
	Resolver *net.Resolver
	// Now is the clock for Retry-After and HostInterval; default time.Now.
	Now jic.Clock
}

// Client fetches URLs under the guard, limits and politeness of its
// Options. It is safe for concurrent use; share one per process so that
// per-host limits hold across collectors.
type Client struct {
	guard        guard
	userAgent    string
	timeout      time.Duration
	maxBytes     int64
	maxRedirects int
	perHost      int
	interval     time.Duration
	now          jic.Clock
	http         *http.Client

	mu      sync.Mutex
	hosts   map[string]*hostState
	sweepAt int

	// beforeConnect, when set by tests, is called for every address the
	// guard lets through, and an error stops the dial.
	beforeConnect func(netip.AddrPort) error
}

// New returns a Client with opt's settings, defaults filled in.
func New(opt Options) *Client {
	c := &Client{
		userAgent:    cmp.Or(opt.UserAgent, DefaultUserAgent),
		timeout:      positive(opt.Timeout, DefaultTimeout),
		maxBytes:     positive(opt.MaxBytes, DefaultMaxBytes),
		maxRedirects: opt.MaxRedirects,
		perHost:      positive(opt.PerHost, DefaultPerHost),
		interval:     opt.HostInterval,
		now:          opt.Now,
		hosts:        make(map[string]*hostState),
		sweepAt:      minSweep,
	}
	for _, p := range opt.AllowNets {
		if p.IsValid() {
			c.guard.allow = append(c.guard.allow, normalizePrefix(p))
		}
	}
	switch {
	case opt.MaxRedirects == 0:
		c.maxRedirects = DefaultMaxRedirects
	case opt.MaxRedirects < 0:
		c.maxRedirects = 0
	}
	if opt.HostInterval == 0 {
		c.interval = DefaultHostInterval
	}
	if c.now == nil {
		c.now = time.Now
	}
	dialer := &net.Dialer{
		KeepAlive:      30 * time.Second,
		Resolver:       opt.Resolver,
		ControlContext: c.control,
	}
	transport := &http.Transport{
		Proxy:                  nil, // never HTTP_PROXY: a proxy would dial past the guard
		DialContext:            dialer.DialContext,
		ForceAttemptHTTP2:      true,
		TLSHandshakeTimeout:    10 * time.Second,
		DisableCompression:     true, // we ask for gzip ourselves and decode under the cap
		MaxIdleConns:           100,
		MaxIdleConnsPerHost:    c.perHost,
		IdleConnTimeout:        90 * time.Second,
		MaxResponseHeaderBytes: 1 << 20,
	}
	c.http = &http.Client{
		Transport: transport,
		// Get follows redirects itself so that each hop is checked and
		// waits for its own host's turn.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	return c
}

// Request is one GET. ETag and LastModified are the validators of the
// previous fetch of the URL; when set they make the request conditional.
type Request struct {
	URL          string
	ETag         string
	LastModified string
	Accept       string // default "*/*"
}

// Response is what a server answered, after redirects.
type Response struct {
	URL          string // final URL after redirects
	Status       int    // 0 if no request was sent (host paused)
	NotModified  bool   // 304: the previous fetch is still current; Body is empty
	Body         []byte // decompressed, at most MaxBytes; only when Get returns no error
	ContentType  string
	ETag         string // on 304 without validators, the ones sent
	LastModified string
	RetryAfter   time.Time // when the host may be asked again after a 429 or 503; zero otherwise
	Fetched      time.Time // when the answer was read
}

// Get fetches req.URL, following redirects.
//
// It returns a Response and a nil error for 2xx and 304 answers. Errors are
// *jic.Error naming the URL and the reason:
//   - EINVALID: a bad URL, a scheme other than http or https (also on a
//     redirect), or a body in an encoding we did not ask for;
//   - EFORBIDDEN: the address is refused by the guard;
//   - ETOOLARGE: the body is over MaxBytes, compressed or not;
//   - ETOOMANY: the server answered 429 or 503, or it did earlier and its
//     Retry-After still holds, in which case no request is sent;
//   - ENOTFOUND: the server answered 404 or 410;
//   - EUNAVAILABLE: timeouts, DNS failures, refused connections, other 4xx
//     and 5xx answers, too many redirects and redirect loops.
//
// Whenever a server answered, Get returns its Response along with the error
// (Status, URL and headers set, no Body); for ETOOMANY the Response always
// carries RetryAfter. If ctx ends first, the error wraps ctx.Err().
func (c *Client) Get(ctx context.Context, req Request) (*Response, error) {
	u, err := parseURL(strings.TrimSpace(req.URL))
	if err != nil {
		return nil, describe(err, req.URL, "")
	}
	for _, v := range []string{req.ETag, req.LastModified, req.Accept} {
		if strings.ContainsAny(v, "\r\n\x00") {
			return nil, describe(jic.Errorf(jic.EINVALID, "a header value holds a line break"), req.URL, "")
		}
	}
	visited := map[string]bool{}
	for redirects := 0; ; redirects++ {
		visited[u.String()] = true
		at := "" // the URL a redirect led to, for messages
		if redirects > 0 {
			at = u.Redacted()
		}
		resp, next, err := c.hop(ctx, u, req)
		if err != nil {
			return resp, describe(err, req.URL, at)
		}
		if next == nil {
			return resp, nil
		}
		switch {
		case redirects == c.maxRedirects:
			err = jic.Errorf(jic.EUNAVAILABLE, "more than %d redirects", c.maxRedirects)
		case visited[next.String()]:
			err = jic.Errorf(jic.EUNAVAILABLE, "redirect loop back to %s", shorten(next.Redacted()))
		}
		if err != nil {
			return resp, describe(err, req.URL, at)
		}
		u = next
	}
}

// hop sends one request and reads its answer. It returns the URL to go to
// next for a redirect, or nil when this answer is final.
func (c *Client) hop(ctx context.Context, u *url.URL, req Request) (*Response, *url.URL, error) {
	if ip, err := netip.ParseAddr(u.Hostname()); err == nil {
		// Refuse literal addresses before waiting for a turn; the dialer
		// would refuse them too.
		if err := c.guard.check(ip); err != nil {
			return nil, nil, jic.Errorf(jic.EFORBIDDEN, "%v", err)
		}
	}
	h, err := c.enter(ctx, hostKey(u))
	if err != nil {
		var p *pausedError
		if errors.As(err, &p) {
			return &Response{URL: u.String(), RetryAfter: p.until}, nil, jic.Errorf(jic.ETOOMANY, "%v", p)
		}
		return nil, nil, err // ctx ended while waiting for a turn
	}
	defer c.leave(h, true)

	hctx, cancel := context.WithTimeoutCause(ctx, c.timeout, errTimeout)
	defer cancel()
	hr, err := c.newRequest(hctx, u, req)
	if err != nil {
		return nil, nil, err
	}
	res, err := c.http.Do(hr)
	if err != nil {
		return nil, nil, c.netError(ctx, hctx, err)
	}
	defer func() {
		drain(res.Body)
		res.Body.Close()
	}()

	resp := &Response{
		URL:          u.String(),
		Status:       res.StatusCode,
		ContentType:  res.Header.Get("Content-Type"),
		ETag:         res.Header.Get("ETag"),
		LastModified: res.Header.Get("Last-Modified"),
		Fetched:      c.now(),
	}
	switch code := res.StatusCode; {
	case code >= 200 && code < 300:
		body, err := c.readBody(res)
		if err != nil {
			return resp, nil, c.netError(ctx, hctx, err)
		}
		resp.Body = body
	case code == http.StatusNotModified:
		resp.NotModified = true
		resp.ETag = cmp.Or(resp.ETag, req.ETag)
		resp.LastModified = cmp.Or(resp.LastModified, req.LastModified)
	case isRedirect(code):
		next, err := redirectTarget(u, res.Header.Get("Location"))
		return resp, next, err
	case code == http.StatusTooManyRequests || code == http.StatusServiceUnavailable:
		resp.RetryAfter = retryAt(res.Header.Get("Retry-After"), c.now())
		c.pause(h, resp.RetryAfter)
		return resp, nil, jic.Errorf(jic.ETOOMANY, "server answered %s; come back after %s",
			res.Status, resp.RetryAfter.UTC().Format(time.RFC3339))
	case code == http.StatusNotFound || code == http.StatusGone:
		return resp, nil, jic.Errorf(jic.ENOTFOUND, "server answered %s", res.Status)
	default:
		return resp, nil, jic.Errorf(jic.EUNAVAILABLE, "server answered %s", res.Status)
	}
	resp.Fetched = c.now()
	return resp, nil, nil
}

// newRequest builds the GET for one hop with jic's headers and the
// caller's validators.
func (c *Client) newRequest(ctx context.Context, u *url.URL, req Request) (*http.Request, error) {
	hr, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, jic.Errorf(jic.EINVALID, "not a URL we can request: %v", err)
	}
	hr.Header.Set("User-Agent", c.userAgent)
	hr.Header.Set("Accept", cmp.Or(req.Accept, "*/*"))
	hr.Header.Set("Accept-Encoding", "gzip")
	if req.ETag != "" {
		hr.Header.Set("If-None-Match", req.ETag)
	}
	if req.LastModified != "" {
		hr.Header.Set("If-Modified-Since", req.LastModified)
	}
	return hr, nil
}

// parseURL accepts absolute http and https URLs with a host and drops the
// fragment, which is never sent.
func parseURL(raw string) (*url.URL, error) {
	if raw == "" {
		return nil, jic.Errorf(jic.EINVALID, "no URL")
	}
	if len(raw) > MaxURLBytes {
		return nil, jic.Errorf(jic.EINVALID, "URL is over %d bytes", MaxURLBytes)
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, jic.Errorf(jic.EINVALID, "not a URL")
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, jic.Errorf(jic.EINVALID, "only http and https URLs are fetched, not %q", u.Scheme)
	}
	if u.Hostname() == "" {
		return nil, jic.Errorf(jic.EINVALID, "URL has no host")
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return nil, jic.Errorf(jic.EINVALID, "port %q is out of range", p)
		}
	}
	u.Fragment, u.RawFragment = "", ""
	return u, nil
}

// redirectTarget resolves a Location header against the URL that sent it.
func redirectTarget(from *url.URL, location string) (*url.URL, error) {
	if location == "" {
		return nil, jic.Errorf(jic.EUNAVAILABLE, "redirect without a Location")
	}
	loc, err := from.Parse(location)
	if err != nil {
		return nil, jic.Errorf(jic.EINVALID, "redirect to a Location that is not a URL")
	}
	next, err := parseURL(loc.String())
	if err != nil {
		e := err.(*jic.Error)
		return nil, jic.Errorf(e.Code, "redirect to %s: %s", shorten(loc.Redacted()), e.Message)
	}
	return next, nil
}

func isRedirect(code int) bool {
	switch code {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
		http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		return true
	}
	return false
}

// hostKey names the host that politeness counts against: the host name
// without port, so all ports of one server share its limits.
func hostKey(u *url.URL) string {
	return strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
}

// retryAt turns a Retry-After header (delay seconds or an HTTP date) into
// the time the host may be asked again, bounded by MaxRetryAfter; a missing
// or unreadable header means DefaultRetryAfter.
func retryAt(header string, now time.Time) time.Time {
	d := DefaultRetryAfter
	header = strings.TrimSpace(header)
	if secs, err := strconv.ParseInt(header, 10, 64); err == nil && secs >= 0 {
		d = time.Duration(min(secs, int64(MaxRetryAfter/time.Second))) * time.Second
	} else if t, err := http.ParseTime(header); err == nil {
		d = max(t.Sub(now), 0)
	}
	return now.Add(min(d, MaxRetryAfter))
}

// drain reads what is left of a small body so that the connection can be
// reused; a longer one is cut off when it is closed.
func drain(body io.Reader) {
	io.CopyN(io.Discard, body, 64<<10)
}

func positive[T int | int64 | time.Duration](v, def T) T {
	if v <= 0 {
		return def
	}
	return v
}

// describe prefixes a hop's error with the URL asked for and, when a
// redirect led elsewhere, the URL that failed (at), passwords redacted. Context
// errors keep their identity for errors.Is.
func describe(err error, asked, at string) error {
	if u, perr := url.Parse(asked); perr == nil {
		asked = u.Redacted()
	}
	where := "fetch " + shorten(asked)
	if at != "" {
		where += ": redirected to " + shorten(at)
	}
	var e *jic.Error
	if errors.As(err, &e) {
		return &jic.Error{Code: e.Code, Field: e.Field, Message: where + ": " + e.Message}
	}
	return fmt.Errorf("%s: %w", where, err)
}

// shorten cuts a URL for an error message.
func shorten(u string) string {
	const max = 200
	if len(u) <= max {
		return u
	}
	return strings.ToValidUTF8(u[:max], "") + "…"
}
