// Package ner finds the people, organizations and armed or political groups
// a report names, in English, French, Russian, Turkish, Arabic and Persian.
// It is the people-and-organizations half of the entities stage of the
// process flow (normalize → language → dedup → entities → places → ...);
// places are the gazetteer's (internal/gazetteer), and Find leaves to it any
// name its IsPlace callback says is a place.
//
// Find is rule-based and reads the text once:
//
//   - the alias registry first (Registry; DefaultRegistry is embedded, an
//     operator extends it with a file): whole-word matches on normalized
//     keys, so that داعش, IŞİD'in, ИГИЛ and Daech give one entity key;
//   - then, where the script has case (en, fr, ru, tr), runs of capitalized
//     words not explained by sentence starts, classified by the titles
//     before them (President, ministre, президент, Cumhurbaşkanı), the
//     organization and group words in them (Ministry, Partisi, Front), given
//     names, verbs of speech next to them, and abbreviations;
//   - where it has none (ar, fa), titles (الرئيس، وزير الخارجية، آیت‌الله)
//     and the name words after them, organization words and the genitives
//     after them (وزارة الخارجية، سازمان ملل), and given names;
//   - last, words that repeat a name found in the same text (a surname after
//     the full name, an organization's name again).
//
// The cue words are in lexicon.txt, the registry in registry.tsv; both are
// embedded and meant to be edited. See Eval for its measured quality.
package ner

import (
	"slices"
	"strings"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/textindex"
)

// Mention is a person, organization or group named in a text.
type Mention struct {
	Start, End int    // the byte span of the name in the text
	Surface    string // the text as written: text[Start:End]
	Kind       jic.EntityKind
	// Key is the registry entity's key ("group:islamic-state"); "" when the
	// name is not in the registry.
	Key string
	// Name is the registry's canonical name, or the surface.
	Name string
	// Confidence is how sure the rule that found it is, from 0 to 1.
	Confidence float64
	// Rule says why: registry, title, head, group, given, after, said,
	// abbreviation, repeat or guess.
	Rule string
}

// Domain returns the mention as the domain's Mention of a report's field
// ("title" or "text"), with the entity of reg for a registry match.
func (m Mention) Domain(field string, reg *Registry) jic.Mention {
	out := jic.Mention{Kind: m.Kind, Name: m.Name, Field: field, Start: m.Start, End: m.End, Surface: m.Surface, Confidence: m.Confidence}
	if m.Key != "" && reg != nil {
		if e, ok := reg.Entity(m.Key); ok {
			out.Entity = &jic.Entity{Kind: e.Kind, Key: e.Key, CanonicalName: e.Name, Aliases: e.Aliases}
		}
	}
	return out
}

// Options configure a Finder.
type Options struct {
	// Registry is the alias registry; nil means DefaultRegistry().
	Registry *Registry
	// IsPlace, if set, reports whether a name in a text of language lang
	// (en, fr, ru, tr, ar, fa or "") is a place. Candidates it accepts are
	// left to the places stage unless a strong cue (a title, a registry
	// alias, an organization word) says otherwise. It must be safe for
	// concurrent use if the Finder is.
	IsPlace func(name, lang string) bool
	// MinConfidence drops mentions below it; 0 keeps all.
	MinConfidence float64
}

// Finder finds mentions. It is read-only once made and safe for concurrent
// use if its IsPlace is.
type Finder struct {
	reg     *Registry
	lex     *lexicon
	isPlace func(name, lang string) bool
	min     float64
}

// New returns a Finder with options o.
func New(o Options) *Finder {
	f := &Finder{reg: o.Registry, lex: defaultLexicon(), isPlace: o.IsPlace, min: o.MinConfidence}
	if f.reg == nil {
		f.reg = DefaultRegistry()
	}
	return f
}

