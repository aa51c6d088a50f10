package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"github.com/jic-center/jic/internal/dates"
	"io"
	"net/url"
	"strings"

	"github.com/jic-center/jic"
)

// parseTREC reads <DOC> records in the TREC layout of the ANT corpus:
//
//	<DOC>
//	<DOCNO>AL-culture-590-20180715</DOCNO>
//	<URL>https://www.alarabiya.net/...</URL>
//	<SRC>alarabia</SRC>
//	<CAT>culture</CAT>
//	<TITLE>...</TITLE>
//	<TIME>Sun, 15 Jul 2018 21:56:56 +0400</TIME>
//	<AUTHOR>...</AUTHOR>
//	<ABSTRACT>...</ABSTRACT>
//	<TEXT>...</TEXT>
//	</DOC>
//
// The content between tags is raw text, not escaped XML (it may hold '<'
// or '&'), so the tags are found by hand rather than with encoding/xml.
// The text is TEXT, else ABSTRACT; the source is SRC. A TIME that cannot be
// read leaves the report undated rather than rejecting it. TREC says
// nothing about language: Options.Language is used.
func (p *parser) parseTREC(br *bufio.Reader) error {
	tr := trecReader{br: br, max: p.opt.MaxBytes, line: 1}
	docs := 0
	for {
		doc, err := tr.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("read %s: %w", p.name, err)
		}
		docs++
		if err := p.trecDoc(doc); err != nil {
			return err
		}
	}
	if docs == 0 {
		return p.reject(p.name, invalid("no <DOC> record found"))
	}
	return nil
}

// trecDoc turns one record into an item.
func (p *parser) trecDoc(d trecRecord) error {
	where := p.at(d.line)
	switch {
	case d.n > int64(p.opt.MaxBytes):
		return p.reject(where, tooLarge(d.n, p.opt.MaxBytes))
	case d.unclosed:
		return p.reject(where, invalid("<DOC> has no </DOC>: the record is truncated"))
	}
	if err := checkUTF8(d.raw, d.line); err != nil {
		return p.reject(where, err)
	}
	f, err := trecFields(d.raw[len("<DOC>") : len(d.raw)-len("</DOC>")])
	if err != nil {
		return p.reject(where, err)
	}
	rep := &jic.Report{
		Title:    clipTitle(oneLine(firstOf(f["TITLE"], f["HEADLINE"], f["HL"]))),
		Text:     firstOf(f["TEXT"], f["ABSTRACT"]),
		URL:      trecURL(f["URL"]),
		Language: p.opt.Language,
		Raw:      d.raw,
		RawType:  "application/x-trec",
	}
	if t, ok := dates.Parse(firstOf(f["TIME"], f["DATE"])); ok {
		rep.Published = t
	}
	return p.emit(Item{Report: rep, Source: oneLine(f["SRC"]), Where: where})
}

// trecURL returns u if it is a usable URL, else "": a broken URL in a
// corpus file should not cost the report.
func trecURL(u string) string {
	u = strings.TrimSpace(u)
	if _, err := url.Parse(u); err != nil || strings.ContainsAny(u, " \t\n") || len(u) > jic.MaxURLBytes {
		return ""
	}
	return u
}

// trecTags are the tags whose missing close tag rejects a record; unknown
// tags without a close are taken for text.
var trecTags = map[string]bool{
	"DOCNO": true, "URL": true, "SRC": true, "CAT": true, "TITLE": true, "HEADLINE": true, "HL": true,
	"TIME": true, "DATE": true, "AUTHOR": true, "ABSTRACT": true, "TEXT": true,
}

