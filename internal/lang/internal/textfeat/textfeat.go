// Package textfeat turns text into the features of jic's language model:
// it counts letters by script and a few letters that tell languages apart
// (cues), normalizes the letters of the dominant script (NFKC, lower case,
// no digits, punctuation, URLs or Arabic diacritics; Arabic and Persian yeh
// and kaf unified), and hashes the character n-grams (three to five
// characters, word boundaries included) and the words of the result.
//
// The model generator and the detector share this package so that training
// and detection see exactly the same features.
package textfeat

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Script is a writing system the model scores; the rest are "other".
type Script uint8

// The scripts.
const (
	NoScript Script = iota
	Latin
	Cyrillic
	Arabic
	OtherScript
	NumScripts
)

func (s Script) String() string {
	return [...]string{"none", "Latin", "Cyrillic", "Arabic", "other script"}[s]
}

// Cues are counts over the letters of a text.
type Cues struct {
	Letters [NumScripts]int // letters per script
	// FarsiYK counts Persian yeh and keheh (ی U+06CC, ک U+06A9): Arabic
	// writes ي and ك, so these mark a non-Arabic text; their absence says
	// nothing, since Persian is often typed with the Arabic letters.
	FarsiYK int
	// Persian counts پ چ ژ گ, letters Arabic lacks.
	Persian int
	// NotArFa counts Arabic-script letters that neither Arabic nor Persian
	// uses (Urdu ٹ ڈ ڑ ں ے, Pashto ټ ډ ړ ښ, Sorani ێ ۆ ڵ ڕ, Sindhi, Uyghur...).
	NotArFa int
	// NotRussian counts Cyrillic letters outside the Russian alphabet
	// (Ukrainian і ї є ґ, Serbian ј љ њ, Kazakh ә ғ қ ң ө ұ ү һ...).
	NotRussian int
	// Turkish counts ı ğ ş (and İ Ğ Ş), Latin letters that Turkish writes
	// and English and French do not; French counts é è ê à ë ï ô œ ù ÿ,
	// which French writes and English and Turkish do not.
	Turkish, French int
	// PersianWords counts, in an Arabic-script text, the words Persian
	// writes and Arabic hardly ever does (در را از است شد شود كه ...,
	// each in fewer than 0.2% of the ANT corpus's texts) and the words
	// with a zero-width non-joiner inside (none in the ANT corpus). The
	// scorer counts them after normalization, so Persian typed with
	// Arabic yeh and kaf counts too.
	PersianWords int
	// TurkishWords counts, in a Latin-script text, frequent Turkish words
	// that English and French do not write (ve, bir, ile, için...) and
	// names with a Turkish case ending after an apostrophe (İran'ın,
	// Londra'da); EnglishWords and FrenchWords the same for English (the,
	// of, for, with...) and French (les, des, pour, dans, l'..., d'...).
	// The scorer counts them after normalization.
	TurkishWords, EnglishWords, FrenchWords int
}

// Dominant is the script of most letters, NoScript for a text without any.
func (c *Cues) Dominant() Script {
	best, n := NoScript, 0
	for s := Latin; s < NumScripts; s++ {
		if c.Letters[s] > n {
			best, n = s, c.Letters[s]
		}
	}
	return best
}

// ScriptOf is the script of letter r.
func ScriptOf(r rune) Script {
	switch {
	case r < 0x250:
		if r < 0x80 || (r >= 0xC0 && r != 0xD7 && r != 0xF7) {
			return Latin
		}
		return OtherScript
	case r >= 0x400 && r < 0x530:
		return Cyrillic
	case r >= 0x600 && r < 0x700, r >= 0x750 && r < 0x780, r >= 0x8A0 && r < 0x900,
		r >= 0xFB50 && r < 0xFE00, r >= 0xFE70 && r < 0xFF00:
		return Arabic
	case r >= 0x1E00 && r < 0x1F00, r >= 0x2C60 && r < 0x2C80, r >= 0xA720 && r < 0xA800,
		r >= 0xFF21 && r < 0xFF5B:
		return Latin
	case r >= 0x1C80 && r < 0x1C90, r >= 0x2DE0 && r < 0x2E00, r >= 0xA640 && r < 0xA6A0:
		return Cyrillic
	}
	return OtherScript
}

