package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/jic-center/jic/internal/dates"
	"io"
	"net/url"
	"strings"

	"github.com/jic-center/jic"
)

// The JSON and JSON Lines schema: one object per report (SCHEMA.md has the
// same with examples).
//
//	title      string  the headline
//	text       string  the body as plain text ("body" and "content" are accepted too)
//	url        string  where the report was published
//	published  string  RFC 3339, YYYY-MM-DD or RFC 1123 ("date" is accepted too)
//	language   string  a BCP 47 tag ("lang" is accepted too)
//	source     string  the name of the source the report comes from
//	marking    string  TLP 2.0: CLEAR, GREEN, AMBER, AMBER+STRICT, RED
//
// A report needs a title or a text. null is the same as an absent field.
// The fields id, license, categories, genre, date_quality, keyword,
// cluster and author are accepted and ignored, so that the Wikinews and
// Global Voices files under shared/data load as they are; any other field
// rejects the item, because a misspelt "titel" silently dropped would lose
// the headline.
var recordFields = map[string]bool{
	"title": true, "text": true, "body": true, "content": true, "url": true,
	"published": true, "date": true, "language": true, "lang": true,
	"source": true, "marking": true,
	// accepted and ignored
	"id": false, "license": false, "categories": false, "genre": false,
	"date_quality": false, "keyword": false, "cluster": false, "author": false,
}

// record is one decoded JSON object: its known fields, raw.
type record map[string]json.RawMessage

// decodeRecord checks that raw is one JSON object of the schema's fields
// and returns them. Errors are EINVALID and name the problem.
func decodeRecord(raw []byte) (record, error) {
	if err := checkUTF8(raw, 0); err != nil {
		return nil, err
	}
	if !json.Valid(raw) {
		return nil, malformed(json.Unmarshal(raw, new(any)))
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, _ := dec.Token(); tok != json.Delim('{') {
		return nil, invalid("not a JSON object")
	}
	rec := record{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, malformed(err)
		}
		key := tok.(string) // an object's tokens alternate key, value
		if _, known := recordFields[key]; !known {
			return nil, invalid("unknown field %q", key)
		}
		if _, dup := rec[key]; dup {
			return nil, invalid("field %q appears twice", key)
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, malformed(err)
		}
		if string(v) != "null" {
			rec[key] = v
		}
	}
	return rec, nil
}

func malformed(err error) error {
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		return invalid("malformed JSON at byte %d: %v", syn.Offset, err)
	}
	return invalid("malformed JSON: %v", err)
}

// fields reads string fields of a record, keeping the first error so
// that a record's fields read as one block.
type fields struct {
	rec record
	err error
}

