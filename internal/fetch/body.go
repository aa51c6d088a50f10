package fetch

import (
	"compress/gzip"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/jic-center/jic"
)

// errTooLarge is returned by a capReader past its cap.
var errTooLarge = errors.New("over the size cap")

// readBody reads a response body under the cap twice over: on the wire, so
// that an endless compressed stream that decodes to little stops, and after
// gzip decoding, so that a gzip bomb stops at MaxBytes+1 decoded bytes.
// Only gzip is asked for, so only gzip (and identity) is decoded.
func (c *Client) readBody(res *http.Response) ([]byte, error) {
	if res.ContentLength > c.maxBytes {
		return nil, jic.Errorf(jic.ETOOLARGE, "body of %d bytes is over the cap of %d bytes", res.ContentLength, c.maxBytes)
	}
	var r io.Reader = &capReader{r: res.Body, left: c.maxBytes + 1}
	switch enc := strings.ToLower(strings.TrimSpace(res.Header.Get("Content-Encoding"))); enc {
	case "", "identity":
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(r)
		if err == io.EOF {
			return nil, nil // an empty body labelled gzip
		}
		if err != nil {
			return nil, bodyError(c.maxBytes, err)
		}
		defer zr.Close()
		r = &capReader{r: zr, left: c.maxBytes + 1}
	default:
		return nil, jic.Errorf(jic.EINVALID, "body is in encoding %q, which we did not ask for", enc)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, bodyError(c.maxBytes, err)
	}
	return b, nil
}

// bodyError maps a failure while reading a body. Timeouts and context ends
// are left to netError, which knows the contexts.
func bodyError(maxBytes int64, err error) error {
	switch {
	case errors.Is(err, errTooLarge):
		return jic.Errorf(jic.ETOOLARGE, "body is over the cap of %d bytes", maxBytes)
	case errors.Is(err, gzip.ErrHeader), errors.Is(err, gzip.ErrChecksum), errors.Is(err, io.ErrUnexpectedEOF):
		return jic.Errorf(jic.EUNAVAILABLE, "body is corrupt or cut short: %v", err)
	}
	return err
}

// capReader reads at most left-1 bytes from r; reading one more returns
// errTooLarge instead of io.EOF.
type capReader struct {
	r    io.Reader
	left int64
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.left <= 0 {
		return 0, errTooLarge
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	if c.left <= 0 {
		return n, errTooLarge
	}
	return n, err
}
