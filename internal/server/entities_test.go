package server_test

import (
	"bufio"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/server"
	"github.com/jic-center/jic/internal/sqlite"
)

// claimWorld adds two GREEN reports of Alpha, one asserting and one
// denying that a strike hit Basra, with the claims linked as a
// contradiction, and an AMBER+STRICT one that alone names Zanzibar. It
// returns the asserting report's id and Basra's and Zanzibar's entity ids.
func claimWorld(t *testing.T, e *env) (said, basra, zanzibar int64) {
	t.Helper()
	ctx := t.Context()
	said = e.addPlaced("Alpha", &jic.Report{Title: "Strike on Basra", Text: "The ministry said the strike hit Basra on Sunday.", Marking: jic.TLPGreen, Language: "en"}, "Basra", 30.5, 47.8)
	denied := e.addPlaced("Alpha", &jic.Report{Title: "Rebels deny", Text: "A rebel spokesman denied the strike hit Basra.", Marking: jic.TLPGreen, Language: "en"}, "Basra", 30.5, 47.8)
	secret := e.addPlaced("Alpha", &jic.Report{Title: "Strictly Alpha", Text: "Convoy seen near Zanzibar and Basra.", Marking: jic.TLPAmberStrict, Language: "en"}, "Zanzibar", -6.16, 39.19)
	q1, q2 := "the strike hit Basra", "the strike hit Basra"
	t1 := "The ministry said the strike hit Basra on Sunday."
	t2 := "A rebel spokesman denied the strike hit Basra."
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(e.store.SetClaims(ctx, said, []jic.Claim{{Speaker: "The ministry", SpeakerKind: jic.SpeakerOrganization, Stance: jic.StanceAsserts, Cue: "said",
		Field: "text", Start: strings.Index(t1, q1), End: strings.Index(t1, q1) + len(q1), Quote: q1}}))
	must(e.store.SetClaims(ctx, denied, []jic.Claim{{Speaker: "A rebel spokesman", SpeakerKind: jic.SpeakerPerson, Stance: jic.StanceDenies, Cue: "denied",
		Field: "text", Start: strings.Index(t2, q2), End: strings.Index(t2, q2) + len(q2), Quote: q2}}))
	c1, err := e.store.ReportClaims(ctx, said)
	must(err)
	c2, err := e.store.ReportClaims(ctx, denied)
	must(err)
	must(e.store.LinkClaims(ctx, []jic.ClaimLink{{A: c1[0].ID, B: c2[0].ID, Score: 0.9, Contradiction: true}}))
	for _, id := range []int64{said, secret} {
		ms, err := e.store.Mentions(ctx, id)
		must(err)
		for _, m := range ms {
			switch m.Name {
			case "Basra":
				basra = m.EntityID
			case "Zanzibar":
				zanzibar = m.EntityID
			}
		}
	}
	// The secret report names Basra too: its count must not show to Beta.
	must(e.store.SetMentions(ctx, secret, jic.EntityPlace, []jic.Mention{
		{Field: "text", Start: 17, End: 25, Surface: "Zanzibar", Entity: &jic.Entity{Kind: jic.EntityPlace, Key: "test:Zanzibar", CanonicalName: "Zanzibar"}},
		{Field: "text", Start: 30, End: 35, Surface: "Basra", Entity: &jic.Entity{Kind: jic.EntityPlace, Key: "test:Basra", CanonicalName: "Basra"}},
	}))
	return said, basra, zanzibar
}

