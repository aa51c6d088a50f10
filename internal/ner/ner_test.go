package ner_test

import (
	"strings"
	"testing"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/ner"
)

// want is a mention a test expects: its surface, kind and registry key.
type want struct {
	surface string
	kind    jic.EntityKind
	key     string
}

const (
	per   = jic.EntityPerson
	org   = jic.EntityOrganization
	group = jic.EntityGroup
)

// places is a stand-in for the gazetteer: the places the test texts name.
var places = map[string]bool{
	"Paris": true, "Jordan": true, "Russia": true, "России": true, "Brüksel'de": true, "ایران": true, "آمریکا": true,
	"السوري": true, "الأمريكي": true, "الروسية": true, "Washington": true,
}

func isPlace(name, lang string) bool { return places[name] }

func TestFind(t *testing.T) {
	tests := []struct {
		name, lang, text string
		want             []want // each must be found, exactly
		not              []string
	}{
		{
			name: "english titles and registry", lang: "en",
			text: "US President Donald Trump met Russian Foreign Minister Sergei Lavrov at the White House. " +
				"The Ministry of Defence said ISIS fighters attacked. Trump later spoke to reporters.",
			want: []want{{"Donald Trump", per, "person:donald-trump"}, {"Sergei Lavrov", per, ""}, {"White House", org, "org:white-house"},
				{"Ministry of Defence", org, ""}, {"ISIS", group, "group:islamic-state"}, {"Trump", per, "person:donald-trump"}},
			not: []string{"US", "Russian", "The"},
		},
		{
			name: "english abbreviation defined", lang: "en",
			text: "A spokesman for the Kurdistan Democratic Party (KDP) said the KDP would not take part.",
			want: []want{{"Kurdistan Democratic Party", org, ""}, {"KDP", org, ""}},
		},
		{
			name: "english case of abbreviations", lang: "en",
			text: "What is next for who? WHAT IS NEXT FOR THE REGION? The un-named man.",
			not:  []string{"is", "who", "IS", "un"},
		},
		{
			name: "english place, not person", lang: "en",
			text: "Officials in Paris and Jordan said nothing. Michael Jordan did.",
			want: []want{{"Michael Jordan", per, ""}},
			not:  []string{"Paris", "Jordan"},
		},
		{
			name: "french", lang: "fr",
			text: "Le président Emmanuel Macron a reçu M. Lavrov. Le ministère des Affaires étrangères et le Parti socialiste " +
				"ont condamné l'État islamique et les talibans, selon l'ONU et l'OTAN.",
			want: []want{{"Emmanuel Macron", per, "person:emmanuel-macron"}, {"Lavrov", per, ""}, {"ministère des Affaires étrangères", org, ""},
				{"Parti socialiste", org, ""}, {"État islamique", group, "group:islamic-state"}, {"talibans", group, "group:taliban"},
				{"ONU", org, "org:un"}, {"OTAN", org, "org:nato"}},
			not: []string{"l'ONU", "un", "Le"},
		},
		{
			name: "russian inflection", lang: "ru",
			text: "Президент России Владимир Путин провёл переговоры с генсеком ООН. Министерство обороны России сообщило об ударах " +
				"по ИГИЛ. Представитель Хезболлы заявил, что Государственная дума приняла закон.",
			want: []want{{"Владимир Путин", per, ""}, {"ООН", org, "org:un"}, {"Министерство обороны России", org, ""},
				{"ИГИЛ", group, "group:islamic-state"}, {"Хезболлы", group, "group:hezbollah"},
				{"Государственная дума", org, "org:state-duma"}},
		},
		{
			name: "turkish suffixes", lang: "tr",
			text: "Cumhurbaşkanı Recep Tayyip Erdoğan, Dışişleri Bakanı Mevlüt Çavuşoğlu ile görüştü. Dışişleri Bakanlığı'nın " +
				"açıklamasında IŞİD'in saldırısı kınandı. NATO'nun toplantısı Brüksel'de yapıldı. Erdoğan Avrupa Birliği'ni eleştirdi.",
			want: []want{{"Recep Tayyip Erdoğan", per, "person:recep-tayyip-erdogan"}, {"Mevlüt Çavuşoğlu", per, ""}, {"Dışişleri Bakanlığı'nın", org, ""},
				{"IŞİD'in", group, "group:islamic-state"}, {"NATO'nun", org, "org:nato"}, {"Erdoğan", per, "person:recep-tayyip-erdogan"},
				{"Avrupa Birliği'ni", org, "org:eu"}},
			not: []string{"Brüksel'de"},
		},
		{
			name: "arabic", lang: "ar",
			text: "قال الرئيس السوري بشار الأسد إن تنظيم داعش هزم. والتقى وزير الخارجية الأمريكي مايك بومبيو الأمين العام " +
				"للأمم المتحدة. وأعلنت وزارة الخارجية الروسية أن حركة حماس وحزب الله. وقال محمد بن سلمان ولي العهد.",
			want: []want{{"بشار الأسد", per, "person:bashar-al-assad"}, {"داعش", group, "group:islamic-state"}, {"مايك بومبيو", per, ""},
				{"للأمم المتحدة", org, "org:un"}, {"وزارة الخارجية الروسية", org, ""}, {"حركة حماس", group, "group:hamas"},
				{"وحزب الله", group, "group:hezbollah"}, {"محمد بن سلمان", per, ""}},
			not: []string{"السوري", "الأمريكي"},
		},
		{
			name: "arabic names the registry does not know", lang: "ar",
			text: "قال السيد عبدالوهاب الحمادي إن الوزير سيقرر ذلك. وقالت الوزيرة كوندوليزا رايس ستزور المنطقة.",
			want: []want{{"عبدالوهاب الحمادي", per, ""}, {"كوندوليزا رايس", per, "person:condoleezza-rice"}},
			not:  []string{"سيقرر", "كوندوليزا رايس ستزور"},
		},
		{
			name: "persian names the registry does not know", lang: "fa",
			text: "حجت‌الاسلام‌والمسلمین سید مرتضی نبوی گفت که اسداله علم و ناتاشا کرمانی آمدند.",
			want: []want{{"سید مرتضی نبوی", per, ""}, {"اسداله علم", per, ""}, {"ناتاشا کرمانی", per, ""}},
		},
		{
			name: "arabic preposition is not alef maksura", lang: "ar",
			text: "وقع الاتفاق على الحدود بين البلدين على يد الوزير",
			not:  []string{"على"},
		},
		{
			name: "persian", lang: "fa",
			text: "حسن روحانی رئیس جمهور ایران گفت سازمان ملل متحد باید اقدام کند. آیت‌الله علی خامنه‌ای در دیدار با محمد جواد ظریف " +
				"سخن گفت. سخنگوی وزارت امور خارجه گفت داعش و طالبان تهدید هستند. روحانی افزود.",
			want: []want{{"حسن روحانی", per, "person:hassan-rouhani"}, {"سازمان ملل متحد", org, "org:un"}, {"علی خامنه‌ای", per, "person:ali-khamenei"},
				{"محمد جواد ظریف", per, "person:mohammad-javad-zarif"}, {"وزارت امور خارجه", org, ""}, {"داعش", group, "group:islamic-state"},
				{"طالبان", group, "group:taliban"}, {"روحانی", per, "person:hassan-rouhani"}},
			not: []string{"ایران", "سخن"},
		},
		{
			name: "unknown language", lang: "",
			text: "Hamas and حماس and ХАМАС and Hamas'ın.",
			want: []want{{"Hamas", group, "group:hamas"}, {"حماس", group, "group:hamas"}, {"ХАМАС", group, "group:hamas"}},
		},
	}
	f := ner.New(ner.Options{IsPlace: isPlace})
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := f.Find(tc.text, tc.lang)
			checkSpans(t, tc.text, got)
			for _, w := range tc.want {
				if !hasMention(got, w) {
					t.Errorf("Find(%q) has no %s %q (key %q); got %s", tc.name, w.kind, w.surface, w.key, show(got))
				}
			}
			for _, s := range tc.not {
				for _, m := range got {
					if m.Surface == s {
						t.Errorf("Find(%q) = %s %q (%s), want no mention", tc.name, m.Kind, s, m.Rule)
					}
				}
			}
		})
	}
}

