package dates_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/jic-center/jic/internal/dates"
)

// friday is the publication day of most cases: Friday 15 September 2023,
// which is 24 Shahrivar 1402 in the Solar Hijri calendar.
var friday = time.Date(2023, 9, 15, 10, 30, 0, 0, time.UTC)

// render writes mentions as "text = day" or "text = first..last precision",
// with a * for those worked out from the publication date.
func render(ms []dates.Mention) []string {
	out := []string{}
	for _, m := range ms {
		s := m.Text + " = " + m.Date.Format(time.DateOnly)
		if m.Precision != dates.Day {
			s += ".." + m.Last.Format(time.DateOnly) + " " + m.Precision.String()
		}
		if m.Relative {
			s += " *"
		}
		out = append(out, s)
	}
	return out
}

type findCase struct {
	name, text string
	want       []string
}

func runFind(t *testing.T, lang string, pub time.Time, tests []findCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := render(dates.Find(tt.text, lang, pub))
			if tt.want == nil {
				tt.want = []string{}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Find(%q, %q, %s) mismatch (-want +got):\n%s", tt.text, lang, pub.Format(time.DateOnly), diff)
			}
		})
	}
}

func TestFindEnglish(t *testing.T) {
	runFind(t, "en", friday, []findCase{
		{"days", "Yesterday the talks failed; the day before yesterday they began, today they resume and tomorrow they end.",
			[]string{"Yesterday = 2023-09-14 *", "the day before yesterday = 2023-09-13 *", "today = 2023-09-15 *", "tomorrow = 2023-09-16 *"}},
		{"weekdays", "He said on Friday that the vote held on Monday, Saturday and last Friday would be repeated next Friday.",
			[]string{"on Friday = 2023-09-15 *", "on Monday = 2023-09-11 *", "Saturday = 2023-09-09 *", "last Friday = 2023-09-08 *", "next Friday = 2023-09-22 *"}},
		{"periods", "Prices rose last week, will fall next month and were flat last year.",
			[]string{"last week = 2023-09-04..2023-09-10 week *", "next month = 2023-10-01..2023-10-31 month *", "last year = 2022-01-01..2022-12-31 year *"}},
		{"days ago", "The ship sank three days ago, and the search began 10 days ago.",
			[]string{"three days ago = 2023-09-12 *", "10 days ago = 2023-09-05 *"}},
		{"month names", "It opened on September 9, closed on 9 September 2022, reopens Sept. 20 and began on December 25, 2021.",
			[]string{"September 9 = 2023-09-09 *", "9 September 2022 = 2022-09-09", "Sept. 20 = 2023-09-20 *", "December 25, 2021 = 2021-12-25"}},
		{"ordinal", "The strike of the 1st of May and of May 3rd ended.",
			[]string{"1st of May = 2023-05-01 *", "May 3rd = 2023-05-03 *"}},
		{"weekday with date", "The talks began on Friday, September 8, in Geneva.",
			[]string{"on Friday, September 8 = 2023-09-08 *"}},
		{"months and years", "Talks stalled in March, resume in January and began in 2019, in June 2020 or mid-July.",
			[]string{"in March = 2023-03-01..2023-03-31 month *", "in January = 2024-01-01..2024-01-31 month *",
				"in 2019 = 2019-01-01..2019-12-31 year", "in June 2020 = 2020-06-01..2020-06-30 month", "mid-July = 2023-07-01..2023-07-31 month *"}},
		{"numeric", "Filed 2023-09-09, signed 09/10/2023 and 25/09/2023.",
			[]string{"2023-09-09 = 2023-09-09", "09/10/2023 = 2023-09-10", "25/09/2023 = 2023-09-25"}},
		{"names", "The Sunday Telegraph reported it to BBC Radio 4's Today programme, coach Mike Friday said on Good Friday.", nil},
		{"not dates", "March 5,000 people to the square; it may be so; Channel 4's January share; 31/02/2023; 1.2.3.2023.", nil},
	})
}

