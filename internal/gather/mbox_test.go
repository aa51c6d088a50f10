package gather_test

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/gather"
)

// TestSplitMbox reads an mbox of three messages, the second of which has
// a header that does not parse: the others must come through.
func TestSplitMbox(t *testing.T) {
	f, err := os.Open("testdata/mail/three.mbox")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var subjects []string
	var broken []error
	var last *gather.Message
	err = gather.SplitMbox(f, func(raw []byte) error {
		m, err := gather.ParseMessage(raw, gather.Options{})
		if err != nil {
			broken = append(broken, err)
			return nil
		}
		subjects = append(subjects, m.Subject)
		last = m
		return nil
	})
	if err != nil {
		t.Fatalf("SplitMbox = %v", err)
	}
	if diff := cmp.Diff([]string{"Пожар в Москве", "Convoy arrived"}, subjects); diff != "" {
		t.Errorf("subjects (-want +got):\n%s", diff)
	}
	if len(broken) != 1 || jic.ErrorCode(broken[0]) != jic.EINVALID {
		t.Errorf("broken = %v, want one invalid message", broken)
	}
	want := "The convoy reached the camp at dawn.\nFrom the gate, staff counted forty trucks.\n>From here on, the road is open."
	if last.Text != want || last.Key != "convoy-3@example.org" {
		t.Errorf("third message key %q, text %q; want >From unescaped:\n%s", last.Key, last.Text, want)
	}
}

// split returns the messages SplitMboxMax passes to fn.
func split(t *testing.T, mbox string, max int) []string {
	t.Helper()
	var got []string
	err := gather.SplitMboxMax(strings.NewReader(mbox), max, func(raw []byte) error {
		got = append(got, string(raw))
		return nil
	})
	if err != nil {
		t.Fatalf("SplitMboxMax = %v", err)
	}
	return got
}

func TestSplitMboxForms(t *testing.T) {
	for _, tc := range []struct {
		name, mbox string
		max        int
		want       []string
	}{
		{"empty", "", 0, nil},
		{"CRLF", "From a@b Sat Jan  3 01:05:34 1996\r\nSubject: 1\r\n\r\nbody 1\r\n\r\nFrom a@b Sat Jan  3 01:05:35 1996\r\nSubject: 2\r\n\r\nbody 2\r\n",
			0, []string{"Subject: 1\r\n\r\nbody 1\r\n", "Subject: 2\r\n\r\nbody 2\r\n"}},
		{"unescaped From in a body", "From a@b Sat Jan  3 01:05:34 1996\nSubject: 1\n\nWe left early.\nFrom there we drove on.\n",
			0, []string{"Subject: 1\n\nWe left early.\nFrom there we drove on.\n"}},
		{"From line without date after a paragraph", "From a@b Sat Jan  3 01:05:34 1996\nSubject: 1\n\npara\n\nFrom here on, quiet.\n",
			0, []string{"Subject: 1\n\npara\n\nFrom here on, quiet.\n"}},
		{"Thunderbird separator", "From - Sat Jan 03 01:05:34 1996\nSubject: 1\n\nx\n", 0, []string{"Subject: 1\n\nx\n"}},
		{"an .eml given as mbox", "Subject: 1\n\nx\n", 0, []string{"Subject: 1\n\nx\n"}},
		{"oversized message is cut, the next one kept", "From a@b Sat Jan  3 01:05:34 1996\nSubject: big\n\n" + strings.Repeat("x", 100) +
			"\n\nFrom a@b Sat Jan  3 01:05:35 1996\nSubject: 2\n\nsmall\n",
			20, []string{"Subject: big\n\n" + strings.Repeat("x", 21-len("Subject: big\n\n")), // max+1 bytes
				"Subject: 2\n\nsmall\n"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, split(t, tc.mbox, tc.max)); diff != "" {
				t.Errorf("messages (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSplitMboxOversizedIsRefused(t *testing.T) {
	mbox := "From a@b Sat Jan  3 01:05:34 1996\nSubject: big\n\n" + strings.Repeat("x", 1000) + "\n"
	err := gather.SplitMboxMax(strings.NewReader(mbox), 100, func(raw []byte) error {
		_, err := gather.ParseMessage(raw, gather.Options{MaxBytes: 100})
		if jic.ErrorCode(err) != jic.ETOOLARGE {
			t.Errorf("ParseMessage(cut message) = %v, want too_large", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestSplitMboxStops(t *testing.T) {
	stop := errors.New("stop")
	n := 0
	mbox := "From a@b Sat Jan  3 01:05:34 1996\nSubject: 1\n\nx\n\nFrom a@b Sat Jan  3 01:05:34 1996\nSubject: 2\n\ny\n"
	err := gather.SplitMbox(strings.NewReader(mbox), func([]byte) error { n++; return stop })
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("SplitMbox = %v after %d calls, want stop after 1", err, n)
	}
}
