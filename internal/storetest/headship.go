package storetest

import (
	"sync"
	"testing"
	"time"

	"github.com/jic-center/jic"
)

func testHeadship(t *testing.T, b Backend) {
	s := b.Open(t)
	w := newWorld(t, s) // Alpha (order 1) and Beta (order 2), founding
	admin := &jic.User{MemberID: w.b.ID, Name: "beatrice", Role: jic.RoleAdmin, PasswordHash: "x"}
	must(t, s.CreateUser(ctx, admin))
	_, err := s.RecordTerms(ctx, w.base)
	wantCode(t, "RecordTerms before founding", err, jic.ENOTFOUND)
	founded := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	must(t, s.Found(ctx, jic.Center{Founded: founded, TermMonths: 3}))
	wantCode(t, "Found twice", s.Found(ctx, jic.Center{Founded: founded, TermMonths: 3}), jic.ECONFLICT)
	c, err := s.Center(ctx)
	must(t, err)
	if !c.Founded.Equal(founded) || c.TermMonths != 3 {
		t.Errorf("Center = %+v", c)
	}

	got, err := s.RecordTerms(ctx, founded.Add(time.Hour))
	must(t, err)
	if len(got) != 1 || got[0].No != 0 || got[0].MemberID != w.a.ID {
		t.Fatalf("first RecordTerms = %+v, want term 0 headed by Alpha", got)
	}
	// Eight nodes wake up in term 3 at once: terms 1 to 3 are recorded once.
	var mu sync.Mutex
	var all []jic.Term
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ts, err := s.RecordTerms(ctx, time.Date(2026, 10, 15, 0, 0, 0, 0, time.UTC))
			if err != nil {
				t.Error(err)
			}
			mu.Lock()
			all = append(all, ts...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	if len(all) != 3 {
		t.Errorf("concurrent RecordTerms recorded %d terms in all, want 3", len(all))
	}
	// The clock going back records nothing.
	if got, err := s.RecordTerms(ctx, founded.Add(time.Hour)); err != nil || len(got) != 0 {
		t.Errorf("RecordTerms with an earlier clock = %v, %v; want nothing", got, err)
	}
	terms, err := s.Terms(ctx, 10)
	must(t, err)
	wantHeads := []int64{w.b.ID, w.a.ID, w.b.ID, w.a.ID} // newest first: terms 3, 2, 1, 0
	if len(terms) != 4 {
		t.Fatalf("Terms = %+v, want 4", terms)
	}
	for i, term := range terms {
		if term.No != int64(3-i) || term.MemberID != wantHeads[i] {
			t.Errorf("term %d = %+v, want member %d", 3-i, term, wantHeads[i])
		}
	}
	if terms[0].UserID != admin.ID || terms[1].UserID != 0 {
		t.Errorf("head users = %d, %d; want Beta's admin, then none (Alpha has no admin)", terms[0].UserID, terms[1].UserID)
	}
	// Alpha names its head; Alpha is suspended and loses its next turn.
	wantCode(t, "SetHeadUser(user of another member)", s.SetHeadUser(ctx, w.a.ID, admin.ID), jic.EINVALID)
	must(t, s.SetHeadUser(ctx, w.a.ID, w.ua.ID))
	must(t, s.SetMemberSuspended(ctx, w.a.ID, true))
	wantCode(t, "SetMemberSuspended(unknown)", s.SetMemberSuspended(ctx, 999, true), jic.ENOTFOUND)
	got, err = s.RecordTerms(ctx, time.Date(2027, 1, 2, 0, 0, 0, 0, time.UTC))
	must(t, err)
	if len(got) != 1 || got[0].No != 4 || got[0].MemberID != w.b.ID {
		t.Errorf("term 4 with Alpha suspended = %+v, want Beta", got)
	}
	m, err := s.Member(ctx, w.a.ID)
	must(t, err)
	if !m.Suspended || m.HeadUserID != w.ua.ID {
		t.Errorf("Alpha = %+v, want suspended with alice as head user", m)
	}
	events, err := s.AuditEvents(ctx, 0, 100)
	must(t, err)
	handovers := 0
	for _, e := range events {
		if e.Action == "head.handover" {
			handovers++
		}
	}
	if handovers != 5 {
		t.Errorf("%d head.handover events, want 5", handovers)
	}
	if _, err := s.VerifyAudit(ctx); err != nil {
		t.Error(err)
	}
}