func TestFindFrench(t *testing.T) {
	runFind(t, "fr", friday, []findCase{
		{"days", "Hier, avant-hier, aujourd'hui, demain et après-demain.",
			[]string{"Hier = 2023-09-14 *", "avant-hier = 2023-09-13 *", "aujourd'hui = 2023-09-15 *", "demain = 2023-09-16 *", "après-demain = 2023-09-17 *"}},
		{"weekdays", "Prévu samedi dernier, reporté à mardi, puis ce lundi et vendredi prochain.",
			[]string{"samedi dernier = 2023-09-09 *", "mardi = 2023-09-12 *", "ce lundi = 2023-09-11 *", "vendredi prochain = 2023-09-22 *"}},
		{"periods", "La semaine dernière, l'an dernier et il y a deux jours.",
			[]string{"La semaine dernière = 2023-09-04..2023-09-10 week *", "l'an dernier = 2022-01-01..2022-12-31 year *", "il y a deux jours = 2023-09-13 *"}},
		{"month names", "Le 1er septembre 2023, le 9 septembre, mercredi 4 octobre et dimanche le 17 septembre 2023.",
			[]string{"1er septembre 2023 = 2023-09-01", "9 septembre = 2023-09-09 *", "mercredi 4 octobre = 2023-10-04 *", "dimanche le 17 septembre 2023 = 2023-09-17"}},
		{"months and years", "En mars 2022, puis en 2019 et depuis juin.",
			[]string{"En mars 2022 = 2022-03-01..2022-03-31 month", "en 2019 = 2019-01-01..2019-12-31 year", "depuis juin = 2023-06-01..2023-06-30 month *"}},
		{"numeric day first", "Le 15/09/2023 et le 09/10/2023.",
			[]string{"15/09/2023 = 2023-09-15", "09/10/2023 = 2023-10-09"}},
		{"not dates", "Le Mardi gras, la planète Mars et le mois de mai.", nil},
	})
}

func TestFindRussian(t *testing.T) {
	runFind(t, "ru", friday, []findCase{
		{"days", "Вчера, позавчера, сегодня, завтра.",
			[]string{"Вчера = 2023-09-14 *", "позавчера = 2023-09-13 *", "сегодня = 2023-09-15 *", "завтра = 2023-09-16 *"}},
		{"weekdays", "Это случилось в субботу, во вторник, в прошлую пятницу и будет в следующий понедельник.",
			[]string{"в субботу = 2023-09-09 *", "во вторник = 2023-09-12 *", "в прошлую пятницу = 2023-09-08 *", "в следующий понедельник = 2023-09-18 *"}},
		{"periods", "На прошлой неделе, в прошлом месяце и три дня назад.",
			[]string{"На прошлой неделе = 2023-09-04..2023-09-10 week *", "в прошлом месяце = 2023-08-01..2023-08-31 month *", "три дня назад = 2023-09-12 *"}},
		{"month names", "9 сентября, 9 сентября 2022 года, 9-го сентября и 1 янв. 2020 г.",
			[]string{"9 сентября = 2023-09-09 *", "9 сентября 2022 года = 2022-09-09", "9-го сентября = 2023-09-09 *", "1 янв. 2020 г. = 2020-01-01"}},
		{"weekday with date", "В пятницу, 8 сентября, прошла встреча.",
			[]string{"В пятницу, 8 сентября = 2023-09-08 *"}},
		{"months and years", "В сентябре, в 2019 году, с апреля 2017 года.",
			[]string{"В сентябре = 2023-09-01..2023-09-30 month *", "в 2019 году = 2019-01-01..2019-12-31 year", "с апреля 2017 года = 2017-04-01..2017-04-30 month"}},
		{"numeric", "Подписано 15.09.2023.", []string{"15.09.2023 = 2023-09-15"}},
		{"not dates", "Охрана окружающей среды; окружающую среду, 9 человек; среда обитания.", nil},
	})
}

