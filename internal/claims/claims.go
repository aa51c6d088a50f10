// Package claims finds attributed claims and denials in news text: who
// said, confirmed, denied or reported what, with the span of the statement,
// the entities it is about and the outlets that relayed it.
//
// It is the claims/stance step of the process stage, after entities and
// places (internal/ner and the place finder give the Entity spans it
// aligns speakers to) and before story clustering, which links claims
// across reports with Related and Contradicts.
//
// Extract is rule-based and reads the text once: it splits it into words
// (with internal/namekey, so that it keys words as the entity finder
// does), quotations and sentences, looks up the attribution cues of the
// language (said, according to, نفى, заявил, به گزارش, a démenti,
// yalanladı...) and reads the speaker and the statement on either side of
// each cue by the word order of the language. It never invents a speaker:
// a statement whose speaker it cannot read is kept with Kind "unknown".
package claims

import (
	"slices"
	"strings"

	"github.com/jic-center/jic/internal/namekey"
)

// Entity is a mention already found in the same text (by jic's entity and
// place finders).
type Entity struct {
	Start, End int
	Kind       string // person, organization, group, place
	Key        string
	Name       string
}

// Speaker kinds.
const (
	KindPerson       = "person"
	KindOrganization = "organization"
	KindOutlet       = "outlet"
	KindAnonymous    = "anonymous"
	KindUnknown      = "unknown"
)

// Stances.
const (
	Asserts  = "asserts"
	Confirms = "confirms"
	Denies   = "denies"
	Reports  = "reports"
)

// Speaker is who a claim is attributed to.
type Speaker struct {
	Text       string // as written, text[Start:End]; "" when the text names no speaker
	Start, End int
	Kind       string // person, organization, outlet, anonymous, unknown
	Key        string // the Entity's key when the speaker is a given Entity, else ""
}

// Claim is one attributed statement of a text.
type Claim struct {
	Speaker    Speaker
	Stance     string   // asserts, confirms, denies, reports
	Cue        string   // the attribution word as written: said, نفى, заявил
	Start, End int      // byte span of the statement in the text
	Quote      string   // text[Start:End]
	About      []string // keys of the entities inside the statement, in text order, once each
	Via        []string // relaying outlets as written, nearest first
}

// Extract returns the attributed claims of text in language lang (en, ar,
// fa, ru, fr, tr; other languages give none), in text order. ents are the
// entities found in the same text, in any order; spans outside the text
// are ignored. Extract never panics and takes time about linear in the
// text; it reads at most its first 400,000 words.
func Extract(text, lang string, ents []Entity) []Claim {
	lex, ok := lexicons[lang]
	if !ok || text == "" {
		return nil
	}
	ts := words(text, lang)
	x := &extractor{text: text, lang: lang, lex: lex, toks: ts, qs: quotes(text)}
	x.ents = validEntities(ents, len(text))
	x.sents = sentences(text, ts, x.qs)
	for si := range x.sents {
		x.sentence(si)
	}
	return x.out
}

// validEntities returns the entities with spans inside a text of length n,
// sorted by start.
func validEntities(ents []Entity, n int) []Entity {
	var out []Entity
	for _, e := range ents {
		if 0 <= e.Start && e.Start < e.End && e.End <= n {
			out = append(out, e)
		}
	}
	slices.SortFunc(out, func(a, b Entity) int { return a.Start - b.Start })
	return out
}

// extractor holds the state of one Extract call.
type extractor struct {
	text  string
	lang  string
	lex   lexicon
	toks  []tok
	qs    []span
	ents  []Entity
	sents []sentence
	out   []Claim
	// last is the most recent speaker that is a named person, for "he said".
	last *Speaker
	// lastAny is the most recent named speaker of any kind, for "it said".
	lastAny *Speaker
}

// match is a cue found at toks[i:j].
type match struct {
	i, j int
	cue  cue
}

// sentence extracts the claims of sentence si.
func (x *extractor) sentence(si int) {
	s := x.sents[si]
	var ms []match
	for i := s.t0; i < s.t1; i++ {
		if m, ok := x.cueAt(i, s); ok {
			ms = append(ms, m)
			i = m.j - 1
		}
	}
	if len(ms) == 0 {
		return
	}
	var cs []Claim
	var via []Speaker
	for _, m := range ms {
		c, ok := x.claim(si, m)
		if !ok {
			continue
		}
		if m.cue.kind != verb && c.Speaker.Kind == KindOutlet && len(ms) > 1 {
			via = append(via, c.Speaker)
			continue
		}
		cs = append(cs, c)
	}
	for i := range cs {
		c := &cs[i]
		for j := len(via) - 1; j >= 0; j-- {
			c.Via = append(c.Via, via[j].Text)
		}
		if i > 0 && overlaps(span{c.Start, c.End}, span{cs[i-1].Start, cs[i-1].End}) && c.Speaker.Text == cs[i-1].Speaker.Text {
			continue
		}
		x.out = append(x.out, *c)
	}
}

