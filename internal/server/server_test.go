package server_test

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/access"
	"github.com/jic-center/jic/internal/server"
	"github.com/jic-center/jic/internal/sqlite"
)

const password = "a long enough password"

type env struct {
	t     testing.TB
	ts    *httptest.Server
	store jic.Store
}

func newEnv(t testing.TB, publish bool) *env {
	t.Helper()
	s, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "jic.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	h, _ := access.HashPassword(password)
	for i, name := range []string{"Alpha", "Beta"} {
		m := &jic.Member{Name: name, Founding: true, RotationOrder: i + 1}
		if err := s.CreateMember(t.Context(), m); err != nil {
			t.Fatal(err)
		}
		role := jic.RoleAnalyst
		if i == 1 {
			role = jic.RoleViewer
		}
		if err := s.CreateUser(t.Context(), &jic.User{MemberID: m.ID, Name: strings.ToLower(name), Role: role, PasswordHash: h}); err != nil {
			t.Fatal(err)
		}
	}
	srv := server.New(server.Config{MaxBodyBytes: 4096, PublishClear: publish}, s, slog.New(slog.DiscardHandler))
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return &env{t: t, ts: ts, store: s}
}

func (e *env) do(method, path, user, body string) (int, string, http.Header) {
	e.t.Helper()
	req, _ := http.NewRequest(method, e.ts.URL+path, strings.NewReader(body))
	if user != "" {
		req.SetBasicAuth(user, password)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b), res.Header
}

func TestProbes(t *testing.T) {
	e := newEnv(t, false)
	for _, p := range []string{"/healthz", "/readyz"} {
		if st, _, _ := e.do("GET", p, "", ""); st != 200 {
			t.Errorf("GET %s = %d, want 200", p, st)
		}
	}
}

func TestReportsAPI(t *testing.T) {
	e := newEnv(t, true)
	body := `{"title":"Floods in Baghdad","text":"Heavy rains flooded the Iraqi capital.","url":"https://example.org/a","published":"2018-07-15T10:00:00Z","source":"Wire","marking":"clear"}`
	st, out, _ := e.do("POST", "/api/reports", "alpha", body)
	if st != http.StatusCreated {
		t.Fatalf("POST = %d %s, want 201", st, out)
	}
	var added server.AddedReport
	json.Unmarshal([]byte(out), &added)
	if st, out, _ := e.do("POST", "/api/reports", "alpha", body); st != 200 || !strings.Contains(out, `"duplicate":true`) {
		t.Errorf("POST same again = %d %s, want 200 duplicate", st, out)
	}
	st, out, _ = e.do("GET", "/api/reports/"+itoa(added.ID), "", "")
	var facts jic.ReportFacts
	if err := json.Unmarshal([]byte(out), &facts); st != 200 || err != nil {
		t.Fatalf("GET report = %d %s", st, out)
	}
	if facts.Report.Language != "en" || facts.Report.SourceName != "Wire" || facts.Entities == nil || facts.Report.ContentHash == "" {
		t.Errorf("facts = %+v, want guessed language en, source Wire, empty entity list, hash", facts)
	}
	st, raw, h := e.do("GET", "/api/reports/"+itoa(added.ID)+"/raw", "", "")
	if st != 200 || raw != body || h.Get("Content-Security-Policy") != "sandbox" || !strings.HasPrefix(h.Get("Content-Disposition"), "attachment") {
		t.Errorf("GET raw = %d %q %v, want the exact body as an inert attachment", st, raw, h)
	}
	st, out, _ = e.do("GET", "/api/search?q=flooding&lang=en", "", "")
	if st != 200 || !strings.Contains(out, "<mark>") && !strings.Contains(out, `"marks":[[`) {
		t.Errorf("search = %d %s, want a hit with marks", st, out)
	}
	// An array, with one AMBER+STRICT report only Alpha may see.
	st, out, _ = e.do("POST", "/api/reports", "alpha", `[{"title":"Secret","text":"Only alpha.","marking":"AMBER+STRICT"},{"title":"Public","text":"For all."}]`)
	if st != 200 || strings.Count(out, `"id"`) != 2 {
		t.Fatalf("POST array = %d %s", st, out)
	}
	if _, out, _ := e.do("GET", "/api/search?q=secret", "beta", ""); strings.Contains(out, "Secret") {
		t.Errorf("beta found alpha's AMBER+STRICT report: %s", out)
	}
	if _, out, _ := e.do("GET", "/api/search?q=secret", "alpha", ""); !strings.Contains(out, "Secret") {
		t.Errorf("alpha did not find its own report: %s", out)
	}
}

