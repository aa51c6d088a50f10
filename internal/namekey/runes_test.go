package namekey

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

// TestNeedsNFKC checks the shortcut NeedsNFKC allows: every word of runes
// it lets through is unchanged by NFKC. Composition joins a rune only with
// its neighbour, so every pair of such runes is tried.
func TestNeedsNFKC(t *testing.T) {
	var inert []rune
	for r := rune(0x80); r < tableSize+0x2000; r++ {
		if !NeedsNFKC(string(r)) {
			inert = append(inert, r)
		}
	}
	if len(inert) < 1000 {
		t.Fatalf("only %d runes pass NeedsNFKC: the table is broken", len(inert))
	}
	for _, a := range inert {
		for _, b := range append(inert, 'a', 'z') {
			if s := string([]rune{a, b}); norm.NFKC.String(s) != s {
				t.Fatalf("NeedsNFKC(%q) is false but NFKC changes it to %q", s, norm.NFKC.String(s))
			}
		}
	}
	for _, w := range []string{"и\u0306", "ﬁ", "ﻻ", "e\u0301", "ٵ"} {
		if !NeedsNFKC(w) {
			t.Errorf("NeedsNFKC(%q) = false", w)
		}
	}
}
