package lang_test

import (
	"bufio"
	"os"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/jic-center/jic/internal/lang"
)

type excerpt struct{ want, source, text string }

// excerpts reads testdata/excerpts.tsv: held-out texts from ANT, Wikinews,
// Global Voices, the Turkish Wiki NER corpus and the UDHR.
func excerpts(tb testing.TB) []excerpt {
	tb.Helper()
	f, err := os.Open("testdata/excerpts.tsv")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []excerpt
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		parts := strings.SplitN(sc.Text(), "\t", 3)
		if len(parts) != 3 {
			tb.Fatalf("bad line %q", sc.Text())
		}
		out = append(out, excerpt{parts[0], parts[1], parts[2]})
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

func TestDetectExcerpts(t *testing.T) {
	for _, x := range excerpts(t) {
		if got := lang.Detect(x.text); got.Lang != x.want {
			t.Errorf("Detect(%.50q) [%s] = %q (%.2f), want %q", x.text, x.source, got.Lang, got.Confidence, x.want)
		}
	}
}

// arabicYK writes Persian with the Arabic yeh and kaf, as about 40% of the
// Fars News texts are typed.
var arabicYK = strings.NewReplacer("ی", "ي", "ک", "ك")

func TestDetectPersianWithArabicYehKaf(t *testing.T) {
	n := 0
	for _, x := range excerpts(t) {
		if x.want != "fa" {
			continue
		}
		n++
		text := arabicYK.Replace(x.text)
		if got := lang.Detect(text); got.Lang != "fa" {
			t.Errorf("Detect(%.50q) = %q, want fa", text, got.Lang)
		}
	}
	if n == 0 {
		t.Fatal("no Persian excerpts")
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"empty", "", ""},
		{"digits and punctuation", "12345 !!! --- 3.14 ٣٤٥ ۱۲۳", ""},
		{"only a URL's punctuation", "://.../?=&", ""},
		{"URL only", "https://www.example.com/news/2018/07/15/story.html", "other"},
		{"Chinese", "世界人权宣言", "other"},
		{"Hebrew", "כל בני אדם נולדו בני חורין", "other"},
		{"Greek", "Όλοι οι άνθρωποι γεννιούνται ελεύθεροι", "other"},
		{"Ukrainian letters", "Уряд України оголосив про нові санкції проти країни-агресора.", "other"},
		{"Urdu letters", "کوئی شخص غلام یا لونڈی بنا کر نہ رکھا جا سکے گا۔", "other"},
		{"German", "Die Regierung hat am Montag neue Sanktionen gegen den Iran beschlossen, die nicht mit der EU abgestimmt sind.", "other"},
		{"Spanish", "El gobierno anunció el lunes nuevas sanciones contra Irán por su programa nuclear.", "other"},
		{"English headline", "US announces new sanctions on Iran's oil sector", "en"},
		{"French headline", "Le scrutin législatif a été reporté, a annoncé l'armée", "fr"},
		{"Turkish headline", "Washington, İran'ın petrol sektörüne yönelik yaptırımları genişletti", "tr"},
		{"Russian headline", "Избиратели пришли на участки в субботу", "ru"},
		{"Arabic headline", "قال مسؤولون إن الأمطار الغزيرة أغرقت شوارع العاصمة", "ar"},
		{"Persian headline", "وزیران خارجه کشورهای منطقه در تهران دیدار کردند", "fa"},
		{"Persian with Arabic yeh and kaf", "وزيران خارجه كشورهاي منطقه در تهران ديدار كردند", "fa"},
		{"Arabic with Latin names", "أعلنت شركة Apple عن هاتف iPhone الجديد في مؤتمر صحفي بمدينة سان فرانسيسكو", "ar"},
		{"Persian presentation forms", "ﻭﺯﯾﺮﺍﻥ ﺧﺎﺭﺟﻪ ﮐﺸﻮﺭﻫﺎﯼ ﻣﻨﻄﻘﻪ ﺩﺭ ﺗﻬﺮﺍﻥ ﺩﯾﺪﺍﺭ ﮐﺮﺩﻧﺪ", "fa"},
		{"short English headline of names", "Rovers sign winger from City", "en"},
		{"English wire headline", "Acme Corp raises quarterly dividend", "en"},
		{"short Turkish sentence with a foreign name", "John Harwell , Amerikalı oyuncu .", "tr"},
		{"short Persian headline typed with Arabic yeh and kaf", "ديدار سفير ژاپن با وزير خارجه", "fa"},
		{"Persian headline with Arabic loanwords, no Persian letters", "سفير ايران در مسكو با وزير خارجه ديدار كرد", "fa"},
		{"short German headline", "Regierung beschließt neue Steuer", "other"},
		{"short Spanish headline", "El gobierno aprueba nuevos impuestos", "other"},
		{"fullwidth English", "Ｔｈｅ ｐｒｅｓｉｄｅｎｔ ｓａｉｄ ｏｎ Ｍｏｎｄａｙ ｔｈａｔ ｔｈｅ ｔａｌｋｓ ｗｏｕｌｄ ｃｏｎｔｉｎｕｅ", "en"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := lang.Detect(tt.text)
			if got.Lang != tt.want {
				t.Errorf("Detect(%q) = %q (%.2f), want %q", tt.text, got.Lang, got.Confidence, tt.want)
			}
			if got.Confidence < 0 || got.Confidence > 1 {
				t.Errorf("Detect(%q).Confidence = %v, want within [0, 1]", tt.text, got.Confidence)
			}
		})
	}
}