func TestBadInput(t *testing.T) {
	e := newEnv(t, false)
	tests := []struct {
		name, method, path, user, body string
		status                         int
		code                           string
	}{
		{"no credentials", "POST", "/api/reports", "", `{"title":"x"}`, 401, jic.EUNAUTHORIZED},
		{"viewer submits", "POST", "/api/reports", "beta", `{"title":"x"}`, 403, jic.EFORBIDDEN},
		{"malformed json", "POST", "/api/reports", "alpha", `{"title":`, 400, jic.EINVALID},
		{"unknown field", "POST", "/api/reports", "alpha", `{"titel":"x"}`, 400, jic.EINVALID},
		{"trailing data", "POST", "/api/reports", "alpha", `{"title":"x"} {}`, 400, jic.EINVALID},
		{"empty body", "POST", "/api/reports", "alpha", ``, 400, jic.EINVALID},
		{"empty report", "POST", "/api/reports", "alpha", `{"title":"  "}`, 400, jic.EINVALID},
		{"invalid utf8", "POST", "/api/reports", "alpha", "{\"title\":\"bad \xff\"}", 400, jic.EINVALID},
		{"too large", "POST", "/api/reports", "alpha", `{"text":"` + strings.Repeat("a", 5000) + `"}`, 413, jic.ETOOLARGE},
		{"bad date", "POST", "/api/reports", "alpha", `{"title":"x","published":"yesterday"}`, 400, jic.EINVALID},
		{"bad marking", "POST", "/api/reports", "alpha", `{"title":"x","marking":"PINK"}`, 400, jic.EINVALID},
		{"unknown member", "POST", "/api/reports", "alpha", `{"title":"x","marking":"AMBER","share_with":["Nobody"]}`, 400, jic.EINVALID},
		{"bad id", "GET", "/api/reports/abc", "alpha", ``, 400, jic.EINVALID},
		{"missing report", "GET", "/api/reports/999", "alpha", ``, 404, jic.ENOTFOUND},
		{"unknown filter", "GET", "/api/search?q=x&colour=red", "alpha", ``, 400, jic.EINVALID},
		{"no query", "GET", "/api/search", "alpha", ``, 400, jic.EINVALID},
		{"huge page", "GET", "/api/search?q=x&limit=100000", "alpha", ``, 400, jic.EINVALID},
		{"sql in query", "GET", "/api/search?q=%27%3B+DROP+TABLE+reports%3B--", "alpha", ``, 200, ""},
		{"unknown endpoint", "GET", "/api/nothing", "alpha", ``, 404, jic.ENOTFOUND},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, out, _ := e.do(tt.method, tt.path, tt.user, tt.body)
			if st != tt.status {
				t.Fatalf("%s %s = %d %s, want %d", tt.method, tt.path, st, out, tt.status)
			}
			if tt.code == "" {
				return
			}
			var body server.ErrorBody
			if err := json.Unmarshal([]byte(out), &body); err != nil || body.Error.Code != tt.code || body.Error.Message == "" {
				t.Errorf("body %s, want error code %s with a message", out, tt.code)
			}
		})
	}
	if n, _ := e.store.CountReports(t.Context(), jic.SystemViewer); n != 0 {
		t.Errorf("bad requests stored %d reports", n)
	}
}

