package gather_test

import (
	"fmt"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/gather"
)

func readMail(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "mail", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestParseMessageArabic reads a multipart/mixed message: a
// multipart/alternative body in windows-1256 (quoted-printable text,
// base64 HTML), a PDF attachment, an RFC 2047 windows-1256 subject and
// sender name.
func TestParseMessageArabic(t *testing.T) {
	m, err := gather.ParseMessage(readMail(t, "arabic-windows-1256-pdf.eml"), gather.Options{})
	if err != nil {
		t.Fatalf("ParseMessage = %v", err)
	}
	pdf := readMail(t, "report.pdf.golden")
	want := &gather.Message{
		MessageID: "arabic-1@example.iq",
		Key:       "arabic-1@example.iq",
		From:      mail.Address{Name: "منظمة", Address: "office@example.iq"},
		Subject:   "تقرير عن بغداد",
		Date:      time.Date(2024, 3, 5, 6, 20, 11, 0, time.UTC),
		Language:  "ar",
		Text:      "أعلنت وزارة الصحة في بغداد عن افتتاح مستشفى جديد.\n\nالمصدر: وكالة الأنباء العراقية",
		HTML:      "<html><body><p>أعلنت وزارة الصحة في بغداد عن افتتاح مستشفى جديد.</p><p>المصدر: وكالة الأنباء العراقية</p></body></html>",
		Attachments: []gather.Attachment{
			{Name: "report.pdf", ContentType: "application/pdf", Data: pdf},
		},
	}
	if diff := cmp.Diff(want, m); diff != "" {
		t.Errorf("message (-want +got):\n%s", diff)
	}
	if r := gather.DetectRepublication(m.Subject, m.Text, ""); r.Outlet != "وكالة الأنباء العراقية" {
		t.Errorf("DetectRepublication(mail) = %+v, want وكالة الأنباء العراقية", r)
	}
}

// TestParseMessageRussian reads a UTF-8 quoted-printable body with soft
// line breaks, a KOI8-R encoded-word subject, a raw UTF-8 sender name and
// a date without seconds.
func TestParseMessageRussian(t *testing.T) {
	m, err := gather.ParseMessage(readMail(t, "russian-utf8-qp.eml"), gather.Options{})
	if err != nil {
		t.Fatalf("ParseMessage = %v", err)
	}
	wantText := "Жители Москвы сообщили о пожаре на складе.\nПожарные прибыли через 20 минут — никто не пострадал.\n" +
		"Строка с «=» знаком и очень длинная строка, которая должна быть разбита мягким переносом по правилам quoted-printable кодировки."
	if m.Subject != "Пожар в Москве" || m.From.Name != "Иван Петров" || m.From.Address != "ivan@example.ru" || m.Text != wantText {
		t.Errorf("subject %q, from %+v, text:\n%s", m.Subject, m.From, m.Text)
	}
	if want := time.Date(2024, 3, 6, 11, 5, 0, 0, time.UTC); !m.Date.Equal(want) {
		t.Errorf("Date = %v, want %v", m.Date, want)
	}
}

// TestParseMessageHTMLOnly reads a single text/html part in base64.
func TestParseMessageHTMLOnly(t *testing.T) {
	m, err := gather.ParseMessage(readMail(t, "html-only-base64.eml"), gather.Options{})
	if err != nil {
		t.Fatalf("ParseMessage = %v", err)
	}
	want := "Flood warning\n\nThe river rose two metres overnight.\n\nResidents of the lower town were moved to the school."
	if m.Text != want || !strings.Contains(m.HTML, "<b>two metres</b>") || m.From.Address != "alerts@example.org" {
		t.Errorf("text %q, HTML %q, from %+v", m.Text, m.HTML, m.From)
	}
	if !strings.HasPrefix(m.Key, "sha256:") || m.MessageID != "" {
		t.Errorf("key %q, Message-ID %q: want a hash key without Message-ID", m.Key, m.MessageID)
	}
}

// message builds a single-part message.
func message(headers, body string) []byte {
	return []byte("From: a@example.org\r\nSubject: s\r\n" + headers + "\r\n" + body)
}

func TestParseMessageCharsets(t *testing.T) {
	for _, tc := range []struct {
		name    string
		headers string
		body    []byte
		want    string
	}{
		{"windows-1251", "Content-Type: text/plain; charset=windows-1251\r\n", []byte{0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2}, "Привет"},
		{"KOI8-R", "Content-Type: text/plain; charset=koi8-r\r\n", []byte{0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4}, "Привет"},
		{"ISO-8859-1", "Content-Type: text/plain; charset=iso-8859-1\r\n", []byte("D\xe9p\xeache"), "Dépêche"},
		{"windows-1252 quotes", "Content-Type: text/plain; charset=windows-1252\r\n", []byte("\x93Hi\x94"), "“Hi”"},
		{"windows-1256", "Content-Type: text/plain; charset=\"windows-1256\"\r\n", []byte{0xc8, 0xdb, 0xcf, 0xc7, 0xcf}, "بغداد"},
		{"no charset, UTF-8", "", []byte("Déjà"), "Déjà"},
		{"no charset, 8-bit", "", []byte("D\xe9j\xe0"), "Déjà"},
		{"unknown charset", "Content-Type: text/plain; charset=x-made-up\r\n", []byte("plain"), "plain"},
		{"no Content-Type at all, QP", "Content-Transfer-Encoding: quoted-printable\r\n", []byte("caf=C3=A9 =\r\nau lait"), "café au lait"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, err := gather.ParseMessage(message(tc.headers, string(tc.body)), gather.Options{})
			if err != nil {
				t.Fatalf("ParseMessage = %v", err)
			}
			if m.Text != tc.want {
				t.Errorf("Text = %q, want %q", m.Text, tc.want)
			}
		})
	}
}

