// Package lang guesses the language of a report that arrives without one,
// so that it is analyzed and filtered as the right language. It knows the
// six languages jic analyzes (ar, fa, ru, en, fr, tr) by script, letters and
// function words, and answers "" when the text looks like none of them.
package lang

import (
	"strings"
	"unicode"
)

// Guess returns "ar", "fa", "ru", "en", "fr", "tr" or "" for text.
func Guess(text string) string {
	if len(text) > 20000 {
		text = text[:20000]
	}
	var arabic, persian, cyrillic, nonRussian, latin, turkish int
	for _, r := range text {
		switch {
		case r == 'پ' || r == 'چ' || r == 'ژ' || r == 'گ' || r == 'ک' || r == 'ی':
			persian++
			arabic++
		case unicode.Is(unicode.Arabic, r) && unicode.IsLetter(r):
			arabic++
		case r == 'і' || r == 'ї' || r == 'є' || r == 'ґ' || r == 'ў' || r == 'ј' || r == 'љ' || r == 'њ':
			nonRussian++
			cyrillic++
		case unicode.Is(unicode.Cyrillic, r):
			cyrillic++
		case r == 'ş' || r == 'ğ' || r == 'ı' || r == 'İ' || r == 'Ş' || r == 'Ğ':
			turkish++
			latin++
		case unicode.Is(unicode.Latin, r):
			latin++
		}
	}
	total := arabic + cyrillic + latin
	switch {
	case total == 0:
		return ""
	case arabic*2 > total:
		if persian*50 > arabic || hasWords(text, persianWords) > hasWords(text, arabicWords) {
			return "fa"
		}
		if strings.ContainsAny(text, "ٹڈڑںھے") { // Urdu letters
			return ""
		}
		return "ar"
	case cyrillic*2 > total:
		if nonRussian*200 > cyrillic {
			return ""
		}
		return "ru"
	case latin*2 > total:
		return latinGuess(text, turkish)
	}
	return ""
}

func latinGuess(text string, turkishLetters int) string {
	scores := map[string]int{
		"en": hasWords(text, englishWords),
		"fr": hasWords(text, frenchWords),
		"tr": hasWords(text, turkishWords) + turkishLetters/4,
		"":   hasWords(text, otherWords),
	}
	best, bestN := "", 0
	for _, l := range []string{"en", "fr", "tr", ""} {
		if scores[l] > bestN {
			best, bestN = l, scores[l]
		}
	}
	return best
}

// hasWords counts the words of text that are in set.
func hasWords(text string, set map[string]bool) int {
	n := 0
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' }) {
		if set[w] {
			n++
		}
	}
	return n
}

func words(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

var (
	englishWords = words("the of and to in is that for on with was said by as at from he it his are be has have an were which this not but they after who its their been will would")
	frenchWords  = words("le la les des de du et est une un dans pour que qui sur au aux par pas plus ont été sont il elle avec ce cette selon a")
	turkishWords = words("ve bir bu da de için ile olarak olan daha en çok gibi ama ancak sonra kadar ise ne değil var yok olduğu")
	// German, Spanish, Italian, Portuguese and Dutch function words: text
	// full of them is "other", not one of the six.
	otherWords   = words("der die das und ist nicht mit den von zu el los las del que por una para con es il della di che per non sono em não os uma het een van zijn niet")
	arabicWords  = words("في من على إلى أن التي الذي عن مع هذا هذه كان قال")
	persianWords = words("در از به که این را با است برای می آن شد یک های")
)