func TestPagesAreInert(t *testing.T) {
	e := newEnv(t, true)
	evil := `{"title":"<script>alert(1)</script> floods","text":"<img src=x onerror=alert(2)> floods here","url":"javascript:alert(3)","marking":"CLEAR"}`
	st, out, _ := e.do("POST", "/api/reports", "alpha", evil)
	if st != 201 {
		t.Fatalf("POST = %d %s", st, out)
	}
	var added server.AddedReport
	json.Unmarshal([]byte(out), &added)
	for _, p := range []string{"/", "/search?q=floods", "/search?q=%3Cscript%3E", "/reports/" + itoa(added.ID)} {
		st, html, h := e.do("GET", p, "", "")
		if st != 200 {
			t.Errorf("GET %s = %d", p, st)
		}
		if strings.Contains(html, "<script>alert") || strings.Contains(html, "<img src=x") || strings.Contains(html, `href="javascript:`) {
			t.Errorf("GET %s renders active content", p)
		}
		if !strings.Contains(h.Get("Content-Security-Policy"), "default-src 'self'") {
			t.Errorf("GET %s has no CSP", p)
		}
	}
	if st, _, _ := e.do("GET", "/?x=1", "", ""); st != 400 {
		t.Errorf("GET /?x=1 = %d, want 400", st)
	}
}

func itoa(n int64) string { return strings.TrimSpace(strings.ReplaceAll(jsonNum(n), "\n", "")) }

func jsonNum(n int64) string { b, _ := json.Marshal(n); return string(b) }

func TestHeadPowers(t *testing.T) {
	e := newEnv(t, false)
	ctx := t.Context()
	alpha, _ := e.store.MemberByName(ctx, "Alpha")
	beta, _ := e.store.MemberByName(ctx, "Beta")
	h, _ := access.HashPassword(password)
	if err := e.store.CreateUser(ctx, &jic.User{MemberID: alpha.ID, Name: "chief", Role: jic.RoleAdmin, PasswordHash: h}); err != nil {
		t.Fatal(err)
	}
	// Alpha is the only founding member: its admin heads the center.
	if err := e.store.Found(ctx, jic.Center{TermMonths: 3}); err != nil {
		t.Fatal(err)
	}
	if st, out, _ := e.do("GET", "/api/head", "alpha", ""); st != 200 || !strings.Contains(out, `"user":"chief"`) {
		t.Errorf("GET /api/head = %d %s, want chief", st, out)
	}
	if _, page, _ := e.do("GET", "/", "beta", ""); !strings.Contains(page, "headed by <strong>chief</strong> of <strong>Alpha</strong>") {
		t.Errorf("the pages do not announce the head")
	}
	for _, user := range []string{"alpha", "beta"} {
		if st, out, _ := e.do("POST", "/api/members", user, `{"name":"Delta"}`); st != 403 {
			t.Errorf("%s admits a member = %d %s, want 403", user, st, out)
		}
		if st, _, _ := e.do("POST", "/api/members/"+itoa(beta.ID)+"/suspend", user, ""); st != 403 {
			t.Errorf("%s suspends a member = %d, want 403", user, st)
		}
	}
	if st, out, _ := e.do("POST", "/api/members", "chief", `{"name":"Delta","founding":true}`); st != 400 {
		t.Errorf("admit with a field the body may not set = %d %s, want 400", st, out)
	}
	if st, out, _ := e.do("POST", "/api/members", "chief", `{"name":"Delta"}`); st != 201 || strings.Contains(out, `"founding":true`) {
		t.Errorf("the head admits a member = %d %s, want 201, not founding", st, out)
	}
	// beta signs in (its login is cached), then the head suspends Beta.
	if st, _, _ := e.do("GET", "/api/search?q=x", "beta", ""); st != 200 {
		t.Fatalf("beta before suspension = %d", st)
	}
	if st, out, _ := e.do("POST", "/api/members/"+itoa(beta.ID)+"/suspend", "chief", ""); st != 200 {
		t.Fatalf("the head suspends Beta = %d %s", st, out)
	}
	if st, _, _ := e.do("GET", "/api/search?q=x", "beta", ""); st != 401 {
		t.Errorf("beta after suspension = %d, want 401 at once", st)
	}
	events, _ := e.store.AuditEvents(ctx, 0, 100)
	last := events[len(events)-1]
	if last.Action != "member.suspend" || last.UserID == 0 {
		t.Errorf("last audit event = %+v, want member.suspend by the chief", last)
	}
}

