package gather

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"

	"github.com/jic-center/jic"
)

// SplitMbox reads an mbox file (mboxo or mboxrd, as mail clients and
// archives write it) and calls fn with each message's raw bytes, in order,
// with ">From " lines unescaped. Messages are limited to jic.DefaultMaxRaw
// bytes; see SplitMboxMax.
func SplitMbox(r io.Reader, fn func(raw []byte) error) error {
	return SplitMboxMax(r, jic.DefaultMaxRaw, fn)
}

// SplitMboxMax is SplitMbox with a limit on one message. A message longer
// than maxBytes is passed to fn cut to maxBytes+1 bytes, so that
// ParseMessage with the same limit refuses it with ETOOLARGE; the rest of
// it is skipped without being held. fn's raw is only valid during the
// call. A message fn cannot parse should be reported by fn, not returned:
// an error from fn stops the split and is returned as is. Text before the
// first "From " line is a message of its own (an .eml given as mbox).
func SplitMboxMax(r io.Reader, maxBytes int, fn func(raw []byte) error) error {
	if maxBytes <= 0 {
		maxBytes = jic.DefaultMaxRaw
	}
	s := mboxSplitter{max: maxBytes, fn: fn}
	br := bufio.NewReaderSize(r, 64<<10)
	lineStart, prevBlank := true, true
	for {
		line, err := br.ReadSlice('\n')
		if len(line) > 0 {
			complete := line[len(line)-1] == '\n'
			if lineStart && isSeparator(line, prevBlank) {
				if ferr := s.emit(); ferr != nil {
					return ferr
				}
				s.started = true
			} else {
				if lineStart && escapedFrom.Match(line) {
					line = line[1:]
				}
				s.add(line, lineStart)
			}
			if lineStart {
				prevBlank = isBlankLine(line)
			}
			lineStart = complete
		}
		switch {
		case err == nil, errors.Is(err, bufio.ErrBufferFull):
		case errors.Is(err, io.EOF):
			return s.emit()
		default:
			return fmt.Errorf("read mbox: %w", err)
		}
	}
}

type mboxSplitter struct {
	max     int
	fn      func([]byte) error
	buf     []byte
	started bool // a "From " line or content has begun a message
}

func (s *mboxSplitter) add(line []byte, lineStart bool) {
	if !s.started {
		if lineStart && isBlankLine(line) {
			return // blank lines before the first message
		}
		s.started = true
	}
	if room := s.max + 1 - len(s.buf); room > 0 {
		s.buf = append(s.buf, line[:min(room, len(line))]...)
	}
}

// emit passes the message read so far to fn, without the blank line that
// separates it from the next one.
func (s *mboxSplitter) emit() error {
	msg := s.buf
	switch {
	case bytes.HasSuffix(msg, []byte("\r\n\r\n")):
		msg = msg[:len(msg)-2]
	case bytes.HasSuffix(msg, []byte("\n\n")):
		msg = msg[:len(msg)-1]
	}
	s.buf = s.buf[:0]
	started := s.started
	s.started = false
	if !started || len(bytes.TrimSpace(msg)) == 0 {
		return nil
	}
	return s.fn(msg)
}

var (
	// asctime is the envelope date of a "From " line: "Sat Jan  3 01:05:34 1996".
	asctime     = regexp.MustCompile(`^From \S+\s+[A-Za-z]{3},?\s+[A-Za-z]{3}\s+\d{1,2},?\s+\d{1,2}:\d{2}(?::\d{2})?\s+(?:\S+\s+)?\d{4}`)
	clock       = regexp.MustCompile(`\d{1,2}:\d{2}`)
	escapedFrom = regexp.MustCompile(`^>+From `)
)

// isSeparator tells a "From " line that starts a message from a body line
// that a sloppy writer left unescaped: it has an asctime date, or a time
// and follows a blank line.
func isSeparator(line []byte, afterBlank bool) bool {
	if !bytes.HasPrefix(line, []byte("From ")) {
		return false
	}
	return asctime.Match(line) || (afterBlank && clock.Match(line))
}

func isBlankLine(line []byte) bool {
	return len(bytes.TrimRight(line, "\r\n")) == 0 && line[len(line)-1] == '\n'
}