// TestEntityPages renders the entity page, the report page's claims and
// the dashboard's contradictions, and checks what Beta may not see.
func TestEntityPages(t *testing.T) {
	e := newEnv(t, false)
	said, basra, zanzibar := claimWorld(t, e)
	for _, c := range []struct{ path, user, want string }{
		{"/entities/" + itoa(basra), "alpha", `<h1 dir="auto">Basra`},
		{"/entities/" + itoa(basra), "alpha", `<svg class="timeline"`},
		{"/entities/" + itoa(basra), "alpha", `<a href="/entities/` + itoa(zanzibar) + `" dir="auto">Zanzibar</a>`},
		{"/entities/" + itoa(basra), "alpha", `<a href="/reports?entity=` + itoa(basra) + `">`},
		{"/reports/" + itoa(said), "alpha", `<mark class="claim stance-asserts" title="claim: The ministry asserts (organization, cue &#34;said&#34;)" id="claim-`},
		{"/reports/" + itoa(said), "alpha", `<mark class="claim-speaker"`},
		{"/reports/" + itoa(said), "alpha", `<mark class="m-place" title="place: Basra (XX)"><a href="/entities/` + itoa(basra) + `">Basra</a></mark></mark>`},
		{"/reports/" + itoa(said), "alpha", `A rebel spokesman`}, // the contradiction
		{"/", "alpha", `id="contradictions"`},
		{"/", "alpha", `A rebel spokesman`},
		{"/reports?entity=" + itoa(zanzibar), "alpha", `Strictly Alpha`},
		{"/reports?entity=" + itoa(basra), "beta", `mentioning <a href="/entities/` + itoa(basra) + `"`},
		{"/search?q=basra", "alpha", `<a href="/entities/` + itoa(basra) + `" dir="auto">Basra</a>`},
	} {
		st, body, _ := e.do("GET", c.path, c.user, "")
		if st != 200 || !strings.Contains(body, c.want) {
			t.Errorf("GET %s as %s = %d, want 200 with %q; got:\n%.3000s", c.path, c.user, st, c.want, body)
		}
	}
	for _, path := range []string{"/entities/" + itoa(zanzibar), "/api/entities/" + itoa(zanzibar), "/api/entities/" + itoa(zanzibar) + "/reports", "/reports?entity=" + itoa(zanzibar)} {
		if st, body, _ := e.do("GET", path, "beta", ""); st != 404 || strings.Contains(body, "Strictly") {
			t.Errorf("GET %s as beta = %d, want 404 and nothing of the AMBER+STRICT report", path, st)
		}
	}
	for _, path := range []string{"/entities/" + itoa(basra), "/api/entities/" + itoa(basra) + "/reports", "/api/places", "/api/search?q=basra", "/search?q=basra", "/map", "/"} {
		if _, body, _ := e.do("GET", path, "beta", ""); strings.Contains(body, "Zanzibar") || strings.Contains(body, "Strictly") {
			t.Errorf("GET %s as beta shows the AMBER+STRICT report's entities", path)
		}
	}
	for _, path := range []string{
		"/entities/x", "/entities/1?entity=2", "/entities/1?cursor=abc", "/api/entities/1?x=1", "/api/entities/1/reports?limit=100000",
		"/api/entities/1/reports?cursor=-3", "/api/places?limit=999999", "/api/places?colour=red", "/api/contradictions?limit=1000",
		"/api/contradictions?report=x", "/api/search?q=x&facets=maybe", "/reports?entity=abc", "/api/reports?entity=-1",
	} {
		if st, _, _ := e.do("GET", path, "alpha", ""); st != 400 {
			t.Errorf("GET %s = %d, want 400", path, st)
		}
	}
}

// TestEntityAPI reads entities, places, contradictions and search facets
// as JSON.
func TestEntityAPI(t *testing.T) {
	e := newEnv(t, false)
	said, basra, _ := claimWorld(t, e)
	get := func(path, user string, v any) {
		t.Helper()
		st, body, _ := e.do("GET", path, user, "")
		if st != 200 {
			t.Fatalf("GET %s = %d %s", path, st, body)
		}
		if err := json.Unmarshal([]byte(body), v); err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
	}
	var ent jic.Entity
	get("/api/entities/"+itoa(basra), "alpha", &ent)
	if ent.CanonicalName != "Basra" || len(ent.Aliases["en"]) != 1 {
		t.Errorf("GET /api/entities/%d = %+v, want Basra with its English alias", basra, ent)
	}
	var page1, page2 server.EntityReports
	get("/api/entities/"+itoa(basra)+"/reports?limit=2", "alpha", &page1)
	if len(page1.Reports) != 2 || page1.Next == "" || len(page1.Days) != 1 || page1.Days[0].Reports != 3 {
		t.Fatalf("first page = %d reports, next %q, days %v; want 2, a cursor and 3 reports today", len(page1.Reports), page1.Next, page1.Days)
	}
	get("/api/entities/"+itoa(basra)+"/reports?limit=2&cursor="+page1.Next, "alpha", &page2)
	if len(page2.Reports) != 1 || page2.Next != "" {
		t.Errorf("second page = %d reports, next %q; want the last one", len(page2.Reports), page2.Next)
	}
	var places struct{ Places []jic.PlaceCount }
	get("/api/places", "beta", &places)
	if len(places.Places) != 1 || places.Places[0].Name != "Basra" || places.Places[0].Reports != 2 {
		t.Errorf("GET /api/places as beta = %+v, want Basra in 2 reports", places.Places)
	}
	var contra struct{ Contradictions []jic.Contradiction }
	get("/api/contradictions?report="+itoa(said), "beta", &contra)
	if len(contra.Contradictions) != 1 || contra.Contradictions[0].Denial.Speaker != "A rebel spokesman" {
		t.Errorf("GET /api/contradictions = %+v, want the spokesman's denial", contra.Contradictions)
	}
	var res server.SearchResponse
	get("/api/search?q=basra&limit=1", "beta", &res)
	if res.Facets == nil || res.Facets.Matches != 2 || len(res.Facets.Places) != 1 || res.Next == "" {
		t.Errorf("GET /api/search as beta: facets %+v, next %q; want 2 matches, Basra only, and a next page", res.Facets, res.Next)
	}
	for _, path := range []string{"/api/search?q=basra&limit=1&cursor=" + url.QueryEscape(res.Next), "/api/search?q=basra&facets=false"} {
		res = server.SearchResponse{}
		get(path, "alpha", &res)
		if res.Facets != nil || len(res.Hits) == 0 {
			t.Errorf("GET %s returned facets (or no hits): %+v", path, res)
		}
	}
	var list struct{ Reports []jic.Report }
	get("/api/reports?entity="+itoa(basra), "beta", &list)
	if len(list.Reports) != 2 {
		t.Errorf("GET /api/reports?entity = %d reports, want 2", len(list.Reports))
	}
	get("/api/reports?after="+itoa(said), "alpha", &list)
	if len(list.Reports) != 2 || list.Reports[0].ID != said+1 {
		t.Errorf("GET /api/reports?after=%d = %d reports, want the 2 stored later, oldest first", said, len(list.Reports))
	}
}

