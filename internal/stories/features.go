package stories

import "github.com/jic-center/jic/internal/textindex"

// LeadRunes is how much of a report's text clustering reads: the lead
// carries the event; the rest of a long article adds background.
const LeadRunes = 600

// Lead returns the first n runes of text (all of it when n ≤ 0).
func Lead(text string, n int) string {
	if n <= 0 {
		return text
	}
	k := 0
	for i := range text {
		if k == n {
			return text[:i]
		}
		k++
	}
	return text
}

// Terms returns the terms a report is clustered by: its title's counted
// twice (a headline names the event), then its lead's.
func Terms(title, lead, lang string) []string {
	t := textindex.Terms(title, lang)
	return append(append(append([]string{}, t...), t...), textindex.Terms(lead, lang)...)
}
