package claims_test

import (
	"testing"
	"unicode/utf8"

	"github.com/jic-center/jic/internal/claims"
)

// FuzzExtract checks the span contract on any bytes in any language:
// statement and speaker spans inside the text and equal to their strings,
// a known stance and kind, and no invented speaker (a speaker with text
// has a span of the text).
//
//	go test ./internal/claims -run '^$' -fuzz FuzzExtract -fuzztime 30s
func FuzzExtract(f *testing.F) {
	seeds := []string{
		// Opening sentences of annotated articles (testdata/annotations.jsonl), trimmed.
		`"Had it happened an hour later it would have been much worse," Khaled Al-Maeena, editor at large at the Saudi Gazette, said.`,
		"Major general Fuad Basya, spokesman for the Indonesian military, said fisherman first noticed the people.",
		"« Nous sommes en ce moment même en train de recueillir des témoignages » a ajouté le porte-parole de la police madrilène.",
		"Il semblerait que la bousculade ait été provoquée « par un feu de Bengale » a-t-il précisé.",
		"«На днях я сдала тест, и оказалось, что у меня есть антитела», — сказала Мадонна.",
		"По информации телеканала, кинематографист страдает пневмотораксом.",
		"قال وزير المالية الروسي أنطون سيلوانوف، الخميس، إن وزارة المالية قد تستخدم صندوق الثروة الوطني.",
		`وقال داليتش: "نركز على مباراة إنجلترا، فريق شاب جيد جدا".`,
		"به گزارش ایرنا، سخنگوی وزارت امور خارجه گفت: «ما این ادعا را رد می‌کنیم».",
		`Dışişleri Bakanı Mevlüt Çavuşoğlu, "Müzakereler devam edecek" dedi. Reuters'a göre beş kişi öldü.`,
		"\xff\xfe \"said \xc3 «« »» „“ ‹ that \xe2\x80 وقال:",
		`He said "unclosed and "nested "quotes`,
	}
	langs := []string{"en", "en", "fr", "fr", "ru", "ru", "ar", "ar", "fa", "tr", "en", "fr"}
	for i, s := range seeds {
		f.Add(s, langs[i])
	}
	stances := map[string]bool{"asserts": true, "confirms": true, "denies": true, "reports": true}
	kinds := map[string]bool{"person": true, "organization": true, "outlet": true, "anonymous": true, "unknown": true}
	f.Fuzz(func(t *testing.T, text, lang string) {
		for _, c := range claims.Extract(text, lang, nil) {
			if c.Start < 0 || c.Start >= c.End || c.End > len(text) || c.Quote != text[c.Start:c.End] {
				t.Fatalf("statement span %d:%d of %d bytes, quote %q", c.Start, c.End, len(text), c.Quote)
			}
			if utf8.ValidString(text) && !utf8.ValidString(c.Quote) {
				t.Fatalf("statement %q cut inside a character", c.Quote)
			}
			sp := c.Speaker
			if sp.Text != "" && (sp.Start < 0 || sp.End > len(text) || text[sp.Start:sp.End] != sp.Text) {
				t.Fatalf("speaker %q is not text[%d:%d]", sp.Text, sp.Start, sp.End)
			}
			if sp.Text == "" && sp.Kind != "unknown" {
				t.Fatalf("speaker without text has kind %q", sp.Kind)
			}
			if !stances[c.Stance] || !kinds[sp.Kind] {
				t.Fatalf("stance %q, kind %q", c.Stance, sp.Kind)
			}
		}
	})
}
