package gather_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/gather"
)

// fuzzMax is the input limit under fuzzing: small, so that it is hit.
const fuzzMax = 64 << 10

// seed adds the files of testdata/<dir> and the given strings to f.
func seed(f *testing.F, dir string, extra ...string) {
	paths, _ := filepath.Glob(filepath.Join("testdata", dir, "*"))
	for _, p := range paths {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	for _, s := range extra {
		f.Add([]byte(s))
	}
}

// checkErr checks that an error is a domain error a user can read.
func checkErr(t *testing.T, err error) {
	t.Helper()
	if code := jic.ErrorCode(err); code != jic.EINVALID && code != jic.ETOOLARGE {
		t.Fatalf("error %v has code %q, want invalid or too_large", err, code)
	}
	if jic.ErrorMessage(err) == "" {
		t.Fatalf("error %v has no message", err)
	}
}

// checkText checks that s is clean text: valid UTF-8, no NUL, no CR.
func checkText(t *testing.T, what, s string, oneLine bool) {
	t.Helper()
	if !utf8.ValidString(s) || strings.ContainsAny(s, "\x00\r") || oneLine && strings.Contains(s, "\n") {
		t.Fatalf("%s %q is not clean text", what, s)
	}
}

func checkURL(t *testing.T, what, u string) {
	t.Helper()
	if u != "" && (!strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") || strings.ContainsAny(u, " \t\r\n<>\"")) {
		t.Fatalf("%s %q is not an absolute http URL", what, u)
	}
}

func FuzzParseFeed(f *testing.F) {
	seed(f, "feeds",
		`<rss version="2.0"><channel><item><title>a</title><link>/x</link></item><item><title>b</titel></item></channel></rss>`,
		`<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id><link rel="via" href="https://x.example/"/></entry></feed>`,
		`{"version":"https://jsonfeed.org/version/1.1","items":[{"id":1,"content_html":"<p>x"}]}`,
		`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel/><item><title>x</title></item></rdf:RDF>`)
	f.Fuzz(func(t *testing.T, body []byte) {
		feed, err := gather.ParseFeed(body, "https://feeds.example.org/rss", gather.Options{MaxBytes: fuzzMax})
		if err != nil {
			checkErr(t, err)
			return
		}
		checkText(t, "feed title", feed.Title, true)
		checkURL(t, "feed link", feed.Link)
		for _, err := range feed.Skipped {
			checkErr(t, err)
		}
		for _, it := range feed.Items {
			if it.Key == "" {
				t.Fatalf("item %q has no key", it.Title)
			}
			checkText(t, "key", it.Key, true)
			checkText(t, "title", it.Title, true)
			checkText(t, "summary", it.Summary, false)
			checkText(t, "content", it.Content, false)
			checkText(t, "author", it.Author, true)
			checkText(t, "republishes", it.Republishes, true)
			checkURL(t, "item URL", it.URL)
			if it.NeedsFetch && it.URL == "" {
				t.Fatalf("item %q needs a fetch but has no URL", it.Title)
			}
			if y := it.Published.Year(); !it.Published.IsZero() && (y < 1900 || y > 2200) {
				t.Fatalf("item %q published in %d", it.Title, y)
			}
		}
	})
}

func FuzzParseArticle(f *testing.F) {
	seed(f, "pages", string(page(`<link rel="canonical" href="https://other.example/x">`, `<p>Source: AFP</p>`)),
		`<html><head><meta name="original-source" content="javascript:x"><title>a | b</title></head><body><h2>b</h2><p>Originally published by X on 3 May.</p></body></html>`)
	f.Fuzz(func(t *testing.T, page []byte) {
		a, err := gather.ParseArticle(page, "https://www.example.com/a")
		if err != nil {
			checkErr(t, err)
			return
		}
		checkText(t, "title", a.Title, true)
		checkText(t, "text", a.Text, false)
		checkText(t, "site name", a.SiteName, true)
		checkText(t, "outlet", a.Republication.Outlet, true)
		checkURL(t, "canonical URL", a.CanonicalURL)
		if (a.Republication.Outlet == "") != (a.Republication.Evidence == "") {
			t.Fatalf("republication %+v: outlet and evidence must come together", a.Republication)
		}
	})
}

func FuzzDetectRepublication(f *testing.F) {
	f.Add("Title (via X)", "Para.\n\nOriginally published by The Conversation on 3 June.", "")
	f.Add("", "به گزارش ایرنا به نقل از رویترز، ...", "https://www.apnews.com/")
	f.Add("", "Bu makale ilk olarak Bianet'te yayımlandı.", "")
	f.Fuzz(func(t *testing.T, title, text, source string) {
		r := gather.DetectRepublication(title, text, source)
		if (r.Outlet == "") != (r.Evidence == "") {
			t.Fatalf("republication %+v: outlet and evidence must come together", r)
		}
		if len(r.Evidence) > 300 || len(r.Outlet) > 200 {
			t.Fatalf("republication %+v is too long", r)
		}
	})
}

func FuzzParseMessage(f *testing.F) {
	seed(f, "mail",
		"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: multipart/alternative; boundary=c\r\n\r\n--c\r\nContent-Transfer-Encoding: base64\r\n\r\naGk=\r\n--c--\r\n--b--\r\n",
		"From: =?koi8-r?Q?=F0?= <a@b>\r\nSubject: =?utf-8?B?w6k=?=\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\na=3Db=\r\n")
	f.Fuzz(func(t *testing.T, raw []byte) {
		opt := gather.Options{MaxBytes: fuzzMax, MaxAttachments: 4, MaxAttachmentBytes: 1024}
		m, err := gather.ParseMessage(raw, opt)
		if err != nil {
			checkErr(t, err)
			return
		}
		checkText(t, "subject", m.Subject, true)
		checkText(t, "text", m.Text, false)
		checkText(t, "sender name", m.From.Name, true)
		if m.Key == "" || !utf8.ValidString(m.HTML) {
			t.Fatalf("message key %q, HTML valid %v", m.Key, utf8.ValidString(m.HTML))
		}
		if len(m.Attachments) > opt.MaxAttachments {
			t.Fatalf("%d attachments, over the limit of %d", len(m.Attachments), opt.MaxAttachments)
		}
		for _, a := range m.Attachments {
			if len(a.Data) > opt.MaxAttachmentBytes || strings.ContainsAny(a.Name, "/\\\x00") {
				t.Fatalf("attachment %q of %d bytes breaks the limits", a.Name, len(a.Data))
			}
		}
	})
}

func FuzzSplitMbox(f *testing.F) {
	seed(f, "mail", "From a@b Sat Jan  3 01:05:34 1996\n>From x\n\nFrom a@b Sat Jan  3 01:05:34 1996\r\n\r\n")
	f.Fuzz(func(t *testing.T, mbox []byte) {
		const max = 1024
		total := 0
		err := gather.SplitMboxMax(bytes.NewReader(mbox), max, func(raw []byte) error {
			if len(raw) == 0 || len(raw) > max+1 {
				t.Fatalf("message of %d bytes, want 1 to %d", len(raw), max+1)
			}
			total += len(raw)
			return nil
		})
		if err != nil {
			t.Fatalf("SplitMboxMax = %v: an mbox in memory can always be read", err)
		}
		if total > len(mbox) {
			t.Fatalf("messages hold %d bytes, more than the %d of the mbox", total, len(mbox))
		}
	})
}