// Find returns the person, organization and group mentions of text, in
// order and without overlaps. lang is the text's language as a BCP 47 tag
// or ISO 639 code; "" or another language applies the cues of all six.
// Find never panics, whatever the bytes, reads at most MaxTokens words and
// takes time linear in the length of the text.
func (f *Finder) Find(text, lang string) []Mention {
	lang = textindex.Lang(lang)
	fd := &finder{Finder: f, text: text, lang: lang, stems: lang == "ru" || lang == "tr" || lang == ""}
	tb := tokenBufs.Get().(*[]token)
	fd.toks = tokenizeInto((*tb)[:0], text, lang)
	defer func() {
		if cap(fd.toks) <= 1<<16 { // an outsized text's array is not worth keeping
			clear(fd.toks)
			*tb = fd.toks[:0]
			tokenBufs.Put(tb)
		}
	}()
	fd.used = make([]bool, len(fd.toks))
	fd.registry()
	for i := 0; i < len(fd.toks); {
		switch {
		case fd.used[i] || fd.toks[i].key == "":
			i++
		case fd.toks[i].script.cased():
			i = fd.cased(i)
		case fd.toks[i].script == scriptArabic:
			i = fd.uncased(i)
		default:
			i++
		}
	}
	fd.abbreviations()
	fd.repeats()
	slices.SortFunc(fd.out, func(a, b Mention) int { return a.Start - b.Start })
	out := fd.out[:0]
	for _, m := range fd.out {
		if m.Confidence >= f.min {
			out = append(out, m)
		}
	}
	return out
}

// Find finds mentions with the default registry and no place test.
func Find(text, lang string) []Mention { return New(Options{}).Find(text, lang) }

// finder holds the state of one Find call.
type finder struct {
	*Finder
	text, lang string
	toks       []token
	used       []bool // the token is part of a mention
	buf        []byte
	stems      bool // the language's words are matched by their stems too
	out        []Mention
	lower      map[string]bool // the keys of the words written in lower case; built on demand
}

// Confidences of the rules.
const (
	confRegistry = 0.95
	confTitle    = 0.85
	confHead     = 0.8
	confAfter    = 0.8
	confGiven    = 0.75
	confRepeat   = 0.7
	confSaid     = 0.65
	confGuess    = 0.4
)

// emit records the mention of tokens [s, e).
func (f *finder) emit(s, e int, kind jic.EntityKind, rule string, conf float64) {
	if s >= e || e > len(f.toks) {
		return
	}
	for i := s; i < e; i++ {
		if f.used[i] {
			return
		}
	}
	for i := s; i < e; i++ {
		f.used[i] = true
	}
	start, end := f.toks[s].cs, f.toks[e-1].ce
	if start >= end {
		start, end = f.toks[s].start, f.toks[e-1].end
	}
	sf := f.text[start:end]
	f.out = append(f.out, Mention{Start: start, End: end, Surface: sf, Kind: kind, Name: sf, Confidence: conf, Rule: rule})
}

// surface returns the text of tokens [s, e).
func (f *finder) surface(s, e int) string {
	if s >= e {
		return ""
	}
	return f.text[f.toks[s].cs:f.toks[e-1].ce]
}

// placeName reports whether IsPlace says tokens [s, e) are a place.
func (f *finder) placeName(s, e int) bool {
	if f.isPlace == nil || s >= e {
		return false
	}
	return f.isPlace(f.surface(s, e), f.lang)
}

// registry marks the registry's aliases.
func (f *finder) registry() {
	for i := 0; i < len(f.toks); {
		m := f.longest(f.reg.idx, i, func(v int32, n int) bool { return f.aliasFits(i, n, &f.reg.aliases[v]) })
		if m.n == 0 {
			i++
			continue
		}
		e := f.reg.entities[f.reg.aliases[m.values[0]].entity]
		f.emit(i, i+m.n, e.Kind, "registry", confRegistry)
		last := &f.out[len(f.out)-1]
		last.Key, last.Name = e.Key, e.Name
		i += m.n
	}
}

// aliasFits reports whether the n tokens at i are written as alias a asks.
func (f *finder) aliasFits(i, n int, a *alias) bool {
	if len(a.cases) != n {
		return false
	}
	// A one-word alias of Arabic or Persian stays in its language: the
	// Persian العربیه (the channel) is the Arabic adjective العربية.
	if n == 1 && (a.lang == "ar" && f.lang == "fa" || a.lang == "fa" && f.lang == "ar") {
		return false
	}
	short := false
	for j, c := range a.cases {
		t := &f.toks[i+j]
		switch c {
		case caseAllCaps:
			if !t.allCaps {
				return false
			}
			short = short || len(t.key) <= 3
		case caseCapital:
			if t.script.cased() && !t.upper {
				return false
			}
		}
	}
	if !short {
		return true
	}
	// A short abbreviation (IS, UN, AA) counts in its own language, and
	// not in a line written all in capitals (WHAT IS NEXT).
	if a.lang != "*" && f.lang != "" && a.lang != f.lang && n == 1 {
		return false
	}
	return !(i > 0 && f.toks[i-1].allCaps && f.toks[i-1].join || i+n < len(f.toks) && f.toks[i+n].allCaps && f.toks[i+n].join)
}