func TestFindArabic(t *testing.T) {
	runFind(t, "ar", friday, []findCase{
		{"days", "أمس، أول أمس، اليوم، غداً، وأمس.",
			[]string{"أمس = 2023-09-14 *", "أول أمس = 2023-09-13 *", "اليوم = 2023-09-15 *", "غداً = 2023-09-16 *", "وأمس = 2023-09-14 *"}},
		{"weekdays", "وصل يوم الجمعة، وغادر السبت الماضي، ويعود الثلاثاء المقبل.",
			[]string{"يوم الجمعة = 2023-09-15 *", "السبت الماضي = 2023-09-09 *", "الثلاثاء المقبل = 2023-09-19 *"}},
		{"day and weekday", "يصل غداً السبت.", []string{"غداً السبت = 2023-09-16 *"}},
		{"periods", "الأسبوع الماضي والشهر الماضي والعام الماضي وقبل يومين ومنذ ثلاثة أيام.",
			[]string{"الأسبوع الماضي = 2023-09-03..2023-09-09 week *", "والشهر الماضي = 2023-08-01..2023-08-31 month *",
				"والعام الماضي = 2022-01-01..2022-12-31 year *", "وقبل يومين = 2023-09-13 *", "ومنذ ثلاثة أيام = 2023-09-12 *"}},
		{"month names", "في 9 سبتمبر، و٩ أيلول/سبتمبر ٢٠٢٢، و24 فبراير/ شباط.",
			[]string{"9 سبتمبر = 2023-09-09 *", "٩ أيلول/سبتمبر ٢٠٢٢ = 2022-09-09", "24 فبراير/ شباط = 2023-02-24 *"}},
		{"months and years", "في شهر مارس، عام 2019، وفي أكتوبر/تشرين الأول عام 2012.",
			[]string{"في شهر مارس = 2023-03-01..2023-03-31 month *", "عام 2019 = 2019-01-01..2019-12-31 year",
				"وفي أكتوبر/تشرين الأول عام 2012 = 2012-10-01..2012-10-31 month"}},
		{"marks and tatweel", "قال أَمْسِ يوم الجمعـــة", []string{"أَمْسِ = 2023-09-14 *", "يوم الجمعـــة = 2023-09-15 *"}},
		{"not dates", "اليوم العالمي للمرأة، في اليوم التالي، بين الاثنين.", nil},
	})
}

func TestFindPersian(t *testing.T) {
	runFind(t, "fa", friday, []findCase{
		{"days", "دیروز، پریروز، امروز، فردا، پس‌فردا.",
			[]string{"دیروز = 2023-09-14 *", "پریروز = 2023-09-13 *", "امروز = 2023-09-15 *", "فردا = 2023-09-16 *", "پس‌فردا = 2023-09-17 *"}},
		{"weekdays", "روز جمعه، سه‌شنبه گذشته، شنبه آینده، جمعه‌ی گذشته، سه شنبه.",
			[]string{"روز جمعه = 2023-09-15 *", "سه‌شنبه گذشته = 2023-09-12 *", "شنبه آینده = 2023-09-16 *", "جمعه‌ی گذشته = 2023-09-08 *", "سه شنبه = 2023-09-12 *"}},
		{"arabic letters", "ديروز و يكشنبه", []string{"ديروز = 2023-09-14 *", "يكشنبه = 2023-09-10 *"}},
		{"solar periods", "هفته گذشته، ماه گذشته، سال گذشته، امسال، سه روز پیش.",
			[]string{"هفته گذشته = 2023-09-02..2023-09-08 week *", "ماه گذشته = 2023-07-23..2023-08-22 month *",
				"سال گذشته = 2022-03-21..2023-03-20 year *", "امسال = 2023-03-21..2024-03-19 year *", "سه روز پیش = 2023-09-12 *"}},
		{"solar dates", "۱۸ شهریور ۱۴۰۲، ۱ فروردین ۱۴۰۳، ۱۵ مهر، ۱۰ اسفند، ۳۰ مهر ماه ۹۴.",
			[]string{"۱۸ شهریور ۱۴۰۲ = 2023-09-09", "۱ فروردین ۱۴۰۳ = 2024-03-20", "۱۵ مهر = 2023-10-07 *", "۱۰ اسفند = 2023-03-01 *", "۳۰ مهر ماه ۹۴ = 2015-10-22"}},
		{"solar months and years", "شهریورماه، در سال ۱۴۰۱، در سال ۲۰۱۹.",
			[]string{"شهریورماه = 2023-08-23..2023-09-22 month *", "سال ۱۴۰۱ = 2022-03-21..2023-03-20 year", "سال ۲۰۱۹ = 2019-01-01..2019-12-31 year"}},
		{"numeric and gregorian", "۱۴۰۲/۰۶/۱۸ و ۹ سپتامبر ۲۰۲۳", []string{"۱۴۰۲/۰۶/۱۸ = 2023-09-09", "۹ سپتامبر ۲۰۲۳ = 2023-09-09"}},
		{"not dates", "مراسم چهارشنبه سوری، مهر و محبت، تیر خلاص.", nil},
	})
}

