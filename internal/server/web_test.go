package server_test

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/access"
)

// addPlaced stores a report of member (by name) and, when place is not
// empty, a mention of that place at its first occurrence in the text.
func (e *env) addPlaced(member string, r *jic.Report, place string, lat, lon float64) int64 {
	e.t.Helper()
	ctx := context.Background()
	m, err := e.store.MemberByName(ctx, member)
	if err != nil {
		e.t.Fatal(err)
	}
	r.OwnerMemberID = m.ID
	res, err := e.store.AddReports(ctx, []*jic.Report{r})
	if err != nil {
		e.t.Fatal(err)
	}
	id := res[0].ID
	if at := strings.Index(r.Text, place); place != "" && at >= 0 {
		ms := []jic.Mention{{Field: "text", Start: at, End: at + len(place), Surface: place, Confidence: 1,
			Entity: &jic.Entity{Kind: jic.EntityPlace, Key: "test:" + place, CanonicalName: place, Lat: lat, Lon: lon, Country: "XX"}}}
		if err := e.store.SetMentions(ctx, id, jic.EntityPlace, ms); err != nil {
			e.t.Fatal(err)
		}
	}
	return id
}

// TestWebPages renders every page for a signed-in analyst.
func TestWebPages(t *testing.T) {
	e := newEnv(t, false)
	if err := e.store.Found(t.Context(), jic.Center{TermMonths: 3}); err != nil {
		t.Fatal(err)
	}
	id := e.addPlaced("Alpha", &jic.Report{Title: "Floods in Baghdad", Text: "Heavy rains flooded Baghdad on 15 July 2018.", Marking: jic.TLPGreen, Language: "en"}, "Baghdad", 33.34, 44.4)
	e.do("POST", "/api/products", "alpha", `{"title":"Sitrep one","body":"# Calm\nAll quiet.","marking":"GREEN"}`)
	for _, c := range []struct{ path, want string }{
		{"/", "Newest stories"},
		{"/", `id="places"`},
		{"/reports", "Floods in Baghdad"},
		{"/reports", `<span class="tlp tlp-green">TLP:GREEN</span>`},
		{"/reports?lang=en&marking=green&since=2000-01-01", "Floods in Baghdad"},
		{"/reports/" + itoa(id), `<mark class="m-place" title="place: Baghdad (XX)"><a href="/entities/`},
		{"/search?q=baghdad", "<mark>"},
		{"/search?q=baghdad", `href="/search?lang=en&amp;q=baghdad"`},
		{"/map", `"name":"Baghdad"`},
		{"/sources", "Sources"},
		{"/members", "Alpha"},
		{"/requests", "Requests and tasks"},
		{"/products", "Sitrep one"},
	} {
		st, body, h := e.do("GET", c.path, "alpha", "")
		if st != 200 || !strings.Contains(body, c.want) {
			t.Errorf("GET %s = %d, want 200 with %q; got:\n%.2000s", c.path, st, c.want, body)
		}
		if !strings.Contains(h.Get("Content-Security-Policy"), "script-src 'self'") {
			t.Errorf("GET %s has no script policy", c.path)
		}
	}
}

// TestWebBadInput sends what an attacker would put in reports and URLs.
func TestWebBadInput(t *testing.T) {
	e := newEnv(t, false)
	id := e.addPlaced("Alpha", &jic.Report{
		Title: `<script>alert("title")</script>`, Text: `<img src=x onerror=alert(1)> and <script>alert("text")</script>`,
		URL: "javascript:alert(document.cookie)", Marking: jic.TLPGreen, Language: "en",
	}, "", 0, 0)
	for _, path := range []string{"/", "/reports", "/reports/" + itoa(id), "/search?q=alert"} {
		st, body, _ := e.do("GET", path, "alpha", "")
		if st != 200 {
			t.Errorf("GET %s = %d, want 200", path, st)
		}
		if strings.Contains(body, "<script>alert") || strings.Contains(body, "<img src=x") || strings.Contains(body, `href="javascript:`) {
			t.Errorf("GET %s renders the report's markup or link live:\n%s", path, body)
		}
	}
	if _, body, _ := e.do("GET", "/reports/"+itoa(id), "alpha", ""); !strings.Contains(body, "(not a web link)") {
		t.Errorf("the javascript: URL is not shown as plain text")
	}
	for _, path := range []string{
		"/reports?limit=100000", "/reports?limit=-1", "/reports?colour=red", "/reports?since=yesterday",
		"/reports?marking=PURPLE", "/reports?since=2020-01-02&until=2020-01-01", "/reports/1%20OR%201=1",
		"/search?q=x&limit=1000000", "/search?q=x&sort=%27;DROP%20TABLE%20reports;--", "/search?q=x&evil=1", "/search?q=",
		"/map?since=%3Cscript%3E", "/map?zoom=3", "/requests?status=%3Cb%3E", "/products?state=x", "/?x=1",
		"/reports/stream?after=-5", "/reports/stream?lang=en&x=1",
	} {
		st, body, _ := e.do("GET", path, "alpha", "")
		if st != 400 {
			t.Errorf("GET %s = %d, want 400", path, st)
		}
		if strings.Contains(body, "<script>") || strings.Contains(body, "<b>") {
			t.Errorf("GET %s echoes markup: %s", path, body)
		}
	}
	// SQL in a search query is text to look for, not SQL.
	if st, _, _ := e.do("GET", "/search?q=%27%20OR%201%3D1%3B%20DROP%20TABLE%20reports%3B--", "alpha", ""); st != 200 {
		t.Errorf("search for SQL = %d, want 200", st)
	}
	if st, _, _ := e.do("GET", "/reports", "alpha", ""); st != 200 {
		t.Errorf("reports after the SQL search = %d", st)
	}
}

