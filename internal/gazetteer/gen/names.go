package main

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jic-center/jic/internal/gazetteer/internal/gazdata"
	"github.com/jic-center/jic/internal/namekey"
	"github.com/jic-center/jic/internal/textindex"
)

// MaxWords is the longest name, in words, that is kept: the matcher looks
// up windows of up to this many words.
const MaxWords = 5

// bigPlace is the population from which a place keeps an alternate name that
// is also a common word.
const bigPlace = 100000

// add indexes name as a name of place idx. lang is the language the name is
// tagged with, "" when unknown.
func (b *builder) add(idx uint32, name string, flags uint8, lang string) {
	name = strings.TrimSpace(name)
	if name == "" {
		return
	}
	if before, _, ok := strings.Cut(name, ", "); ok && flags&gazdata.FlagMain != 0 {
		// "Washington, D.C.", "Kuala Lumpur, Federal Territory": the name
		// before the qualifier.
		name = before
	}
	if strings.ContainsAny(name, "()[]/,;?\"") || strings.ContainsFunc(name, unicode.IsDigit) {
		b.drops["brackets, digits or punctuation"]++
		return
	}
	if flags&gazdata.FlagMain != 0 && isCode(name) {
		flags |= gazdata.FlagAcronym // "UAE" among a country's names
	}
	acronym := flags&(gazdata.FlagAcronym|gazdata.FlagAbbrev) != 0
	if !acronym && flags&gazdata.FlagMain == 0 && isCode(name) {
		b.drops["airport or other code"]++
		return
	}
	key, n := namekey.Name(name)
	switch {
	case n == 0:
		return
	case n > MaxWords:
		b.drops["more than 5 words"]++
		return
	case !acronym && letters(key) <= 2:
		b.drops["one or two letters"]++
		return
	}
	sc := namekey.ScriptOf(key)
	if sc != namekey.ScriptLatin && sc != namekey.ScriptCyrillic && sc != namekey.ScriptArabic {
		b.drops["other scripts"]++
		return
	}
	if flags&gazdata.FlagMain == 0 && n == 1 && b.ws.personal(key) {
		b.drops["alternate name that is a given name or surname"]++
		return
	}
	if b.commonName(key, sc, idx, flags) {
		if flags&gazdata.FlagMain == 0 && b.places[idx].Population < bigPlace && b.places[idx].Kind != gazdata.KindCountry {
			b.drops["alternate name that is a common word"]++
			return
		}
		flags |= gazdata.FlagCommon
	}
	b.put(key, idx, flags)
	if sc == namekey.ScriptCyrillic && (lang == "" || lang == "ru") {
		if s := stemKey(name, "ru"); s != "" {
			b.put(s, idx, flags|gazdata.FlagStem)
		}
	}
	if flags&gazdata.FlagDemonym == 0 {
		for _, d := range derived(key, b.places[idx].Kind) {
			if !b.common(d, sc) {
				b.put(d, idx, flags|gazdata.FlagDerived)
			}
		}
	}
}

func (b *builder) put(key string, idx uint32, flags uint8) {
	m := b.index[key]
	if m == nil {
		m = map[uint32]uint8{}
		b.index[key] = m
	}
	old, ok := m[idx]
	if !ok {
		m[idx] = flags
		return
	}
	// Keep the strongest reading: a main name beats an alternate, an
	// exact key a derived one, a proper name a common word.
	merged := old | flags
	if old&gazdata.FlagDerived == 0 || flags&gazdata.FlagDerived == 0 {
		merged &^= gazdata.FlagDerived
	}
	if old&gazdata.FlagCommon == 0 || flags&gazdata.FlagCommon == 0 {
		merged &^= gazdata.FlagCommon
	}
	if old&gazdata.FlagStem == 0 || flags&gazdata.FlagStem == 0 {
		merged &^= gazdata.FlagStem
	}
	if old&gazdata.FlagAcronym == 0 || flags&gazdata.FlagAcronym == 0 {
		merged &^= gazdata.FlagAcronym
	}
	m[idx] = merged
}