func TestFindTurkish(t *testing.T) {
	runFind(t, "tr", friday, []findCase{
		{"days", "Dün, bugün, yarın ve önceki gün.",
			[]string{"Dün = 2023-09-14 *", "bugün = 2023-09-15 *", "yarın = 2023-09-16 *", "önceki gün = 2023-09-13 *"}},
		{"weekdays", "Cuma günü, Salı'dan beri, geçen cuma ve önümüzdeki pazartesi.",
			[]string{"Cuma günü = 2023-09-15 *", "Salı = 2023-09-12 *", "geçen cuma = 2023-09-08 *", "önümüzdeki pazartesi = 2023-09-18 *"}},
		{"periods", "Geçen hafta, geçen ay, geçen yıl, 3 gün önce ve iki gün önce.",
			[]string{"Geçen hafta = 2023-09-04..2023-09-10 week *", "geçen ay = 2023-08-01..2023-08-31 month *",
				"geçen yıl = 2022-01-01..2022-12-31 year *", "3 gün önce = 2023-09-12 *", "iki gün önce = 2023-09-13 *"}},
		{"month names", "9 Eylül, 9 Eylül 2022 tarihinde, Eylül'de ve mart ayında.",
			[]string{"9 Eylül = 2023-09-09 *", "9 Eylül 2022 = 2022-09-09", "Eylül = 2023-09-01..2023-09-30 month *", "mart ayında = 2023-03-01..2023-03-31 month *"}},
		{"years and numeric", "2019 yılında ve 15.09.2023 günü.",
			[]string{"2019 yılında = 2019-01-01..2019-12-31 year", "15.09.2023 = 2023-09-15"}},
		{"not dates", "Pazar yerinde pazar kuruldu; ekim ve ocak.", nil},
	})
}

// TestFindWeekdayRule checks the rule for weekdays on each day of a week:
// a weekday alone is the latest such day on or before publication, "last"
// the latest strictly before, "next" the first strictly after.
func TestFindWeekdayRule(t *testing.T) {
	tests := []struct {
		pub                 string
		plain, last, nextFr string
	}{
		{"2023-09-11", "2023-09-08", "2023-09-08", "2023-09-15"}, // Monday
		{"2023-09-14", "2023-09-08", "2023-09-08", "2023-09-15"}, // Thursday
		{"2023-09-15", "2023-09-15", "2023-09-08", "2023-09-22"}, // Friday
		{"2023-09-16", "2023-09-15", "2023-09-15", "2023-09-22"}, // Saturday
		{"2023-09-17", "2023-09-15", "2023-09-15", "2023-09-22"}, // Sunday
	}
	for _, tt := range tests {
		pub, _ := time.Parse(time.DateOnly, tt.pub)
		got := render(dates.Find("on Friday, last Friday, next Friday", "en", pub))
		want := []string{"on Friday = " + tt.plain + " *", "last Friday = " + tt.last + " *", "next Friday = " + tt.nextFr + " *"}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("published %s (%s): mismatch (-want +got):\n%s", tt.pub, pub.Weekday(), diff)
		}
	}
}

