package ner

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"
)

// class is what a cue word says about the words around it; see
// lexicon.txt.
type class uint8

const (
	clTitle class = iota
	clRole
	clAfter
	clSaid
	clOrg
	clGroup
	clGroupPre
	clGiven
	clGivenWeak // a given name that is also a common word
	clParticle
	clConnector
	clStop
	clCommon
	clSkip
	clPlace
	clThing
	numClasses
)

var classNames = map[string]class{
	"title": clTitle, "role": clRole, "after": clAfter, "said": clSaid, "org": clOrg, "group": clGroup, "grouppre": clGroupPre,
	"given": clGiven, "particle": clParticle, "connector": clConnector, "stop": clStop, "common": clCommon,
	"skip": clSkip, "place": clPlace, "thing": clThing,
}

// classSet is a set of classes.
type classSet uint32

func (s classSet) has(c class) bool { return s&(1<<c) != 0 }

// cue is one phrase of the lexicon.
type cue struct {
	class class
	lang  string // "*" for every language
}

// lexicon is the parsed lexicon.txt: read-only once built.
type lexicon struct {
	cues []cue
	idx  *phraseIndex
}

//go:embed lexicon.txt
var lexiconText string

// defaultLexicon parses the embedded lexicon once; the result is shared
// and never modified.
var defaultLexicon = sync.OnceValue(func() *lexicon {
	lx, err := parseLexicon(lexiconText)
	if err != nil {
		panic("ner: embedded lexicon: " + err.Error()) // a bug caught by the tests
	}
	return lx
})

var languages = map[string]bool{"en": true, "fr": true, "ru": true, "tr": true, "ar": true, "fa": true, "*": true}

func parseLexicon(text string) (*lexicon, error) {
	lx := &lexicon{idx: newPhraseIndex()}
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.SplitN(line, "\t", 3)
		if len(f) != 3 {
			return nil, fmt.Errorf("line %d: want class, language and phrases separated by tabs", n+1)
		}
		cl, ok := classNames[f[0]]
		if !ok {
			return nil, fmt.Errorf("line %d: unknown class %q", n+1, f[0])
		}
		if !languages[f[1]] {
			return nil, fmt.Errorf("line %d: unknown language %q", n+1, f[1])
		}
		for _, p := range strings.Split(f[2], "|") {
			p = strings.TrimSpace(p)
			c := cue{class: cl, lang: f[1]}
			if cl == clGiven {
				if s, ok := strings.CutSuffix(p, "?"); ok {
					p, c.class = s, clGivenWeak
				}
			}
			prefix := false
			if s, ok := strings.CutSuffix(p, "*"); ok {
				p, prefix = s, true
			}
			ks, ws := splitPhrase(p, c.lang)
			if len(ks) == 0 {
				return nil, fmt.Errorf("line %d: phrase %q has no word", n+1, p)
			}
			v := int32(len(lx.cues))
			lx.cues = append(lx.cues, c)
			switch {
			case prefix && len(ks) == 1:
				lx.idx.addPrefix(ks[0], v)
			case prefix:
				return nil, fmt.Errorf("line %d: prefix phrase %q has more than one word", n+1, p)
			default:
				lx.idx.add(ks, ws, stemLangOf(c.lang), v)
			}
		}
	}
	return lx, nil
}

// stemLangOf returns the stemmer phrases of lang are indexed with.
func stemLangOf(lang string) string {
	switch lang {
	case "ru", "tr":
		return lang
	case "*":
		return "ru"
	}
	return ""
}

// splitPhrase returns the keys of the words of a phrase, split and keyed
// as the words of a text of language lang are, and the words' cores as
// written (without an elided article or a suffix).
func splitPhrase(p, lang string) (ks, ws []string) {
	if lang == "*" {
		lang = ""
	}
	for _, t := range tokenize(p, lang) {
		if t.key != "" {
			ks = append(ks, t.key)
			ws = append(ws, p[t.cs:max(t.ce, t.cs)])
		}
	}
	return ks, ws
}

// langOK reports whether a cue of language cl applies in a text of lang.
func langOK(cl, lang string) bool {
	return cl == "*" || lang == "" || cl == lang
}

// classes returns the classes of token i as a single word, for the text's
// language.
func (f *finder) classes(i int) classSet {
	f.fillClasses(i)
	return f.toks[i].cls
}

// allClasses returns the classes of token i in any language: a word of
// another language in a name (Records, Kilisesi) still says what it is.
func (f *finder) allClasses(i int) classSet {
	f.fillClasses(i)
	return f.toks[i].all
}

func (f *finder) fillClasses(i int) {
	t := &f.toks[i]
	if t.clsDone {
		return
	}
	t.clsDone = true
	if t.key == "" {
		return
	}
	m := f.longest(f.lex.idx, i, func(v int32, n int) bool { return n == 1 })
	for _, v := range m.values {
		c := f.lex.cues[v]
		t.all |= 1 << c.class
		if langOK(c.lang, f.lang) {
			t.cls |= 1 << c.class
		}
	}
}

// phrase returns the number of words of the longest phrase of class c
// starting at token i, or 0.
func (f *finder) phrase(i int, c class) int {
	return f.longest(f.lex.idx, i, func(v int32, n int) bool {
		cu := f.lex.cues[v]
		return cu.class == c && langOK(cu.lang, f.lang)
	}).n
}
