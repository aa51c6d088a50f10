package textindex

import (
	"sort"
	"strconv"
	"strings"
)

// PostgreSQL's limits on a tsvector (see "Text Search Types" in its manual).
const (
	tsMaxPos     = 16383 // larger positions are stored as this one
	tsMaxPerTerm = 256   // positions kept per lexeme
)

// TSVector returns a PostgreSQL tsvector literal, to be cast with ::tsvector,
// holding the same terms as IndexText of title (weight A) and text (weight
// D), with word positions so that phrase queries work. The text's positions
// follow the title's after a gap, so no phrase spans the two.
func TSVector(title, text, lang string) string {
	pos := map[string][]string{}
	var order []string
	n := 0
	add := func(s, weight string) {
		Analyze(s, lang, func(t Token) {
			n++
			p := pos[t.Term]
			if p == nil {
				order = append(order, t.Term)
			}
			if len(p) < tsMaxPerTerm {
				pos[t.Term] = append(p, strconv.Itoa(min(n, tsMaxPos))+weight)
			}
		})
	}
	add(title, "A")
	n++
	add(text, "")
	sort.Strings(order)
	var b strings.Builder
	for i, t := range order {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(tsLexeme(t))
		b.WriteByte(':')
		b.WriteString(strings.Join(dedupe(pos[t]), ","))
	}
	return b.String()
}

// dedupe drops repeated positions, which clamping at tsMaxPos creates.
func dedupe(ps []string) []string {
	out := ps[:0]
	for i, p := range ps {
		if i == 0 || p != ps[i-1] {
			out = append(out, p)
		}
	}
	return out
}
