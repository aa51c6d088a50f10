package dedup_test

import (
	"bufio"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/jic-center/jic/internal/dedup"
)

// fixture is one article of testdata/ant.jsonl or testdata/wikinews.jsonl.
type fixture struct {
	ID, Src, URL, Title, Time, Text, Lang string
}

// fixtures reads the real articles under testdata, by id.
func fixtures(tb testing.TB) map[string]fixture {
	tb.Helper()
	out := map[string]fixture{}
	for _, name := range []string{"testdata/ant.jsonl", "testdata/wikinews.jsonl"} {
		f, err := os.Open(name)
		if err != nil {
			tb.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			var a fixture
			if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
				tb.Fatalf("%s: %v", name, err)
			}
			if a.Lang == "" {
				a.Lang = "ar"
			}
			out[a.ID] = a
		}
		f.Close()
		if err := sc.Err(); err != nil {
			tb.Fatal(err)
		}
	}
	return out
}

func TestFingerprintExact(t *testing.T) {
	fx := fixtures(t)
	ar := fx["AL-technology-209-20180420"].Text
	ru := fx["ruwikinews-1592"].Text
	fr := fx["frwikinews-43971"].Text
	// Self-written bodies for the languages without a redistributable set here.
	en := "Floods killed at least twelve people in Baghdad on Monday, officials said, as rescue teams searched " +
		"flooded streets for survivors and the government declared a day of mourning across the country."
	tr := "Bağdat'ta pazartesi günü yaşanan sel felaketinde en az on iki kişi hayatını kaybetti, yetkililer " +
		"kurtarma ekiplerinin sular altında kalan sokaklarda hayatta kalanları aradığını söyledi ve hükümet yas ilan etti."
	fa := "در سیل روز دوشنبه در بغداد دست کم دوازده نفر کشته شدند و مقام‌ها گفتند که گروه‌های امدادی در خیابان‌های " +
		"زیر آب به دنبال بازماندگان هستند و دولت یک روز عزای عمومی اعلام کرد."
	tests := []struct {
		name       string
		a, b, lang string
		same       bool
	}{
		{"white space and punctuation", en, strings.ReplaceAll(strings.ReplaceAll(en, " ", "  \n"), ",", " ;"), "en", true},
		{"case and compatibility forms", en, strings.ToUpper(strings.Replace(en, "fl", "ﬂ", -1)), "en", true},
		{"Arabic vowel marks, tatweel, letter forms", "قالت الشركة إن الأمر انتهى " + ar, "قالَت الشـــركة ان الامر انتهى " + ar, "ar", true},
		{"Persian yeh and keheh", fa, strings.NewReplacer("ی", "ي", "ک", "ك").Replace(fa), "fa", true},
		{"en Read more and Follow us", en, "Read more: Baghdad braces for more rain\n" + en + "\nFollow us on Twitter and Facebook\n© 2018 The Herald. All rights reserved.", "en", true},
		{"en agency credits", en, en + "\n(Reporting by Ahmed Rasheed; Editing by Peter Graff)\nReuters", "en", true},
		{"fr Lire aussi", fr, "Lire aussi : La fusée Ariane décolle\n" + fr + "\nSuivez-nous sur Twitter\nTous droits réservés", "fr", true},
		{"ru Читайте также", ru, "Читайте также: В Ираке похищен журналист\n" + ru + "\nПодписывайтесь на наш канал в Telegram", "ru", true},
		{"tr İlgili haber", tr, "İlgili haber: Bağdat'ta yağmur sürüyor\n" + tr + "\nTüm hakları saklıdır.\nBizi takip edin", "tr", true},
		{"ar اقرأ أيضاً and disclaimers", ar, "اقرأ أيضاً: إيلون ماسك يطلق صاروخا\n" + ar + "\nتابعونا على تويتر\nجميع الحقوق محفوظة © 2018", "ar", true},
		{"ar BBC Arabic app notice", ar, ar + "\nيمكنكم استلام إشعارات بأهم الموضوعات بعد تحميل أحدث نسخة من تطبيق بي بي سي عربي على هاتفكم المحمول.", "ar", true},
		{"fa انتهای پیام", fa, "بیشتر بخوانید: باران در بغداد\n" + fa + "\nانتهای پیام/", "fa", true},
		{"a sentence that starts like boilerplate is kept", en, "Source close to the ministry said that the toll was expected to rise sharply overnight as more bodies were found.\n" + en, "en", false},
		{"one word changed", en, strings.Replace(en, "twelve", "thirteen", 1), "en", false},
		{"another article", ar, fx["SK-sport-41-20180220"].Text, "ar", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := dedup.Fingerprint("a title", tc.a, tc.lang)
			b := dedup.Fingerprint("another title", tc.b, tc.lang)
			if got := a.Exact == b.Exact; got != tc.same {
				t.Errorf("Fingerprint(a).Exact == Fingerprint(b).Exact is %v, want %v", got, tc.same)
			}
		})
	}
}

