package ner

import (
	"strings"
	"unicode/utf8"

	"github.com/jic-center/jic"
)

// The rules for scripts with case (Latin and Cyrillic: en, fr, tr, ru).

// maxChunk bounds the words of a run of capitalized words looked at.
const maxChunk = 12

// maxPersonWords bounds the words of a person's name.
const maxPersonWords = 4

// cased handles the word at i and returns the index to go on from.
func (f *finder) cased(i int) int {
	t := &f.toks[i]
	if n := f.title(i); n > 0 {
		if e := f.afterTitle(i + n); e > 0 {
			return e
		}
	}
	if !t.upper {
		if n := f.phrase(i, clGroupPre); n > 0 && i+n < len(f.toks) && f.toks[i+n].join && f.toks[i+n].upper && !f.used[i+n] {
			e := f.chunk(i + n)
			if !f.hasHead(i+n, e, clOrg) {
				f.emit(i+n, e, jic.EntityGroup, "group", confHead)
			}
			return e
		}
		if e := f.lowerHead(i); e > 0 {
			return e
		}
		return i + 1
	}
	if f.classes(i).has(clStop) {
		return i + 1
	}
	e := f.chunk(i)
	f.classify(i, e)
	return e
}

// title returns the number of words of a title at i, or 0. A title of
// one letter (M. Macron) must end with a full stop.
func (f *finder) title(i int) int {
	n := f.phrase(i, clTitle)
	if n == 0 {
		return 0
	}
	last := f.toks[i+n-1]
	if utf8.RuneCountInString(f.text[last.cs:last.ce]) == 1 && !strings.HasPrefix(f.text[last.end:], ".") {
		return 0
	}
	// English writes most titles in lower case only as common nouns: a
	// major company, the general public.
	if f.lang == "en" && f.toks[i].lower && !lowerTitles[f.toks[i].key] {
		return 0
	}
	return n
}

// lowerTitles are the English titles that stand before a name in lower case.
var lowerTitles = map[string]bool{"president": true, "minister": true, "prime": true, "foreign": true, "secretary": true,
	"senator": true, "governor": true, "mayor": true, "ambassador": true, "spokesman": true, "spokeswoman": true,
	"spokesperson": true, "chancellor": true, "premier": true, "king": true, "queen": true, "prince": true, "princess": true,
	"sheikh": true, "ayatollah": true, "imam": true, "pope": true, "cardinal": true, "archbishop": true, "rabbi": true,
	"congressman": true, "congresswoman": true, "lawmaker": true}

// afterTitle finds the name after a title that ends before word j and
// returns the index after it, or 0 when no name follows.
func (f *finder) afterTitle(j int) int {
	if j >= len(f.toks) || j == 0 {
		return 0
	}
	switch f.text[f.toks[j-1].end:f.toks[j].start] {
	case " ", ". ", "\u00a0", ".\u00a0":
	default:
		return 0
	}
	// Skip a registry name or a place between: генсек ООН Антониу Гутерриш.
	for n := 0; n < 2 && j < len(f.toks) && f.toks[j].join && (f.used[j] || f.classes(j).has(clPlace)); n++ {
		j++
		for j < len(f.toks) && f.used[j] && f.toks[j].join {
			j++
		}
	}
	if j >= len(f.toks) || f.used[j] || !f.toks[j].upper || f.classes(j).has(clStop) || f.title(j) > 0 {
		return 0
	}
	if j > 0 && !f.toks[j].join && f.text[f.toks[j-1].end:f.toks[j].start] != ". " {
		return 0
	}
	e := f.chunk(j)
	if f.hasHead(j, e, clOrg) || f.hasHead(j, e, clGroup) || e == j+1 && f.toks[j].allCaps {
		return 0 // президент УЕФА: the organization, not the person
	}
	if f.lang == "ru" || f.lang == "fr" {
		// председатель Европейского союза: an organization in the genitive.
		if x := f.extend(e); x > e && f.hasHead(e, x, clOrg) {
			f.emit(j, x, jic.EntityOrganization, "head", confHead)
			return x
		}
	}
	f.person(j, e, "title", confTitle)
	return e
}

