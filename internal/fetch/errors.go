package fetch

import (
	"context"
	"crypto/tls"
	"errors"
	"net"
	"net/url"
	"syscall"

	"github.com/jic-center/jic"
)

// errTimeout is the cause of a hop's context when Options.Timeout ran out,
// which tells it apart from the caller's own deadline.
var errTimeout = errors.New("fetch timeout")

// netError maps a failed exchange, or a failed body read, to one domain
// error. ctx is the caller's context, hctx the hop's. It returns ctx's
// error unchanged when the caller gave up, so errors.Is(err,
// context.Canceled) works for them.
func (c *Client) netError(ctx, hctx context.Context, err error) error {
	var (
		je      *jic.Error
		refused *refusedError
		dnsErr  *net.DNSError
		certErr *tls.CertificateVerificationError
		netErr  net.Error
	)
	switch {
	case ctx.Err() != nil:
		return ctx.Err()
	case context.Cause(hctx) == errTimeout:
		return jic.Errorf(jic.EUNAVAILABLE, "no complete answer within %v", c.timeout)
	case errors.As(err, &je):
		return je
	case errors.As(err, &refused):
		return jic.Errorf(jic.EFORBIDDEN, "%v", refused)
	case errors.As(err, &dnsErr) && dnsErr.IsNotFound:
		return jic.Errorf(jic.EUNAVAILABLE, "cannot resolve %s: no such host", dnsErr.Name)
	case errors.As(err, &dnsErr):
		return jic.Errorf(jic.EUNAVAILABLE, "cannot resolve %s: the DNS lookup failed", dnsErr.Name)
	case errors.Is(err, syscall.ECONNREFUSED):
		return jic.Errorf(jic.EUNAVAILABLE, "connection refused")
	case errors.Is(err, syscall.ECONNRESET):
		return jic.Errorf(jic.EUNAVAILABLE, "connection reset")
	case errors.As(err, &certErr):
		return jic.Errorf(jic.EUNAVAILABLE, "TLS certificate not accepted: %v", certErr.Err)
	case errors.As(err, &netErr) && netErr.Timeout():
		return jic.Errorf(jic.EUNAVAILABLE, "timed out")
	}
	return jic.Errorf(jic.EUNAVAILABLE, "connection failed: %v", unwrapURL(err))
}

// unwrapURL drops net/http's "Get \"URL\": " prefix, since our message
// already names the URL.
func unwrapURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