// request sends a request with the given cookies and headers, without
// following redirects.
func request(t *testing.T, method, url, body string, cookies []*http.Cookie, headers map[string]string) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	for _, c := range cookies {
		req.AddCookie(c)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	if method == "POST" && strings.Contains(body, "=") && !strings.HasPrefix(body, "{") {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { res.Body.Close() })
	return res
}

func TestLoginAndCSRF(t *testing.T) {
	e := newEnv(t, false)
	// Without a session the pages send the browser to the sign-in form.
	if res := request(t, "GET", e.ts.URL+"/search?q=x", "", nil, nil); res.StatusCode != 303 || !strings.HasPrefix(res.Header.Get("Location"), "/login?next=") {
		t.Fatalf("GET a page signed out = %d %s, want a redirect to /login", res.StatusCode, res.Header.Get("Location"))
	}
	res := request(t, "GET", e.ts.URL+"/login", "", nil, nil)
	form, _ := io.ReadAll(res.Body)
	loginCSRF := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindStringSubmatch(string(form))
	if loginCSRF == nil {
		t.Fatalf("no csrf field in the sign-in form")
	}
	jar := res.Cookies()
	creds := "name=alpha&password=" + url.QueryEscape(password) + "&next=%2Fsearch%3Fq%3Dx"
	if res := request(t, "POST", e.ts.URL+"/login", creds+"&csrf=wrong", jar, nil); res.StatusCode != 403 {
		t.Errorf("POST /login with a wrong csrf = %d, want 403", res.StatusCode)
	}
	if res := request(t, "POST", e.ts.URL+"/login", creds+"&csrf="+loginCSRF[1], jar, map[string]string{"Origin": "https://evil.example"}); res.StatusCode != 403 {
		t.Errorf("POST /login from another origin = %d, want 403", res.StatusCode)
	}
	res = request(t, "POST", e.ts.URL+"/login", creds+"&csrf="+loginCSRF[1], jar, nil)
	if res.StatusCode != 303 || res.Header.Get("Location") != "/search?q=x" {
		t.Fatalf("POST /login = %d to %q, want 303 to the page asked for", res.StatusCode, res.Header.Get("Location"))
	}
	var session *http.Cookie
	for _, c := range res.Cookies() {
		if c.Name == "jic_session" {
			session = c
		}
	}
	if session == nil || !session.HttpOnly || session.SameSite != http.SameSiteLaxMode {
		t.Fatalf("session cookie = %+v, want HttpOnly and SameSite", session)
	}
	jar = []*http.Cookie{session}
	res = request(t, "GET", e.ts.URL+"/", "", jar, nil)
	home, _ := io.ReadAll(res.Body)
	csrf := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindStringSubmatch(string(home))
	if res.StatusCode != 200 || csrf == nil {
		t.Fatalf("home signed in = %d, want 200 with a sign-out form", res.StatusCode)
	}
	body := `{"title":"From a browser","text":"posted with a session"}`
	if res := request(t, "POST", e.ts.URL+"/api/reports", body, jar, nil); res.StatusCode != 403 {
		t.Errorf("POST with the session cookie and no CSRF token = %d, want 403", res.StatusCode)
	}
	if res := request(t, "POST", e.ts.URL+"/api/reports", body, jar, map[string]string{"X-CSRF-Token": csrf[1], "Origin": "https://evil.example"}); res.StatusCode != 403 {
		t.Errorf("POST with the token from another origin = %d, want 403", res.StatusCode)
	}
	if res := request(t, "POST", e.ts.URL+"/api/reports", body, jar, map[string]string{"X-CSRF-Token": csrf[1]}); res.StatusCode != 201 {
		t.Errorf("POST with the session and its CSRF token = %d, want 201", res.StatusCode)
	}
	if res := request(t, "POST", e.ts.URL+"/logout", "csrf="+csrf[1], jar, nil); res.StatusCode != 303 {
		t.Errorf("POST /logout = %d, want 303", res.StatusCode)
	}
	if res := request(t, "GET", e.ts.URL+"/api/search?q=x", "", jar, nil); res.StatusCode != 401 {
		t.Errorf("the old session after sign-out = %d, want 401", res.StatusCode)
	}
}

