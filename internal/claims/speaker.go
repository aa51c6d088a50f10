package claims

import "slices"

// maxEntity bounds the length of an entity that a speaker is aligned to.
const maxEntity = 200

// apposition returns the speaker of the left clause [l,i) of sentence s:
// the clause itself, or, for "X, spokesman for Y, said" and "X, who ...,
// said", the name before the apposition.
func (x *extractor) apposition(s sentence, l, i int) int {
	if l <= s.t0 || !boundary(x.gap(s, l)) {
		return l
	}
	first := x.toks[l]
	appositive := relatives[first.k] || stopWords[first.k]
	for k := l; k < i && k < l+maxSpeakerWords && !appositive; k++ {
		appositive = cased(x.lang) && titleWords[x.toks[k].k] && (!first.upper || titleWords[first.k])
	}
	if !appositive || i-l > 2*maxSpeakerWords {
		return l
	}
	p := x.leftSeg(s, l-1)
	if l-p > 4 || cased(x.lang) && !x.named(p, l) {
		return l
	}
	return p
}

// appositionEnd returns the end of the name that apposition found.
func (x *extractor) appositionEnd(s sentence, p, l int) int {
	if p == l {
		return l
	}
	k := p
	for k < l && (k == p || !boundary(x.gap(s, k))) {
		k++
	}
	return k
}

// speaker makes the Speaker of tokens [a,b): cleaned, aligned to an
// entity, classified, and resolved to an earlier speaker when it is a
// pronoun, a bare title or missing.
func (x *extractor) speaker(a, b int) Speaker {
	a, b = x.clean(a, b)
	if a >= b {
		return x.resolve(x.lastAny, nil)
	}
	sp := Speaker{Start: x.toks[a].s, End: x.toks[b-1].e}
	sp.Text = x.text[sp.Start:sp.End]
	for k := a; k < b && k < a+3; k++ {
		if anonymousWords[x.toks[k].k] {
			sp.Kind = KindAnonymous
			return sp
		}
	}
	outlet := x.isOutlet(a, b)
	if e, ok := x.entityFor(a, b); ok && (e.Start > sp.Start || e.End < sp.End) && e.Kind == KindPerson && !(e.End >= x.toks[b-1].e) {
		// a person named inside a longer phrase: keep the phrase, take the key
		sp.Kind, sp.Key = KindPerson, e.Key
		x.remember(sp)
		return sp
	} else if ok {
		sp.Start, sp.End, sp.Text, sp.Key = e.Start, e.End, x.text[e.Start:e.End], e.Key
		switch {
		case outlet:
			sp.Kind = KindOutlet
		case e.Kind == KindPerson:
			sp.Kind = KindPerson
			x.remember(sp)
		default:
			sp.Kind = KindOrganization
			x.lastAny = &sp
		}
		return sp
	}
	if outlet {
		sp.Kind = KindOutlet
		return sp
	}
	if b-a == 1 && pronouns[x.toks[a].k] {
		switch x.toks[a].k {
		case "it", "they", "ils", "elles", "они", "оно", "هم", "onlar":
			return x.resolve(x.lastAny, nil)
		}
		return x.resolve(x.last, nil)
	}
	head := x.head(a, b)
	named := x.named(a, b)
	switch {
	case orgWords[x.toks[head].k] || x.lang != "en" && x.lang != "tr" && !titleWords[x.toks[head].k] && head+1 < b && orgWords[x.toks[head+1].k]:
		sp.Kind = KindOrganization
		x.lastAny = &sp
	case titleWords[x.toks[head].k] && (cased(x.lang) && !named || !cased(x.lang) && x.bare(a, b)):
		return x.resolve(x.last, &sp)
	case named || !cased(x.lang):
		sp.Kind = KindPerson
		x.remember(sp)
	default:
		sp.Kind = KindUnknown
	}
	return sp
}

// remember makes sp the speaker that later pronouns refer to.
func (x *extractor) remember(sp Speaker) {
	x.last = &sp
	x.lastAny = &sp
}

// resolve returns the earlier speaker to, or, when there is none, the
// phrase as written (nil: nothing written) with Kind unknown.
func (x *extractor) resolve(to, written *Speaker) Speaker {
	if to != nil {
		return *to
	}
	if written != nil {
		sp := *written
		sp.Kind = KindUnknown
		return sp
	}
	return Speaker{Kind: KindUnknown}
}

// clean drops lead and trail words and cuts the phrase at a stop word.
func (x *extractor) clean(a, b int) (int, int) {
	for a < b && leadWords[x.toks[a].k] {
		a++
	}
	for k := a + 1; k < b; k++ {
		if stopWords[x.toks[k].k] {
			b = k
			break
		}
	}
	for b > a && trailWords[x.toks[b-1].k] {
		b--
	}
	if b-a > maxSpeakerWords {
		a = b - maxSpeakerWords
	}
	return a, b
}

// head returns the token that heads the phrase [a,b): the last word in
// English and Turkish, the first word that is not a determiner elsewhere.
func (x *extractor) head(a, b int) int {
	if x.lang == "en" || x.lang == "tr" {
		return b - 1
	}
	for k := a; k < b; k++ {
		if !determiners[x.toks[k].k] {
			return k
		}
	}
	return a
}

// bare reports whether [a,b) holds only titles and determiners.
func (x *extractor) bare(a, b int) bool {
	for k := a; k < b; k++ {
		if t := x.toks[k].k; !titleWords[t] && !determiners[t] && !leadWords[t] {
			return false
		}
	}
	return true
}

// named reports whether [a,b) holds a capitalized word that is not a
// determiner, title or other common word; in uncased scripts, whether it
// holds a word outside those lists.
func (x *extractor) named(a, b int) bool {
	for k := a; k < b; k++ {
		t := x.toks[k]
		if determiners[t.k] || titleWords[t.k] || anonymousWords[t.k] || pronouns[t.k] || leadWords[t.k] || orgWords[t.k] {
			continue
		}
		if t.upper || !cased(x.lang) {
			return true
		}
	}
	return false
}

// isOutlet reports whether [a,b) names a news outlet.
func (x *extractor) isOutlet(a, b int) bool {
	for k := a; k < b; k++ {
		if outletWords[x.toks[k].k] {
			return true
		}
	}
	return false
}

// entityFor returns the entity a speaker phrase [a,b) is: a person that
// ends the phrase ("Foreign Minister Sergei Lavrov"), else an entity that
// opens it and is not followed by a title ("the Foreign Ministry", not
// "Environment Canada spokesperson Julie Hahn"), else a person inside it.
func (x *extractor) entityFor(a, b int) (Entity, bool) {
	s, e := x.toks[a].s, x.toks[b-1].e
	var inside, opening Entity
	var hasInside, hasOpening bool
	i, _ := slices.BinarySearchFunc(x.ents, s-maxEntity, func(en Entity, p int) int { return en.Start - p })
	for _, en := range x.ents[i:] {
		if en.Start >= e {
			break
		}
		if en.End <= s {
			continue
		}
		switch {
		case en.Kind == KindPerson && en.End >= e:
			return en, true
		case en.Kind == KindPerson:
			inside, hasInside = en, true
		case en.Start <= s && !hasOpening:
			opening, hasOpening = en, true
		}
	}
	if hasOpening {
		for k := a; k < b; k++ {
			if x.toks[k].s >= opening.End && titleWords[x.toks[k].k] {
				hasOpening = false
			}
		}
	}
	if hasOpening {
		return opening, true
	}
	return inside, hasInside
}