// TestRequestPage opens a request and adds to its discussion through the
// form, which needs the session's CSRF token.
func TestRequestPage(t *testing.T) {
	e := newEnv(t, false)
	st, body, _ := e.do("POST", "/api/requests", "alpha", `{"title":"Casualty figures for Basra","body":"How many?","assignee":"Beta","marking":"GREEN"}`)
	if st != 201 {
		t.Fatalf("POST /api/requests = %d %s", st, body)
	}
	var rq jic.Request
	json.Unmarshal([]byte(body), &rq)
	path := "/requests/" + itoa(rq.ID)
	cookie := signIn(t, e, "beta")
	res := request(t, "GET", e.ts.URL+path, "", []*http.Cookie{cookie}, nil)
	page, _ := io.ReadAll(res.Body)
	csrf := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindStringSubmatch(string(page))
	if res.StatusCode != 200 || csrf == nil || !strings.Contains(string(page), "Casualty figures for Basra") || !strings.Contains(string(page), "How many?") {
		t.Fatalf("GET %s = %d, want the request with a message form:\n%s", path, res.StatusCode, page)
	}
	if res := request(t, "POST", e.ts.URL+path+"/messages", "body=No+token", []*http.Cookie{cookie}, nil); res.StatusCode != 403 {
		t.Errorf("POST a message without the CSRF token = %d, want 403", res.StatusCode)
	}
	res = request(t, "POST", e.ts.URL+path+"/messages", "body=Twelve%2C+says+the+hospital.&csrf="+csrf[1], []*http.Cookie{cookie}, nil)
	if res.StatusCode != 303 || res.Header.Get("Location") != path+"#discussion" {
		t.Fatalf("POST a message = %d to %q, want 303 to the discussion", res.StatusCode, res.Header.Get("Location"))
	}
	if _, body, _ := e.do("GET", path, "alpha", ""); !strings.Contains(body, "Twelve, says the hospital.") || !strings.Contains(body, "beta (Beta)") {
		t.Errorf("the discussion does not show beta's message:\n%s", body)
	}
	if _, body, _ := e.do("GET", "/requests", "alpha", ""); !strings.Contains(body, `<a href="`+path+`"`) {
		t.Errorf("the requests list does not link to the request")
	}
	if st, _, _ := e.do("GET", "/requests/999", "alpha", ""); st != 404 {
		t.Errorf("GET /requests/999 = %d, want 404", st)
	}
}

// TestCloseEndsStreams: Close ends an open live stream instead of waiting
// for it, so it returns without the shutdown timing out.
func TestCloseEndsStreams(t *testing.T) {
	s, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "jic.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	srv := server.New(server.Config{Addr: "127.0.0.1:0", PublishClear: true}, s, slog.New(slog.DiscardHandler))
	if err := srv.Open(); err != nil {
		t.Fatal(err)
	}
	res, err := http.Get("http://" + srv.Addr() + "/reports/stream")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if line, err := bufio.NewReader(res.Body).ReadString('\n'); err != nil || !strings.HasPrefix(line, "retry:") {
		t.Fatalf("stream began with %q, %v", line, err)
	}
	start := time.Now()
	if err := srv.Close(); err != nil {
		t.Errorf("Close with an open stream = %v, want nil", err)
	}
	t.Logf("Close took %v with a stream open", time.Since(start))
}
