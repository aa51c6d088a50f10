package ingest

import (
	"strings"

	"github.com/jic-center/jic"
)

// parseText reads a plain text file: the first non-empty line is the title
// and the rest is the text. It returns EINVALID for invalid UTF-8, naming
// where, since guessing a legacy encoding would garble Arabic or Cyrillic
// text silently.
func parseText(raw []byte, opt Options) (*jic.Report, error) {
	if err := checkUTF8(raw, 1); err != nil {
		return nil, err
	}
	title, text := firstLine(newlines(string(stripBOM(raw))))
	return &jic.Report{
		Title:    title,
		Text:     text,
		Language: opt.Language,
		Raw:      raw,
		RawType:  "text/plain; charset=utf-8",
	}, nil
}

// firstLine splits s into its first non-empty line, as a title, and the
// rest. A line too long to be a title is clipped and kept whole in the text.
func firstLine(s string) (title, rest string) {
	s = strings.TrimLeft(s, " \t\n")
	line, rest, _ := strings.Cut(s, "\n")
	line = oneLine(line)
	if title = clipTitle(line); title != line {
		return title, s
	}
	return title, rest
}