// TestReportStream watches the event stream deliver a new report to the
// member that may see it, and not another member's AMBER+STRICT one.
func TestReportStream(t *testing.T) {
	e := newEnv(t, false)
	first := e.addPlaced("Alpha", &jic.Report{Title: "Before", Text: "Already there.", Marking: jic.TLPGreen}, "", 0, 0)
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", e.ts.URL+"/reports/stream?after="+itoa(first), nil)
	req.SetBasicAuth("beta", password)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("stream = %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	e.addPlaced("Alpha", &jic.Report{Title: "Strictly Alpha news", Text: "Not for Beta.", Marking: jic.TLPAmberStrict}, "", 0, 0)
	e.addPlaced("Alpha", &jic.Report{Title: "Fresh <b>news</b>", Text: "For everyone.", Marking: jic.TLPGreen}, "", 0, 0)
	var got strings.Builder
	sc := bufio.NewScanner(res.Body)
	for sc.Scan() {
		got.WriteString(sc.Text() + "\n")
		if strings.Contains(sc.Text(), "Fresh") {
			break
		}
	}
	if !strings.Contains(got.String(), "event: report") || !strings.Contains(got.String(), "Fresh &lt;b&gt;news&lt;/b&gt;") {
		t.Errorf("stream sent:\n%s\nwant the fresh report, escaped", got.String())
	}
	if strings.Contains(got.String(), "Strictly") || strings.Contains(got.String(), "Before") {
		t.Errorf("stream sent a report beta may not see, or an old one:\n%s", got.String())
	}
}

// TestProductForms drafts, edits and moves a product through the forms,
// and refuses a session's form without its CSRF token.
func TestProductForms(t *testing.T) {
	e := newEnv(t, false)
	post := func(path, user string, form url.Values, cookie *http.Cookie) (int, string) {
		t.Helper()
		req, _ := http.NewRequest("POST", e.ts.URL+path, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if user != "" {
			req.SetBasicAuth(user, password)
		}
		if cookie != nil {
			req.AddCookie(cookie)
		}
		res, err := noRedirect.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, res.Header.Get("Location") + string(b)
	}
	st, loc := post("/products", "alpha", url.Values{"title": {"Sitrep <b>2</b>"}, "body": {"# Heading\n<script>x</script>"}, "marking": {"green"}}, nil)
	if st != http.StatusSeeOther || !strings.HasPrefix(loc, "/products/") {
		t.Fatalf("create = %d %s, want a redirect to the product", st, loc)
	}
	path := strings.Fields(loc)[0]
	if st, out := post(path, "alpha", url.Values{"title": {"Sitrep 2"}, "body": {"Edited text."}}, nil); st != http.StatusSeeOther {
		t.Errorf("edit = %d %s", st, out)
	}
	if st, out := post(path+"/state", "alpha", url.Values{"state": {"review"}}, nil); st != http.StatusSeeOther {
		t.Errorf("to review = %d %s", st, out)
	}
	if st, _ := post(path+"/state", "alpha", url.Values{"state": {"released"}}, nil); st != http.StatusForbidden && st != http.StatusNotFound {
		t.Errorf("alpha releases without being head = %d, want 403 (or 404 before founding)", st)
	}
	if st, body, _ := e.do("GET", path, "alpha", ""); st != 200 || !strings.Contains(body, "Edited text.") || !strings.Contains(body, "state-review") {
		t.Errorf("product page = %d, want the edited text in review:\n%s", st, body)
	}
	if _, body, _ := e.do("GET", path, "beta", ""); !strings.Contains(body, "Edited text.") {
		t.Errorf("beta does not see the GREEN product")
	}
	// A signed-in browser's form must carry its CSRF token.
	session := signIn(t, e, "alpha")
	if st, _ := post("/products", "", url.Values{"title": {"No token"}}, session); st != http.StatusForbidden {
		t.Errorf("form without CSRF token = %d, want 403", st)
	}
	if st, body, _ := e.do("GET", "/sources", "", ""); st != http.StatusOK || !strings.Contains(body, "Sign in") {
		t.Errorf("anonymous /sources = %d, want the sign-in page", st)
	}
}

var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// signIn signs user in through the form and returns the session cookie.
func signIn(t *testing.T, e *env, user string) *http.Cookie {
	t.Helper()
	res, err := noRedirect.Get(e.ts.URL + "/login")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	var token *http.Cookie
	for _, c := range res.Cookies() {
		if c.Name == "jic_login" {
			token = c
		}
	}
	form := url.Values{"name": {user}, "password": {password}, "csrf": {token.Value}}
	req, _ := http.NewRequest("POST", e.ts.URL+"/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(token)
	res, err = noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	for _, c := range res.Cookies() {
		if c.Name == access.SessionCookie && c.Value != "" {
			return c
		}
	}
	t.Fatalf("login = %d, no session cookie", res.StatusCode)
	return nil
}
