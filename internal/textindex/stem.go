package textindex

import (
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/english"
	"github.com/blevesearch/snowballstem/french"
	"github.com/blevesearch/snowballstem/russian"
)

// stem reduces a normalized, lower-cased word to its stem in lang, or in the
// default language of its script when lang is written in another script.
func stem(w, lang string) string {
	sc := script(w)
	if sc == "" || sc == "other" {
		return w
	}
	if scriptOf[lang] != sc {
		lang = defaultLang[sc]
	}
	switch lang {
	case "en":
		return snowball(english.Stem, w)
	case "fr":
		return snowball(french.Stem, w)
	case "ru":
		return snowball(russian.Stem, strings.ReplaceAll(w, "ё", "е"))
	case "tr":
		return stemTurkish(w)
	case "ar":
		return stemArabic(w)
	case "fa":
		return stemPersian(w)
	}
	return w
}

func snowball(f func(*snowballstem.Env) bool, w string) string {
	env := snowballstem.NewEnv(w)
	f(env)
	return env.Current()
}

// stemTurkish strips Turkish noun suffixes (case, possessive, plural,
// copula) from the end, one at a time, until none applies. Snowball's
// Turkish stemmer was measured here and left: it stems yaptırımlar to
// yaptırım but yaptırım to yaptır, zaman to zama, roma to ro. This stemmer is
// built for search: every form of a word reaches the same stem (a final
// high vowel or a dative a/e is always removed, so şarkı and şarkıyı both
// give şark), at the price of some merging of short stems.
func stemTurkish(w string) string {
	for range 6 {
		s := stripTurkish(w)
		if s == w {
			return w
		}
		w = s
	}
	return w
}

var trSuffixes = []string{
	"ndan", "nden", "dır", "dir", "dur", "dür", "tır", "tir", "tur", "tür",
	"nın", "nin", "nun", "nün", "dan", "den", "tan", "ten", "nda", "nde", "yla", "yle",
	"lar", "ler", "da", "de", "ta", "te", "ın", "in", "un", "ün", "na", "ne", "ya", "ye",
	"yı", "yi", "yu", "yü", "nı", "ni", "nu", "nü", "sı", "si", "su", "sü",
}

// stripTurkish removes one suffix, keeping a stem of at least three letters
// with a vowel in it.
func stripTurkish(w string) string {
	for _, suf := range trSuffixes {
		if rest, ok := strings.CutSuffix(w, suf); ok && trStem(rest) {
			return rest
		}
	}
	if rest, ok := strings.CutSuffix(w, "ki"); ok && trStem(rest) && endsAny(rest, "da", "de", "ta", "te", "nın", "nin", "nun", "nün") {
		return rest
	}
	r, size := utf8.DecodeLastRuneInString(w)
	if strings.ContainsRune("aeıiuü", r) {
		rest := w[:len(w)-size]
		last, _ := utf8.DecodeLastRuneInString(rest)
		if trStem(rest) && !strings.ContainsRune(trVowels, last) {
			return rest
		}
	}
	return w
}

const trVowels = "aeıioöuü"

func trStem(s string) bool {
	return utf8.RuneCountInString(s) >= 3 && strings.ContainsAny(s, trVowels)
}

func endsAny(s string, suffixes ...string) bool {
	for _, x := range suffixes {
		if strings.HasSuffix(s, x) {
			return true
		}
	}
	return false
}

// Arabic light stemming after Larkey, Ballesteros and Connell's light10,
// changed so that every inflected form of a word reaches the same stem:
// suffixes are removed until none applies, and the plural and dual endings
// -ان -ين -ون need a stem of four letters (so فيضانات → فيضان and فيضان
// stays, and ايران, لبنان are left alone) and are never taken after ست
// (باكستان). Input is already normalized (ة → ه, ى → ي, أ → ا).
var (
	arPrefixes = []string{"وال", "بال", "كال", "فال", "لل", "ال"}
	arSuffixes = []affix{
		{"ات", 3}, {"ها", 3}, {"هم", 3}, {"يه", 3},
		{"ان", 4}, {"ين", 4}, {"ون", 4}, {"ه", 3}, {"ي", 3},
	}
)

type affix struct {
	s       string
	minStem int // runes that must remain
}

func stemArabic(w string) string {
	// The name of God (in حزب الله, عبد الله) keeps its article.
	if i := strings.Index(w, "الله"); i >= 0 && i <= len("وب") && i+len("الله") == len(w) || w == "لله" {
		return "الله"
	}
	if n := utf8.RuneCountInString(w); n > 3 && strings.HasPrefix(w, "و") {
		w = w[len("و"):]
	}
	for _, p := range arPrefixes {
		if strings.HasPrefix(w, p) && utf8.RuneCountInString(w)-utf8.RuneCountInString(p) >= 2 {
			w = w[len(p):]
			break
		}
	}
	return stripSuffixes(w, arSuffixes)
}

// Persian light stemming: plural (-ها, -ان, -ات, -ين), comparative and
// superlative (-تر, -ترين), the indefinite or ezafe -ي and the clitic -شان,
// with the same rules as Arabic for endings that are often part of a name.
// ZWNJ is already gone (کتاب‌ها → كتابها) and ی, ک are Arabic ي, ك.
var faSuffixes = []affix{
	{"هايي", 2}, {"هاي", 2}, {"ها", 2}, {"يان", 3}, {"ترين", 2}, {"تر", 3},
	{"ات", 3}, {"ان", 4}, {"ين", 4}, {"شان", 3}, {"ي", 3},
}

func stemPersian(w string) string { return stripSuffixes(w, faSuffixes) }

// stripSuffixes removes the first applicable suffix and repeats until none
// applies.
func stripSuffixes(w string, suffixes []affix) string {
	for changed := true; changed; {
		changed = false
		n := utf8.RuneCountInString(w)
		for _, a := range suffixes {
			if !strings.HasSuffix(w, a.s) || n-utf8.RuneCountInString(a.s) < a.minStem {
				continue
			}
			rest := w[:len(w)-len(a.s)]
			if (a.s == "ان" || a.s == "ين") && strings.HasSuffix(rest, "ست") {
				continue
			}
			w, changed = rest, true
			break
		}
	}
	return w
}