func TestFingerprintTitle(t *testing.T) {
	long := fixtures(t)["frwikinews-44231"].Text
	if a, b := dedup.Fingerprint("Un titre", long, "fr"), dedup.Fingerprint("Un autre titre", long, "fr"); a != b {
		t.Errorf("a long text re-headlined has another print; want the same")
	}
	short := "Qtly div 10 cts vs 10 cts prior, pay April 10, record March 20."
	if a, b := dedup.Fingerprint("ACME CORP SETS DIVIDEND", short, "en"), dedup.Fingerprint("GLOBEX INC SETS DIVIDEND", short, "en"); a.Exact == b.Exact {
		t.Errorf("a text under %d words under two titles has one exact hash; want the titles to count", dedup.ShortText)
	}
	if p := dedup.Fingerprint("", " \n—\n", "en"); !p.Empty() {
		t.Errorf("Fingerprint of no words is not Empty: %+v", p.Exact)
	}
}

func TestPrintBinary(t *testing.T) {
	p := dedup.Fingerprint("t", fixtures(t)["ruwikinews-2552"].Text, "ru")
	b, err := p.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if len(b) != dedup.PrintBytes {
		t.Fatalf("MarshalBinary gives %d bytes, want PrintBytes = %d", len(b), dedup.PrintBytes)
	}
	var q dedup.Print
	if err := q.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
	if q != p {
		t.Errorf("UnmarshalBinary(MarshalBinary(p)) != p")
	}
	for _, bad := range [][]byte{nil, b[:len(b)-1], append([]byte{9}, b[1:]...)} {
		if err := q.UnmarshalBinary(bad); !errors.Is(err, dedup.ErrPrintFormat) {
			t.Errorf("UnmarshalBinary(%d bytes) = %v, want ErrPrintFormat", len(bad), err)
		}
	}
}

func TestBandKeys(t *testing.T) {
	fx := fixtures(t)
	a := dedup.Fingerprint("", fx["AL-sport-124-20180220"].Text, "ar")
	b := dedup.Fingerprint("", fx["SK-sport-41-20180220"].Text, "ar")
	ka, kb := a.BandKeys(), b.BandKeys()
	if len(ka) != dedup.Bands {
		t.Fatalf("BandKeys gives %d keys, want Bands = %d", len(ka), dedup.Bands)
	}
	shared := 0
	for i := range ka {
		if ka[i] == kb[i] {
			shared++
		}
	}
	if shared == 0 {
		t.Errorf("two copies of one agency story share no band key")
	}
	var empty dedup.Print
	if k := empty.BandKeys(); k != nil {
		t.Errorf("an empty print has band keys %v", k)
	}
}

func FuzzFingerprint(f *testing.F) {
	for _, a := range fixtures(f) {
		f.Add(a.Title, a.Text[:min(len(a.Text), 600)], a.Lang)
	}
	for _, s := range []string{"", "a\xffb", "ﷺ ﷻ", "İstanbul'da", "١٢٣ ۴۵۶", "Read more:", "\u200c\u200d\u2028\u2029\r\n", "北京大学 北京"} {
		f.Add(s, s+" "+s, "")
	}
	f.Fuzz(func(t *testing.T, title, text, lang string) {
		p := dedup.Fingerprint(title, text, lang)
		if q := dedup.Fingerprint(title, text, lang); q != p {
			t.Fatalf("Fingerprint is not deterministic for %q", text)
		}
		b, err := p.MarshalBinary()
		if err != nil || len(b) != dedup.PrintBytes {
			t.Fatalf("MarshalBinary = %d bytes, %v", len(b), err)
		}
		var q dedup.Print
		if err := q.UnmarshalBinary(b); err != nil || q != p {
			t.Fatalf("UnmarshalBinary(MarshalBinary(p)) = %v, differs: %v", err, q != p)
		}
		s := dedup.Compare(&p, &p)
		if !p.Empty() && p.Shingles > 0 && (s.Jaccard != 1 || s.Containment != 1) {
			t.Fatalf("Compare(p, p) = %+v, want 1, 1", s)
		}
		if p.Empty() && len(p.BandKeys()) != 0 {
			t.Fatalf("an empty print has band keys")
		}
	})
}
