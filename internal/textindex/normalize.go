package textindex

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/jic-center/jic/internal/namekey"
)

// normalizeWord applies NFKC, unifies Arabic and Persian letter forms, drops
// nonspacing marks (Arabic and Hebrew vowel marks among them), tatweel and
// invisible joiners, makes Eastern digits ASCII and lower-cases by the rules
// of lang. A word that needs none of it is returned as is, without copying.
func normalizeWord(w, lang string) string {
	if namekey.NeedsNFKC(w) {
		w = norm.NFKC.String(w)
	}
	turkic := lang == "tr"
	for i, r := range w {
		if m := mapRune(r, turkic); m != r {
			return rebuild(w, i, turkic)
		}
	}
	return w
}

// rebuild maps the runes of w from byte i on, keeping w[:i] as it is.
func rebuild(w string, i int, turkic bool) string {
	var b strings.Builder
	b.Grow(len(w))
	b.WriteString(w[:i])
	for _, r := range w[i:] {
		switch m := mapRune(r, turkic); m {
		case drop:
		case expandSS:
			b.WriteString("ss")
		default:
			b.WriteRune(m)
		}
	}
	return b.String()
}

// Results of mapRune that are not runes.
const (
	drop     = -1 // the rune leaves no trace
	expandSS = -2 // ß and ẞ become "ss"
)

// mapRune returns what r becomes in an index term, or drop or expandSS.
func mapRune(r rune, turkic bool) rune {
	switch {
	case r < 0x80:
		if 'A' <= r && r <= 'Z' {
			if r == 'I' && turkic {
				return 'ı'
			}
			return r + ('a' - 'A')
		}
		if r == '\'' || isWordRune(r) {
			return r
		}
		return drop // NFKC can expand a ligature to several words
	case isMn(r):
		return drop
	case r == 'İ':
		return 'i'
	case r == 'ß' || r == 'ẞ':
		return expandSS
	case r >= '\u0660' && r <= '\u0669':
		return '0' + (r - '\u0660')
	case r >= '\u06f0' && r <= '\u06f9':
		return '0' + (r - '\u06f0')
	}
	r = arabicLetter(r)
	switch {
	case r < 0:
		return drop
	case r >= 0x0590 && r < 0x0700: // Hebrew and Arabic have no case
		return r
	case r != '\'' && !isWordRune(r):
		return drop
	}
	return unicode.ToLower(r)
}

// arabicLetter unifies the letter forms that Arabic and Persian writers use
// interchangeably and returns -1 for characters that carry no letter.
func arabicLetter(r rune) rune {
	switch r {
	case 'أ', 'إ', 'آ', 'ٱ':
		return 'ا'
	case 'ى', 'ی', 'ې', 'ے':
		return 'ي'
	case 'ک':
		return 'ك'
	case 'ة', 'ۀ', 'ہ', 'ە':
		return 'ه'
	case '\u0640', // tatweel
		'\u200c', '\u200d', // zero-width non-joiner and joiner
		'\u200e', '\u200f', // directional marks
		'\u00ad', '\ufeff': // soft hyphen, byte order mark
		return -1
	case '\u2019', '\u02bc':
		return '\''
	}
	return r
}

// stripApostrophe removes apostrophes from a word by the rules of lang:
// Turkish cuts the suffix after it (Türkiye'nin → türkiye), French drops an
// elided article or pronoun (l'élection → élection), English a possessive
// (Iran's → iran); any other apostrophe is dropped and the parts joined.
func stripApostrophe(w, lang string) string {
	i := strings.IndexByte(w, '\'')
	if i < 0 {
		return w
	}
	if lang == "tr" {
		return w[:i]
	}
	if lang == "fr" || lang == "" {
		switch w[:i] {
		case "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu":
			w = w[i+1:]
		}
	}
	if lang == "en" || lang == "" {
		w = strings.TrimSuffix(w, "'s")
	}
	return strings.ReplaceAll(w, "'", "")
}

// fold removes what users often leave out when they type: accents on Latin
// letters, the dot distinction of Turkish i (after stemming has used it),
// ё, final sigma and a few ligatures.
func fold(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii || !needsFold(w) {
		return w
	}
	var b strings.Builder
	b.Grow(len(w))
	for _, r := range w {
		switch r {
		case 'ı':
			b.WriteByte('i')
		case 'æ':
			b.WriteString("ae")
		case 'œ':
			b.WriteString("oe")
		case 'ø':
			b.WriteByte('o')
		case 'đ':
			b.WriteByte('d')
		case 'ł':
			b.WriteByte('l')
		case 'ё':
			b.WriteRune('е')
		case 'ς':
			b.WriteRune('σ')
		default:
			if r > 0x7f && unicode.Is(unicode.Latin, r) {
				r = namekey.LatinBase(r)
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// needsFold reports whether fold would change w.
func needsFold(w string) bool {
	for _, r := range w {
		switch {
		case r < 0x80 || r >= 0x0590 && r < 0x0700: // ASCII, Hebrew, Arabic
		case r == 'ё' || r == 'ς' || unicode.Is(unicode.Latin, r):
			return true
		}
	}
	return false
}

// script classifies a word by its first letter.
func script(w string) string {
	for _, r := range w {
		switch {
		case r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'):
			return "latin"
		case unicode.Is(unicode.Latin, r):
			return "latin"
		case unicode.Is(unicode.Cyrillic, r):
			return "cyrillic"
		case unicode.Is(unicode.Arabic, r):
			return "arabic"
		case unicode.IsLetter(r):
			return "other"
		}
	}
	return ""
}

// scriptOf gives the script each analyzer language is written in.
var scriptOf = map[string]string{"en": "latin", "fr": "latin", "tr": "latin", "ru": "cyrillic", "ar": "arabic", "fa": "arabic"}

// defaultLang is the analyzer used for a word whose script is not the one of
// the text's language, or when the language is unknown.
var defaultLang = map[string]string{"latin": "en", "cyrillic": "ru", "arabic": "ar"}

// candidateLangs are the analyzers a query word may need when the query's
// language is not given: every supported language written in its script.
var candidateLangs = map[string][]string{"latin": {"en", "fr", "tr"}, "cyrillic": {"ru"}, "arabic": {"ar", "fa"}}