// str returns the first of the named fields that is present and not
// blank, "" if none. A field that is not a string sets the error.
func (f *fields) str(keys ...string) string {
	for _, k := range keys {
		v, ok := f.rec[k]
		if !ok || f.err != nil {
			continue
		}
		var s string
		if err := json.Unmarshal(v, &s); err != nil {
			f.err = jic.FieldErrorf(jic.EINVALID, k, "must be a string, not %s", v[:min(len(v), 40)])
			return ""
		}
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

// item turns a decoded record into an Item, checking the values of the
// url, published, language and marking fields.
func (r record) item(raw []byte, opt Options) (Item, error) {
	f := fields{rec: r}
	rep := &jic.Report{
		Title:    f.str("title"),
		Text:     f.str("text", "body", "content"),
		URL:      strings.TrimSpace(f.str("url")),
		Language: opt.Language,
		Raw:      raw,
		RawType:  "application/json",
	}
	published, lang := f.str("published", "date"), f.str("language", "lang")
	it := Item{Report: rep, Source: oneLine(f.str("source")), Marking: f.str("marking")}
	if f.err != nil {
		return Item{}, f.err
	}
	if _, err := url.Parse(rep.URL); err != nil {
		return Item{}, jic.FieldErrorf(jic.EINVALID, "url", "%q is not a URL", rep.URL)
	}
	if published != "" {
		t, ok := dates.Parse(published)
		if !ok {
			return Item{}, jic.FieldErrorf(jic.EINVALID, "published", "cannot read %q as a time (want RFC 3339, YYYY-MM-DD or RFC 1123)", published)
		}
		rep.Published = t
	}
	if lang != "" {
		tag, ok := languageTag(lang)
		if !ok {
			return Item{}, jic.FieldErrorf(jic.EINVALID, "language", "%q is not a BCP 47 language tag", lang)
		}
		rep.Language = tag
	}
	if it.Marking != "" {
		m, err := jic.ParseMarking(it.Marking)
		if err != nil {
			return Item{}, err
		}
		it.Marking = string(m)
	}
	return it, nil
}

// record parses one JSON object of the input and passes it on.
func (p *parser) record(raw []byte, n int64, where string) error {
	if n > int64(p.opt.MaxBytes) {
		return p.reject(where, tooLarge(n, p.opt.MaxBytes))
	}
	rec, err := decodeRecord(raw)
	if err != nil {
		return p.reject(where, err)
	}
	it, err := rec.item(raw, p.opt)
	if err != nil {
		return p.reject(where, err)
	}
	it.Where = where
	return p.emit(it)
}

// parseJSONL reads one object per line; blank lines are skipped. A bad or
// oversized line is rejected and reading goes on with the next one.
func (p *parser) parseJSONL(br *bufio.Reader) error {
	items := 0
	for line := 1; ; line++ {
		raw, n, err := readLine(br, p.opt.MaxBytes)
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("read %s: %w", p.name, err)
		}
		if line == 1 {
			raw = stripBOM(raw)
		}
		if len(bytes.TrimSpace(raw)) == 0 {
			continue
		}
		items++
		if err := p.record(raw, n, p.at(line)); err != nil {
			return err
		}
	}
	if items == 0 {
		return p.reject(p.name, invalid("empty input: no JSON objects"))
	}
	return nil
}

// parseJSON reads a stream of JSON values: each object is one report and
// each array holds reports. An array element that is not a valid object is
// rejected and reading goes on with the next element; a value that breaks
// the JSON syntax between elements ends the input, since nothing after it
// can be trusted to start where it seems to.
func (p *parser) parseJSON(br *bufio.Reader) error {
	s := &jsonScanner{br: br, line: 1, max: p.opt.MaxBytes}
	items := 0
	for {
		c, err := s.peek()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("read %s: %w", p.name, err)
		}
		if c == '[' {
			err = p.jsonArray(s, &items)
		} else {
			items++
			err = p.jsonValue(s)
		}
		if errors.Is(err, errStop) {
			return nil
		}
		if err != nil {
			return err
		}
	}
	if items == 0 {
		return p.reject(p.name, invalid("empty input: no JSON objects"))
	}
	return nil
}

// errStop ends parsing of an input after a rejected item that leaves no
// way to find the next one.
var errStop = errors.New("stop")

// jsonValue reads and passes on one top-level value.
func (p *parser) jsonValue(s *jsonScanner) error {
	line := s.line
	raw, n, err := s.value()
	if err != nil {
		return p.stop(p.at(line), err)
	}
	if n <= int64(p.opt.MaxBytes) && !json.Valid(raw) {
		return p.stop(p.at(line), malformed(json.Unmarshal(raw, new(any))))
	}
	return p.record(raw, n, p.at(line))
}

// jsonArray reads the elements of an array whose '[' is next in s.
func (p *parser) jsonArray(s *jsonScanner, items *int) error {
	s.next() // '['
	if c, err := s.peek(); err == nil && c == ']' {
		s.next()
		return nil
	}
	for {
		line := s.line
		raw, n, err := s.value()
		if err != nil {
			return p.stop(p.at(line), err)
		}
		*items++
		if err := p.record(raw, n, p.at(line)); err != nil {
			return err
		}
		c, err := s.peek()
		if err != nil {
			return p.stop(p.at(s.line), invalid("malformed JSON: the array is not closed"))
		}
		s.next()
		if c == ']' {
			return nil
		}
		if c != ',' {
			return p.stop(p.at(s.line), invalid("malformed JSON: want ',' or ']' after an array element, found %q", c))
		}
	}
}

// stop rejects an item and ends the input; a read error is returned as
// it is.
func (p *parser) stop(where string, err error) error {
	if jic.ErrorCode(err) == jic.EINTERNAL {
		return fmt.Errorf("read %s: %w", p.name, err)
	}
	if err := p.reject(where, err); err != nil {
		return err
	}
	return errStop
}
