package gazetteer_test

import (
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/jic-center/jic/internal/gazetteer"
)

// GeoNames ids used below.
const (
	baghdad   = 98182
	mosul     = 99072
	parisFR   = 2988507
	parisTX   = 4717560
	tripoliLY = 2210247
	tripoliLB = 266826
	aden      = 415189
	moscow    = 524901
	istanbul  = 745044
	tehran    = 112931
)

var load = sync.OnceValues(gazetteer.Load)

func gaz(tb testing.TB) *gazetteer.Gazetteer {
	tb.Helper()
	g, err := load()
	if err != nil {
		tb.Fatalf("Load() error: %v", err)
	}
	return g
}

func TestLoad(t *testing.T) {
	g := gaz(t)
	if n := g.Len(); n < 50000 {
		t.Errorf("Len() = %d, want at least 50000 places", n)
	}
	p, ok := g.Place(baghdad)
	if !ok || p.Name != "Baghdad" || p.Country != "IQ" || p.Kind != gazetteer.KindCity || p.FeatureCode != "PPLC" {
		t.Fatalf("Place(%d) = %+v, %v; want Baghdad, IQ, city, PPLC", baghdad, p, ok)
	}
	if p.Lat < 33 || p.Lat > 34 || p.Lon < 44 || p.Lon > 45 || p.Population < 1000000 {
		t.Errorf("Place(%d) at %.2f,%.2f pop %d, want near 33.3,44.4 with millions", baghdad, p.Lat, p.Lon, p.Population)
	}
	for lang, want := range map[string]string{"ar": "بغداد", "ru": "Багдад", "tr": "Bağdat", "fr": "Bagdad", "en": "Baghdad"} {
		if got := p.NameIn(lang); got != want {
			t.Errorf("NameIn(%q) = %q, want %q", lang, got, want)
		}
	}
	if p.Key() != "geonames:98182" {
		t.Errorf("Key() = %q, want geonames:98182", p.Key())
	}
	if _, ok := g.Place(1); ok {
		t.Errorf("Place(1) found, want none")
	}
	c, ok := g.Country("iq")
	if !ok || c.Kind != gazetteer.KindCountry || c.Name != "Iraq" || c.NameIn("fa") != "عراق" || c.Key() != "country:IQ" {
		t.Errorf("Country(iq) = %+v, %v; want Iraq", c, ok)
	}
	a, ok := g.Admin1("IQ", "07")
	if !ok || a.Kind != gazetteer.KindAdmin1 || a.Population == 0 {
		t.Errorf("Admin1(IQ, 07) = %+v, %v; want Baghdad governorate", a, ok)
	}
}

// TestLookup checks that names written with or without vowel marks,
// accents, Persian or Arabic letter forms and in any case give one key.
func TestLookup(t *testing.T) {
	g := gaz(t)
	for _, name := range []string{"Baghdad", "BAGHDAD", "بغداد", "بَغْدَاد", "Багдад", "Bağdat", "Bagdat", "Bagdad", "بغداد\u200c"} {
		if !hasID(g.Lookup(name), baghdad) {
			t.Errorf("Lookup(%q) misses Baghdad", name)
		}
	}
	// ی/ي and ک/ك: Kermanshah written with Persian and Arabic letters.
	fa, ar := g.Lookup("کرمانشاه"), g.Lookup("كرمانشاه")
	if len(fa) == 0 || len(fa) != len(ar) || fa[0].GeoNameID != ar[0].GeoNameID {
		t.Errorf("Lookup(کرمانشاه) = %d candidates, Lookup(كرمانشاه) = %d, want the same places", len(fa), len(ar))
	}
	if got := g.Lookup("Zürich"); len(got) == 0 || !hasName(g.Lookup("Zurich"), got[0].Name) {
		t.Errorf("Lookup(Zürich) and Lookup(Zurich) differ")
	}
	if got := g.Lookup(""); got != nil {
		t.Errorf("Lookup(\"\") = %v, want nil", got)
	}
}