// TestParseMessageDamaged checks that damage inside the body keeps what
// can be read.
func TestParseMessageDamaged(t *testing.T) {
	for _, tc := range []struct {
		name, headers, body string
		wantText            string
		attachments         int
	}{
		{"no closing boundary", "Content-Type: multipart/mixed; boundary=b\r\n",
			"--b\r\nContent-Type: text/plain\r\n\r\nfirst part\r\n--b\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0=\r\n", "first part", 1},
		{"boundary never used", "Content-Type: multipart/mixed; boundary=nowhere\r\n", "just text\r\n", "just text", 0},
		{"bad base64", "Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n", "aGVsbG8gd29ybGQ*!!\r\n", "hello world", 0},
		{"stray = in quoted-printable", "Content-Transfer-Encoding: quoted-printable\r\n", "2+2=4 and a=b", "2+2=4 and a=b", 0},
		{"broken Content-Type", "Content-Type: text/plain; charset=utf-8; charset=latin1\r\n", "body", "body", 0},
		{"nested multiparts", "Content-Type: multipart/mixed; boundary=o\r\n",
			"--o\r\nContent-Type: multipart/related; boundary=r\r\n\r\n--r\r\nContent-Type: multipart/alternative; boundary=a\r\n\r\n--a\r\nContent-Type: text/plain\r\n\r\ndeep text\r\n--a--\r\n--r\r\nContent-Type: image/png\r\nContent-ID: <x>\r\n\r\nPNG\r\n--r--\r\n--o--\r\n", "deep text", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, err := gather.ParseMessage(message(tc.headers, tc.body), gather.Options{})
			if err != nil {
				t.Fatalf("ParseMessage = %v", err)
			}
			if m.Text != tc.wantText || len(m.Attachments) != tc.attachments {
				t.Errorf("text %q with %d attachments, want %q with %d", m.Text, len(m.Attachments), tc.wantText, tc.attachments)
			}
		})
	}
}

func TestParseMessageLimits(t *testing.T) {
	// attachments builds a multipart/mixed message of n small attachments.
	attachments := func(n int) []byte {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"f%d.bin\"\r\n\r\ndata\r\n", i)
		}
		b.WriteString("--b--\r\n")
		return message("Content-Type: multipart/mixed; boundary=b\r\n", b.String())
	}
	var nested strings.Builder
	for i := 1; i <= 12; i++ {
		fmt.Fprintf(&nested, "--b%d\r\nContent-Type: multipart/mixed; boundary=b%d\r\n\r\n", i-1, i)
	}
	for _, tc := range []struct {
		name string
		raw  []byte
		opt  gather.Options
		code string
	}{
		{"message too large", message("", strings.Repeat("x", 200)), gather.Options{MaxBytes: 100}, jic.ETOOLARGE},
		{"too many attachments", attachments(5), gather.Options{MaxAttachments: 4}, jic.ETOOLARGE},
		{"attachment too large", attachments(1), gather.Options{MaxAttachmentBytes: 2}, jic.ETOOLARGE},
		{"nested too deep", message("Content-Type: multipart/mixed; boundary=b0\r\n", nested.String()), gather.Options{}, jic.ETOOLARGE},
		{"too many parts", attachments(300), gather.Options{MaxAttachments: 1000}, jic.ETOOLARGE},
		{"no header", []byte("this is not a mail message\n\nbody"), gather.Options{}, jic.EINVALID},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, err := gather.ParseMessage(tc.raw, tc.opt)
			if code := jic.ErrorCode(err); code != tc.code {
				t.Fatalf("ParseMessage = %+v, %v; want code %q", m, err, tc.code)
			}
		})
	}
	if m, err := gather.ParseMessage(attachments(4), gather.Options{MaxAttachments: 4}); err != nil || len(m.Attachments) != 4 {
		t.Errorf("ParseMessage(4 attachments, limit 4) = %v, %v; want 4 attachments", m, err)
	}
}
