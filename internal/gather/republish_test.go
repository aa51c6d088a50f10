package gather_test

import (
	"strings"
	"testing"

	"github.com/jic-center/jic/internal/gather"
)

// article builds a report text whose last paragraph is credit.
func article(credit string) string {
	return "The talks resumed in Geneva on Monday.\n\nBoth delegations said progress was slow.\n\n" + credit
}

func TestDetectRepublication(t *testing.T) {
	for _, tc := range []struct {
		name, title, text, source string
		want                      string
	}{
		// English
		{"original source", "", article("The original source of this article is Global Research"), "", "Global Research"},
		{"originally published by, with date", "", article("Originally published by The Conversation on June 3, 2020."), "", "The Conversation"},
		{"originally published at URL", "", article("Originally published at https://www.example-news.com/2020/06/03/story.html"), "", "example-news.com"},
		{"this article was originally published on", "", article("This article was originally published on Foreign Policy. Read the original article."), "", "Foreign Policy"},
		{"originally appeared in, first line", "", "This story originally appeared in The Guardian and is republished here.\n\nThe talks resumed.", "", "The Guardian"},
		{"republished with permission", "", article("Republished with permission from Middle East Eye."), "", "Middle East Eye"},
		{"republished under creative commons", "", article("Republished from Global Voices under a Creative Commons licence."), "", "Global Voices"},
		{"cross-posted from", "", article("Cross-posted from Gauravonomics, my blog on social change."), "", "Gauravonomics"},
		{"source at the end", "", article("Source: Reuters"), "", "Reuters"},
		{"via in title", "Ceasefire holds in the north (via Al Jazeera)", article("No credit."), "", "Al Jazeera"},
		// French
		{"fr publié initialement par", "", article("Cet article a été publié initialement par Le Monde diplomatique."), "", "Le Monde diplomatique"},
		{"fr publié à l'origine sur", "", article("Cet article a été publié à l’origine sur Mediapart le 3 juin 2021."), "", "Mediapart"},
		{"fr initialement publié dans", "", article("Initialement publié dans Libération."), "", "Libération"},
		{"fr source with space", "", article("Source : Agence France-Presse"), "", "Agence France-Presse"},
		// Russian
		{"ru источник", "", article("Источник: РИА Новости"), "", "РИА Новости"},
		{"ru первоначально опубликовано", "", article("Первоначально опубликовано на сайте Медуза."), "", "Медуза"},
		{"ru впервые опубликован в", "", article("Материал впервые опубликован в газете Коммерсантъ 5 марта."), "", "Коммерсантъ"},
		// Arabic
		{"ar المصدر", "", article("المصدر: وكالة الأنباء العراقية"), "", "وكالة الأنباء العراقية"},
		{"ar نشر هذا المقال أصلا في", "", article("نُشر هذا المقال أصلاً في موقع العربي الجديد."), "", "موقع العربي الجديد"},
		// Persian
		{"fa منبع", "", article("منبع: خبرگزاری ایسنا"), "", "خبرگزاری ایسنا"},
		{"fa به نقل از", "", "به گزارش ایرنا به نقل از رویترز، مذاکرات از سر گرفته شد.\n\nادامه خبر.", "", "رویترز"},
		// Turkish
		{"tr kaynak", "", article("Kaynak: Anadolu Ajansı"), "", "Anadolu Ajansı"},
		{"tr ilk olarak yayımlandı", "", article("Bu makale ilk olarak Bianet'te yayımlandı."), "", "Bianet"},
		{"tr ilk olarak sitesinde yayınlanmıştır", "", article("Bu yazı ilk olarak Medyascope sitesinde yayınlanmıştır."), "", "Medyascope"},
		// The source setting, and what is no credit.
		{"source setting", "", article("No credit line."), "Reuters", "Reuters"},
		{"source setting as URL", "", article("No credit line."), "https://www.apnews.com/", "apnews.com"},
		{"credit wins over setting", "", article("Source: AFP"), "Reuters", "AFP"},
		{"nothing", "Talks resume", article("Both sides will meet again in May."), "", ""},
		{"first published in a year", "", article("The study was first published in 2019."), "", ""},
		{"source mid-text", "", "Source: a diplomat said talks resumed.\n\nPara 2.\n\nPara 3.\n\nPara 4.\n\nPara 5.\n\nPara 6.\n\nPara 7.\n\nPara 8.", "", ""},
		{"photo credit", "", article("Source: Getty Images"), "", ""},
		{"sentence after source", "", article("Source: according to a long statement released by several ministries late on Monday evening"), "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := gather.DetectRepublication(tc.title, tc.text, tc.source)
			if got.Outlet != tc.want {
				t.Errorf("DetectRepublication(%q, …%q, %q) = %+v, want outlet %q", tc.title, tail(tc.text), tc.source, got, tc.want)
			}
			if (got.Evidence == "") != (got.Outlet == "") {
				t.Errorf("Evidence %q for outlet %q: want both or neither", got.Evidence, got.Outlet)
			}
		})
	}
}

func tail(s string) string { return s[max(0, len(s)-80):] }

// page builds an HTML page with the given head elements and body text.
func page(head, body string) []byte {
	return []byte(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Talks resume in Geneva | Daily Example</title>` + head +
		`</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>Talks resume in Geneva</h1>` +
		strings.Repeat(`<p>The talks resumed in Geneva on Monday after a pause of three weeks, both delegations said, and were expected to last until Friday.</p>`, 6) +
		body + `</article><footer>© Daily Example. All rights reserved.</footer></body></html>`)
}

func TestParseArticleRepublication(t *testing.T) {
	const here = "https://www.daily.example.com/world/talks"
	for _, tc := range []struct {
		name, head, body string
		want             string
	}{
		{"canonical to another site", `<link rel="canonical" href="https://www.theconversation.com/talks-123">`, "", "theconversation.com"},
		{"canonical on the same site", `<link rel="canonical" href="https://daily.example.com/world/talks">`, "", ""},
		{"relative canonical", `<link rel="canonical" href="/world/talks">`, "", ""},
		{"og:url to another site", `<meta property="og:url" content="https://apnews.com/article/xyz">`, "", "apnews.com"},
		{"original-source meta", `<meta name="original-source" content="https://www.reuters.com/world/abc">`, "", "reuters.com"},
		{"credit line beats canonical", `<link rel="canonical" href="https://mirror.example.org/talks">`, `<p>This article was originally published by Inkyfada.</p>`, "Inkyfada"},
		{"canonical beats a short source line", `<link rel="canonical" href="https://www.theconversation.com/talks-123">`, `<p>Source: AFP</p>`, "theconversation.com"},
		{"none", ``, ``, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := gather.ParseArticle(page(tc.head, tc.body), here)
			if err != nil {
				t.Fatalf("ParseArticle = %v", err)
			}
			if a.Republication.Outlet != tc.want {
				t.Errorf("Republication = %+v, want outlet %q", a.Republication, tc.want)
			}
		})
	}
}