func hasID(cs []gazetteer.Candidate, id int) bool {
	for _, c := range cs {
		if c.GeoNameID == id {
			return true
		}
	}
	return false
}

func hasName(cs []gazetteer.Candidate, name string) bool {
	for _, c := range cs {
		if c.Name == name {
			return true
		}
	}
	return false
}

// want is what a test expects Find and Resolve to make of a mention.
type want struct {
	text    string // the mention, as in the text
	id      int    // GeoNames id, or 0 for a country
	country string // the place's country
	kind    gazetteer.Kind
}

func TestResolve(t *testing.T) {
	g := gaz(t)
	tests := []struct {
		name, lang, text string
		ctx              gazetteer.Context
		want             []want
		absent           []string // mentions that must not be resolved
	}{
		{"english city and demonym", "en", "Iraqi officials said a car bomb exploded in Baghdad on Monday.", gazetteer.Context{},
			[]want{{"Iraqi", 0, "IQ", gazetteer.KindCountry}, {"Baghdad", baghdad, "IQ", gazetteer.KindCity}}, nil},
		{"arabic prefixes and demonym", "ar", "قال مسؤولون في الحكومة العراقية إن انفجارا وقع وسط بغداد وبالموصل.", gazetteer.Context{},
			[]want{{"العراقية", 0, "IQ", gazetteer.KindCountry}, {"بغداد", baghdad, "IQ", gazetteer.KindCity}, {"وبالموصل", mosul, "IQ", gazetteer.KindCity}}, nil},
		{"arabic with vowel marks", "ar", "وصل الوفد إلى بَغْدَادَ صباح اليوم.", gazetteer.Context{},
			[]want{{"بَغْدَادَ", baghdad, "IQ", gazetteer.KindCity}}, nil},
		{"persian letters", "fa", "نیروهای عراقی در بغداد مستقر شدند و رئیس‌جمهور ایران به تهران بازگشت.", gazetteer.Context{},
			[]want{{"عراقی", 0, "IQ", gazetteer.KindCountry}, {"بغداد", baghdad, "IQ", gazetteer.KindCity}, {"ایران", 0, "IR", gazetteer.KindCountry}, {"تهران", tehran, "IR", gazetteer.KindCity}}, nil},
		{"russian cases", "ru", "В Багдаде прошли взрывы, сообщили представители иракских властей. Делегация прибыла в Москву.", gazetteer.Context{},
			[]want{{"Багдаде", baghdad, "IQ", gazetteer.KindCity}, {"иракских", 0, "IQ", gazetteer.KindCountry}, {"Москву", moscow, "RU", gazetteer.KindCity}}, nil},
		{"turkish suffixes", "tr", "Bağdat'ta patlama oldu; Iraklı yetkililer İstanbul'daki toplantıya katıldı.", gazetteer.Context{},
			[]want{{"Bağdat'ta", baghdad, "IQ", gazetteer.KindCity}, {"Iraklı", 0, "IQ", gazetteer.KindCountry}, {"İstanbul'daki", istanbul, "TR", gazetteer.KindCity}}, nil},
		{"french adjective and elision", "fr", "Les forces irakiennes sont entrées à Bagdad, selon l'armée d'Irak.", gazetteer.Context{},
			[]want{{"irakiennes", 0, "IQ", gazetteer.KindCountry}, {"Bagdad", baghdad, "IQ", gazetteer.KindCity}, {"d'Irak", 0, "IQ", gazetteer.KindCountry}}, nil},
		{"paris alone", "en", "The summit opened in Paris on Monday.", gazetteer.Context{},
			[]want{{"Paris", parisFR, "FR", gazetteer.KindCity}}, nil},
		{"paris, texas", "en", "The tornado hit Paris, Texas, late on Sunday.", gazetteer.Context{},
			[]want{{"Paris", parisTX, "US", gazetteer.KindCity}, {"Texas", 0, "US", gazetteer.KindAdmin1}}, nil},
		{"tripoli alone is Libya's", "en", "Fighting broke out in Tripoli overnight.", gazetteer.Context{},
			[]want{{"Tripoli", tripoliLY, "LY", gazetteer.KindCity}}, nil},
		{"tripoli among Lebanese places", "en", "The Lebanese army deployed in Tripoli after clashes spread from Beirut.", gazetteer.Context{},
			[]want{{"Tripoli", tripoliLB, "LB", gazetteer.KindCity}}, nil},
		{"tripoli with the document's country", "en", "Fighting broke out in Tripoli overnight.", gazetteer.Context{Countries: []string{"LB"}},
			[]want{{"Tripoli", tripoliLB, "LB", gazetteer.KindCity}}, nil},
		{"aden the port", "en", "Saudi-led jets struck targets near Aden on Tuesday.", gazetteer.Context{},
			[]want{{"Aden", aden, "YE", gazetteer.KindCity}}, nil},
		{"aden the person", "en", "Striker Aden Flint scored twice. Mr. Aden said nothing.", gazetteer.Context{},
			nil, []string{"Aden"}},
		{"person names", "en", "Former president George Washington met Paris Hilton and Michael Jordan.", gazetteer.Context{},
			nil, []string{"Washington", "Paris", "Jordan"}},
		{"common words", "en", "Police said the mobile unit was nice. Mobile phones were banned.", gazetteer.Context{},
			nil, []string{"Police", "Mobile", "mobile", "nice"}},
		{"abbreviations", "en", "The U.S. ambassador to the UAE flew to Springfield, Ill., on Friday.", gazetteer.Context{},
			[]want{{"U.S", 0, "US", gazetteer.KindCountry}, {"UAE", 0, "AE", gazetteer.KindCountry}, {"Ill", 0, "US", gazetteer.KindAdmin1}}, nil},
		{"us pronoun", "en", "Let us know what happened to us.", gazetteer.Context{}, nil, []string{"us"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rs := g.Resolve(g.Find(tc.text, tc.lang), tc.ctx)
			for _, w := range tc.want {
				r, ok := find(rs, w.text)
				if !ok {
					t.Errorf("Resolve(Find(%q)): %q not found in %s", tc.text, w.text, describe(rs))
					continue
				}
				if tc.text[r.Start:r.End] != r.Text {
					t.Errorf("%q: span [%d,%d) holds %q", w.text, r.Start, r.End, tc.text[r.Start:r.End])
				}
				p := r.Place
				if w.id != 0 && p.GeoNameID != w.id || p.Country != w.country || p.Kind != w.kind {
					t.Errorf("%q resolved to %s (%d, %s, %s), want %d, %s, %s", w.text, p.Name, p.GeoNameID, p.Country, p.Kind, w.id, w.country, w.kind)
				}
				if r.Confidence <= 0 || r.Confidence > 1 {
					t.Errorf("%q: confidence %v out of (0,1]", w.text, r.Confidence)
				}
			}
			for _, a := range tc.absent {
				if r, ok := find(rs, a); ok {
					t.Errorf("Resolve(Find(%q)): %q resolved to %s (%.2f), want no place", tc.text, a, r.Place.Name, r.Confidence)
				}
			}
		})
	}
}

