package claims

import (
	"slices"

	"github.com/jic-center/jic/internal/namekey"
)

// Related scores from 0 to 1 how likely two claims are about the same
// thing: the share of their About keys in common, a common speaker key,
// and, within one language, the overlap of the content words of their
// statements. Either claim nil gives 0.
func Related(a, b *Claim, langA, langB string) float64 {
	if a == nil || b == nil {
		return 0
	}
	about := jaccard(a.About, b.About)
	words := 0.0
	if langA == langB {
		words = jaccard(contentWords(a.Quote, langA), contentWords(b.Quote, langB))
	}
	score := 0.55*about + 0.45*min(1, 2*words)
	if len(a.About) == 0 || len(b.About) == 0 {
		score = min(1, 2*words)
		if langA != langB {
			score = 0
		}
	}
	if a.Speaker.Key != "" && a.Speaker.Key == b.Speaker.Key && score > 0 {
		score = min(1, score+0.15)
	}
	return score
}

// relatedThreshold is the Related score from which Contradicts takes two
// claims to be about the same thing.
const relatedThreshold = 0.4

// Contradicts reports whether two related claims disagree: one denies
// while the other asserts, confirms or reports.
func Contradicts(a, b *Claim, langA, langB string) bool {
	if a == nil || b == nil || (a.Stance == Denies) == (b.Stance == Denies) {
		return false
	}
	return Related(a, b, langA, langB) >= relatedThreshold
}

// contentWords returns the keys of the words of s that carry content:
// four letters or more, or digits, and not a cue word of the language.
func contentWords(s, lang string) []string {
	var ks []string
	lex := lexicons[lang]
	namekey.Words(s, func(st, e int) bool {
		k := namekey.Word(s[st:e])
		if len([]rune(k)) < 4 || len(lex[k]) > 0 || determiners[k] || pronouns[k] {
			return true
		}
		if r := []rune(k); len(r) > 6 && lang != "ar" && lang != "fa" {
			k = string(r[:6]) // a crude stem: заявил/заявила, confirmed/confirms
		}
		if !slices.Contains(ks, k) {
			ks = append(ks, k)
		}
		return len(ks) < 200
	})
	return ks
}

// jaccard returns |a∩b| / |a∪b| of two sets given as lists.
func jaccard(a, b []string) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	n := 0
	for _, k := range a {
		if slices.Contains(b, k) {
			n++
		}
	}
	return float64(n) / float64(len(a)+len(b)-n)
}
