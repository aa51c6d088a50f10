package dedup

import (
	"slices"
	"testing"
)

func TestLineWords(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"Hello, World!  It's 2018.", []string{"hello", "world", "it", "s", "2018"}},
		{"اقرأ أيضاً: مُحَمَّد ـــ ١٢٣", []string{"اقرا", "ايضا", "محمد", "123"}},
		{"Straße İstanbul ΣΟΦΟΣ", []string{"strasse", "istanbul", "σοφοσ"}},
		{"کتاب‌ها ﻻ", []string{"كتابها", "لا"}},
		{"Выборы в Москве", []string{"выборы", "в", "москве"}},
		{"\u200e\u200f", nil},
		{"a\xffb", []string{"a", "b"}},
	} {
		if got := lineWords(nil, c.in); !slices.Equal(got, c.want) {
			t.Errorf("lineWords(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
