package gather

import (
	"bytes"
	"fmt"
	"github.com/jic-center/jic/internal/dates"
	"io"
	"mime"
	"net/mail"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html/charset"

	"github.com/jic-center/jic"
)

// Message is one mail message, decoded.
type Message struct {
	// MessageID is the Message-ID header without its angle brackets; ""
	// if the message has none.
	MessageID string
	// Key identifies the message in its source: the Message-ID, else
	// "sha256:" and the hex SHA-256 of the raw message.
	Key      string
	From     mail.Address // the sender (From, else Sender, else Reply-To); the caller maps it to a source
	Subject  string       // decoded (RFC 2047), one line
	Date     time.Time    // UTC; zero if the message has no readable date
	Language string       // the Content-Language header, lower case; "" if none
	// Text is the body as plain text: the text/plain parts, else the HTML
	// part converted to text.
	Text        string
	HTML        string // the first text/html part, decoded to UTF-8; "" if none
	Attachments []Attachment
}

// Attachment is a part of a message that is not its body, kept as sent
// (after its transfer encoding is undone): files, images, forwarded
// messages, calendar invitations.
type Attachment struct {
	Name        string // the file name the sender gave, without any directory; "" if none
	ContentType string // the media type, lower case, without parameters
	Data        []byte
}

// Limits of the MIME structure that Options do not set.
const (
	maxParts = 256 // parts in one message
	maxDepth = 10  // nested multiparts
)

// ParseMessage parses one RFC 5322 message, such as a .eml file. It
// handles multipart/mixed, alternative and related at any depth (up to
// 10), base64 and quoted-printable, RFC 2047 headers and the charsets of
// the WHATWG encoding standard (windows-1256, KOI8-R, ...).
//
// It returns ETOOLARGE if raw is over opt.MaxBytes or has more than
// opt.MaxAttachments attachments, one over opt.MaxAttachmentBytes, or more
// than 256 parts; EINVALID if its header cannot be read. Damage inside the
// body (a missing closing boundary, bad base64) keeps what can be decoded.
func ParseMessage(raw []byte, opt Options) (*Message, error) {
	opt = opt.withDefaults()
	if err := checkSize("message", len(raw), opt.MaxBytes); err != nil {
		return nil, err
	}
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return nil, jic.Errorf(jic.EINVALID, "parse message: %s", clip(err.Error(), 200))
	}
	body, err := io.ReadAll(msg.Body)
	if err != nil {
		return nil, jic.Errorf(jic.EINVALID, "parse message: %v", err)
	}
	w := &mimeWalker{opt: opt}
	if err := w.part(msg.Header, body, 0); err != nil {
		return nil, err
	}
	h := msg.Header
	m := &Message{
		MessageID:   messageID(h.Get("Message-Id")),
		Language:    langTag(strings.Split(h.Get("Content-Language"), ",")[0]),
		HTML:        w.html,
		Attachments: w.attachments,
	}
	m.Key = m.MessageID
	if m.Key == "" {
		m.Key = hashKey(string(raw))
	}
	m.Subject = oneLine(decodeHeader(h.Get("Subject"), w.charset))
	m.From = sender(h, w.charset)
	m.Date = messageDate(h.Get("Date"))
	m.Text = plainText(strings.Join(w.texts, "\n\n"))
	if m.Text == "" && w.html != "" {
		m.Text = htmlText(w.html)
	}
	return m, nil
}

// mimeWalker collects the body and attachments of a message.
type mimeWalker struct {
	opt         Options
	parts       int
	texts       []string
	html        string
	charset     string // of the first text part, for raw 8-bit headers
	attachments []Attachment
}

// header is what the walker needs of a part's header: mail.Header for
// the message, textproto.MIMEHeader for its parts.
type header interface{ Get(string) string }