func find(rs []gazetteer.Resolved, text string) (gazetteer.Resolved, bool) {
	for _, r := range rs {
		if r.Text == text {
			return r, true
		}
	}
	return gazetteer.Resolved{}, false
}

func describe(rs []gazetteer.Resolved) string {
	var b strings.Builder
	for _, r := range rs {
		b.WriteString(r.Text + "→" + r.Place.Name + "; ")
	}
	return "[" + b.String() + "]"
}

func TestFindCandidates(t *testing.T) {
	g := gaz(t)
	ms := g.Find("Tripoli", "en")
	if len(ms) != 1 || len(ms[0].Candidates) < 2 {
		t.Fatalf("Find(Tripoli) = %d matches, want 1 with several candidates", len(ms))
	}
	if !hasID(ms[0].Candidates, tripoliLY) || !hasID(ms[0].Candidates, tripoliLB) {
		t.Errorf("Find(Tripoli) candidates lack Libya's or Lebanon's Tripoli")
	}
	ms = g.Find("Springfield, Illinois", "en")
	if len(ms) != 2 || ms[0].Qualifier != 1 {
		t.Errorf("Find(Springfield, Illinois) = %d matches, qualifier %d; want 2, 1", len(ms), ms[0].Qualifier)
	}
}

// TestOddInput feeds inputs that must neither panic nor produce spans out
// of range; their time is bounded by MaxTokens and never asserted.
func TestOddInput(t *testing.T) {
	g := gaz(t)
	inputs := map[string]string{
		"empty":             "",
		"spaces":            "   \n\t  ",
		"no letters":        "1234 5678 !!! ??? --- 42",
		"one long word":     strings.Repeat("Baghdad", 1<<20),
		"10 MB of one word": strings.Repeat("Paris ", 10<<20/6),
		"mixed scripts":     "Bagh بغداد дад Paris巴黎 Москва'da l'Irak العراقية's",
		"invalid utf-8":     "Bagh\xffdad \xfe\xfe Paris \xc3",
		"marks only":        "\u064e\u064f\u0650 \u0301\u0301",
		"apostrophes":       "'''' ’’’ d' l' 's",
		"all caps":          "BAGHDAD, IRAQ (REUTERS) - US AND UK",
	}
	for name, in := range inputs {
		ms := g.Find(in, "")
		for _, m := range ms {
			if m.Start < 0 || m.End > len(in) || m.Start >= m.End || in[m.Start:m.End] != m.Text {
				t.Errorf("%s: bad span [%d,%d)", name, m.Start, m.End)
			}
		}
		g.Resolve(ms, gazetteer.Context{SourceCountry: "xx"})
	}
}