// person records tokens [s, e) as a person named after a cue, without
// the places and abbreviations before the name (президент России
// Владимир Путин, US President Donald Trump).
func (f *finder) person(s, e int, rule string, conf float64) {
	if k := f.conjunction(s, e); k > 0 {
		e = k
	}
	for e-s >= 2 && (f.toks[s].allCaps || f.classes(s).has(clPlace) || f.placeName(s, s+1)) {
		s++
	}
	if e-s > maxPersonWords || e-s == 1 && f.placeName(s, e) {
		return
	}
	f.emit(s, e, jic.EntityPerson, rule, conf)
}

// chunk returns the end of the run of capitalized words that starts at i,
// with the lower-case particles and connectors between them (Osama bin
// Laden, Ministry of Defence, ministère des Affaires étrangères).
func (f *finder) chunk(i int) int {
	e := i + 1
	for e < len(f.toks) && e-i < maxChunk && !f.toks[e-1].suffix {
		t := &f.toks[e]
		if !t.join || f.used[e] || t.key == "" {
			break
		}
		if t.upper && !f.classes(e).has(clStop) {
			e++
			continue
		}
		k := e
		for k < len(f.toks) && k-e < 3 && f.toks[k].join && !f.used[k] && f.toks[k].lower && f.classes(k)&(1<<clParticle|1<<clConnector) != 0 {
			k++
		}
		if k > e && k < len(f.toks) && f.toks[k].join && !f.used[k] && f.toks[k].upper && !f.classes(k).has(clStop) {
			e = k + 1
			continue
		}
		break
	}
	return e
}

// hasHead reports whether a word of [s, e) is an organization word (c is
// clOrg) or a group word (clGroup).
func (f *finder) hasHead(s, e int, c class) bool {
	for k := s; k < e; k++ {
		if f.allClasses(k).has(c) && !f.toks[k].allCaps {
			return true
		}
	}
	return false
}

// conjunction returns the first word of (s, e) that joins two names (and,
// et, и, ve, ile), or -1.
func (f *finder) conjunction(s, e int) int {
	for k := s + 1; k < e-1; k++ {
		t := &f.toks[k]
		if t.lower && (conjunctions[t.key] || f.lang == "tr" && (t.key == "de" || t.key == "da")) {
			return k
		}
	}
	return -1
}

var conjunctions = map[string]bool{"and": true, "et": true, "и": true, "ve": true, "ile": true, "y": true}

// classify decides what the run of capitalized words [s, e) names.
func (f *finder) classify(s, e int) {
	for s < e && (f.classes(s).has(clStop) || f.toks[s].lower) {
		s++
	}
	if s >= e {
		return
	}
	// Two names joined by a conjunction, unless an organization's name
	// goes on after it: Erbakan ile Hatipoğlu, not Adalet ve Kalkınma Partisi.
	if k := f.conjunction(s, e); k > 0 && (!f.hasHead(k+1, e, clOrg) && !f.hasHead(k+1, e, clGroup) || f.placeName(s, k) || f.toks[k+1].lower) {
		f.classify(s, k)
		f.classify(k+1, e)
		return
	}
	// A person of an organization: Patterson of Slate Magazine.
	for k := s + 1; k < e-1; k++ {
		if t := &f.toks[k]; t.lower && (t.key == "of" || t.key == "de") && !f.hasHead(s, k, clOrg) && !f.hasHead(s, k, clGroup) &&
			!f.hasHead(s, k, clThing) && f.hasHead(k+1, e, clOrg) {
			f.classify(s, k)
			f.classify(k+1, e)
			return
		}
	}
	first := f.allClasses(s)
	// A sentence's first word that the text also writes in lower case is
	// a common word: "Sonra Ahmet", "Officials in Paris".
	if f.toks[s].initial && first&(1<<clGiven|1<<clOrg|1<<clGroup|1<<clTitle) == 0 && f.lowerElsewhere(s) {
		f.classify(s+1, e)
		return
	}
	// A title inside: Foreign Ministry Spokesman Lu Kang.
	for k := e - 1; k >= s; k-- {
		if n := f.title(k); n > 0 && k+n < e && !f.hasHead(k+n, e, clOrg) && !f.hasHead(k+n, e, clGroup) {
			f.classify(s, k)
			f.person(k+n, e, "title", confTitle)
			return
		}
	}
	if f.organization(s, e) || f.hasHead(s, e, clThing) {
		return
	}
	n := e - s
	switch {
	case f.groupCue(s):
		f.emit(s, e, jic.EntityGroup, "group", confHead)
	case first.has(clGiven) && !f.toks[s].allCaps && n <= maxPersonWords+1 && !f.placeName(s, e):
		f.emit(s, e, jic.EntityPerson, "given", confGiven)
	case e < len(f.toks) && f.toks[e].join && f.classes(e).has(clAfter) && n <= maxPersonWords:
		f.emit(s, e, jic.EntityPerson, "after", confAfter)
	case n >= 2:
		// A sentence's first word before two more capitalized words is
		// as likely a common word: "Partneri Ksenia Stolbova".
		if f.toks[s].initial && n >= 3 {
			s++
		}
		f.guess(s, e)
	}
}