// notArFa are Arabic-script letters of Urdu, Pashto, Sorani, Sindhi,
// Uyghur and others that neither Arabic nor Persian writes. ڤ and ڨ are
// left out: Arabic writes them for v and g in foreign names.
const notArFa = "ٹڈڑںےۓھټډړږښځڅګڼېۍێۆڵڕەٺٻڀڄڃڇڊڌڍڏڙڳڱۇۈۋۉۅٽ"

// notRussian are Cyrillic letters outside the Russian alphabet.
const notRussian = "іїєґўјљњћђџќѓѕәғқңөұүһӣӯҷҳҡҫӑӗӳҗӊӧӱӹӓӝӟӥӵҙҝҥӈ"

// Letter classes of the Arabic (U+0600–U+06FF) and Cyrillic (U+0400–U+04FF)
// blocks, for Count.
const (
	cueFarsiYK = 1 + iota
	cuePersian
	cueNotArFa
	cueNotRussian
)

var arabicCue, cyrillicCue [256]uint8

func init() {
	for _, r := range "یک" {
		arabicCue[r-0x600] = cueFarsiYK
	}
	for _, r := range "پچژگ" {
		arabicCue[r-0x600] = cuePersian
	}
	for _, r := range notArFa {
		arabicCue[r-0x600] = cueNotArFa
	}
	for _, r := range notRussian {
		cyrillicCue[r-0x400] = cueNotRussian
		cyrillicCue[unicode.ToUpper(r)-0x400] = cueNotRussian
	}
}

func isLetter(r rune) bool {
	if r < 0x80 {
		return r|0x20 >= 'a' && r|0x20 <= 'z'
	}
	return unicode.IsLetter(r)
}

// needsNFKC reports whether r may change under NFKC in a way that matters
// here: combining marks that compose with a letter (é written e + ◌́,
// أ written ا + ◌ٔ), Arabic compatibility letters, presentation forms,
// ligatures and fullwidth letters.
func needsNFKC(r rune) bool {
	return (r >= 0x300 && r < 0x370) || (r >= 0x653 && r < 0x656) || (r >= 0x674 && r < 0x679) || r >= 0xF900
}

// Count scans text and returns its cues, and whether the text needs NFKC.
func Count(text string) (Cues, bool) {
	var c Cues
	nfkc := false
	for _, r := range text {
		if r < 0x80 {
			if r|0x20 >= 'a' && r|0x20 <= 'z' {
				c.Letters[Latin]++
			}
			continue
		}
		if needsNFKC(r) {
			nfkc = true
		}
		switch {
		case r >= 0x600 && r < 0x700:
			if r >= 0x620 && r <= 0x64A && r != 0x640 || r >= 0x66E && r <= 0x6D5 && r != 0x6D4 ||
				r == 0x6EE || r == 0x6EF || r >= 0x6FA {
				c.Letters[Arabic]++
				switch arabicCue[r-0x600] {
				case cueFarsiYK:
					c.FarsiYK++
				case cuePersian:
					c.Persian++
				case cueNotArFa:
					c.NotArFa++
				}
			}
			continue
		case r >= 0x400 && r < 0x500:
			if r < 0x482 || r >= 0x48A {
				c.Letters[Cyrillic]++
				if cyrillicCue[r-0x400] == cueNotRussian {
					c.NotRussian++
				}
			}
			continue
		}
		if !unicode.IsLetter(r) {
			continue
		}
		switch r {
		case 'ı', 'ğ', 'ş', 'İ', 'Ğ', 'Ş':
			c.Turkish++
		case 'é', 'è', 'ê', 'à', 'ë', 'ï', 'ô', 'œ', 'ù', 'ÿ', 'É', 'È', 'Ê', 'À', 'Ë', 'Ï', 'Ô', 'Œ', 'Ù':
			c.French++
		}
		c.Letters[ScriptOf(r)]++
	}
	return c, nfkc
}