// commonName reports whether a name of place idx is also a common word that
// a match must not take for the place without context. Arabic-script names
// are judged by frequency alone, which the names of countries and big
// cities also have, so only the names of smaller cities are marked.
func (b *builder) commonName(key string, sc namekey.Script, idx uint32, flags uint8) bool {
	if flags&(gazdata.FlagAcronym|gazdata.FlagAbbrev|gazdata.FlagLower|gazdata.FlagDemonym) != 0 {
		return false
	}
	p := &b.places[idx]
	if sc == namekey.ScriptArabic && p.Kind == gazdata.KindCountry {
		return false
	}
	// Frequency alone marks the alternate names and the names of smaller
	// places: a frequent word is more often the word than the village.
	if sc == namekey.ScriptArabic && !strings.Contains(key, " ") && b.ws.frequentArabic(key) &&
		(flags&gazdata.FlagMain == 0 || p.Population < bigPlace) {
		return true
	}
	return b.common(key, sc)
}

// common reports whether a key is also a common word of news text: in Latin
// and Cyrillic script, every word of it is written mostly in lower case; in
// Arabic script, it is one frequent word.
func (b *builder) common(key string, sc namekey.Script) bool {
	if b.notPlace == nil {
		b.notPlace = map[string]bool{}
		for _, n := range notPlaceNames {
			k, _ := namekey.Name(n)
			b.notPlace[k] = true
		}
	}
	if b.notPlace[key] {
		return true
	}
	if sc == namekey.ScriptArabic {
		return !strings.Contains(key, " ") && b.ws.commonArabic(key)
	}
	for _, w := range strings.Split(key, " ") {
		if !b.ws.common(w) {
			return false
		}
	}
	return true
}

// isCode reports whether an alternate name looks like an airport, station or
// postal code: two to five capital letters.
func isCode(s string) bool {
	n := 0
	for _, r := range s {
		if !unicode.IsUpper(r) {
			return false
		}
		n++
	}
	return n >= 2 && n <= 5
}

func letters(key string) int {
	n := 0
	for _, r := range key {
		if r != ' ' {
			n++
		}
	}
	return n
}

// Articles dropped from the front of a transliterated Arabic name, and the
// generic words dropped from division names, to give the short forms news
// uses: "Al Anbar" → "Anbar", "Baghdad Governorate" → "Baghdad".
var (
	articles = map[string]bool{"al": true, "el": true, "ad": true, "an": true, "ar": true, "as": true, "at": true,
		"az": true, "ash": true, "ath": true, "adh": true, "ed": true, "er": true, "es": true, "et": true, "ez": true}
	genericWords = map[string]bool{
		"governorate": true, "province": true, "region": true, "oblast": true, "district": true, "state": true,
		"prefecture": true, "department": true, "county": true, "municipality": true, "territory": true,
		"voivodeship": true, "kray": true, "krai": true, "muhafazat": true, "muhafazah": true, "ostan": true, "ostan-e": true,
		"wilayat": true, "vilayeti": true, "ili": true, "emirate": true, "canton": true, "parish": true,
		"gouvernorat": true, "wilaya": true, "departement": true, "regione": true, "provincia": true,
		"محافظه": true, "ولايه": true, "منطقه": true, "اقليم": true, "استان": true, "شهرستان": true, "امارت": true,
		"область": true, "край": true, "провинция": true, "мухафаза": true, "остан": true, "вилайет": true,
		"il": true, "eyaleti": true, "bolge": true, "of": true, "borough": true, "city": true, "metropolitan": true,
		"raion": true, "rayon": true, "ilce": true, "ilcesi": true, "mintaqa": true, "qada": true, "qadaa": true,
		"markaz": true, "nahiyat": true, "shahrestan": true, "shahrestan-e": true, "bakhsh": true, "район": true, "округ": true,
		"قضاء": true, "مركز": true, "ناحيه": true, "بخش": true,
	}
)

// derived returns the short forms of a key.
func derived(key string, kind uint8) []string {
	words := strings.Split(key, " ")
	var out []string
	if len(words) >= 2 && articles[words[0]] {
		if rest := strings.Join(words[1:], " "); letters(rest) >= 4 {
			out = append(out, rest)
		}
	}
	if (kind == gazdata.KindAdmin1 || kind == gazdata.KindAdmin2) && len(words) >= 2 {
		w := words
		for len(w) > 1 && genericWords[w[0]] {
			w = w[1:]
		}
		for len(w) > 1 && genericWords[w[len(w)-1]] {
			w = w[:len(w)-1]
		}
		// A county or district loses its generic word only when two words
		// remain ("Miami-Dade County" → "Miami-Dade"): one would collide
		// with the towns the divisions are named after.
		if len(w) < len(words) && (kind == gazdata.KindAdmin1 || len(w) >= 2) {
			if rest := strings.Join(w, " "); letters(rest) >= 3 {
				out = append(out, rest)
			}
		}
	}
	return out
}