func hasMention(ms []ner.Mention, w want) bool {
	for _, m := range ms {
		if m.Surface == w.surface && m.Kind == w.kind && m.Key == w.key {
			return true
		}
	}
	return false
}

func show(ms []ner.Mention) string {
	var b strings.Builder
	for _, m := range ms {
		b.WriteString("\n\t" + string(m.Kind) + " " + m.Rule + " " + m.Key + " " + m.Surface)
	}
	return b.String()
}

// checkSpans checks what every caller relies on: spans within the text, on
// rune boundaries, with the surface they name, in order, without overlaps.
func checkSpans(t testing.TB, text string, ms []ner.Mention) {
	t.Helper()
	// The rune boundaries as Go decodes the text: an invalid byte is a
	// rune of its own.
	boundary := make([]bool, len(text)+1)
	for i := range text {
		boundary[i] = true
	}
	boundary[len(text)] = true
	prev := 0
	for _, m := range ms {
		switch {
		case m.Start < prev || m.Start >= m.End || m.End > len(text) || m.Start < 0:
			t.Fatalf("mention [%d, %d) out of order or out of bounds (text %d bytes, previous end %d)", m.Start, m.End, len(text), prev)
		case !boundary[m.Start] || !boundary[m.End]:
			t.Fatalf("mention [%d, %d) is not on rune boundaries", m.Start, m.End)
		case m.Surface != text[m.Start:m.End]:
			t.Fatalf("mention [%d, %d) surface %q, want %q", m.Start, m.End, m.Surface, text[m.Start:m.End])
		case m.Kind != per && m.Kind != org && m.Kind != group:
			t.Fatalf("mention %q has kind %q", m.Surface, m.Kind)
		case m.Confidence <= 0 || m.Confidence > 1:
			t.Fatalf("mention %q has confidence %v", m.Surface, m.Confidence)
		}
		prev = m.End
	}
}

