// Package ingest turns files handed to `jic ingest` or the push API into
// reports: one parser per format (plain text, Markdown, HTML, JSON, JSON
// Lines and the TREC layout of the ANT corpus), format detection, and a
// walker over directories and archives.
//
// It sits at the start of the process flow (detect format → parse →
// normalize → dedup → ...): it only reads bytes and returns jic.Report
// values with title, text, URL, published time, language and the raw payload
// filled in. Owner, marking policy, collected time and storage are the
// caller's. Every parser bounds what it holds in memory by Options.MaxBytes
// and reports a bad item as an Item with Err set instead of stopping, where
// the format lets it find the next item.
package ingest

import (
	"bufio"
	"fmt"
	"io"

	"github.com/jic-center/jic"
)

// Format names an input format.
type Format string

// The formats Parse reads.
const (
	FormatText     Format = "text"     // plain UTF-8 text: first line is the title
	FormatMarkdown Format = "markdown" // Markdown with optional front matter
	FormatHTML     Format = "html"     // a web page; the main text is extracted
	FormatJSON     Format = "json"     // one object or an array of objects, see SCHEMA.md
	FormatJSONL    Format = "jsonl"    // one object per line, see SCHEMA.md
	FormatTREC     Format = "trec"     // <DOC> records as in the ANT corpus
)

// Options bound and steer parsing.
type Options struct {
	Format   Format // "" = detect from the name's extension, then from the content
	MaxBytes int    // per item (text and raw payload); 0 = jic.DefaultMaxRaw (10 MiB)
	Language string // default language for items that do not say
}

// Item is one parsed report, or one rejected item with the reason.
type Item struct {
	// Report holds Title, Text, URL, Published, Language, Raw (the exact
	// bytes of this item as received) and RawType (their media type). Owner,
	// marking and collected time are left for the caller. Nil when Err is set.
	Report  *jic.Report
	Source  string // the source name the item names itself (TREC <SRC>, JSON "source"), "" if none
	Marking string // the JSON "marking", canonical ("AMBER+STRICT"), "" if not given
	Where   string // where the item is, for messages: "file.jsonl:12", "ant.tar.gz:Alarabia/culture/x.txt:1"
	Err     error  // non-nil: the item was rejected; a *jic.Error (EINVALID or ETOOLARGE) saying what is wrong
}

// Parse reads one input named name (a file name, used for format detection
// and messages) and calls fn for each item in order.
//
// A malformed item is passed to fn with Err set and parsing continues where
// the format allows it (the next JSONL line, TREC <DOC> or JSON array
// element); an input that cannot be read at all returns an error. If fn
// returns an error, parsing stops and Parse returns that error.
func Parse(r io.Reader, name string, opt Options, fn func(Item) error) error {
	return parseInput(r, input{name: name, typeName: name, size: -1}, opt, fn)
}

// input describes one stream being parsed.
type input struct {
	name     string // for messages (Item.Where)
	typeName string // for format detection: name without a .gz suffix
	size     int64  // its length if known, else -1
}

// parser is the state shared by the format parsers while reading one input.
type parser struct {
	input
	opt Options
	fn  func(Item) error
}

func parseInput(r io.Reader, in input, opt Options, fn func(Item) error) error {
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = jic.DefaultMaxRaw
	}
	br := bufio.NewReaderSize(r, 16<<10) // small: archives hold thousands of small inputs
	format, err := detect(br, in.typeName, opt.Format)
	if err != nil {
		return err
	}
	p := &parser{input: in, opt: opt, fn: fn}
	switch format {
	case FormatJSON:
		return p.parseJSON(br)
	case FormatJSONL:
		return p.parseJSONL(br)
	case FormatTREC:
		return p.parseTREC(br)
	case FormatText:
		return p.single(br, parseText)
	case FormatMarkdown:
		return p.single(br, parseMarkdown)
	default:
		return p.single(br, parseHTML)
	}
}

// single parses a format that holds one item per input: it reads at most
// MaxBytes+1 bytes so that an oversized input costs no more memory than
// the limit.
func (p *parser) single(br *bufio.Reader, parse func(raw []byte, opt Options) (*jic.Report, error)) error {
	if p.size > int64(p.opt.MaxBytes) {
		return p.reject(p.name, tooLarge(p.size, p.opt.MaxBytes))
	}
	raw, err := io.ReadAll(io.LimitReader(br, int64(p.opt.MaxBytes)+1))
	if err != nil {
		return fmt.Errorf("read %s: %w", p.name, err)
	}
	if len(raw) > p.opt.MaxBytes {
		n, err := countRest(br)
		if err != nil {
			return fmt.Errorf("read %s: %w", p.name, err)
		}
		return p.reject(p.name, tooLarge(int64(len(raw))+n, p.opt.MaxBytes))
	}
	rep, err := parse(raw, p.opt)
	if err == nil {
		err = finish(rep, p.opt.MaxBytes)
	}
	if err != nil {
		return p.reject(p.name, err)
	}
	return p.fn(Item{Report: rep, Where: p.name})
}

// reject passes a rejected item to the callback.
func (p *parser) reject(where string, err error) error {
	return p.fn(Item{Where: where, Err: err})
}

// emit finishes a parsed report and passes it, or the reason it is
// rejected, to the callback.
func (p *parser) emit(it Item) error {
	if err := finish(it.Report, p.opt.MaxBytes); err != nil {
		return p.reject(it.Where, err)
	}
	return p.fn(it)
}

// at names a line of the input being parsed.
func (p *parser) at(line int) string {
	return fmt.Sprintf("%s:%d", p.name, line)
}

// invalid returns an EINVALID error with a formatted message.
func invalid(format string, args ...any) error {
	return jic.Errorf(jic.EINVALID, format, args...)
}

// tooLarge returns the ETOOLARGE error for an item of size bytes; a
// negative size means "more than can be counted cheaply".
func tooLarge(size int64, limit int) error {
	if size < 0 {
		return jic.Errorf(jic.ETOOLARGE, "item is larger than %d MiB, over the limit of %d bytes", maxCount>>20, limit)
	}
	return jic.Errorf(jic.ETOOLARGE, "item is %d bytes, over the limit of %d bytes", size, limit)
}
