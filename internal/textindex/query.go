package textindex

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jic-center/jic"
)

// Query is a parsed search query: groups that must all match, groups that
// must not match. A group matches if any of its phrases does; a phrase is a
// sequence of words, each with the terms it may be indexed as (a word of
// unknown language is analyzed in every language of its script).
//
// Syntax: words must all match; "quoted words" must appear in that order;
// OR (or |) between two words, phrases or groups lets either match; a leading
// - excludes a word or phrase. Words joined by punctuation (al-Assad) form a
// phrase.
type Query struct {
	groups []group
	not    []group
	terms  map[string]bool
}

type group []phrase

type phrase [][]string // words, each the distinct terms it may be

// Limits on a query, so a pasted document cannot become a huge SQL query.
const (
	MaxQueryBytes = 1000
	MaxQueryWords = 32
	maxVariants   = 16 // spelled-out variants of one phrase
)

// ParseQuery parses q for texts in any of langs (all languages when empty).
// It returns EINVALID when q has nothing to look for, is too long, or is not
// UTF-8.
func ParseQuery(q string, langs []string) (*Query, error) {
	switch {
	case !utf8.ValidString(q):
		return nil, jic.FieldErrorf(jic.EINVALID, "q", "is not valid UTF-8")
	case len(q) > MaxQueryBytes:
		return nil, jic.FieldErrorf(jic.EINVALID, "q", "%d bytes is over the limit of %d", len(q), MaxQueryBytes)
	}
	var norm []string
	for _, l := range langs {
		if a := Lang(l); a != "" {
			norm = append(norm, a)
		}
	}
	p := &parser{langs: norm}
	out := &Query{terms: map[string]bool{}}
	for _, c := range p.chunks(q) {
		ph := p.phrase(c.text)
		if len(ph) == 0 {
			continue
		}
		p.words += len(ph)
		if p.words > MaxQueryWords {
			return nil, jic.FieldErrorf(jic.EINVALID, "q", "more than %d words", MaxQueryWords)
		}
		switch {
		case c.negate:
			out.not = append(out.not, group{ph})
		case c.or && len(out.groups) > 0:
			last := &out.groups[len(out.groups)-1]
			*last = append(*last, ph)
		default:
			out.groups = append(out.groups, group{ph})
		}
		if !c.negate {
			for _, w := range ph {
				for _, t := range w {
					out.terms[t] = true
				}
			}
		}
	}
	if len(out.groups) == 0 {
		return nil, jic.FieldErrorf(jic.EINVALID, "q", "has no word to look for")
	}
	return out, nil
}

type chunk struct {
	text       string
	negate, or bool
}

type parser struct {
	langs []string
	words int
}

// chunks splits a query into bare words and quoted phrases, noting a leading
// minus and whether OR joined it to the chunk before.
func (p *parser) chunks(q string) []chunk {
	var out []chunk
	pendingOr := false
	for i := 0; i < len(q); {
		r, size := utf8.DecodeRuneInString(q[i:])
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		c := chunk{or: pendingOr}
		pendingOr = false
		if r == '-' || r == '−' {
			c.negate = true
			i += size
			if i >= len(q) {
				break
			}
		}
		if q[i] == '"' {
			end := strings.IndexByte(q[i+1:], '"')
			if end < 0 { // an unclosed quote runs to the end
				end = len(q) - i - 1
			}
			c.text = q[i+1 : i+1+end]
			i += end + 2
		} else {
			end := strings.IndexFunc(q[i:], unicode.IsSpace)
			if end < 0 {
				end = len(q) - i
			}
			c.text = q[i : i+end]
			i += end
		}
		if !c.negate && (c.text == "OR" || c.text == "|") {
			pendingOr = len(out) > 0
			continue
		}
		out = append(out, c)
	}
	return out
}

// phrase analyzes the words of one chunk.
func (p *parser) phrase(s string) phrase {
	var ph phrase
	words(s, func(start, end int, cjk bool) bool {
		w := s[start:end]
		if cjk {
			bigrams(w, 0, func(t Token) { ph = append(ph, []string{t.Term}) })
			return true
		}
		if v := p.variants(w); len(v) > 0 {
			ph = append(ph, v)
		}
		return true
	})
	return ph
}

// variants returns the distinct terms a query word may be indexed as.
func (p *parser) variants(w string) []string {
	langs := p.langs
	if len(langs) == 0 {
		langs = candidateLangs[script(normalizeWord(w, ""))]
	}
	if len(langs) == 0 {
		langs = []string{""}
	}
	var out []string
	for _, l := range langs {
		t := analyzeWord(w, l)
		if t != "" && !containsString(out, t) {
			out = append(out, t)
		}
	}
	return out
}

func containsString(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// Matches reports whether term is one the query looks for; highlighting uses it.
func (q *Query) Matches(term string) bool { return q.terms[term] }

// FTS5 renders the query in SQLite FTS5 query syntax over analyzed text.
func (q *Query) FTS5() string {
	var b strings.Builder
	for i, g := range q.groups {
		if i > 0 {
			b.WriteString(" AND ")
		}
		g.render(&b, " OR ", fts5Phrase)
	}
	for _, g := range q.not {
		b.WriteString(" NOT ")
		g.render(&b, " OR ", fts5Phrase)
	}
	return b.String()
}

// TSQuery renders the query as a PostgreSQL tsquery literal over the same
// terms, to be cast with ::tsquery (no parser or dictionary involved).
func (q *Query) TSQuery() string {
	var b strings.Builder
	for i, g := range q.groups {
		if i > 0 {
			b.WriteString(" & ")
		}
		g.render(&b, " | ", tsPhrase)
	}
	for _, g := range q.not {
		b.WriteString(" & !")
		g.render(&b, " | ", tsPhrase)
	}
	return b.String()
}

func (g group) render(b *strings.Builder, or string, term func([]string) string) {
	b.WriteByte('(')
	n := 0
	for _, ph := range g {
		for _, seq := range ph.spell() {
			if n > 0 {
				b.WriteString(or)
			}
			b.WriteString(term(seq))
			n++
		}
	}
	b.WriteByte(')')
}

// spell lists the term sequences a phrase may appear as, at most maxVariants.
func (ph phrase) spell() [][]string {
	out := [][]string{nil}
	for _, w := range ph {
		var next [][]string
		for _, prefix := range out {
			for _, t := range w {
				if len(next) == maxVariants {
					break
				}
				seq := append(append([]string(nil), prefix...), t)
				next = append(next, seq)
			}
		}
		out = next
	}
	return out
}

func fts5Phrase(seq []string) string {
	return `"` + strings.ReplaceAll(strings.Join(seq, " "), `"`, `""`) + `"`
}

func tsPhrase(seq []string) string {
	parts := make([]string, len(seq))
	for i, t := range seq {
		parts[i] = tsLexeme(t)
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return "(" + strings.Join(parts, " <-> ") + ")"
}

// tsLexeme quotes a term for a tsvector or tsquery literal.
func tsLexeme(t string) string {
	t = strings.ReplaceAll(t, `\`, `\\`)
	return "'" + strings.ReplaceAll(t, "'", "''") + "'"
}
