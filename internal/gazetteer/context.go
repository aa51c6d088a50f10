package gazetteer

import (
	"strings"

	"github.com/jic-center/jic/internal/gazetteer/internal/gazdata"
	"github.com/jic-center/jic/internal/namekey"
)

// titles are the words that, right before a capitalized name, make it a
// person's: honorifics, offices and ranks, and the verbs of attribution
// ("said Jackson"). Keys are normalized (namekey.Word).
var titles = wordSet(
	// English
	"mr mrs ms miss dr prof president presidents minister ministers premier chancellor gen general sen senator rep " +
		"representative gov governor king queen prince princess sheikh sheik emir judge justice pope ayatollah imam " +
		"coach rev reverend father sir lord lady dame officer sgt sergeant lt lieutenant col colonel capt captain cmdr " +
		"commander adm admiral secretary spokesman spokeswoman spokesperson mayor chairman chairwoman ceo director " +
		"son daughter brother sister wife husband mother uncle aunt cousin " +
		"ambassador envoy deputy commissioner inspector detective agent pastor rabbi bishop cardinal brig maj major " +
		"private corporal lawyer attorney candidate actor actress singer player striker defender " +
		"midfielder goalkeeper manager boss founder author writer journalist reporter columnist correspondent " +
		// French
		"m mme mlle monsieur madame president presidente ministre general roi reine cheikh emir juge maire " +
		"depute senateur ambassadeur porte-parole directeur " +
		// Russian
		"господин госпожа президент премьер министр генерал король королева принц шейх эмир судья мэр губернатор " +
		"депутат сенатор посол директор " +
		// Turkish
		"bay bayan sayin cumhurbaskani bakan bakani general kral kraliçe prens seyh emir hakim vali buyukelci " +
		// Arabic (normalized: أ→ا, ة→ه, ى→ي)
		"الرئيس رئيس السيد السيده الشيخ الامير الملك الملكه الوزير وزير الجنرال اللواء العميد العقيد الامام " +
		"القاضي المتحدث السفير النائب الدكتور د بن ابن بنت عبد ام " +
		// Persian
		"اقاي خانم رييس رييسجمهور وزير سردار سرلشكر سرتيپ ايتالله حجتالاسلام امام شيخ دكتر سفير نماينده")

// particles stand between a given name and a surname.
var particles = wordSet("van von der den de da di du del della le bin ibn ben al el")

// speechVerbs before a capitalized name make it likelier a person's, or a
// capital standing for its government ("said Damascus").
var speechVerbs = wordSet("said says added wrote asked told сказал заявил сообщил")

// modifiers are capitalized words that may stand before a place name
// without making it a person's: directions and the like.
var modifiers = wordSet("north south east west northern southern eastern western central greater upper lower " +
	"new old downtown metro metropolitan inner outer northeast northwest southeast southwest northeastern " +
	"northwestern southeastern southwestern mid the in at to from of and or near outside across")

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[namekey.Word(w)] = true
	}
	return m
}

