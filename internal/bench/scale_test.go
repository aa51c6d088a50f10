package bench_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/bench"
)

func TestScaleDeterministic(t *testing.T) {
	base := sample(t)
	n := len(base) + 100
	first := func(seed uint64) []*jic.Report {
		var out []*jic.Report
		for i, r := range bench.Scale(base, n, seed) {
			if i >= len(base)-50 { // the end of the base and 100 copies
				out = append(out, r)
			}
		}
		return out
	}
	a, b, c := first(1), first(1), first(2)
	if len(a) != 150 {
		t.Fatalf("Scale yielded %d reports past the base, want 150", len(a))
	}
	if !reflect.DeepEqual(a, b) {
		t.Error("Scale with the same seed yielded different reports")
	}
	differ := 0
	for i := range a {
		if !reflect.DeepEqual(a[i], c[i]) {
			differ++
		}
	}
	if differ < 140 {
		t.Errorf("Scale with seeds 1 and 2: only %d of 150 reports differ", differ)
	}
	// Random access agrees with the stream.
	corpus := bench.NewCorpus(base, 1)
	for i, r := range a {
		if got := corpus.Report(len(base) - 50 + i); !reflect.DeepEqual(got, r) {
			t.Fatalf("Corpus.Report(%d) differs from what Scale yielded", len(base)-50+i)
		}
	}
}

func TestScaleStreams(t *testing.T) {
	base := sample(t)
	yielded := 0
	for range bench.Scale(base, 1_000_000, 1) {
		if yielded++; yielded == 10 {
			break
		}
	}
	if yielded != 10 {
		t.Errorf("Scale yielded %d reports before the break, want 10", yielded)
	}
}

func TestScaleCopies(t *testing.T) {
	base := sample(t)
	const copies = 4000
	urls := map[string]bool{}
	marks := map[jic.Marking]int{}
	edited := 0
	for i, r := range bench.Scale(base, len(base)+copies, 3) {
		if urls[r.URL] {
			t.Fatalf("report %d: URL %s repeats", i, r.URL)
		}
		urls[r.URL] = true
		if i < len(base) {
			continue
		}
		marks[r.Marking]++
		if want := map[jic.Marking]int64{jic.TLPClear: bench.MemberAlpha, jic.TLPGreen: bench.MemberAlpha,
			jic.TLPAmber: bench.MemberBeta, jic.TLPAmberStrict: bench.MemberBeta}[r.Marking]; r.OwnerMemberID != want {
			t.Errorf("report %d: %s owned by member %d, want %d", i, r.Marking, r.OwnerMemberID, want)
		}
		if !strings.Contains(r.URL, "jicbench-copy=") || r.Published.IsZero() || r.Title == "" || r.Text == "" {
			t.Errorf("report %d: a copy needs a copy URL, a date, a title and a text: %+v", i, r)
		}
		if r.Text != baseText(base, r.URL) {
			edited++
		}
	}
	for m, want := range map[jic.Marking]float64{jic.TLPClear: 0.80, jic.TLPGreen: 0.10, jic.TLPAmber: 0.05, jic.TLPAmberStrict: 0.05} {
		if got := float64(marks[m]) / copies; got < want*0.8 || got > want*1.2 {
			t.Errorf("%.3f of copies are %s, want about %.2f", got, m, want)
		}
	}
	if edited < copies*3/4 {
		t.Errorf("%d of %d copies have the text of their base report, want most edited", copies-edited, copies)
	}
}

// baseText returns the text of the base report a copy's URL names.
func baseText(base []*jic.Report, copyURL string) string {
	u := copyURL[:strings.LastIndex(copyURL, "jicbench-copy=")-1]
	for _, r := range base {
		if r.URL == u {
			return r.Text
		}
	}
	return ""
}
