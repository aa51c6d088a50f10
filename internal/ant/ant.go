// Package ant reads the records of the ANT Arabic news corpus (TREC-style
// <DOC> files, as in ../shared/data/news/ant-arabic-news-v2.1.tar.gz) for
// the evaluations that use it. Ingesting the corpus into a store is
// internal/ingest's job.
package ant

import (
	"strings"
	"time"
)

// Doc is one ANT article.
type Doc struct {
	ID        string // DOCNO
	Title     string
	Abstract  string
	Text      string
	Outlet    string // SRC, lower-cased
	Published time.Time
}

// Parse returns the <DOC> records of an ANT file, fields trimmed; a record
// without a readable TIME has a zero Published.
func Parse(s string) []Doc {
	var out []Doc
	for _, d := range strings.Split(s, "<DOC>")[1:] {
		doc := Doc{ID: field(d, "DOCNO"), Title: field(d, "TITLE"), Abstract: field(d, "ABSTRACT"), Text: field(d, "TEXT"),
			Outlet: strings.ToLower(field(d, "SRC"))}
		ts := field(d, "TIME")
		for _, layout := range []string{time.RFC1123Z, time.RFC1123} {
			if t, err := time.Parse(layout, ts); err == nil {
				doc.Published = t.UTC()
				break
			}
		}
		out = append(out, doc)
	}
	return out
}

// field returns the trimmed content of the first <tag>…</tag> of s.
func field(s, tag string) string {
	_, s, ok := strings.Cut(s, "<"+tag+">")
	if !ok {
		return ""
	}
	s, _, ok = strings.Cut(s, "</"+tag+">")
	if !ok {
		return ""
	}
	return strings.TrimSpace(s)
}
