package textfeat_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/jic-center/jic/internal/lang/internal/textfeat"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in string
		script   textfeat.Script
		want     string
	}{
		{"lower case, digits and punctuation", "The 3 Talks, in PARIS!", textfeat.Latin, " the talks in paris "},
		{"apostrophes inside words", "l'armée d’Irak, İran'ın 'quoted'", textfeat.Latin, " l'armée d'irak iran'ın quoted "},
		{"URLs and addresses", "see https://x.org/a and www.b.com or me@c.fr now", textfeat.Latin, " see and or now "},
		{"other scripts are word breaks", "Baghdad بغداد Багдад", textfeat.Cyrillic, " багдад "},
		{"Persian yeh and keheh as Arabic", "کشورهای یک", textfeat.Arabic, " كشورهاي يك "},
		{"diacritics and tatweel", "مُحَمَّـــد", textfeat.Arabic, " محمد "},
		{"zero-width non-joiner kept inside words", "می\u200cشود \u200cها", textfeat.Arabic, " مي\u200cشود ها "},
	}
	for _, tt := range tests {
		got := string(textfeat.Normalize(nil, tt.in, tt.script))
		if got != tt.want {
			t.Errorf("%s: Normalize(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

// NormalizeLetters's output is a prefix of Normalize's that ends a word and
// has at least max letters (all of them when the text has fewer), so that
// cutting either after max letters at a word end gives the same.
func TestNormalizeLetters(t *testing.T) {
	text := "l'armée d’Irak, see https://x.org/a İran'ın kabul etti. The 3 Talks in PARIS!"
	all := string(textfeat.Normalize(nil, text, textfeat.Latin))
	letters := func(s string) int { return len([]rune(strings.ReplaceAll(s, " ", ""))) }
	for max := 0; max <= letters(all)+1; max++ {
		got := string(textfeat.NormalizeLetters(nil, text, textfeat.Latin, max))
		if !strings.HasPrefix(all, got) || letters(got) < min(max, letters(all)) || !strings.HasSuffix(got, " ") {
			t.Errorf("NormalizeLetters(%d) = %q, not a prefix of %q ending a word with %d letters", max, got, all, max)
		}
	}
	if got := string(textfeat.NormalizeLetters(nil, text, textfeat.Latin, 1)); got != " l'armée " {
		t.Errorf("NormalizeLetters(1) = %q, want the first word only", got)
	}
	if got := string(textfeat.NormalizeLetters(nil, text, textfeat.Latin, -1)); got != all {
		t.Errorf("NormalizeLetters(-1) = %q, want Normalize's %q", got, all)
	}
}

func TestPrepare(t *testing.T) {
	// Presentation forms and a decomposed é come out as plain letters.
	text, cues := textfeat.Prepare("ﻭﺯﯾﺮ cafe\u0301", 1000)
	if text != "وزیر café" {
		t.Errorf("Prepare text = %q", text)
	}
	if cues.Letters[textfeat.Arabic] != 4 || cues.Letters[textfeat.Latin] != 4 || cues.FarsiYK != 1 {
		t.Errorf("Prepare cues = %+v", cues)
	}
	// Cutting never splits a rune.
	if text, _ := textfeat.Prepare("ааа", 3); text != "а" {
		t.Errorf("Prepare cut = %q, want %q", text, "а")
	}
}

func TestCount(t *testing.T) {
	c, _ := textfeat.Count("Київ і Москва ٹڈ پچ")
	if c.NotRussian != 2 || c.NotArFa != 2 || c.Persian != 2 || c.Letters[textfeat.Cyrillic] != 11 {
		t.Errorf("Count = %+v", c)
	}
}

func TestCountLatinLetters(t *testing.T) {
	c, _ := textfeat.Count("İstanbul'da ağır kış; l'été à Paris")
	if c.Turkish != 5 || c.French != 3 {
		t.Errorf("Count(...) Turkish, French = %d, %d, want 5, 3", c.Turkish, c.French)
	}
}

func TestScoreWordCues(t *testing.T) {
	s := textfeat.NewScorer(&textfeat.Model{Params: map[string]float64{}})
	tests := []struct {
		name, in            string
		persian, tr, en, fr int
	}{
		{"Persian typed with Arabic yeh and kaf", "سفير ايران در مسكو با وزير خارجه ديدار كرد", 3, 0, 0, 0},
		{"zero-width non-joiner", "مي\u200cشود", 1, 0, 0, 0},
		{"Arabic", "قال الوزير في مؤتمر صحفي إن المحادثات مستمرة", 0, 0, 0, 0},
		{"Turkish words and endings", "Ali'nin kitabı ve Londra'da bir konser", 0, 4, 0, 0},
		{"English words and possessive", "Minister's plan for the railways", 0, 0, 2, 0},
		{"French words and elisions", "L'armée a pris la ville pour d'autres raisons", 0, 0, 0, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := s.Score(tt.in).Cues
			got := [4]int{c.PersianWords, c.TurkishWords, c.EnglishWords, c.FrenchWords}
			if want := [4]int{tt.persian, tt.tr, tt.en, tt.fr}; got != want {
				t.Errorf("Score(%q) Persian, Turkish, English, French words = %v, want %v", tt.in, got, want)
			}
		})
	}
}

func TestModelRoundTrip(t *testing.T) {
	m := &textfeat.Model{
		Classes: []textfeat.Class{{Name: "en", Lang: "en", Script: textfeat.Latin}, {Name: "deu/Latin", Lang: "other", Script: textfeat.Latin}},
		Step:    7.0 / 255,
		LogU:    [][8]float64{{-7, -7, -7, -7, -7, -7, -7, -7}, {-6, -6, -6, -6, -6, -6, -6, -6}},
		Params:  map[string]float64{"margin.Latin": 0.5},
		Info:    map[string]string{},
		Keys:    []uint32{3, 12, 99},
		Off:     []uint32{0, 1, 3, 4},
		Ent:     []uint32{0<<8 | 200, 0<<8 | 5, 1<<8 | 255, 1<<8 | 1},
	}
	var buf bytes.Buffer
	if err := m.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	got, err := textfeat.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(m, got); diff != "" {
		t.Errorf("Decode(Encode(m)) differs (-want +got):\n%s", diff)
	}
	if _, err := textfeat.Decode(bytes.NewReader([]byte("not a model"))); err == nil {
		t.Error("Decode(garbage) = nil error")
	}
}
