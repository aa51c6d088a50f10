package dates_test

import (
	"os"
	"testing"
	"time"

	"github.com/jic-center/jic/internal/dates"
)

var fuzzLangs = []string{"en", "fr", "ru", "ar", "fa", "tr", ""}

// FuzzFind checks that Find, on any text, language and publication time,
// returns mentions in order, without overlaps, whose spans are within the
// text and hold their Text, and whose days are UTC midnights in order.
func FuzzFind(f *testing.F) {
	seeds := []struct {
		text string
		lang uint8
	}{
		{"He said on Friday, September 8, 2023 that talks would resume next week, three days after 09/10/2023.", 0},
		{"Hier, avant-hier, le 1er septembre 2023 et samedi dernier, il y a deux jours.", 1},
		{"В пятницу, 25 ноября, в прошлую среду и 9-го сентября 2022 г. три дня назад.", 2},
		{"قال أَمْسِ يوم الجمعـــة إن ٩ أيلول/سبتمبر ٢٠٢٣ وفي أكتوبر/تشرين الأول عام 2012 غداً السبت.", 3},
		{"روز پنج‌شنبه گذشته، ۱۸ شهریور ۱۴۰۲ و ۱۴۰۲/۰۶/۱۸، ۳۰ مهر ماه ۹۴، امروز چهارشنبه.", 4},
		{"Cuma günü, Eylül'de, 9 Eylül 2023 tarihinde ve 3 gün önce.", 5},
		{"2023-09-09 1.2.3.2023 9-9-2023-9 \xff\xfe 31/02/2023", 6},
	}
	for _, s := range seeds {
		f.Add(s.text, s.lang, friday.Unix())
	}
	// Real articles, where the shared data is present.
	if _, err := os.Stat("../../../shared/data/news/wikinews/frwikinews_100.jsonl"); err == nil {
		for i, a := range loadWikinews(f, "frwikinews_100.jsonl")[:3] {
			f.Add(a.text, uint8(1), a.published.Unix()+int64(i))
		}
		for _, a := range loadWikinews(f, "ruwikinews_nerel.jsonl")[:3] {
			f.Add(a.text, uint8(2), a.published.Unix())
		}
	}
	f.Fuzz(func(t *testing.T, text string, lang uint8, published int64) {
		pub := time.Unix(published, 0)
		if published == 0 {
			pub = time.Time{}
		}
		prevEnd := 0
		for _, m := range dates.Find(text, fuzzLangs[int(lang)%len(fuzzLangs)], pub) {
			if m.Start < prevEnd || m.Start >= m.End || m.End > len(text) {
				t.Fatalf("span [%d:%d] after one ending at %d, in %d bytes", m.Start, m.End, prevEnd, len(text))
			}
			if text[m.Start:m.End] != m.Text {
				t.Fatalf("Text %q, want text[%d:%d] = %q", m.Text, m.Start, m.End, text[m.Start:m.End])
			}
			if m.Last.Before(m.Date) || m.Date.Location() != time.UTC || m.Date.Hour() != 0 || m.Precision < dates.Day || m.Precision > dates.Year {
				t.Fatalf("%q: days %v..%v, precision %v", m.Text, m.Date, m.Last, m.Precision)
			}
			prevEnd = m.End
		}
	})
}