func TestGuess(t *testing.T) {
	tests := []struct{ text, want string }{
		{"The United States announced new sanctions against Iran's oil sector on Monday.", "en"},
		{"Le scrutin législatif a été reporté, a annoncé l'armée irakienne dans un communiqué.", "fr"},
		{"Washington, İran'ın petrol sektörüne yönelik yaptırımları genişletti ve bu kararı açıkladı.", "tr"},
		{"Избиратели пришли на участки в субботу, сообщил Интерфакс.", "ru"},
		{"قال مسؤولون إن الأمطار الغزيرة أغرقت شوارع العاصمة العراقية.", "ar"},
		{"وزیران خارجه کشورهای منطقه در تهران دیدار کردند.", "fa"},
		{"وزيران خارجه كشورهاي منطقه در تهران ديدار كردند و اين را گفتند.", "fa"},
		{"Die Regierung hat am Montag neue Sanktionen gegen den Iran beschlossen, die nicht mit der EU abgestimmt sind.", ""},
		{"El gobierno anunció el lunes nuevas sanciones contra Irán por su programa nuclear.", ""},
		{"Уряд України оголосив про нові санкції проти країни-агресора.", ""},
		{"12345 !!! ---", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := lang.Guess(tt.text); got != tt.want {
			t.Errorf("Guess(%.40q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestDetectOddInputs feeds inputs that must not panic: invalid UTF-8,
// mixed scripts, control characters, huge and repetitive texts.
func TestDetectOddInputs(t *testing.T) {
	huge := strings.Repeat("The committee said the talks would continue next week. ", 50000)
	inputs := []string{
		"\xff\xfe\xfd", "abc\x00def", "\u200c\u200c\u200c", "\u0640\u0640\u064b", "'''''", "l'''a",
		"Мир peace سلام 和平 שלום", "a", "ب", "я", strings.Repeat("ا", 100000), strings.Repeat("ab ", 300000),
		huge, "İIıi ŞşĞğ", "\U0001F600\U0001F600 news", strings.Repeat("\u0301", 1000),
	}
	for _, in := range inputs {
		got := lang.Detect(in)
		if got.Lang != "" && got.Lang != "other" && !isSix(got.Lang) {
			t.Errorf("Detect(%.30q) = %q", in, got.Lang)
		}
	}
	if got := lang.Detect(huge); got.Lang != "en" {
		t.Errorf("Detect(huge English) = %q, want en", got.Lang)
	}
}

func TestDetectConcurrent(t *testing.T) {
	xs := excerpts(t)
	want := make([]string, len(xs))
	for i, x := range xs {
		want[i] = lang.Detect(x.text).Lang
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, x := range xs {
				if got := lang.Detect(x.text).Lang; got != want[i] {
					t.Errorf("concurrent Detect(%.30q) = %q, want %q", x.text, got, want[i])
				}
			}
		}()
	}
	wg.Wait()
}

func isSix(l string) bool {
	for _, s := range lang.Languages {
		if s == l {
			return true
		}
	}
	return false
}

func FuzzDetect(f *testing.F) {
	for _, x := range excerpts(f) {
		f.Add(x.text)
	}
	f.Add("")
	f.Add("\xff")
	f.Add("وزيران خارجه كشورهاي")
	f.Fuzz(func(t *testing.T, text string) {
		got := lang.Detect(text)
		if got.Lang != "" && got.Lang != "other" && !isSix(got.Lang) {
			t.Fatalf("Detect(%q).Lang = %q", text, got.Lang)
		}
		if got.Confidence < 0 || got.Confidence > 1 {
			t.Fatalf("Detect(%q).Confidence = %v", text, got.Confidence)
		}
		if !strings.ContainsFunc(text, unicode.IsLetter) && got.Lang != "" {
			t.Fatalf("Detect(%q) = %q for a text without letters, want \"\"", text, got.Lang)
		}
		if g := lang.Guess(text); g != got.Lang && !(g == "" && got.Lang == "other") {
			t.Fatalf("Guess(%q) = %q, Detect = %q", text, g, got.Lang)
		}
	})
}

// TestDetectEarlyDecision: a text whose first 200 letters leave no doubt is
// decided on them, whatever follows; one whose first letters are not
// decisive is decided on 600.
func TestDetectEarlyDecision(t *testing.T) {
	en := "The government announced on Tuesday that the talks with the opposition would resume next week in the capital, after the ministers of both countries met to discuss the conditions of the ceasefire and the return of the displaced families. "
	fr := "Le gouvernement a annoncé mardi que les négociations avec l'opposition reprendraient la semaine prochaine dans la capitale, après la rencontre des ministres des deux pays sur les conditions du cessez-le-feu et le retour des familles déplacées. "
	if d := lang.Detect(en + strings.Repeat(fr, 10)); d.Lang != "en" {
		t.Errorf("English lead, French body: %s (%.5f), want en, decided on the first 200 letters", d.Lang, d.Confidence)
	}
	// Names alone first: not decisive, so the French that follows counts.
	names := strings.Repeat("Mahmoud Abbas, Benjamin Netanyahu, Recep Tayyip Erdoğan, Vladimir Poutine. ", 3)
	if d := lang.Detect(names + strings.Repeat(fr, 10)); d.Lang != "fr" {
		t.Errorf("names, then French: %s (%.5f), want fr", d.Lang, d.Confidence)
	}
}

// Detect reads only ReadBytes of a text: cutting a longer one there, even
// inside a rune, gives the same answer.
func TestDetectReadBytes(t *testing.T) {
	for _, word := range []string{"سياسة ", "политика ", "politique ", "政策 "} {
		for pad := range 4 {
			text := strings.Repeat("x", pad) + strings.Repeat(word, 2*lang.ReadBytes/len(word))
			if a, b := lang.Detect(text), lang.Detect(text[:lang.ReadBytes]); a != b {
				t.Errorf("%q×, pad %d: %+v whole, %+v cut at ReadBytes", word, pad, a, b)
			}
		}
	}
}