func overlaps(a, b span) bool { return a.s < b.e && b.s < a.e }

// cueAt returns the cue that starts at token i of sentence s, if any.
// Cues inside quotations are the quoted speaker's words, not the text's.
func (x *extractor) cueAt(i int, s sentence) (match, bool) {
	cands := x.lex[x.toks[i].k]
	if len(cands) == 0 && x.lang == "ar" {
		if k := x.toks[i].k; len(k) > 6 && (strings.HasPrefix(k, "و") || strings.HasPrefix(k, "ف")) {
			cands = x.lex[k[2:]]
		}
	}
	if len(cands) == 0 && x.lang == "tr" {
		cands = x.lex[x.toks[i].k]
	}
	best := match{}
	for _, c := range cands {
		j := i + len(c.words)
		if j > s.t1 || j-i <= best.j-best.i {
			continue
		}
		ok := true
		for n := 1; n < len(c.words); n++ {
			t := x.toks[i+n]
			if t.k != c.words[n] || strings.ContainsAny(x.text[x.toks[i+n-1].e:t.s], ".,;:!?\n") {
				ok = false
				break
			}
		}
		if ok {
			best = match{i: i, j: j, cue: c}
		}
	}
	if best.j == 0 || x.inQuote(x.toks[i].s) {
		return match{}, false
	}
	if x.lang == "en" && strings.ContainsAny(x.text[x.toks[i].s:x.toks[i].e], "'’") {
		return match{}, false // "report's" keys as "reports"
	}
	if x.lang == "en" && best.cue.kind == verb && i > s.t0 {
		switch prev := x.toks[i-1]; {
		case beForms[prev.k]:
			return match{}, false // "was reported", "has been told": no speaker here
		case haveForms[prev.k]:
			best.i = i - 1
		case nounLike[x.toks[i].k] && !prev.upper && !pronouns[prev.k]:
			return match{}, false // "the claims", "news reports"
		}
	}
	if best.cue.kind == verb && cased(x.lang) && x.toks[i].upper && i != s.t0 {
		return match{}, false // Said, Dit: a name, not the verb
	}
	return best, true
}

// Words around English cues: a passive voice has no speaker next to
// the verb, a perfect has its auxiliary, and some cues are also nouns.
var (
	beForms   = wordSet(`is was were are be been being`)
	haveForms = wordSet(`has have had`)
	nounLike  = wordSet(`claims reports`)
)

// cased reports whether the language writes names with capitals.
func cased(lang string) bool { return lang != "ar" && lang != "fa" }

// inQuote reports whether byte p is inside a quotation.
func (x *extractor) inQuote(p int) bool {
	i, _ := slices.BinarySearchFunc(x.qs, p, func(q span, p int) int {
		if q.e <= p {
			return -1
		}
		if q.s > p {
			return 1
		}
		return 0
	})
	return i < len(x.qs) && x.qs[i].s <= p && p < x.qs[i].e
}

// quoteEndingAt returns the quotation whose closing mark is in the gap
// text[from:to], if any.
func (x *extractor) quoteEndingIn(from, to int) (span, bool) {
	i, _ := slices.BinarySearchFunc(x.qs, from, func(q span, p int) int { return q.e - p })
	if i < len(x.qs) && x.qs[i].e >= from && x.qs[i].e < to {
		return x.qs[i], true
	}
	return span{}, false
}

// quoteStartingIn returns the quotation whose opening mark is in the gap
// text[from:to], if any.
func (x *extractor) quoteStartingIn(from, to int) (span, bool) {
	i, _ := slices.BinarySearchFunc(x.qs, from, func(q span, p int) int { return q.s - p })
	if i < len(x.qs) && x.qs[i].s > from && x.qs[i].s <= to {
		return x.qs[i], true
	}
	return span{}, false
}

// about returns the keys of the entities inside text[s:e].
func (x *extractor) about(s, e int) []string {
	var keys []string
	i, _ := slices.BinarySearchFunc(x.ents, s, func(en Entity, p int) int { return en.Start - p })
	for ; i < len(x.ents) && x.ents[i].Start < e; i++ {
		if k := x.ents[i].Key; k != "" && x.ents[i].End <= e && !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	return keys
}

// keyOf returns the key of a word, as namekey makes it.
func keyOf(w string) string { return namekey.Word(w) }
