package ingest

import (
	"bufio"
	"bytes"
	"path"
	"strings"

	"github.com/jic-center/jic"
)

// extensions maps file name extensions to formats. ".txt" is only a hint:
// the ANT corpus ships TREC records in .txt files, so content decides.
var extensions = map[string]Format{
	".txt":      FormatText,
	".text":     FormatText,
	".md":       FormatMarkdown,
	".markdown": FormatMarkdown,
	".html":     FormatHTML,
	".htm":      FormatHTML,
	".xhtml":    FormatHTML,
	".json":     FormatJSON,
	".jsonl":    FormatJSONL,
	".ndjson":   FormatJSONL,
	".trec":     FormatTREC,
}

// sniffBytes is how much of an input detection looks at.
const sniffBytes = 4096

// detect returns the format to parse br with: the one asked for, else the
// one the name's extension says, else the one the content looks like. It
// returns EINVALID for an unknown format name.
func detect(br *bufio.Reader, name string, want Format) (Format, error) {
	if want != "" {
		if !known(want) {
			return "", jic.FieldErrorf(jic.EINVALID, "format", "%q is not one of text, markdown, html, json, jsonl, trec", want)
		}
		return want, nil
	}
	head, _ := br.Peek(sniffBytes) // a short read just means a short input
	f, ok := extensions[extension(name)]
	switch {
	case f == FormatText && looksTREC(head):
		return FormatTREC, nil
	case ok:
		return f, nil
	default:
		return sniff(head), nil
	}
}

func known(f Format) bool {
	switch f {
	case FormatText, FormatMarkdown, FormatHTML, FormatJSON, FormatJSONL, FormatTREC:
		return true
	}
	return false
}

// extension returns the lower-case extension of the last element of name,
// where archive members are named "archive.tar.gz:dir/member.txt".
func extension(name string) string {
	if i := strings.LastIndexAny(name, `/\:`); i >= 0 {
		name = name[i+1:]
	}
	return strings.ToLower(path.Ext(name))
}

// sniff guesses the format of an input from its first bytes.
func sniff(head []byte) Format {
	head = bytes.TrimLeft(stripBOM(head), " \t\r\n")
	lower := bytes.ToLower(head[:min(len(head), 16)])
	switch {
	case looksTREC(head):
		return FormatTREC
	case len(head) > 0 && head[0] == '[':
		return FormatJSON
	case len(head) > 0 && head[0] == '{':
		if looksJSONL(head) {
			return FormatJSONL
		}
		return FormatJSON
	}
	for _, p := range []string{"<!doctype html", "<html", "<head", "<body", "<!--", "<meta", "<title"} {
		if bytes.HasPrefix(lower, []byte(p)) {
			return FormatHTML
		}
	}
	return FormatText
}

func looksTREC(head []byte) bool {
	head = bytes.TrimLeft(stripBOM(head), " \t\r\n")
	return bytes.HasPrefix(head, []byte("<DOC>"))
}

// looksJSONL reports whether head starts with a line that is a whole
// object followed by another line starting an object. A pretty-printed
// JSON document has "{" alone on its first line and fails this.
func looksJSONL(head []byte) bool {
	objects := 0
	for _, l := range bytes.Split(head, []byte("\n")) {
		l = bytes.TrimSpace(l)
		switch {
		case len(l) == 0:
			continue
		case l[0] != '{', objects == 0 && l[len(l)-1] != '}':
			return false
		}
		if objects++; objects == 2 {
			return true
		}
	}
	return false
}