func (w *mimeWalker) part(h header, body []byte, depth int) error {
	w.parts++
	if w.parts > maxParts {
		return jic.Errorf(jic.ETOOLARGE, "message has more than %d MIME parts", maxParts)
	}
	mediaType, params := parseMediaType(h.Get("Content-Type"))
	disposition, dparams := parseMediaType(h.Get("Content-Disposition"))
	if mediaType == "" {
		mediaType = "text/plain" // RFC 2045's default
	}
	if strings.HasPrefix(mediaType, "multipart/") && params["boundary"] != "" {
		if depth >= maxDepth {
			return jic.Errorf(jic.ETOOLARGE, "message nests multiparts deeper than %d levels", maxDepth)
		}
		n, err := w.multipart(body, params["boundary"], depth)
		if err != nil || n > 0 {
			return err
		}
		mediaType = "text/plain" // a multipart without parts: its body is the text
	}
	data := decodeTransfer(h.Get("Content-Transfer-Encoding"), body)
	name := fileName(firstNonEmpty(dparams["filename"], params["name"]))
	isText := mediaType == "text/plain" || mediaType == "text/html"
	if !isText || disposition == "attachment" || (name != "" && disposition != "inline") {
		return w.attach(name, mediaType, data)
	}
	if w.charset == "" {
		w.charset = params["charset"]
	}
	if mediaType == "text/html" {
		if w.html == "" {
			w.html = decodeHTMLPart(params["charset"], data)
		} else {
			w.texts = append(w.texts, htmlText(decodeHTMLPart(params["charset"], data)))
		}
		return nil
	}
	w.texts = append(w.texts, decodeCharset(params["charset"], data))
	return nil
}

// multipart walks the parts of a multipart body and returns how many it
// found. A missing closing boundary ends the walk with what was read.
func (w *mimeWalker) multipart(body []byte, boundary string, depth int) (int, error) {
	mr := newMultipartReader(body, boundary)
	n := 0
	for {
		p, err := mr.NextRawPart()
		if err != nil {
			return n, nil
		}
		data, rerr := io.ReadAll(p)
		n++
		if err := w.part(p.Header, data, depth+1); err != nil {
			return n, err
		}
		if rerr != nil {
			return n, nil
		}
	}
}

func (w *mimeWalker) attach(name, mediaType string, data []byte) error {
	if len(w.attachments) >= w.opt.MaxAttachments {
		return jic.Errorf(jic.ETOOLARGE, "message has more than %d attachments", w.opt.MaxAttachments)
	}
	if err := checkSize(fmt.Sprintf("attachment %q", name), len(data), w.opt.MaxAttachmentBytes); err != nil {
		return err
	}
	if mediaType == "" {
		mediaType = "application/octet-stream"
	}
	w.attachments = append(w.attachments, Attachment{Name: name, ContentType: mediaType, Data: data})
	return nil
}

// parseMediaType parses a Content-Type or Content-Disposition value. A value
// mime cannot parse is read by hand: its type and a boundary, charset or
// name parameter, which is what mail software that writes it wrong means.
func parseMediaType(v string) (string, map[string]string) {
	if strings.TrimSpace(v) == "" {
		return "", map[string]string{}
	}
	t, params, err := mime.ParseMediaType(v)
	if err == nil {
		return strings.ToLower(t), params
	}
	t, _, _ = strings.Cut(v, ";")
	params = map[string]string{}
	for _, m := range looseParam.FindAllStringSubmatch(v, -1) {
		k := strings.ToLower(m[1])
		if _, seen := params[k]; !seen {
			params[k] = firstNonEmpty(m[2], m[3])
		}
	}
	return strings.ToLower(strings.TrimSpace(t)), params
}

var looseParam = regexp.MustCompile(`(?i)\b(boundary|charset|name|filename)\s*=\s*(?:"([^"]*)"|([^\s;"]+))`)