// repeats finds the names that repeat a name found earlier or later in the
// text: a person's surname alone, an organization's name again.
func (f *finder) repeats() {
	kinds := map[string]repeated{}
	for _, m := range f.out {
		// The registry finds its own names, by its case rules, but a
		// person's surname alone may be no alias of theirs (روحانی).
		if m.Rule == "guess" || m.Rule == "registry" && m.Kind != jic.EntityPerson {
			continue
		}
		ks := f.keysOf(m.Surface)
		if len(ks) == 0 || len(ks) == 1 && !f.repeatable(ks[0]) {
			continue
		}
		r := repeated{m.Kind, m.Key, m.Name}
		kinds[strings.Join(ks, " ")] = r
		if m.Kind == jic.EntityPerson && len(ks) >= 2 {
			if last := ks[len(ks)-1]; f.repeatable(last) {
				if _, ok := kinds[last]; !ok {
					kinds[last] = r
				}
			}
		}
	}
	if len(kinds) == 0 {
		return
	}
	for i := 0; i < len(f.toks); i++ {
		t := &f.toks[i]
		if f.used[i] || t.key == "" || t.script.cased() && !t.upper || f.classes(i).has(clStop) {
			continue
		}
		// the longest run of words that repeats a name
		best := 0
		var kind repeated
		f.buf = f.buf[:0]
		for j := i; j < len(f.toks) && j-i < maxPhraseWords && !f.used[j]; j++ {
			if j > i {
				if !f.toks[j].join {
					break
				}
				f.buf = append(f.buf, ' ')
			}
			f.buf = append(f.buf, f.toks[j].key...)
			if k, ok := kinds[string(f.buf)]; ok {
				best, kind = j-i+1, k
			}
		}
		if best == 0 && t.script == scriptArabic && f.lang != "fa" {
			for _, v := range arabicVariants(t.key) {
				if k, ok := kinds[v]; ok {
					best, kind = 1, k
					break
				}
			}
		}
		if best == 0 || kind.kind == jic.EntityPerson && best == 1 && f.placeName(i, i+1) {
			continue
		}
		n := len(f.out)
		f.emit(i, i+best, kind.kind, "repeat", confRepeat)
		if kind.key != "" && len(f.out) > n {
			last := &f.out[len(f.out)-1]
			last.Key, last.Name = kind.key, kind.name
		}
		i += best - 1
	}
}

// repeated is a name found in a text, which its repeats refer to.
type repeated struct {
	kind      jic.EntityKind
	key, name string
}

// abbreviations finds the abbreviations a text defines after an
// organization's name: Kurdistan Workers' Party (PKK), Türk Dil Kurumu (TDK).
func (f *finder) abbreviations() {
	n := len(f.out)
	for _, m := range f.out[:n] {
		if m.Key != "" || m.Kind == jic.EntityPerson {
			continue
		}
		rest := strings.TrimLeft(f.text[m.End:], " \u00a0")
		if !strings.HasPrefix(rest, "(") {
			continue
		}
		start := len(f.text) - len(rest) + 1
		i, ok := slices.BinarySearchFunc(f.toks, start, func(t token, s int) int { return t.start - s })
		if !ok || f.used[i] || !f.toks[i].allCaps || !strings.HasPrefix(f.text[f.toks[i].end:], ")") {
			continue
		}
		f.emit(i, i+1, m.Kind, "abbreviation", confHead)
	}
}

// repeatable reports whether a one-word name may be found again alone:
// long enough, and not a cue or a common word (الله in عبد الله).
func (f *finder) repeatable(k string) bool {
	if len([]rune(k)) < 3 {
		return false
	}
	for _, v := range f.lex.idx.exact[k] {
		switch f.lex.cues[v].class {
		case clStop, clCommon, clParticle, clTitle, clRole, clSkip, clConnector:
			return false
		}
	}
	return true
}

// keysOf returns the keys of the words of a surface, as tokens key them.
func (f *finder) keysOf(s string) []string {
	var out []string
	for _, t := range tokenize(s, f.lang) {
		if t.key != "" {
			out = append(out, t.key)
		}
	}
	return out
}