// Prepare returns text cut to at most max bytes (at a rune boundary) and
// its cues. Where needed the text is put in NFKC form, so that presentation
// forms, fullwidth letters and letters written with combining marks read as
// the letters they stand for.
func Prepare(text string, max int) (string, Cues) {
	if len(text) > max {
		cut := max
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	c, nfkc := Count(text)
	if nfkc && norm.NFKC.QuickSpanString(text) < len(text) {
		text = norm.NFKC.String(text)
		c, _ = Count(text)
	}
	return text, c
}

// Normalize appends to dst the letters of text that are in script s,
// normalized, with one space before and after every word: lower case;
// Arabic diacritics and tatweel dropped; Persian yeh and keheh written as
// Arabic yeh and kaf, ۀ as ه; the zero-width non-joiner that Persian puts
// inside words kept; apostrophes between letters kept (French l', Turkish
// İran'ın); words that look like URLs, e-mail addresses or handles dropped.
func Normalize(dst []rune, text string, s Script) []rune {
	return NormalizeLetters(dst, text, s, -1)
}

// NormalizeLetters is Normalize that stops after the whitespace-separated
// token in which the letters appended (every rune but the spaces) reach
// max, when max ≥ 0: cutting its result after max letters at a word end
// gives what cutting Normalize's would.
func NormalizeLetters(dst []rune, text string, s Script, max int) []rune {
	if len(dst) == 0 || dst[len(dst)-1] != ' ' {
		dst = append(dst, ' ')
	}
	letters := 0
	for text != "" && (max < 0 || letters < max) {
		// One whitespace-separated token at a time.
		i := 0
		for i < len(text) && isSpaceByte(text[i]) {
			i++
		}
		text = text[i:]
		j := 0
		for j < len(text) && !isSpaceByte(text[j]) {
			j++
		}
		tok := text[:j]
		text = text[j:]
		if tok == "" || looksLikeAddress(tok) {
			continue
		}
		n := len(dst)
		dst = normalizeToken(dst, tok, s)
		if max >= 0 {
			for _, r := range dst[n:] {
				if r != ' ' {
					letters++
				}
			}
		}
	}
	return dst
}

func isSpaceByte(b byte) bool {
	return b == ' ' || b == '\n' || b == '\t' || b == '\r' || b == '\f' || b == '\v'
}

func looksLikeAddress(tok string) bool {
	return strings.Contains(tok, "://") || strings.HasPrefix(tok, "www.") ||
		strings.ContainsRune(tok, '@') || strings.Contains(tok, ".com") || strings.Contains(tok, ".html")
}

func normalizeToken(dst []rune, tok string, s Script) []rune {
	for k, r := range tok {
		switch {
		case r == '\'' || r == '’' || r == 'ʼ':
			// Keep an apostrophe only between two letters of the script.
			if len(dst) > 0 && dst[len(dst)-1] != ' ' && k+len(string(r)) < len(tok) {
				next, _ := utf8.DecodeRuneInString(tok[k+len(string(r)):])
				if isLetter(next) && ScriptOf(next) == s {
					dst = append(dst, '\'')
					continue
				}
			}
			dst = space(dst)
		case r == '\u200c': // zero-width non-joiner, inside Persian words
			if len(dst) > 0 && dst[len(dst)-1] != ' ' && dst[len(dst)-1] != r {
				dst = append(dst, r)
			}
		case r < 0x80:
			if r|0x20 >= 'a' && r|0x20 <= 'z' && s == Latin {
				dst = append(dst, r|0x20)
			} else {
				dst = space(dst)
			}
		case s == Arabic && (r == 0x640 || (r >= 0x64B && r <= 0x65F) || r == 0x670 ||
			(r >= 0x6D6 && r <= 0x6ED)):
			// tatweel and diacritics: part of the word, not letters
		case isLetter(r) && ScriptOf(r) == s:
			dst = append(dst, fold(r))
		case unicode.Is(unicode.Mn, r) && len(dst) > 0 && dst[len(dst)-1] != ' ':
			// other combining marks stay inside the word
		case r == '\u200d' || r == '\u200e' || r == '\u200f' || r == '\u00ad' || r == '\ufeff':
			// joiners, direction marks, soft hyphens
		default:
			dst = space(dst)
		}
	}
	return space(dst)
}

func space(dst []rune) []rune {
	if n := len(dst); n > 0 && dst[n-1] == '\u200c' {
		dst = dst[:n-1]
	}
	if n := len(dst); n == 0 || dst[n-1] != ' ' {
		dst = append(dst, ' ')
	}
	return dst
}

// fold lower-cases r and unifies the letters the model should not tell
// apart.
func fold(r rune) rune {
	switch r {
	case 'ی': // Persian yeh as Arabic yeh
		return 'ي'
	case 'ک':
		return 'ك'
	case 'ۀ':
		return 'ه'
	case 'İ':
		return 'i'
	}
	return unicode.ToLower(r)
}