// guess records [s, e) as a person if it looks like a name and is no
// place: a verb of speech next to it makes it likelier.
func (f *finder) guess(s, e int) {
	if n := e - s; n < 2 || n > maxPersonWords || !f.nameShaped(s, e) || f.placeName(s, e) {
		return
	}
	// A name and a place side by side, the place with its case suffix:
	// Braun Atlanta'da.
	if f.toks[e-1].suffix && f.placeName(e-1, e) {
		f.guess(s, e-1)
		return
	}
	switch {
	case f.saidNear(s, e):
		f.emit(s, e, jic.EntityPerson, "said", confSaid)
	case !f.lowerElsewhere(e - 1):
		// Savage Love, Pacific Standard: a surname is not a word the text
		// writes in lower case.
		f.emit(s, e, jic.EntityPerson, "guess", confGuess)
	}
}

// organization records [s, e) as an organization or group if one of its
// words says so, and reports whether it did. Turkish names end with their
// head word (Dışişleri Bakanlığı); French and Russian ones go on in lower
// case after it (Parti socialiste, Министерство обороны).
func (f *finder) organization(s, e int) bool {
	last := -1
	group := false
	for k := s; k < e; k++ {
		c := f.allClasses(k)
		if (c.has(clOrg) || c.has(clGroup)) && !f.toks[k].allCaps {
			last = k
			group = group || c.has(clGroup) && !c.has(clOrg)
		}
	}
	if last < 0 {
		// Государственная дума, Front national: the head in lower case after.
		if f.lang == "ru" || f.lang == "fr" {
			if x := f.extend(e); x > e && f.hasHead(e, x, clOrg) {
				f.emit(s, x, jic.EntityOrganization, "head", confHead)
				return true
			}
		}
		return false
	}
	kind := jic.EntityOrganization
	if group || f.groupCue(s) {
		kind = jic.EntityGroup
	}
	switch f.lang {
	case "tr":
		if last+1 < e {
			if last > s {
				f.emit(s, last+1, kind, "head", confHead)
			}
			f.classify(last+1, e)
			return true
		}
	case "fr", "ru":
		e = f.extend(e)
	}
	// A head word alone (Şirketin, Post, Parliament) is a common noun or
	// too vague to name one organization.
	if e-s >= 2 {
		f.emit(s, e, kind, "head", confHead)
	}
	return true
}

// groupCue reports whether words before s say the name at s is a group's:
// "the militant group", "terör örgütü".
func (f *finder) groupCue(s int) bool {
	for k := max(0, s-3); k < s; k++ {
		if n := f.phrase(k, clGroupPre); n > 0 && k+n == s && f.toks[s].join {
			return true
		}
	}
	return false
}

// extend returns the end of the lower-case adjectives and genitives that
// follow an organization's name in French and Russian: socialiste,
// иностранных дел.
func (f *finder) extend(e int) int {
	n := 0
	for e < len(f.toks) && n < 4 && f.toks[e].join && !f.used[e] {
		t := &f.toks[e]
		c := f.classes(e)
		switch {
		case c.has(clStop) || c.has(clSaid) || c.has(clTitle):
			return e
		case t.upper:
			e++
		case !t.lower:
			return e
		case c.has(clConnector) && f.lang == "fr":
			if e+1 < len(f.toks) && f.toks[e+1].join && f.toks[e+1].upper && !f.used[e+1] {
				e += 2
				continue
			}
			return e
		case f.lang == "fr" && frenchAdjective(strings.ToLower(f.text[t.cs:t.ce])),
			f.lang == "ru" && russianGenitive(t.key):
			e++
		default:
			return e
		}
		n++
	}
	return e
}

