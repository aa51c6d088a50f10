package ingest

import (
	"bufio"
	"errors"
	"io"
)

// jsonScanner splits a stream of JSON into values without decoding them,
// so that one huge element costs no more memory than the item limit and a
// malformed element does not hide the ones after it. It checks only
// bracket balance and strings; decodeRecord checks the rest.
type jsonScanner struct {
	br   *bufio.Reader
	line int // the line the next byte is on
	max  int // bytes of a value kept in memory, beyond which only its length is counted
}

// peek returns the next byte that is not white space (or a byte order
// mark) without consuming it.
func (s *jsonScanner) peek() (byte, error) {
	for {
		b, err := s.br.Peek(1)
		if err != nil {
			return 0, err
		}
		switch b[0] {
		case '\n':
			s.line++
			fallthrough
		case ' ', '\t', '\r':
			s.br.Discard(1)
		case 0xEF:
			if bom, _ := s.br.Peek(3); string(bom) == "\xef\xbb\xbf" {
				s.br.Discard(3)
				continue
			}
			return b[0], nil
		default:
			return b[0], nil
		}
	}
}

// next consumes one byte that peek returned.
func (s *jsonScanner) next() {
	s.br.Discard(1)
}

// value reads the value that starts at the next non-space byte: raw holds
// at most max+1 bytes of it and n is its full length.
func (s *jsonScanner) value() (raw []byte, n int64, err error) {
	c, err := s.peek()
	if err != nil {
		return nil, 0, errEOFInValue
	}
	keep := func(b byte) {
		n++
		if len(raw) <= s.max {
			raw = append(raw, b)
		}
		if b == '\n' {
			s.line++
		}
	}
	switch c {
	case '{', '[':
		err = s.container(keep)
	case '"':
		s.next()
		keep('"')
		err = s.stringBody(keep)
	default:
		err = s.scalar(keep)
	}
	return raw, n, err
}

var errEOFInValue = invalid("malformed JSON: unexpected end of input inside a value")

func (s *jsonScanner) container(keep func(byte)) error {
	depth := 0
	for {
		b, err := s.br.ReadByte()
		if err != nil {
			return s.eof(err)
		}
		keep(b)
		switch b {
		case '{', '[':
			depth++
		case '}', ']':
			if depth--; depth == 0 {
				return nil
			}
		case '"':
			if err := s.stringBody(keep); err != nil {
				return err
			}
		}
	}
}

// stringBody reads the rest of a string after its opening quote.
func (s *jsonScanner) stringBody(keep func(byte)) error {
	escaped := false
	for {
		b, err := s.br.ReadByte()
		if err != nil {
			return s.eof(err)
		}
		keep(b)
		switch {
		case escaped:
			escaped = false
		case b == '\\':
			escaped = true
		case b == '"':
			return nil
		case b == '\n':
			return invalid("malformed JSON: line break inside a string")
		}
	}
}

// scalar reads a number, true, false, null or a bare word, up to the next
// delimiter, which it leaves unread.
func (s *jsonScanner) scalar(keep func(byte)) error {
	for n := 0; ; n++ {
		b, err := s.br.Peek(1)
		if err == io.EOF && n > 0 {
			return nil
		}
		if err != nil {
			return s.eof(err)
		}
		switch b[0] {
		case ' ', '\t', '\r', '\n', ',', ']', '}', '[', '{', '"':
			if n == 0 {
				return invalid("malformed JSON: want a value, found %q", b[0])
			}
			return nil
		}
		s.br.Discard(1)
		keep(b[0])
	}
}

func (s *jsonScanner) eof(err error) error {
	if errors.Is(err, io.EOF) {
		return errEOFInValue
	}
	return err
}
