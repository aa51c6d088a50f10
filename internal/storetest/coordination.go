package storetest

import (
	"testing"
	"time"

	"github.com/jic-center/jic"
)

func testRequests(t *testing.T, b Backend) {
	s := b.Open(t)
	w := newWorld(t, s)
	va, vb := w.viewerA(), w.viewerB()
	due := time.Now().Add(-time.Hour) // already overdue
	r := &jic.Request{Kind: jic.RequestRFI, Title: "Casualty figures for Hodeidah", Body: "Need sourced figures.", AssigneeMemberID: w.b.ID, Due: due}
	must(t, s.CreateRequest(ctx, va, r))
	if r.OwnerMemberID != w.a.ID || r.Status != jic.RequestOpen || r.Marking != jic.TLPAmber {
		t.Fatalf("CreateRequest = %+v, want open AMBER from Alpha", r)
	}
	got, err := s.Request(ctx, vb, r.ID)
	must(t, err) // AMBER requests are shared with their assignee
	if !got.Overdue || len(got.ShareWith) != 1 || got.ShareWith[0] != w.b.ID {
		t.Errorf("Request as the assignee = %+v, want overdue and shared with Beta", got)
	}
	wantCode(t, "Alpha accepts its own request to Beta", s.MoveRequest(ctx, va, r.ID, jic.RequestAccepted), jic.EFORBIDDEN)
	must(t, s.MoveRequest(ctx, vb, r.ID, jic.RequestAccepted))
	wantCode(t, "accept twice", s.MoveRequest(ctx, vb, r.ID, jic.RequestAccepted), jic.ECONFLICT)
	must(t, s.AddRequestMessage(ctx, vb, r.ID, "Working on it; two sources so far."))
	wantCode(t, "empty message", s.AddRequestMessage(ctx, vb, r.ID, "  "), jic.EINVALID)

	// Beta answers with one report Alpha may see and one it may not.
	open := w.report("Hodeidah toll", "Officials said 40 died.", "en", 0)
	open.OwnerMemberID, open.Marking = w.b.ID, jic.TLPGreen
	private := w.report("Hodeidah internal", "Our own count.", "en", 1)
	private.OwnerMemberID, private.Marking = w.b.ID, jic.TLPAmberStrict
	w.add(t, open, private)
	must(t, s.AddRequestAnswer(ctx, vb, r.ID, jic.Ref{Kind: "report", ID: open.ID}))
	must(t, s.AddRequestAnswer(ctx, vb, r.ID, jic.Ref{Kind: "report", ID: private.ID}))
	wantCode(t, "answer with a report one cannot see", s.AddRequestAnswer(ctx, va, r.ID, jic.Ref{Kind: "report", ID: private.ID}), jic.EINVALID)
	must(t, s.MoveRequest(ctx, vb, r.ID, jic.RequestAnswered))
	asA, err := s.Request(ctx, va, r.ID)
	must(t, err)
	if len(asA.Answers) != 1 || asA.Answers[0].ID != open.ID || len(asA.Messages) != 1 || asA.Overdue {
		t.Errorf("Request as the requester = answers %v, messages %d, overdue %v; want only the GREEN answer, 1 message, not overdue once answered",
			asA.Answers, len(asA.Messages), asA.Overdue)
	}
	asB, _ := s.Request(ctx, vb, r.ID)
	if len(asB.Answers) != 2 {
		t.Errorf("Request as the assignee shows %d answers, want 2", len(asB.Answers))
	}
	wantCode(t, "the assignee closes", s.MoveRequest(ctx, vb, r.ID, jic.RequestClosed), jic.EFORBIDDEN)
	must(t, s.MoveRequest(ctx, va, r.ID, jic.RequestClosed))

	wantCode(t, "AMBER+STRICT to another member", s.CreateRequest(ctx, va, &jic.Request{Title: "x", AssigneeMemberID: w.b.ID, Marking: jic.TLPAmberStrict}), jic.EINVALID)
	viewer := jic.Viewer{UserID: w.ua.ID, MemberID: w.a.ID, Role: jic.RoleViewer}
	wantCode(t, "a viewer asks", s.CreateRequest(ctx, viewer, &jic.Request{Title: "x", AssigneeMemberID: w.b.ID}), jic.EFORBIDDEN)

	late := &jic.Request{Kind: jic.RequestTask, Title: "Translate the statement", AssigneeMemberID: w.b.ID, Due: time.Now().Add(-time.Minute), Marking: jic.TLPGreen}
	must(t, s.CreateRequest(ctx, va, late))
	overdue, err := s.Requests(ctx, vb, jic.RequestFilter{Overdue: true})
	must(t, err)
	if len(overdue) != 1 || overdue[0].ID != late.ID {
		t.Errorf("overdue requests = %v, want the task", overdue)
	}
}

func testProducts(t *testing.T, b Backend) {
	s := b.Open(t)
	w := newWorld(t, s)
	va := w.viewerA()
	src := w.report("Ceasefire holds", "Both sides confirmed.", "en", 0)
	w.add(t, src)
	p := &jic.Product{Title: "Sitrep 1", Body: "# Situation\nCalm.", Marking: jic.TLPGreen, Cites: []jic.Ref{{Kind: "report", ID: src.ID}}}
	must(t, s.CreateProduct(ctx, va, p))
	if p.State != jic.ProductDraft || p.Version != 1 {
		t.Fatalf("CreateProduct = %+v", p)
	}
	p.Body = "# Situation\nCalm, with one incident."
	must(t, s.EditProduct(ctx, va, p))
	wantCode(t, "release a draft", s.MoveProduct(ctx, va, p.ID, jic.ProductReleased, true), jic.ECONFLICT)
	must(t, s.MoveProduct(ctx, va, p.ID, jic.ProductReview, false))
	wantCode(t, "release without being head", s.MoveProduct(ctx, va, p.ID, jic.ProductReleased, false), jic.EFORBIDDEN)
	must(t, s.MoveProduct(ctx, w.viewerB(), p.ID, jic.ProductReleased, true)) // the head may be of another member
	got, err := s.Product(ctx, va, p.ID)
	must(t, err)
	if got.State != jic.ProductReleased || got.ReleasedBy != w.ub.ID || got.ReleasedAt.IsZero() || len(got.Cites) != 1 || got.Body != p.Body {
		t.Errorf("released product = %+v", got)
	}
	p.Body = "changed after release"
	wantCode(t, "edit a released product", s.EditProduct(ctx, va, p), jic.ECONFLICT)
	next, err := s.NewProductVersion(ctx, va, p.ID)
	must(t, err)
	if next.Version != 2 || next.PreviousID != p.ID || next.State != jic.ProductDraft {
		t.Errorf("NewProductVersion = %+v", next)
	}
	old, _ := s.Product(ctx, va, p.ID)
	if old.Body != got.Body || old.State != jic.ProductReleased {
		t.Errorf("the released version changed: %+v", old)
	}
	list, err := s.Products(ctx, va, "", 10)
	must(t, err)
	if len(list) != 2 || list[0].Body != "" {
		t.Errorf("Products = %d, want 2 without bodies", len(list))
	}
}
