package storetest

import (
	"testing"

	"github.com/jic-center/jic"
)

func testWatches(t *testing.T, b Backend) {
	s := b.Open(t)
	w := newWorld(t, s)
	va, vb := w.viewerA(), w.viewerB()
	mine := &jic.Watch{Name: "Hodeidah", Query: "Hodeidah OR الحديدة", Webhook: "https://alerts.example/hook"}
	must(t, s.CreateWatch(ctx, va, mine, false))
	pir := &jic.Watch{Name: "PIR 1: port closures", Query: `"port closure"`, Priority: true}
	wantCode(t, "a priority watch without being head", s.CreateWatch(ctx, vb, pir, false), jic.EFORBIDDEN)
	must(t, s.CreateWatch(ctx, vb, pir, true))
	wantCode(t, "a query that does not parse", s.CreateWatch(ctx, va, &jic.Watch{Name: "bad", Query: "-only"}, false), jic.EINVALID)
	wantCode(t, "a webhook that is not http", s.CreateWatch(ctx, va, &jic.Watch{Name: "x", Query: "x", Webhook: "file:///etc/passwd"}, false), jic.EINVALID)

	asB, err := s.Watches(ctx, vb)
	must(t, err)
	if len(asB) != 1 || !asB[0].Priority {
		t.Errorf("Watches for bob = %+v, want only the priority watch", asB)
	}
	asA, err := s.Watches(ctx, va)
	must(t, err)
	if len(asA) != 2 || asA[0].ID != pir.ID || asA[1].Webhook == "" {
		t.Errorf("Watches for alice = %+v, want the priority watch first, then hers with its webhook", asA)
	}
	wantCode(t, "delete another user's watch", s.DeleteWatch(ctx, vb, mine.ID, true), jic.ENOTFOUND)
	wantCode(t, "delete a priority watch without being head", s.DeleteWatch(ctx, va, pir.ID, false), jic.ENOTFOUND)
	must(t, s.DeleteWatch(ctx, va, pir.ID, true))
	must(t, s.DeleteWatch(ctx, va, mine.ID, false))
}
