package server_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/access"
)

// TestStoryPages: the stories list and a story page with its rating,
// sources, claims and map, as each member may see them, and the head's
// override through the form.
func TestStoryPages(t *testing.T) {
	e := newEnv(t, false)
	ctx := context.Background()
	alpha, _ := e.store.MemberByName(ctx, "Alpha")
	h, _ := access.HashPassword(password)
	if err := e.store.CreateUser(ctx, &jic.User{MemberID: alpha.ID, Name: "chief", Role: jic.RoleAdmin, PasswordHash: h}); err != nil {
		t.Fatal(err)
	}
	if err := e.store.Found(ctx, jic.Center{TermMonths: 3}); err != nil {
		t.Fatal(err)
	}
	wire := e.addPlaced("Alpha", &jic.Report{Title: "Port of Basra reopens", Text: "The port of Basra reopened, officials said.", Marking: jic.TLPGreen}, "Basra", 30.5, 47.8)
	secret := e.addPlaced("Alpha", &jic.Report{Title: "Strictly Alpha on Basra", Text: "Our own view of Basra.", Marking: jic.TLPAmberStrict}, "Basra", 30.5, 47.8)
	denial := e.addPlaced("Beta", &jic.Report{Title: "Ministry denies Basra reopening", Text: "The ministry denied that the port of Basra reopened.", Marking: jic.TLPGreen}, "Basra", 30.5, 47.8)
	for _, id := range []int64{wire, secret, denial} {
		if a, err := e.store.AssignStory(ctx, id, []string{"test:Basra", "test:Basra", "org:port-of-basra"}, []string{"port", "basra", "reopen"}); err != nil || a.Story != wire {
			t.Fatalf("AssignStory(%d) = %+v, %v", id, a, err)
		}
	}
	if err := e.store.SetClaims(ctx, wire, []jic.Claim{{Speaker: "officials", SpeakerKind: jic.SpeakerAnonymous, Stance: jic.StanceAsserts, Cue: "said",
		Field: "text", Start: 0, End: 30, Quote: "The port of Basra reopened", AboutKeys: []string{"test:Basra"}}}); err != nil {
		t.Fatal(err)
	}
	if err := e.store.SetClaims(ctx, denial, []jic.Claim{{Speaker: "The ministry", SpeakerKind: jic.SpeakerOrganization, Stance: jic.StanceDenies, Cue: "denied",
		Field: "text", Start: 25, End: 51, Quote: "the port of Basra reopened <script>", AboutKeys: []string{"test:Basra"}}}); err != nil {
		t.Fatal(err)
	}
	a, _ := e.store.ReportClaims(ctx, wire)
	d, _ := e.store.ReportClaims(ctx, denial)
	if err := e.store.LinkClaims(ctx, []jic.ClaimLink{{A: a[0].ID, B: d[0].ID, Score: 0.9, Contradiction: true}}); err != nil {
		t.Fatal(err)
	}

	path := "/stories/" + itoa(wire)
	st, body, _ := e.do("GET", path, "alpha", "")
	for _, want := range []string{"Port of Basra reopens", "Strictly Alpha", "denied by The ministry", "officials", "Contradictions", `id="places"`, "&lt;script&gt;"} {
		if st != 200 || !strings.Contains(body, want) {
			t.Errorf("alpha's story page = %d, lacks %q", st, want)
		}
	}
	if strings.Contains(body, `action="`+path+`/rating"`) {
		t.Errorf("the override form is shown to alpha, who is not the head")
	}
	st, body, _ = e.do("GET", path, "beta", "")
	if st != 200 || strings.Contains(body, "Strictly") || !strings.Contains(body, "Port of Basra reopens") {
		t.Errorf("beta's story page = %d, shows Alpha's AMBER+STRICT report or lacks the GREEN ones", st)
	}
	if _, body, _ := e.do("GET", "/stories", "beta", ""); strings.Contains(body, "Strictly") || !strings.Contains(body, path) {
		t.Errorf("beta's stories list shows Alpha's AMBER+STRICT report or lacks the story")
	}
	if st, _, _ := e.do("GET", "/stories?x=1", "alpha", ""); st != 400 {
		t.Errorf("stories?x=1 = %d, want 400", st)
	}
	if st, _, _ := e.do("GET", "/stories/99999", "alpha", ""); st != 404 {
		t.Errorf("unknown story = %d, want 404", st)
	}

	post := func(user string, form url.Values) int {
		req, _ := http.NewRequest("POST", e.ts.URL+path+"/rating", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.SetBasicAuth(user, password)
		res, err := noRedirect.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		return res.StatusCode
	}
	if st := post("alpha", url.Values{"credibility": {"1"}, "reason": {"x"}}); st != http.StatusForbidden {
		t.Errorf("alpha overrides = %d, want 403", st)
	}
	if st := post("chief", url.Values{"credibility": {"2"}, "reason": {"our liaison confirmed it"}}); st != http.StatusSeeOther {
		t.Errorf("the head overrides = %d, want 303", st)
	}
	if _, body, _ := e.do("GET", path, "chief", ""); !strings.Contains(body, "our liaison confirmed it") || !strings.Contains(body, `action="`+path+`/rating"`) {
		t.Errorf("the story page after the override lacks the reason or the head's form")
	}
}
