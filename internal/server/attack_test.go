package server_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/access"
	"github.com/jic-center/jic/internal/server"
)

// TestAttacks tries what an attacker with an account would.
func TestAttacks(t *testing.T) {
	e := newEnv(t, false)
	ctx := t.Context()
	alpha, _ := e.store.MemberByName(ctx, "Alpha")
	h, _ := access.HashPassword(password)
	chief := &jic.User{MemberID: alpha.ID, Name: "chief", Role: jic.RoleAdmin, PasswordHash: h}
	if err := e.store.CreateUser(ctx, chief); err != nil {
		t.Fatal(err)
	}
	if err := e.store.Found(ctx, jic.Center{TermMonths: 3}); err != nil {
		t.Fatal(err)
	}
	// Alpha's secret report, request and product.
	st, out, _ := e.do("POST", "/api/reports", "alpha", `{"title":"Strictly Alpha","text":"zanzibarword internal","marking":"AMBER+STRICT"}`)
	if st != 201 {
		t.Fatalf("POST report = %d %s", st, out)
	}
	var rep server.AddedReport
	json.Unmarshal([]byte(out), &rep)
	st, out, _ = e.do("POST", "/api/products", "alpha", `{"title":"Alpha eyes only","body":"secret","marking":"AMBER+STRICT"}`)
	if st != 201 {
		t.Fatalf("POST product = %d %s", st, out)
	}
	var prod jic.Product
	json.Unmarshal([]byte(out), &prod)
	// Beta's GREEN report on the same event joins the story of Alpha's.
	beta, _ := e.store.MemberByName(ctx, "Beta")
	betaRep := &jic.Report{OwnerMemberID: beta.ID, Title: "Beta on the port", Text: "zanzibarword port", Marking: jic.TLPGreen}
	if _, err := e.store.AddReports(ctx, []*jic.Report{betaRep}); err != nil {
		t.Fatal(err)
	}
	for _, id := range []int64{rep.ID, betaRep.ID} {
		a, err := e.store.AssignStory(ctx, id, []string{"geonames:160263", "org:zanzibar-port"}, []string{"zanzibarword", "port"})
		if err != nil || a.Story != rep.ID {
			t.Fatalf("AssignStory(%d) = %+v, %v; want story %d", id, a, err, rep.ID)
		}
	}

	t.Run("another member's AMBER+STRICT items", func(t *testing.T) {
		for _, path := range []string{"/api/reports/" + itoa(rep.ID), "/api/reports/" + itoa(rep.ID) + "/raw", "/api/products/" + itoa(prod.ID), "/reports/" + itoa(rep.ID)} {
			if st, body, _ := e.do("GET", path, "beta", ""); st != 404 || strings.Contains(body, "Strictly") {
				t.Errorf("beta GET %s = %d, want 404 with nothing of it", path, st)
			}
		}
		// The story they share shows Beta its own report only.
		st, body, _ := e.do("GET", "/api/stories/"+itoa(rep.ID), "beta", "")
		var story jic.Story
		json.Unmarshal([]byte(body), &story)
		if st != 200 || story.Reports != 1 || story.Title != "Beta on the port" || story.Marking != jic.TLPGreen || story.IndependentSources != 1 {
			t.Errorf("beta GET the shared story = %d %s, want Beta's report alone", st, body)
		}
		for _, path := range []string{"/api/search?q=zanzibarword", "/api/reports", "/api/products", "/search?q=zanzibarword", "/", "/api/stories", "/api/stories/" + itoa(rep.ID)} {
			if _, body, _ := e.do("GET", path, "beta", ""); strings.Contains(body, "Strictly") || strings.Contains(body, "Alpha eyes") {
				t.Errorf("beta GET %s shows Alpha's item", path)
			}
		}
		if _, body, _ := e.do("GET", "/", "beta", ""); !strings.Contains(body, ">1 reports you can see") {
			t.Errorf("beta's count of reports includes Alpha's")
		}
	})
	t.Run("a body field that would promote the caller", func(t *testing.T) {
		for _, c := range []struct{ user, method, path, body string }{
			{"alpha", "POST", "/api/reports", `{"title":"x","owner_member_id":2}`},
			{"alpha", "POST", "/api/reports", `{"title":"x","submitted_by":1}`},
			{"alpha", "POST", "/api/requests", `{"title":"x","assignee":"Alpha","owner_member_id":1}`},
			{"alpha", "POST", "/api/requests", `{"title":"x","assignee":"Alpha","status":"answered"}`},
			{"alpha", "PUT", "/api/products/" + itoa(prod.ID), `{"title":"x","state":"released"}`},
			{"chief", "POST", "/api/members", `{"name":"x","founding":true}`},
		} {
			if st, body, _ := e.do(c.method, c.path, c.user, c.body); st != 400 || !strings.Contains(body, "unknown field") {
				t.Errorf("%s %s %s = %d %s, want 400 unknown field", c.method, c.path, c.body, st, body)
			}
		}
	})
	t.Run("an expired token", func(t *testing.T) {
		secret, hash := access.NewToken()
		u, _ := e.store.UserByName(ctx, "alpha")
		if err := e.store.CreateToken(ctx, &jic.Token{UserID: u.ID, Hash: hash, ExpiresAt: time.Now().Add(-time.Minute)}); err != nil {
			t.Fatal(err)
		}
		req, _ := http.NewRequest("GET", e.ts.URL+"/api/search?q=x", nil)
		req.Header.Set("Authorization", "Bearer "+secret)
		res, err := http.DefaultClient.Do(req)
		if err != nil || res.StatusCode != 401 {
			t.Errorf("expired token = %v %v, want 401", res.StatusCode, err)
		}
	})
	t.Run("the head's powers without being head", func(t *testing.T) {
		_, out, _ := e.do("POST", "/api/products", "alpha", `{"title":"Sitrep","body":"calm","marking":"GREEN"}`)
		var p jic.Product
		json.Unmarshal([]byte(out), &p)
		if st, out, _ := e.do("POST", "/api/products/"+itoa(p.ID)+"/state", "alpha", `{"state":"review"}`); st != 200 {
			t.Fatalf("to review = %d %s", st, out)
		}
		for _, user := range []string{"alpha", "beta"} {
			if st, _, _ := e.do("POST", "/api/products/"+itoa(p.ID)+"/state", user, `{"state":"released"}`); st != 403 {
				t.Errorf("%s releases = %d, want 403", user, st)
			}
		}
		if st, out, _ := e.do("POST", "/api/products/"+itoa(p.ID)+"/state", "chief", `{"state":"released"}`); st != 200 || !strings.Contains(out, `"state":"released"`) {
			t.Errorf("the head releases = %d %s", st, out)
		}
		if st, _, _ := e.do("PUT", "/api/products/"+itoa(p.ID), "alpha", `{"title":"Sitrep","body":"rewritten"}`); st != 409 {
			t.Errorf("editing a released product = %d, want 409", st)
		}
		rating := `{"credibility":1,"reason":"seen by our own team"}`
		if st, _, _ := e.do("POST", "/api/stories/"+itoa(rep.ID)+"/rating", "alpha", rating); st != 403 {
			t.Errorf("alpha overrides a credibility rating = %d, want 403", st)
		}
		if st, out, _ := e.do("POST", "/api/stories/"+itoa(rep.ID)+"/rating", "chief", rating); st != 200 || !strings.Contains(out, `"credibility":1`) || !strings.Contains(out, "seen by our own team") {
			t.Errorf("the head overrides a credibility rating = %d %s", st, out)
		}
		if st, _, _ := e.do("POST", "/api/stories/"+itoa(rep.ID)+"/rating", "chief", `{"credibility":1,"reason":""}`); st != 400 {
			t.Errorf("an override without a reason = %d, want 400", st)
		}
		pir := `{"name":"PIR 1","query":"port closure","priority":true}`
		if st, _, _ := e.do("POST", "/api/watches", "alpha", pir); st != 403 {
			t.Errorf("alpha sets a priority information requirement = %d, want 403", st)
		}
		if st, out, _ := e.do("POST", "/api/watches", "chief", pir); st != 201 {
			t.Errorf("the head sets a priority information requirement = %d %s", st, out)
		}
		if _, out, _ := e.do("GET", "/api/watches", "beta", ""); !strings.Contains(out, "PIR 1") {
			t.Errorf("beta does not see the priority information requirement: %s", out)
		}
	})
}