// TestFindYearRule checks the year given to a day or month without one:
// at most seven months before publication, less than five after.
func TestFindYearRule(t *testing.T) {
	runFind(t, "en", friday, []findCase{
		{"seven months back", "15 February", []string{"15 February = 2023-02-15 *"}},
		{"just past seven months", "14 February", []string{"14 February = 2024-02-14 *"}},
		{"month past seven months", "in February", []string{"in February = 2024-02-01..2024-02-29 month *"}},
		{"no such day in the window", "29 February", nil},
		{"ahead", "25 December", []string{"25 December = 2023-12-25 *"}},
	})
	leap := time.Date(2024, 1, 10, 0, 0, 0, 0, time.UTC)
	runFind(t, "en", leap, []findCase{{"leap day", "29 February", []string{"29 February = 2024-02-29 *"}}})
}

// TestFindPublicationDay checks that the publication day is the calendar
// day of published in its own zone, and that without it only dates with
// their year are found.
func TestFindPublicationDay(t *testing.T) {
	late := time.Date(2023, 9, 15, 23, 30, 0, 0, time.FixedZone("EST", -5*3600)) // already the 16th in UTC
	runFind(t, "en", late, []findCase{{"zone", "today", []string{"today = 2023-09-15 *"}}})
	runFind(t, "en", time.Time{}, []findCase{{"unknown", "Yesterday, 9 September 2023 and 10 September.", []string{"9 September 2023 = 2023-09-09"}}})
	runFind(t, "de", friday, []findCase{{"other language", "Am 2023-09-09, gestern und Freitag.", []string{"2023-09-09 = 2023-09-09"}}})
}

// TestFindOffsets checks that spans refer to the text as written, with
// its vowel marks, tatweel, joiners and presentation forms.
func TestFindOffsets(t *testing.T) {
	tests := []struct{ lang, text, want string }{
		{"ar", "قال مسؤول ﺍﻟﻴﻮﻡ إن", "ﺍﻟﻴﻮﻡ"},
		{"ar", "وقع الحادث أَمْسِ", "أَمْسِ"},
		{"fa", "روز پنج\u200cشنبه گذشته", "روز پنج\u200cشنبه گذشته"},
		{"tr", "EYLÜL'DE ÇARŞAMBA GÜNÜ", "ÇARŞAMBA GÜNÜ"},
		{"ru", "Произошло ВЧЕРА.", "ВЧЕРА"},
	}
	for _, tt := range tests {
		ms := dates.Find(tt.text, tt.lang, friday)
		if len(ms) == 0 {
			t.Errorf("Find(%q, %q) found nothing, want %q", tt.text, tt.lang, tt.want)
			continue
		}
		m := ms[len(ms)-1]
		if m.Text != tt.want || tt.text[m.Start:m.End] != m.Text {
			t.Errorf("Find(%q, %q) = %q at [%d:%d], want %q", tt.text, tt.lang, m.Text, m.Start, m.End, tt.want)
		}
	}
}

// TestFindHostileInput checks inputs no article has: one huge word, bytes
// that are not UTF-8, nothing but digits and punctuation.
func TestFindHostileInput(t *testing.T) {
	inputs := map[string]string{
		"10 MB word":    strings.Repeat("a", 10<<20),
		"10 MB arabic":  strings.Repeat("ب", 5<<20),
		"invalid utf-8": "\xff\xfe9 Sep\xc3tember 2023\x80 yesterday\xe2\x80",
		"punctuation":   strings.Repeat("1/2/.-,", 1<<16),
		"many dates":    strings.Repeat("9 September 2023, ", 1<<14),
	}
	for name, in := range inputs {
		langs := []string{"en", "fr", "ru", "ar", "fa", "tr", ""}
		if len(in) > 1<<20 {
			langs = []string{"en", "ar"} // the two with most special cases, to keep -race quick
		}
		for _, lang := range langs {
			for _, m := range dates.Find(in, lang, friday) {
				if m.Start < 0 || m.End > len(in) || m.Start >= m.End || in[m.Start:m.End] != m.Text {
					t.Fatalf("%s in %q: bad span [%d:%d] %q", name, lang, m.Start, m.End, m.Text)
				}
			}
		}
	}
	if n := len(dates.Find(inputs["many dates"], "en", friday)); n != 1<<14 {
		t.Errorf("Find on %d copies of one date found %d", 1<<14, n)
	}
}
