package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/jic-center/jic"
)

// maxCount bounds how far countRest reads past the limit just to name an
// oversized item's size: a gzip bomb must not keep us decompressing for
// minutes only to print a number.
const maxCount = 1 << 30

// countRest reads and discards the rest of r and returns how many bytes it
// held, or -1 if it holds more than maxCount.
func countRest(r io.Reader) (int64, error) {
	n, err := io.Copy(io.Discard, io.LimitReader(r, maxCount+1))
	if err != nil {
		return 0, err
	}
	if n > maxCount {
		return -1, nil
	}
	return n, nil
}

// readLine reads one line, without its line end ("\n" or "\r\n"), keeping
// at most limit+1 bytes of it in memory; n is the full length of the line.
// It returns io.EOF only when there is no line left at all.
func readLine(br *bufio.Reader, limit int) (line []byte, n int64, err error) {
	var prev byte // the last byte of the previous chunk, for a "\r\n" split between chunks
	for {
		chunk, err := br.ReadSlice('\n')
		switch {
		case err == io.EOF && n == 0 && len(chunk) == 0:
			return nil, 0, io.EOF
		case err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull):
			return nil, n, err
		}
		n += int64(len(chunk))
		if room := limit + 1 - len(line); room > 0 {
			line = append(line, chunk[:min(room, len(chunk))]...)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			prev = chunk[len(chunk)-1]
			continue
		}
		if k := len(chunk); k > 0 && chunk[k-1] == '\n' {
			n--
			if k > 1 && chunk[k-2] == '\r' || k == 1 && prev == '\r' {
				n--
			}
		}
		if int64(len(line)) > n {
			line = line[:n]
		}
		return line, n, nil
	}
}

// checkUTF8 returns EINVALID naming the line and byte offset of the first
// invalid UTF-8 sequence in b; firstLine is the line b starts on, 0 to name
// only the offset.
func checkUTF8(b []byte, firstLine int) error {
	if utf8.Valid(b) {
		return nil
	}
	off := 0
	for off < len(b) {
		r, size := utf8.DecodeRune(b[off:])
		if r == utf8.RuneError && size <= 1 {
			break
		}
		off += size
	}
	if firstLine == 0 {
		return invalid("invalid UTF-8 at byte %d", off)
	}
	line := firstLine + bytes.Count(b[:off], []byte{'\n'})
	return invalid("invalid UTF-8 at line %d (byte %d)", line, off)
}

// stripBOM removes a UTF-8 byte order mark, which editors on Windows add
// and which would otherwise end up in the title.
func stripBOM(b []byte) []byte {
	return bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
}

// newlines normalizes line ends to "\n".
func newlines(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// clean trims a field, normalizes line ends, trims trailing space from
// every line and collapses runs of blank lines into one paragraph break.
func clean(s string) string {
	lines := strings.Split(newlines(s), "\n")
	out := lines[:0]
	blank := true // drops blank lines at the start
	for _, l := range lines {
		l = strings.TrimRight(l, " \t\u00a0")
		if strings.TrimSpace(l) == "" {
			if !blank {
				out = append(out, "")
			}
			blank = true
			continue
		}
		out = append(out, l)
		blank = false
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}

// oneLine collapses all white space in a title-like field to single spaces.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// clipTitle shortens a title taken from the text (a first line, a heading)
// to fit jic.MaxTitleBytes; the full line stays in the text.
func clipTitle(s string) string {
	if len(s) <= jic.MaxTitleBytes {
		return s
	}
	cut := jic.MaxTitleBytes - len("…")
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	if sp := strings.LastIndexByte(s[:cut], ' '); sp > cut/2 {
		cut = sp
	}
	return strings.TrimSpace(s[:cut]) + "…"
}

// finish normalizes a parsed report and checks what every format shares:
// valid UTF-8 without NUL bytes, something to read, and the size limits.
func finish(r *jic.Report, maxBytes int) error {
	r.Title = oneLine(r.Title)
	r.Text = clean(r.Text)
	r.URL = strings.TrimSpace(r.URL)
	r.Language = strings.TrimSpace(r.Language)
	fields := []struct{ name, v string }{{"title", r.Title}, {"text", r.Text}, {"url", r.URL}}
	for _, f := range fields {
		if !utf8.ValidString(f.v) {
			return jic.FieldErrorf(jic.EINVALID, f.name, "is not valid UTF-8")
		}
		if i := strings.IndexByte(f.v, 0); i >= 0 {
			return jic.FieldErrorf(jic.EINVALID, f.name, "contains a NUL byte at byte %d: binary data?", i)
		}
	}
	switch {
	case r.Title == "" && r.Text == "":
		return invalid("empty report: no title and no text")
	case len(r.Text) > maxBytes:
		return jic.FieldErrorf(jic.ETOOLARGE, "text", "%d bytes is over the limit of %d", len(r.Text), maxBytes)
	case len(r.Title) > jic.MaxTitleBytes:
		return jic.FieldErrorf(jic.ETOOLARGE, "title", "%d bytes is over the limit of %d", len(r.Title), jic.MaxTitleBytes)
	case len(r.URL) > jic.MaxURLBytes:
		return jic.FieldErrorf(jic.ETOOLARGE, "url", "%d bytes is over the limit of %d", len(r.URL), jic.MaxURLBytes)
	case strings.ContainsAny(r.URL, " \t\n"):
		return jic.FieldErrorf(jic.EINVALID, "url", "contains white space")
	}
	return nil
}
