package gather_test

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/gather"
)

func TestParseArticle(t *testing.T) {
	head := `<meta property="og:site_name" content="Daily Example">` +
		`<meta property="article:published_time" content="2024-03-05T09:20:00Z">` +
		`<link rel="canonical" href="/world/talks?utm=x">`
	a, err := gather.ParseArticle(page(head, ""), "https://www.daily.example.com/world/talks?ref=feed")
	if err != nil {
		t.Fatalf("ParseArticle = %v", err)
	}
	if a.Title != "Talks resume in Geneva" || a.SiteName != "Daily Example" || a.Language != "en" ||
		a.CanonicalURL != "https://www.daily.example.com/world/talks?utm=x" {
		t.Errorf("article = title %q, site %q, language %q, canonical %q", a.Title, a.SiteName, a.Language, a.CanonicalURL)
	}
	if want := time.Date(2024, 3, 5, 9, 20, 0, 0, time.UTC); !a.Published.Equal(want) {
		t.Errorf("Published = %v, want %v", a.Published, want)
	}
	if n := strings.Count(a.Text, "The talks resumed in Geneva"); n != 6 {
		t.Errorf("text holds %d of the 6 paragraphs:\n%s", n, a.Text)
	}
	for _, b := range []string{"Home", "All rights reserved"} {
		if strings.Contains(a.Text, b) {
			t.Errorf("text holds boilerplate %q", b)
		}
	}
}

// TestParseArticleLegacyCharset reads an Arabic page in windows-1256 whose
// credit line names the outlet it republishes.
func TestParseArticleLegacyCharset(t *testing.T) {
	raw, err := os.ReadFile("testdata/pages/arabic-windows-1256.html")
	if err != nil {
		t.Fatal(err)
	}
	a, err := gather.ParseArticle(raw, "https://www.mithal.example/ar/2024/03/05/hospital")
	if err != nil {
		t.Fatalf("ParseArticle = %v", err)
	}
	if a.Title != "افتتاح مستشفى جديد في بغداد" || a.SiteName != "صحيفة المثال" || a.Language != "ar" {
		t.Errorf("title %q, site %q, language %q", a.Title, a.SiteName, a.Language)
	}
	if !strings.Contains(a.Text, "أعلنت وزارة الصحة العراقية") || strings.Contains(a.Text, "جميع الحقوق محفوظة") {
		t.Errorf("text = %q, want the article without the footer", a.Text)
	}
	if a.CanonicalURL != "https://www.mithal.example/ar/2024/03/05/hospital" {
		t.Errorf("CanonicalURL = %q", a.CanonicalURL)
	}
	if a.Republication.Outlet != "قناة الجزيرة" {
		t.Errorf("Republication = %+v, want قناة الجزيرة", a.Republication)
	}
}

func TestParseArticleErrors(t *testing.T) {
	big := bytes.Repeat([]byte("<p>x</p>"), jic.DefaultMaxRaw/8+1)
	if _, err := gather.ParseArticle(big, ""); jic.ErrorCode(err) != jic.ETOOLARGE {
		t.Errorf("ParseArticle(%d bytes) = %v, want too_large", len(big), err)
	}
	if a, err := gather.ParseArticle([]byte("<html><body></body></html>"), ""); jic.ErrorCode(err) != jic.EINVALID {
		t.Errorf("ParseArticle(empty page) = %+v, %v; want invalid", a, err)
	}
}
