package ner_test

import (
	"testing"

	"github.com/jic-center/jic/internal/ner"
)

// FuzzFind checks the span contract on any bytes in any language: spans
// within the text, on rune boundaries, in order, without overlaps.
//
//	go test ./internal/ner -run '^$' -fuzz FuzzFind -fuzztime 30s
func FuzzFind(f *testing.F) {
	seeds := []string{
		"US President Donald Trump met Russian Foreign Minister Sergei Lavrov at the White House.",
		"A spokesman for the Kurdistan Workers' Party (PKK) said the U.N. Security Council would meet.",
		"Le président Emmanuel Macron a reçu M. Lavrov ; le ministère des Affaires étrangères et l'ONU.",
		"Президент России Владимир Путин провёл переговоры с генсеком ООН. Министерство обороны России сообщило.",
		"Cumhurbaşkanı Recep Tayyip Erdoğan, Dışişleri Bakanlığı'nın açıklamasında IŞİD'in saldırısını kınadı.",
		"قال الرئيس السوري بشار الأسد إن تنظيم داعش هزم. وأعلنت وزارة الخارجية الروسية أن حركة حماس",
		"حسن روحانی رئیس جمهور ایران گفت سازمان ملل متحد و آیت‌الله علی خامنه‌ای و پ.ک.ک",
		"\xff\xfe President \xc3 Obama \xe2\x80 said Hamas\xff",
		"\u200c\u200c'’ʼ\u200d الرئيس\u200c \u200c' l'd'qu'NATO'nun' A. B. C.",
	}
	langs := []string{"", "en", "fr", "ru", "tr", "ar", "fa"}
	for i, s := range seeds {
		f.Add(s, langs[i%len(langs)])
	}
	finder := ner.New(ner.Options{IsPlace: isPlace})
	f.Fuzz(func(t *testing.T, text, lang string) {
		checkSpans(t, text, finder.Find(text, lang))
	})
}