var frAdjEndings = []string{"al", "ale", "aux", "ales", "el", "elle", "els", "elles", "ique", "iques", "iste", "istes",
	"ien", "ienne", "iens", "iennes", "ain", "aine", "ains", "aines", "ais", "aise", "ois", "oise", "aire", "aires",
	"if", "ive", "ifs", "ives", "eur", "eure", "rice", "é", "ée", "és", "ées", "ier", "ière", "iers", "ières", "er", "ère",
	"ers", "ères", "unie", "uni", "ant", "ante"}

func frenchAdjective(w string) bool {
	for _, s := range frAdjEndings {
		if strings.HasSuffix(w, s) && len(w) > len(s)+2 {
			return true
		}
	}
	return false
}

var (
	ruVerbEndings = []string{"ла", "ло", "ли", "ет", "ит", "ут", "ют", "ат", "ят", "ть", "ся", "сь"}
	ruGenEndings  = []string{"ого", "его", "ой", "ей", "ых", "их", "ов", "ев", "ий", "ый", "ая", "яя", "ое", "ее", "ые", "ие", "ии", "ия", "ы", "и", "а", "я"}
)

// russianGenitive reports whether a lower-case Russian word looks like an
// adjective or a noun in the genitive, not a verb.
func russianGenitive(k string) bool {
	if utf8.RuneCountInString(k) < 3 {
		return k == "дел"
	}
	for _, s := range ruVerbEndings {
		if strings.HasSuffix(k, s) {
			return false
		}
	}
	if utf8.RuneCountInString(k) >= 4 && (strings.HasSuffix(k, "ил") || strings.HasSuffix(k, "ал") || strings.HasSuffix(k, "ял") || strings.HasSuffix(k, "ел") || strings.HasSuffix(k, "ул")) {
		return false
	}
	for _, s := range ruGenEndings {
		if strings.HasSuffix(k, s) {
			return true
		}
	}
	return k == "дел"
}

// lowerHead finds a French organization whose head word is in lower case:
// ministère des Affaires étrangères. It returns the index after it, or 0.
func (f *finder) lowerHead(i int) int {
	if f.lang != "fr" || !f.classes(i).has(clOrg) {
		return 0
	}
	k := i + 1
	for k < len(f.toks) && k-i <= 3 && f.toks[k].join && f.toks[k].lower && f.classes(k).has(clConnector) {
		k++
	}
	if k == i+1 || k >= len(f.toks) || !f.toks[k].join || !f.toks[k].upper || f.used[k] {
		return 0
	}
	e := f.extend(f.chunk(k))
	f.emit(i, e, jic.EntityOrganization, "head", confHead)
	return e
}

// nameShaped reports whether [s, e) looks like a person's name: each word
// capitalized, no abbreviation, no digit, no place word.
func (f *finder) nameShaped(s, e int) bool {
	for k := s; k < e; k++ {
		t := &f.toks[k]
		if t.lower {
			continue // particles
		}
		if t.allCaps && utf8.RuneCountInString(t.key) > 1 || f.allClasses(k)&(1<<clPlace|1<<clStop|1<<clThing) != 0 || strings.ContainsAny(t.key, "0123456789") {
			return false
		}
	}
	return true
}

// saidNear reports whether a verb of speech stands next to [s, e): "said
// John Smith", "John Smith said", "selon Jean Dupont".
func (f *finder) saidNear(s, e int) bool {
	if e < len(f.toks) && f.toks[e].join && f.phrase(e, clSaid) > 0 {
		return true
	}
	for k := max(0, s-3); k < s; k++ {
		if n := f.phrase(k, clSaid); n > 0 && k+n == s && f.toks[s].join {
			return true
		}
	}
	return false
}

// lowerElsewhere reports whether the text writes the word at i in lower
// case somewhere else: then, capitalized at a sentence's start, it is a
// common word.
func (f *finder) lowerElsewhere(i int) bool {
	if f.lower == nil {
		f.lower = map[string]bool{}
		for _, t := range f.toks {
			if t.lower && t.key != "" {
				f.lower[t.key] = true
			}
		}
	}
	return f.lower[f.toks[i].key]
}