// stemKey returns lang:stems of the words of name, the key under which the
// matcher looks up a stemmed window, or "" when stemming changes nothing or
// leaves a single stem shorter than four letters.
func stemKey(name, lang string) string {
	var stems []string
	changed := false
	ok := true
	namekey.Words(name, func(s, e int) bool {
		w := name[s:e]
		t, one := textindex.WordTerm(w, lang)
		if !one {
			ok = false
			return false
		}
		if t != namekey.Word(w) {
			changed = true
		}
		stems = append(stems, t)
		return true
	})
	if !ok || !changed || len(stems) == 0 || len(stems) == 1 && utf8.RuneCountInString(stems[0]) < 4 {
		return ""
	}
	return lang + ":" + strings.Join(stems, " ")
}

// addDemonyms indexes the demonyms and adjectives of place idx with their
// inflected forms.
func (b *builder) addDemonyms(idx uint32, d demonymSet) {
	const f = gazdata.FlagMain | gazdata.FlagDemonym
	for _, l := range gazdata.Langs {
		for _, form := range split(d.get(l)) {
			switch l {
			case "en":
				for _, x := range englishForms(form) {
					b.add(idx, x, f, l)
				}
			case "fr":
				for _, x := range frenchForms(form) {
					b.add(idx, x, f|gazdata.FlagLower, l)
				}
			case "ru":
				b.add(idx, form, f|gazdata.FlagLower, l)
				if s := stemKey(form, "ru"); s != "" {
					b.put(s, idx, f|gazdata.FlagLower|gazdata.FlagStem)
				}
			case "tr":
				b.add(idx, form, f, l)
				if s := stemKey(form, "tr"); s != "" {
					b.put(s, idx, f|gazdata.FlagStem)
				}
			case "ar":
				for _, x := range arabicForms(form) {
					b.add(idx, x, f, l)
				}
			case "fa":
				for _, x := range persianForms(form) {
					b.add(idx, x, f, l)
				}
			}
		}
	}
}

// englishForms gives a demonym and its plural.
func englishForms(s string) []string {
	out := []string{s}
	for _, suf := range []string{"s", "sh", "ch", "ese", "x", "z", "i"} {
		if strings.HasSuffix(s, suf) {
			if suf == "i" { // Iraqi → Iraqis
				return append(out, s+"s")
			}
			return out
		}
	}
	return append(out, s+"s")
}

// frenchForms gives the masculine, feminine and plurals of a French
// adjective of nationality.
func frenchForms(s string) []string {
	if strings.Contains(s, " ") {
		return []string{s}
	}
	fem := s
	switch {
	case strings.HasSuffix(s, "ien"), strings.HasSuffix(s, "éen"):
		fem = s + "ne"
	case strings.HasSuffix(s, "e"):
	case strings.HasSuffix(s, "c"):
		fem = s + "que"
	default:
		fem = s + "e"
	}
	out := []string{s, fem, fem + "s"}
	if !strings.HasSuffix(s, "s") && !strings.HasSuffix(s, "x") {
		out = append(out, s+"s")
	}
	return out
}

// arabicForms gives the feminine, plural and definite forms of an Arabic
// nisba adjective (عراقي → عراقية، عراقيون، عراقيين، عراقيات، العراقي...);
// other forms get only the article.
func arabicForms(s string) []string {
	if strings.Contains(s, " ") {
		return []string{s}
	}
	base := []string{s}
	if strings.HasSuffix(s, "ي") {
		base = append(base, s+"ة", s+"ون", s+"ين", s+"ات")
	}
	var out []string
	for _, x := range base {
		out = append(out, x)
		if !strings.HasPrefix(x, "ال") {
			out = append(out, "ال"+x)
		}
	}
	return out
}

// persianForms gives the plurals of a Persian adjective of nationality.
func persianForms(s string) []string {
	if strings.Contains(s, " ") {
		return []string{s}
	}
	out := []string{s, s + "ها"}
	if strings.HasSuffix(s, "ی") {
		out = append(out, s+"ان")
	}
	return out
}