// fileName keeps the last path element of a sender's file name, without
// control characters.
func fileName(s string) string {
	s = decodeHeader(s, "")
	if i := strings.LastIndexAny(s, `/\`); i >= 0 {
		s = s[i+1:]
	}
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, s)
	s = strings.TrimSpace(s)
	if s == "." || s == ".." {
		return ""
	}
	return clip(s, 255)
}

// decodeCharset converts text in the named charset to UTF-8. Text without
// a charset, or with one not known, is read as UTF-8 if valid and as
// windows-1252 (which decodes any byte) otherwise.
func decodeCharset(label string, data []byte) string {
	label = strings.ToLower(strings.Trim(strings.TrimSpace(label), `"'`))
	if label == "" || label == "utf-8" || label == "utf8" || label == "us-ascii" || label == "ascii" {
		if utf8.Valid(data) {
			return string(data)
		}
		label = "windows-1252"
	}
	enc, _ := charset.Lookup(label)
	if enc == nil {
		if utf8.Valid(data) {
			return string(data)
		}
		enc, _ = charset.Lookup("windows-1252")
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return strings.ToValidUTF8(string(data), "\uFFFD")
	}
	return strings.ToValidUTF8(string(out), "\uFFFD")
}

// decodeHTMLPart decodes an HTML part by its declared charset, else by the
// page's own <meta charset>, else as UTF-8 or windows-1252.
func decodeHTMLPart(label string, data []byte) string {
	if strings.TrimSpace(label) == "" && !utf8.Valid(data) {
		_, name, _ := charset.DetermineEncoding(data, "text/html")
		label = name
	}
	return decodeCharset(label, data)
}

// wordDecoder decodes RFC 2047 encoded words in any WHATWG charset.
var wordDecoder = &mime.WordDecoder{CharsetReader: charset.NewReaderLabel}

// decodeHeader decodes a header value: its RFC 2047 encoded words, and raw
// 8-bit text (not allowed, but sent) by the charset of the message's body.
func decodeHeader(v, bodyCharset string) string {
	if d, err := wordDecoder.DecodeHeader(v); err == nil {
		v = d
	}
	if !utf8.ValidString(v) {
		v = decodeCharset(bodyCharset, []byte(v))
	}
	// Encoded words can hide control characters, NUL included.
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(v, "\uFFFD"))
}

// sender reads From, else Sender, else Reply-To. An address net/mail
// cannot parse is read loosely: the first thing that looks like an
// address, and the rest as the name.
func sender(h mail.Header, bodyCharset string) mail.Address {
	ap := mail.AddressParser{WordDecoder: wordDecoder}
	for _, k := range []string{"From", "Sender", "Reply-To"} {
		v := h.Get(k)
		if strings.TrimSpace(v) == "" {
			continue
		}
		if list, err := ap.ParseList(v); err == nil && len(list) > 0 {
			a := *list[0]
			a.Name = oneLine(decodeHeader(a.Name, bodyCharset))
			return a
		}
		v = oneLine(decodeHeader(v, bodyCharset))
		addr := looseAddress.FindString(v)
		name := strings.Trim(strings.TrimSpace(strings.Replace(v, addr, "", 1)), `"'<>() `)
		return mail.Address{Name: name, Address: strings.Trim(addr, "<>")}
	}
	return mail.Address{}
}

var looseAddress = regexp.MustCompile(`<?[^\s<>@"]+@[^\s<>@"]+>?`)

func messageDate(v string) time.Time {
	if t, err := mail.ParseDate(v); err == nil {
		if t, ok := dates.Sane(t); ok {
			return t.UTC()
		}
	}
	if t, ok := dates.Parse(v); ok {
		if t, ok := dates.Sane(t); ok {
			return t.UTC()
		}
	}
	return time.Time{}
}

func messageID(v string) string {
	v = strings.TrimSpace(v)
	v = strings.TrimSuffix(strings.TrimPrefix(v, "<"), ">")
	v = strings.TrimSpace(v)
	if !utf8.ValidString(v) || strings.ContainsAny(v, "\x00\r\n") {
		return ""
	}
	return clip(v, 998)
}