// trecFields returns the fields of a record's content by tag name: it
// reads "<NAME>value</NAME>" pairs in order and never looks for tags inside
// a value, so a value may hold anything but its own close tag. The first
// of two fields with one name wins.
func trecFields(content []byte) (map[string]string, error) {
	fields := map[string]string{}
	for p := 0; ; {
		i := bytes.IndexByte(content[p:], '<')
		if i < 0 {
			return fields, nil
		}
		p += i
		name := tagName(content[p:])
		if name == "" {
			p++
			continue
		}
		open, close := "<"+name+">", "</"+name+">"
		end := bytes.Index(content[p+len(open):], []byte(close))
		if end < 0 {
			if trecTags[name] {
				return nil, invalid("<%s> has no %s", name, close)
			}
			p++
			continue
		}
		if _, seen := fields[name]; !seen {
			fields[name] = strings.TrimSpace(newlines(string(content[p+len(open) : p+len(open)+end])))
		}
		p += len(open) + end + len(close)
	}
}

// tagName returns NAME if b starts with an opening tag "<NAME>" of
// upper-case letters, digits and underscores, else "".
func tagName(b []byte) string {
	for i := 1; i < len(b) && i <= 32; i++ {
		c := b[i]
		switch {
		case c == '>' && i > 1:
			return string(b[1:i])
		case c >= 'A' && c <= 'Z', c == '_', c >= '0' && c <= '9' && i > 1:
		default:
			return ""
		}
	}
	return ""
}

// trecRecord is one <DOC>...</DOC> as read from the input.
type trecRecord struct {
	raw      []byte // from "<DOC>" to "</DOC>", at most the item limit + 1 bytes of it
	n        int64  // its full length
	line     int    // the line its <DOC> is on
	unclosed bool   // the input ended, or a new <DOC> began, before its </DOC>
}

// trecReader splits an input into <DOC> records without reading lines, so
// that a record on one huge line, or a huge record, costs no more memory
// than the item limit. Text outside records is skipped.
type trecReader struct {
	br      *bufio.Reader
	max     int
	line    int
	tail    []byte // the last bytes read, to find a tag split across reads
	pending bool   // a <DOC> was read that begins the next record
	pendAt  int
}

var (
	docOpen  = []byte("<DOC>")
	docClose = []byte("</DOC>")
)

// next returns the next record, or io.EOF after the last one.
func (t *trecReader) next() (trecRecord, error) {
	var rec trecRecord
	in := t.pending
	if in {
		rec = trecRecord{raw: bytes.Clone(docOpen), n: int64(len(docOpen)), line: t.pendAt}
		t.pending = false
	}
	for {
		seg, err := t.br.ReadSlice('>')
		if err != nil && !errors.Is(err, bufio.ErrBufferFull) && err != io.EOF {
			return rec, err
		}
		t.line += bytes.Count(seg, []byte{'\n'})
		t.tail = append(t.tail, seg[max(0, len(seg)-len(docClose)):]...)
		t.tail = t.tail[max(0, len(t.tail)-len(docClose)):]
		opens, closes := bytes.HasSuffix(t.tail, docOpen), bytes.HasSuffix(t.tail, docClose)
		if opens || closes {
			t.tail = t.tail[:0] // a tag is read once
		}
		switch {
		case in && opens:
			// A new record begins before this one closed.
			rec.add(seg, t.max)
			rec.raw = bytes.TrimSuffix(rec.raw, docOpen)
			rec.unclosed, t.pending, t.pendAt = true, true, t.line
			return rec, nil
		case in:
			rec.add(seg, t.max)
			if closes {
				return rec, nil
			}
		case opens:
			in = true
			rec = trecRecord{raw: bytes.Clone(docOpen), n: int64(len(docOpen)), line: t.line}
		}
		if err == io.EOF {
			if in {
				rec.unclosed = true
				return rec, nil
			}
			return rec, io.EOF
		}
	}
}

// add appends a piece of the record, keeping at most limit+1 bytes.
func (r *trecRecord) add(seg []byte, limit int) {
	r.n += int64(len(seg))
	if room := limit + 1 - len(r.raw); room > 0 {
		r.raw = append(r.raw, seg[:min(room, len(seg))]...)
	}
}