// evidence looks at the words around the n words at i.
func (f *finder) evidence(i, n int) evidence {
	var ev evidence
	first, last := f.toks[i], f.toks[i+n-1]
	if first.initial {
		ev |= evInitial
	}
	cased := first.script == namekey.ScriptLatin || first.script == namekey.ScriptCyrillic
	if first.script != namekey.ScriptLatin {
		ev |= evUncased
	}
	switch first.script {
	case namekey.ScriptArabic:
		ev |= evArabic
	case namekey.ScriptCyrillic:
		ev |= evCyrillic
	}
	if cased && !first.upper {
		ev |= evLower
	}
	if n == 1 && first.script == namekey.ScriptArabic && f.g.words[first.key]&gazdata.WordCommon != 0 {
		ev |= evCommonWord
	}
	if n == 1 && cased {
		c := f.g.words[first.key]
		if c&gazdata.WordPersonal != 0 {
			ev |= evPersonal
		}
		if c&gazdata.WordCommon != 0 {
			ev |= evCommonWord
		}
	}
	if i > 0 {
		prev := f.toks[i-1]
		gap := f.text[prev.end:first.start]
		if titles[prev.key] && (gap == " " || gap == ". " || gap == "\u00a0") {
			ev |= evTitle
		}
		if speechVerbs[prev.key] && gap == " " {
			ev |= evSaid
		}
		if cased && (gap == " " || gap == "-") && f.nameLike(i-1) && !modifiers[prev.key] {
			ev |= evPersonPrev
			if f.g.words[prev.key]&gazdata.WordPersonal != 0 {
				ev |= evGivenName
			}
		}
		// Roger van Boxtel, Osama bin Laden: a particle after a given name.
		if cased && gap == " " && particles[prev.key] && i > 1 && f.text[f.toks[i-2].end:prev.start] == " " && f.nameLike(i-2) {
			ev |= evPersonPrev
		}
		if n == 1 && cased && gap == " " && prev.upper && !prev.initial {
			ev |= evCapNeighbour
		}
	}
	if i+n < len(f.toks) {
		next := f.toks[i+n]
		if cased && f.text[last.end:next.start] == " " && !next.initial && f.nameLike(i+n) {
			ev |= evPersonNext
		}
		if n == 1 && cased && f.text[last.end:next.start] == " " && next.upper {
			ev |= evCapNeighbour
		}
	}
	return ev
}

// nameLike reports whether word i looks like part of a personal or
// organization name: capitalized, not all capitals, not a common word, and
// either usually part of a personal name in news (George, Michael) or not a
// place name itself.
func (f *finder) nameLike(i int) bool {
	t := f.toks[i]
	if !t.upper || t.allCaps || t.script != namekey.ScriptLatin && t.script != namekey.ScriptCyrillic {
		return false
	}
	c := f.g.words[t.base]
	if c&gazdata.WordCommon != 0 || titles[t.base] || speechVerbs[t.base] {
		return false
	}
	if c&gazdata.WordPersonal != 0 {
		return true
	}
	return !f.g.notable(t.key) && !f.g.notable(t.base)
}

// notable reports whether key names a country, a division, a region or a
// city of 100,000 or more: a word that, next to a name, is more likely a
// place than a surname (Aden Flint, Paris Hilton).
func (g *Gazetteer) notable(key string) bool {
	k := g.idx.find([]byte(key))
	if k < 0 {
		return false
	}
	for _, p := range g.idx.postings(k) {
		if uint8(p)&gazdata.FlagStem != 0 {
			continue
		}
		pl := &g.places[p>>8]
		if pl.kind != KindCity && pl.kind != KindAdmin2 || pl.pop >= 100000 {
			return true
		}
	}
	return false
}

// qualify links "X, Y" and "X (Y)": Y, a country or division, qualifies X
// when one of X's candidates lies in one of Y's.
func (f *finder) qualify(ms []Match) {
	for j := 1; j < len(ms); j++ {
		a, b := &ms[j-1], &ms[j]
		gap := strings.TrimSpace(f.text[a.End:b.Start])
		if gap != "," && gap != "(" {
			continue
		}
		if within(a, b) {
			a.Qualifier = j
		}
	}
}

// within reports whether a candidate of a lies in a candidate of b.
func within(a, b *Match) bool {
	for _, x := range a.Candidates {
		for _, y := range b.Candidates {
			if contains(y.Place, x.Place) {
				return true
			}
		}
	}
	return false
}

// contains reports whether place outer contains place inner.
func contains(outer, inner Place) bool {
	switch outer.Kind {
	case KindCountry:
		return inner.Kind != KindCountry && inner.Kind != KindRegion && inner.Country == outer.Country
	case KindAdmin1:
		return (inner.Kind == KindCity || inner.Kind == KindAdmin2) && inner.Country == outer.Country && inner.Admin1 == outer.Admin1
	case KindAdmin2:
		return inner.Kind == KindCity && inner.Country == outer.Country && inner.Admin1 == outer.Admin1 && inner.Admin2 == outer.Admin2
	}
	return false
}