func FuzzFind(f *testing.F) {
	g := gaz(f)
	for _, s := range []string{
		"Iraqi officials said a bomb exploded in Baghdad.", "قال مسؤولون عراقيون إن انفجارا وقع في بغداد وبالموصل",
		"В Багдаде и Нижнем Новгороде", "Bağdat'ta Iraklılar", "l'armée d'Irak à Tripoli, Liban",
		"Springfield, Ill., and Paris (Texas)", "U.S. and UAE", "نیروهای عراقی در تهران", "a\xffb", "ﷺ",
	} {
		f.Add(s, "")
		f.Add(s, "ar")
	}
	f.Fuzz(func(t *testing.T, text, lang string) {
		ms := g.Find(text, lang)
		last := 0
		for i, m := range ms {
			if m.Start < last || m.Start >= m.End || m.End > len(text) || text[m.Start:m.End] != m.Text {
				t.Fatalf("bad span [%d,%d) after %d in %d bytes", m.Start, m.End, last, len(text))
			}
			if len(m.Candidates) == 0 || m.Qualifier >= len(ms) || m.Qualifier == i {
				t.Fatalf("match %q: %d candidates, qualifier %d", m.Text, len(m.Candidates), m.Qualifier)
			}
			last = m.End
		}
		for _, r := range g.Resolve(ms, gazetteer.Context{}) {
			if r.Confidence < gazetteer.MinConfidence || r.Confidence > 1 || !utf8.ValidString(r.Place.Name) {
				t.Fatalf("resolved %q with confidence %v to %q", r.Text, r.Confidence, r.Place.Name)
			}
		}
	})
}

// TestConcurrent runs Find and Resolve from several goroutines on one
// Gazetteer; run it with -race.
func TestConcurrent(t *testing.T) {
	g := gaz(t)
	texts := []string{"Iraqi officials met in Baghdad.", "В Багдаде прошли взрывы.", "انفجار في بغداد", "Paris, Texas"}
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 50 {
				text := texts[(i+j)%len(texts)]
				if rs := g.Resolve(g.Find(text, ""), gazetteer.Context{}); len(rs) == 0 {
					t.Errorf("Resolve(Find(%q)) found nothing", text)
					return
				}
			}
		}()
	}
	wg.Wait()
}
