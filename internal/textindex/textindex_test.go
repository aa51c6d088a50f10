package textindex_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/jic-center/jic/internal/textindex"
)

// Inflected forms that a search must find from either side.
func TestSameTerm(t *testing.T) {
	tests := []struct {
		name, lang, a, b string
	}{
		{"arabic feminine plural", "ar", "فيضانات", "فيضان"},
		{"arabic article and plural", "ar", "الفيضانات", "فيضان"},
		{"arabic conjunction and preposition", "ar", "وبالفيضانات", "الفيضان"},
		{"arabic vowel marks", "ar", "مُحَمَّد", "محمد"},
		{"arabic tatweel", "ar", "محـــمد", "محمد"},
		{"arabic alef forms", "ar", "إيران", "ايران"},
		{"arabic teh marbuta", "ar", "المظاهرة", "مظاهرات"},
		{"arabic masculine plural", "ar", "المسلمين", "مسلمون"},
		{"arabic nisba", "ar", "فلسطينيين", "فلسطين"},
		{"arabic sanctions", "ar", "العقوبات", "عقوبة"},
		{"persian yeh and kaf typed in arabic", "fa", "کشورهای", "كشورهاي"},
		{"persian zwnj plural", "fa", "کتاب‌ها", "کتاب"},
		{"persian plural joined", "fa", "کتابها", "کتاب"},
		{"persian animate plural", "fa", "دانشجویان", "دانشجو"},
		{"persian superlative", "fa", "بزرگترین", "بزرگ"},
		{"persian arabic plural", "fa", "انتخابات", "انتخاب"},
		{"turkish plural", "tr", "yaptırımlar", "yaptırım"},
		{"turkish case after plural", "tr", "yaptırımların", "yaptırım"},
		{"turkish locative", "tr", "seçimlerde", "seçim"},
		{"turkish apostrophe suffix", "tr", "Türkiye'nin", "Türkiye"},
		{"turkish capital dotted I", "tr", "İSTANBUL", "istanbul"},
		{"turkish capital dotless I", "tr", "IRAK", "ırak"},
		{"turkish time", "tr", "zamanlarında", "zaman"},
		{"turkish novel", "tr", "romanları", "roman"},
		{"turkish genitive", "tr", "dünyanın", "dünya"},
		{"turkish possessive and locative", "tr", "sırasında", "sıra"},
		{"turkish accusative after vowel", "tr", "şarkıyı", "şarkı"},
		{"turkish relative -ki", "tr", "bölgedeki", "bölge"},
		{"arabic name of god", "ar", "والله", "الله"},
		{"russian case", "ru", "выборах", "выборы"},
		{"russian yo", "ru", "ещё", "еще"},
		{"russian city case", "ru", "Москве", "Москва"},
		{"french plural and accent", "fr", "élections", "election"},
		{"french elision", "fr", "l'armée", "armée"},
		{"english plural", "en", "floods", "flood"},
		{"english possessive", "en", "Iran's", "Iran"},
		{"english curly possessive", "en", "Iran’s", "iran"},
		{"fullwidth", "en", "ＵＮ", "un"},
		{"eastern digits", "fa", "۱۳۹۷", "1397"},
		{"arabic-indic digits", "ar", "٢٠١٨", "2018"},
		{"ligature", "en", "ﬁre", "fire"},
		{"german sharp s", "", "Straße", "strasse"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := textindex.Terms(tt.a, tt.lang), textindex.Terms(tt.b, tt.lang)
			if len(a) != 1 || !cmp.Equal(a, b) {
				t.Errorf("Terms(%q) = %q, Terms(%q) = %q, want one equal term", tt.a, a, tt.b, b)
			}
		})
	}
}

// Words a light stemmer must not merge.
func TestDifferentTerm(t *testing.T) {
	tests := []struct {
		name, lang, a, b string
	}{
		{"iran is not a dual", "ar", "ايران", "اير"},
		{"lebanon is not milk", "ar", "لبنان", "لبن"},
		{"pakistan keeps -stan", "ar", "باكستان", "باكست"},
		{"flood is not overflow root", "ar", "فيضان", "فيض"},
		{"god is not to-him", "ar", "الله", "له"},
		{"turkish time is not za", "tr", "zaman", "zam"},
		{"turkish rome is not novel", "tr", "roma", "roman"},
		{"turkish dotless and dotted differ before folding only", "en", "sanction", "election"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := textindex.Terms(tt.a, tt.lang), textindex.Terms(tt.b, tt.lang)
			if cmp.Equal(a, b) {
				t.Errorf("Terms(%q) = Terms(%q) = %q, want different terms", tt.a, tt.b, a)
			}
		})
	}
}

func TestAnalyzeSpans(t *testing.T) {
	text := "Floods hit Baghdad; بغداد تغرق. Москва’s view: 北京大学"
	var got []string
	textindex.Analyze(text, "", func(tok textindex.Token) {
		got = append(got, text[tok.Start:tok.End]+"="+tok.Term)
	})
	want := []string{"Floods=flood", "hit=hit", "Baghdad=baghdad", "بغداد=بغداد", "تغرق=تغرق", "Москва’s=москв", "view=view", "北京=北京", "京大=京大", "大学=大学"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Analyze spans (-want +got):\n%s", diff)
	}
}

func TestAnalyzeOddInput(t *testing.T) {
	for name, in := range map[string]string{
		"empty":        "",
		"no letters":   "!!! --- 123.456 ???",
		"marks only":   "\u064e\u064f\u0650",
		"invalid utf8": "abc\xff\xfedef",
		"joiners":      "\u200c\u200d\u200c",
		"huge word":    strings.Repeat("ب", 100000),
	} {
		t.Run(name, func(t *testing.T) {
			for _, term := range textindex.Terms(in, "") {
				if term == "" || len(term) > textindex.MaxTermBytes || strings.ContainsAny(term, " \"'") {
					t.Errorf("Terms(%s) gave bad term %q", name, term)
				}
			}
		})
	}
}

func TestMaxTokens(t *testing.T) {
	text := strings.Repeat("word ", textindex.MaxTokens+100)
	if n := len(textindex.Terms(text, "en")); n != textindex.MaxTokens {
		t.Errorf("len(Terms(%d words)) = %d, want %d", textindex.MaxTokens+100, n, textindex.MaxTokens)
	}
}

func TestWordTerm(t *testing.T) {
	for _, tt := range []struct {
		text, lang string
		one        bool
	}{
		{"governments", "en", true},
		{"Москвой", "ru", true},
		{"İstanbul'da", "tr", true},
		{"two words", "en", false},
		{"l'armée", "fr", true},
		{"", "en", false},
		{"!!", "en", false},
	} {
		term, one := textindex.WordTerm(tt.text, tt.lang)
		terms := textindex.Terms(tt.text, tt.lang)
		if one != tt.one || one != (len(terms) == 1) || one && term != terms[0] {
			t.Errorf("WordTerm(%q, %s) = %q, %v; Terms = %q", tt.text, tt.lang, term, one, terms)
		}
	}
}