func TestFindMinConfidence(t *testing.T) {
	text := "Yesterday Jane Qwertyuiop met the Ministry of Health in Baghdad."
	all := ner.New(ner.Options{}).Find(text, "en")
	sure := ner.New(ner.Options{MinConfidence: 0.7}).Find(text, "en")
	if len(sure) >= len(all) {
		t.Fatalf("MinConfidence 0.7 kept %d of %d mentions, want fewer: %s", len(sure), len(all), show(all))
	}
	for _, m := range sure {
		if m.Confidence < 0.7 {
			t.Errorf("MinConfidence 0.7 kept %q at %v", m.Surface, m.Confidence)
		}
	}
}

func TestMentionDomain(t *testing.T) {
	reg := ner.DefaultRegistry()
	ms := ner.New(ner.Options{Registry: reg}).Find("Talks with Hamas.", "en")
	if len(ms) != 1 {
		t.Fatalf("Find = %s, want one mention", show(ms))
	}
	jm := ms[0].Domain("title", reg)
	if jm.Field != "title" || jm.Start != 11 || jm.End != 16 || jm.Kind != group || jm.Entity == nil ||
		jm.Entity.Key != "group:hamas" || len(jm.Entity.Aliases["ar"]) == 0 || jm.Name != "Hamas" {
		t.Errorf("Domain = %+v, entity %+v", jm, jm.Entity)
	}
}

// TestFindOddInput feeds Find what outside text may hold; it must not
// panic and must keep its span contract.
func TestFindOddInput(t *testing.T) {
	long := strings.Repeat("a", 10<<20)
	tests := map[string]string{
		"empty":            "",
		"invalid utf-8":    "\xff\xfe President \xc3 Obama \xe2\x80 said Hamas\xff",
		"one long word":    long,
		"no letters":       strings.Repeat("1234 ,.;!? ", 1000),
		"only marks":       strings.Repeat("\u0651\u064e", 500),
		"joiners":          "\u200c\u200c'’ʼ\u200d الرئيس\u200c \u200c'",
		"capitals":         strings.Repeat("ABC DEF ", 5000),
		"titles":           strings.Repeat("President ", 5000),
		"arabic titles":    strings.Repeat("الرئيس وزير ", 5000),
		"apostrophes":      strings.Repeat("l'd'qu'NATO'nun'", 300),
		"initials":         strings.Repeat("A. B. C. ", 3000),
		"long capitalized": strings.Repeat("Xyzzy ", 20000),
	}
	f := ner.New(ner.Options{IsPlace: isPlace})
	for name, text := range tests {
		for _, lang := range []string{"", "en", "fr", "ru", "tr", "ar", "fa"} {
			checkSpans(t, text, f.Find(text, lang))
		}
		_ = name
	}
}
