package storetest

import (
	"bytes"
	"compress/gzip"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/dedup"
)

func testBackup(t *testing.T, b Backend) {
	w, _ := searchWorld(t, b)
	red := w.report("Red eyes only", "For alice only.", "en", 30)
	red.Marking, red.Recipients, red.SubmittedBy = jic.TLPRed, []int64{w.ua.ID}, w.ua.ID
	amber := w.report("Amber shared", "Shared with Beta.", "en", 31)
	amber.Marking, amber.ShareWith = jic.TLPAmber, []int64{w.b.ID}
	w.add(t, red, amber)
	// Duplicate detection's tables travel too: a copy filed after the
	// restore still finds its group through the restored band keys.
	wire := w.report("Port reopens", dedupArticle, "en", 32)
	copy1 := w.report("Port reopens", dedupArticle, "en", 33)
	copy1.URL += "/copy"
	w.add(t, wire, copy1)
	print := func(r *jic.Report) []byte {
		p := dedup.Fingerprint(r.Title, r.Text, r.Language)
		bs, _ := p.MarshalBinary()
		return bs
	}
	for _, r := range []*jic.Report{wire, copy1} {
		_, err := w.s.Deduplicate(ctx, r.ID, print(r))
		must(t, err)
	}

	var buf bytes.Buffer
	must(t, w.s.Backup(ctx, &buf))
	fresh := b.Open(t)
	must(t, fresh.Restore(ctx, bytes.NewReader(buf.Bytes())))

	before, err := w.s.Reports(ctx, jic.SystemViewer, jic.ReportFilter{Limit: 100})
	must(t, err)
	after, err := fresh.Reports(ctx, jic.SystemViewer, jic.ReportFilter{Limit: 100})
	must(t, err)
	if diff := cmp.Diff(before, after); diff != "" {
		t.Errorf("restored reports differ (-before +after):\n%s", diff)
	}
	for _, r := range before {
		x, err := w.s.Report(ctx, jic.SystemViewer, r.ID)
		must(t, err)
		y, err := fresh.Report(ctx, jic.SystemViewer, r.ID)
		must(t, err)
		if diff := cmp.Diff(x, y); diff != "" {
			t.Errorf("restored report %d differs (-before +after):\n%s", r.ID, diff)
		}
	}
	// The counts of reports follow the restored rows.
	for _, v := range []jic.Viewer{jic.SystemViewer, w.viewerA(), w.viewerB(), {}} {
		n, err := w.s.CountReports(ctx, v)
		must(t, err)
		if got, err := fresh.CountReports(ctx, v); err != nil || got != n {
			t.Errorf("CountReports(member %d) after restore = %d, %v; want %d", v.MemberID, got, err, n)
		}
	}
	// The index is rebuilt and scope still holds.
	res, err := fresh.Search(ctx, jic.SystemViewer, jic.SearchQuery{Q: "فيضان"})
	must(t, err)
	if len(res.Hits) != 1 {
		t.Errorf("search after restore: %d hits, want 1", len(res.Hits))
	}
	if _, err := fresh.Report(ctx, w.viewerB(), red.ID); jic.ErrorCode(err) != jic.ENOTFOUND {
		t.Errorf("restored RED report visible to another member: %v", err)
	}
	if _, err := fresh.Report(ctx, w.viewerB(), amber.ID); err != nil {
		t.Errorf("restored AMBER report shared with B not visible to B: %v", err)
	}
	if sy, err := fresh.Syndication(ctx, jic.SystemViewer, copy1.ID); err != nil || sy.Kind != jic.SyndicationExact || sy.Of != wire.ID {
		t.Errorf("restored syndication of the copy: %+v, %v", sy, err)
	}
	near := w.report("Port reopens, agencies say", strings.Replace(dedupArticle, "Meteorologists", "Forecasters", 1), "en", 34)
	if _, err := fresh.AddReports(ctx, []*jic.Report{near}); err != nil {
		t.Fatal(err)
	}
	if sy, err := fresh.Deduplicate(ctx, near.ID, print(near)); err != nil || sy.Kind != jic.SyndicationNear || sy.Group != wire.ID {
		t.Errorf("a copy filed after the restore: %+v, %v; want a near copy in group %d", sy, err, wire.ID)
	}
	// New reports after a restore get fresh ids.
	nr := w.report("After restore", "new", "en", 40)
	res2, err := fresh.AddReports(ctx, []*jic.Report{nr})
	must(t, err)
	if res2[0].ID <= amber.ID {
		t.Errorf("id after restore = %d, want > %d", res2[0].ID, amber.ID)
	}
	if _, err := fresh.UserByName(ctx, "alice"); err != nil {
		t.Errorf("user after restore: %v", err)
	}
}

func testRestoreRefuses(t *testing.T, b Backend) {
	w, _ := searchWorld(t, b)
	var buf bytes.Buffer
	must(t, w.s.Backup(ctx, &buf))
	good := buf.Bytes()

	var plain bytes.Buffer
	zw := gzip.NewWriter(&plain)
	zw.Write([]byte(`{"format":"something-else"}` + "\n"))
	zw.Close()
	flipped := reGzip(t, good, func(b []byte) []byte { return bytes.Replace(b, []byte("Baghdad"), []byte("Bagdad!"), 1) })
	truncated := reGzip(t, good, func(b []byte) []byte { return b[:len(b)*2/3] })
	tests := []struct {
		name string
		data []byte
		code string
	}{
		{"not gzip", []byte("SQLite format 3\x00 definitely not a backup"), jic.EINVALID},
		{"foreign json", plain.Bytes(), jic.EINVALID},
		{"altered", flipped, jic.EINVALID},
		{"truncated", truncated, jic.EINVALID},
		{"cut gzip", good[:len(good)/2], jic.EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fresh := b.Open(t)
			wantCode(t, "Restore", fresh.Restore(ctx, bytes.NewReader(tt.data)), tt.code)
			if n, _ := fresh.CountReports(ctx, jic.SystemViewer); n != 0 {
				t.Errorf("a refused restore left %d reports", n)
			}
			if m, _ := fresh.Members(ctx); len(m) != 0 {
				t.Errorf("a refused restore left %d members", len(m))
			}
		})
	}
	t.Run("not empty", func(t *testing.T) {
		wantCode(t, "Restore into a store with data", w.s.Restore(ctx, bytes.NewReader(good)), jic.ECONFLICT)
		if n, _ := w.s.CountReports(ctx, jic.SystemViewer); n != len(corpus) {
			t.Errorf("after a refused restore CountReports = %d, want %d", n, len(corpus))
		}
	})
}

// reGzip decompresses a backup, edits the JSON lines and compresses again,
// as someone editing the file would.
func reGzip(t *testing.T, data []byte, edit func([]byte) []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(data))
	must(t, err)
	var plain bytes.Buffer
	if _, err := plain.ReadFrom(zr); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := gzip.NewWriter(&out)
	zw.Write(edit(plain.Bytes()))
	zw.Close()
	return out.Bytes()
}
