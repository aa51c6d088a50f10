package storetest

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/jic-center/jic"
)

func testAudit(t *testing.T, b Backend) {
	s := b.Open(t)
	w := newWorld(t, s)
	actx := jic.WithActor(ctx, w.viewerA())
	if _, err := s.AddReports(actx, []*jic.Report{w.report("One", "first", "en", 0), w.report("Two", "second", "en", 1)}); err != nil {
		t.Fatal(err)
	}
	// A batch of duplicates changes nothing and is not an event.
	if _, err := s.AddReports(actx, []*jic.Report{w.report("One", "first", "en", 0)}); err != nil {
		t.Fatal(err)
	}
	events, err := s.AuditEvents(ctx, 0, 100)
	must(t, err)
	var actions []string
	for _, e := range events {
		actions = append(actions, e.Action)
	}
	want := "member.create member.create user.create user.create source.create report.add"
	if got := strings.Join(actions, " "); got != want {
		t.Fatalf("audit actions = %s, want %s", got, want)
	}
	last := events[len(events)-1]
	if last.UserID != w.ua.ID || last.MemberID != w.a.ID || !strings.Contains(last.Detail, `"count":2`) {
		t.Errorf("report.add event = %+v, want alice of Alpha and 2 reports", last)
	}
	if strings.Contains(events[2].Detail, "password") {
		t.Errorf("user.create event leaks the password hash: %s", events[2].Detail)
	}
	n, err := s.VerifyAudit(ctx)
	if err != nil || n != int64(len(events)) {
		t.Fatalf("VerifyAudit = %d, %v; want %d, nil", n, err, len(events))
	}
	t.Run("concurrent appends keep one chain", func(t *testing.T) {
		var wg sync.WaitGroup
		errs := make(chan error, 8)
		for g := range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range 5 {
					r := w.report(fmt.Sprintf("Parallel %d-%d", g, i), "text", "en", 10+i)
					if _, err := s.AddReports(actx, []*jic.Report{r}); err != nil {
						errs <- err
						return
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		if n, err := s.VerifyAudit(ctx); err != nil || n != int64(len(events))+40 {
			t.Errorf("VerifyAudit after 40 parallel batches = %d, %v; want %d", n, err, len(events)+40)
		}
	})
	if b.Exec == nil {
		return
	}
	tamper := []struct{ name, sql, first string }{
		{"edited detail", `UPDATE audit_events SET detail = '{"name":"Mallory"}' WHERE seq = 3`, "event 3"},
		{"deleted event", `DELETE FROM audit_events WHERE seq = 2`, "event 3"},
		{"cut end", `DELETE FROM audit_events WHERE seq = 6`, "event 5"},
	}
	for _, tt := range tamper {
		t.Run(tt.name, func(t *testing.T) {
			s := b.Open(t)
			w := newWorld(t, s)
			w.add(t, w.report("One", "first", "en", 0))
			b.Exec(t, s, tt.sql)
			_, err := s.VerifyAudit(ctx)
			if jic.ErrorCode(err) != jic.EINVALID || !strings.Contains(err.Error(), tt.first) {
				t.Errorf("VerifyAudit after %s = %v, want EINVALID naming %s", tt.name, err, tt.first)
			}
		})
	}
}