func TestETag(t *testing.T) {
	e := newEnv(t, true)
	e.do("POST", "/api/reports", "alpha", `{"title":"Tagged","text":"etag test","marking":"CLEAR"}`)
	_, _, h := e.do("GET", "/api/search?q=etag", "", "")
	tag := h.Get("ETag")
	if tag == "" {
		t.Fatal("no ETag on a read")
	}
	res := request(t, "GET", e.ts.URL+"/api/search?q=etag", "", nil, map[string]string{"If-None-Match": tag})
	if res.StatusCode != 304 {
		t.Errorf("GET with If-None-Match = %d, want 304", res.StatusCode)
	}
	e.do("POST", "/api/reports", "alpha", `{"title":"Tagged again","text":"etag test two","marking":"CLEAR"}`)
	res = request(t, "GET", e.ts.URL+"/api/search?q=etag", "", nil, map[string]string{"If-None-Match": tag})
	if res.StatusCode != 200 {
		t.Errorf("GET after a change with the old ETag = %d, want 200", res.StatusCode)
	}
}

func TestSourcesAPI(t *testing.T) {
	e := newEnv(t, false)
	alpha, _ := e.store.MemberByName(t.Context(), "Alpha")
	h, _ := access.HashPassword(password)
	if err := e.store.CreateUser(t.Context(), &jic.User{MemberID: alpha.ID, Name: "editor", Role: jic.RoleEditor, PasswordHash: h}); err != nil {
		t.Fatal(err)
	}
	feed := `{"name":"Sky News Arabia","kind":"feed","url":"https://www.skynewsarabia.com/rss","every":"10m","reliability":"b","language":"ar"}`
	for _, user := range []string{"alpha", "beta"} {
		if st, _, _ := e.do("POST", "/api/sources", user, feed); st != 403 {
			t.Errorf("%s registers a source = %d, want 403 (editors only)", user, st)
		}
	}
	st, out, _ := e.do("POST", "/api/sources", "editor", feed)
	if st != 201 || !strings.Contains(out, `"poll_every":"10m0s"`) || !strings.Contains(out, `"reliability":"B"`) {
		t.Fatalf("editor registers a source = %d %s", st, out)
	}
	var src jic.Source
	json.Unmarshal([]byte(out), &src)
	if st, out, _ := e.do("PUT", "/api/sources/"+itoa(src.ID), "editor", `{"name":"Sky News Arabia","kind":"feed","url":"https://www.skynewsarabia.com/rss","every":"1s"}`); st != 400 {
		t.Errorf("a one-second poll interval = %d %s, want 400", st, out)
	}
	if st, out, _ := e.do("GET", "/api/sources", "beta", ""); st != 200 || !strings.Contains(out, "Sky News Arabia") {
		t.Errorf("GET /api/sources = %d %s", st, out)
	}
	if st, _, _ := e.do("DELETE", "/api/sources/"+itoa(src.ID), "editor", ""); st != 200 {
		t.Errorf("DELETE a source nothing came from = %d", st)
	}
}

// A center whose heading member has named no head says so.
func TestHeadNotNamed(t *testing.T) {
	e := newEnv(t, false)
	if err := e.store.Found(t.Context(), jic.Center{TermMonths: 3}); err != nil {
		t.Fatal(err)
	}
	if _, page, _ := e.do("GET", "/", "beta", ""); !strings.Contains(page, "headed by <strong>Alpha</strong> (no head named yet)") {
		t.Errorf("the banner of a center with no head named: %s", page[:min(len(page), 2000)])
	}
}
