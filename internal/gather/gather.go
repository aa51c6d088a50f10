// Package gather holds the parsers of jic's collectors: feeds (RSS, Atom,
// JSON Feed), article pages, mail messages and mbox files. Each turns the
// bytes a collector received into plain values (items, articles, messages)
// and says whether a report republishes another outlet's article.
//
// It sits at the very start of the flow (gather → process → store): it does
// no network and no storage. The collector jobs fetch with internal/fetch,
// call these functions, and store the reports through jic.Store. Every
// function bounds its input (Options), returns a *jic.Error (EINVALID or
// ETOOLARGE) that a user can read, and keeps what it can of damaged input:
// one broken feed item or mail part does not lose the others.
package gather

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/jic-center/jic"
)

// Defaults for Options.
const (
	DefaultMaxAttachments = 32
	// MinFullText is the length in characters under which an item's text is
	// taken for a summary, so the collector fetches the article page.
	MinFullText = 500
)

// Options bound parsing. The zero value is usable.
type Options struct {
	MaxBytes           int // the largest feed, page or message accepted; 0 = jic.DefaultMaxRaw (10 MiB)
	MaxAttachments     int // attachments per message; 0 = DefaultMaxAttachments
	MaxAttachmentBytes int // one attachment, decoded; 0 = MaxBytes
}

func (o Options) withDefaults() Options {
	if o.MaxBytes <= 0 {
		o.MaxBytes = jic.DefaultMaxRaw
	}
	if o.MaxAttachments <= 0 {
		o.MaxAttachments = DefaultMaxAttachments
	}
	if o.MaxAttachmentBytes <= 0 || o.MaxAttachmentBytes > o.MaxBytes {
		o.MaxAttachmentBytes = o.MaxBytes
	}
	return o
}

// checkSize returns ETOOLARGE if an input of n bytes is over the limit.
func checkSize(what string, n, limit int) error {
	if n > limit {
		return jic.Errorf(jic.ETOOLARGE, "%s is %d bytes, over the limit of %d bytes", what, n, limit)
	}
	return nil
}

// hashKey is the key of an item that names itself in no other way.
func hashKey(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

// usableURL returns raw as an absolute http(s) URL resolved against base,
// or "" if it is no such URL: empty, a template placeholder left in by the
// feed's generator, javascript:, data: or any other scheme.
func usableURL(raw string, base *url.URL) string {
	raw = strings.TrimSpace(raw)
	if raw == "" || len(raw) > jic.MaxURLBytes || strings.ContainsAny(raw, "<>\"{}`\\ \t\r\n\x00") ||
		strings.Contains(raw, "%%") || strings.Contains(raw, "[%") {
		return ""
	}
	if u := httpURL(raw, base); u != nil {
		return u.String()
	}
	return ""
}

// httpURL parses raw, resolves it against base (if not nil) and returns it
// if it is an absolute http or https URL with a host.
func httpURL(raw string, base *url.URL) *url.URL {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return nil
	}
	return u
}

// langTag tidies a declared language ("en-US", "en_us") to lower case
// BCP 47 form, or "" if it is not one.
func langTag(s string) string {
	s = strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), "_", "-"))
	if s == "" || len(s) > 35 {
		return ""
	}
	for _, r := range s {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') && r != '-' {
			return ""
		}
	}
	return s
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

// clip cuts s to at most n bytes at a character boundary.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
