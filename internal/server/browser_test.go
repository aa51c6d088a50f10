package server_test

import (
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/jic-center/jic"
)

// chromiumPath is Debian's Chromium, which .ci/run installs.
const chromiumPath = "/usr/bin/chromium"

var updateDocs = flag.Bool("docs", false, "copy the browser test's screenshots to docs/screenshots")

// One browser serves every browser test of a run.
var browser struct {
	once   sync.Once
	ctx    context.Context
	cancel func()
	err    error
}

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if browser.cancel != nil {
		browser.cancel()
	}
	os.Exit(code)
}

// newTab returns a tab in a fresh browser context (its own cookies) of the
// shared browser, or skips the test when there is no Chromium.
func newTab(t *testing.T) context.Context {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Skip("no Chromium at " + chromiumPath + " (apt-get install chromium)")
	}
	browser.once.Do(func() {
		opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chromiumPath),
			chromedp.NoSandbox, chromedp.WindowSize(1280, 900), chromedp.Flag("lang", "en-GB"))
		actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
		bctx, cancelBrowser := chromedp.NewContext(actx)
		browser.ctx, browser.cancel = bctx, func() { cancelBrowser(); cancelAlloc() }
		browser.err = chromedp.Do(bctx)
	})
	if browser.err != nil {
		t.Fatalf("start Chromium: %v", browser.err)
	}
	ctx, cancel := chromedp.NewContext(browser.ctx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	ctx, cancelT := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(cancelT)
	return ctx
}

// artifacts is where screenshots go: $JIC_ARTIFACTS, or a temporary
// directory of the test.
func artifacts(t *testing.T) string {
	if dir := os.Getenv("JIC_ARTIFACTS"); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	return t.TempDir()
}

// run runs browser steps or fails the test.
func run(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// read runs one browser action that returns a value, or fails the test.
func read[T any](t *testing.T, ctx context.Context, what string, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

type css = chromedp.CSS

func login(base, user string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.Navigate(base+"/login"),
		chromedp.WaitVisible(css(`form.login`)),
		chromedp.SendKeys(css(`input[name=name]`), user),
		chromedp.SendKeys(css(`input[name=password]`), password),
		chromedp.Click(css(`form.login button`)),
		chromedp.WaitVisible(css(`nav.desk a[href="/products"]`)),
	)
}

// TestBrowser drives Chromium through the desk as an analyst of Alpha and
// as a viewer of Beta, who must not see Alpha's AMBER+STRICT report
// anywhere.
func TestBrowser(t *testing.T) {
	alphaTab := newTab(t)
	e := newEnv(t, false)
	ctx := t.Context()
	if err := e.store.Found(ctx, jic.Center{TermMonths: 3}); err != nil {
		t.Fatal(err)
	}
	wire := &jic.Source{Name: "Wire service", Kind: jic.SourceFeed, URL: "https://wire.example/feed", Reliability: "B", OwnerMemberID: 1}
	broken := &jic.Source{Name: "Local radio", Kind: jic.SourceFeed, URL: "https://radio.example/rss", Reliability: "C", OwnerMemberID: 1}
	for _, s := range []*jic.Source{wire, broken} {
		if err := e.store.CreateSource(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	for range jic.FailingAfter {
		e.store.RecordPoll(ctx, broken.ID, jic.PollResult{At: time.Now(), Err: errors.New("dial tcp: connection refused"), Next: time.Now().Add(time.Hour)})
	}
	day := time.Now().UTC().Add(-3 * time.Hour)
	arabic := e.addPlaced("Alpha", &jic.Report{Title: "فيضانات في بغداد", Text: "غمرت الأمطار الغزيرة شوارع بغداد يوم الأحد.", Language: "ar", Marking: jic.TLPGreen, SourceID: wire.ID, Published: day, URL: "https://wire.example/ar/1"}, "بغداد", 33.34, 44.4)
	e.addPlaced("Alpha", &jic.Report{Title: "Наводнение в Ираке", Text: "Сильные дожди затопили Багдад в воскресенье.", Language: "ru", Marking: jic.TLPGreen, SourceID: wire.ID, Published: day.Add(time.Hour)}, "Багдад", 33.34, 44.4)
	basra := e.addPlaced("Alpha", &jic.Report{Title: "Port of Basra reopens", Text: "The port of Basra reopened on Monday after the storm.", Language: "en", Marking: jic.TLPGreen, SourceID: wire.ID, Published: day.Add(2 * time.Hour)}, "Basra", 30.5, 47.8)
	statement := "The port authority said the port of Basra reopened on Monday."
	claimed := e.addPlaced("Alpha", &jic.Report{Title: "Port authority statement", Text: statement, Language: "en", Marking: jic.TLPGreen, SourceID: wire.ID, Published: day.Add(90 * time.Minute)}, "Basra", 30.5, 47.8)
	quote := "the port of Basra reopened on Monday"
	if err := e.store.SetClaims(ctx, claimed, []jic.Claim{{Speaker: "The port authority", SpeakerKind: jic.SpeakerOrganization, Stance: jic.StanceAsserts, Cue: "said",
		Field: "text", Start: strings.Index(statement, quote), End: strings.Index(statement, quote) + len(quote), Quote: quote}}); err != nil {
		t.Fatal(err)
	}
	denial := "A union spokesman denied that the port of Basra reopened on Monday."
	denying := e.addPlaced("Alpha", &jic.Report{Title: "Union denies reopening", Text: denial, Language: "en", Marking: jic.TLPGreen, SourceID: wire.ID, Published: day.Add(100 * time.Minute)}, "Basra", 30.5, 47.8)
	if err := e.store.SetClaims(ctx, denying, []jic.Claim{{Speaker: "A union spokesman", SpeakerKind: jic.SpeakerPerson, Stance: jic.StanceDenies, Cue: "denied",
		Field: "text", Start: strings.Index(denial, quote), End: strings.Index(denial, quote) + len(quote), Quote: quote}}); err != nil {
		t.Fatal(err)
	}
	c1, _ := e.store.ReportClaims(ctx, claimed)
	c2, _ := e.store.ReportClaims(ctx, denying)
	if err := e.store.LinkClaims(ctx, []jic.ClaimLink{{A: c1[0].ID, B: c2[0].ID, Score: 0.9, Contradiction: true}}); err != nil {
		t.Fatal(err)
	}
	secret := e.addPlaced("Alpha", &jic.Report{Title: "Strictly Alpha assessment", Text: "Zanzibar zanzibarword convoy seen.", Language: "en", Marking: jic.TLPAmberStrict}, "Zanzibar", -6.16, 39.19)
	// The Basra reports are one story, and so is Alpha's secret report.
	for _, id := range []int64{basra, claimed, denying, secret} {
		if a, err := e.store.AssignStory(ctx, id, []string{"test:Basra", "test:Basra", "org:port-authority"}, []string{"port", "basra", "reopen"}); err != nil || a.Story != basra {
			t.Fatalf("AssignStory(%d) = %+v, %v", id, a, err)
		}
	}
	e.do("POST", "/api/requests", "alpha", `{"title":"Casualty figures for Basra","assignee":"Beta","due":"2020-01-01","marking":"GREEN"}`)
	e.do("POST", "/api/products", "alpha", `{"title":"Situation report: floods","body":"## Summary\nFlooding in Baghdad and Basra.","marking":"GREEN"}`)

	shots := map[string]string{}
	shot := func(tab context.Context, name, path, ready string) {
		t.Helper()
		run(t, tab, "open "+path, chromedp.Navigate(e.ts.URL+path), chromedp.WaitVisible(css(ready)), chromedp.Sleep(300*time.Millisecond))
		shots[name] = string(read(t, tab, "screenshot "+path, chromedp.FullScreenshot(100)))
	}

	t.Run("alpha", func(t *testing.T) {
		run(t, alphaTab, "sign in", login(e.ts.URL, "alpha"))
		run(t, alphaTab, "open the stream", chromedp.Navigate(e.ts.URL+"/reports"), chromedp.WaitVisible(css(`#live`)))
		e.addPlaced("Alpha", &jic.Report{Title: "Live arrival from Mosul", Text: "Water levels rise in Mosul.", Language: "en", Marking: jic.TLPGreen}, "Mosul", 36.34, 43.13)
		wait, cancel := context.WithTimeout(alphaTab, 10*time.Second)
		defer cancel()
		run(t, wait, "see the new report arrive", chromedp.WaitVisible(css(`#stream li.new a.title`)))
		first := read(t, alphaTab, "read it", chromedp.Text(css(`#stream li.report a.title`)))
		if first != "Live arrival from Mosul" {
			t.Errorf("first item of the stream = %q, want the new report", first)
		}
		for _, c := range []struct{ q, want string }{{"بغداد", "فيضانات في بغداد"}, {"Багдад", "Наводнение в Ираке"}} {
			run(t, alphaTab, "search "+c.q,
				chromedp.Navigate(e.ts.URL+"/"), chromedp.WaitVisible(css(`header input[name=q]`)),
				chromedp.SetValue(css(`header input[name=q]`), c.q), chromedp.Submit(css(`header form.search`)),
				chromedp.WaitVisible(css(`ul.hits li.report a.title`)), chromedp.Click(css(`ul.hits li.report a.title`)),
				chromedp.WaitVisible(css(`article.full .text mark`)))
			title := read(t, alphaTab, "read the title", chromedp.Text(css(`article.full h1`)))
			if strings.TrimSpace(title) != c.want {
				t.Errorf("search %q opened %q, want %q", c.q, title, c.want)
			}
		}
		run(t, alphaTab, "open a report with a claim", chromedp.Navigate(e.ts.URL+"/reports/"+itoa(claimed)), chromedp.WaitVisible(css(`article.full .text mark.claim`)))
		if got := read(t, alphaTab, "read the claim", chromedp.Text(css(`article.full .text mark.claim`))); got != quote {
			t.Errorf("highlighted claim = %q, want %q", got, quote)
		}
		if got := read(t, alphaTab, "read its speaker", chromedp.Text(css(`article.full .text mark.claim-speaker`))); got != "The port authority" {
			t.Errorf("highlighted speaker = %q, want The port authority", got)
		}
		run(t, alphaTab, "open the place's entity page from the report",
			chromedp.Click(css(`article.full .text mark.m-place a`)), chromedp.WaitVisible(css(`svg.timeline rect`)))
		if got := read(t, alphaTab, "read the entity's name", chromedp.Text(css(`main h1`))); !strings.HasPrefix(got, "Basra") {
			t.Errorf("the report's place link opened %q, want Basra's page", got)
		}
		if n := read(t, alphaTab, "count its reports", chromedp.Evaluate[int](`document.querySelectorAll("main ul.reports li.report").length`)); n != 3 {
			t.Errorf("Basra's page lists %d reports, want 3", n)
		}
		entityPath := read(t, alphaTab, "read the entity's address", chromedp.Evaluate[string](`location.pathname`))
		run(t, alphaTab, "see the contradiction on the dashboard", chromedp.Navigate(e.ts.URL+"/"), chromedp.WaitVisible(css(`#contradictions .contradiction`)))
		if got := read(t, alphaTab, "read it", chromedp.Text(css(`#contradictions .contradiction`))); !strings.Contains(got, "A union spokesman") || !strings.Contains(got, "The port authority") {
			t.Errorf("dashboard contradiction = %q, want both sides", got)
		}
		run(t, alphaTab, "open the story from the dashboard", chromedp.Navigate(e.ts.URL+"/"),
			chromedp.Click(css(`#stories a[href="/stories/`+itoa(basra)+`"]`)), chromedp.WaitVisible(css(`#map path.leaflet-interactive`)), chromedp.WaitVisible(css(`.claimbox`)))
		claimsText := read(t, alphaTab, "read its claims", chromedp.Text(css(`div.columns`)))
		if !strings.Contains(claimsText, "The port authority") || !strings.Contains(claimsText, "A union spokesman") {
			t.Errorf("the story's claims = %q, want the authority's claim and the union's denial", claimsText)
		}
		if got := read(t, alphaTab, "read its rating", chromedp.Text(css(`section.rating p`))); !strings.Contains(got, "denied by A union spokesman") {
			t.Errorf("the story's rating explanation = %q, want the denial named", got)
		}
		run(t, alphaTab, "open the map", chromedp.Navigate(e.ts.URL+"/map"), chromedp.WaitVisible(css(`#map path.leaflet-interactive`)))
		markers := read(t, alphaTab, "count markers", chromedp.Evaluate[int](`document.querySelectorAll("#map path.leaflet-interactive").length`))
		if markers < 4 { // Baghdad, Basra, Mosul, and Alpha's own Zanzibar
			t.Errorf("map shows %d markers, want 4", markers)
		}
		shot(alphaTab, "dashboard", "/", `#map path.leaflet-interactive`)
		shot(alphaTab, "reports", "/reports", `#stream li`)
		shot(alphaTab, "report", "/reports/"+itoa(arabic), `article.full`)
		shot(alphaTab, "search", "/search?q="+"%D8%A8%D8%BA%D8%AF%D8%A7%D8%AF", `ul.hits`)
		shot(alphaTab, "map", "/map", `#map path.leaflet-interactive`)
		shot(alphaTab, "entity", entityPath, `svg.timeline rect`)
		shot(alphaTab, "report-claims", "/reports/"+itoa(claimed), `article.full mark.claim`)
		shot(alphaTab, "story", "/stories/"+itoa(basra), `#map path.leaflet-interactive`)
		shot(alphaTab, "stories", "/stories", `table.list`)
		shot(alphaTab, "sources", "/sources", `table.list`)
		shot(alphaTab, "members", "/members", `table.list`)
		shot(alphaTab, "requests", "/requests", `table.list`)
		shot(alphaTab, "products", "/products", `table.list`)
	})

	t.Run("beta does not see alpha's AMBER+STRICT report", func(t *testing.T) {
		tab := newTab(t)
		run(t, tab, "sign in", login(e.ts.URL, "beta"))
		run(t, tab, "open the stream", chromedp.Navigate(e.ts.URL+"/reports"), chromedp.WaitVisible(css(`#live`)))
		e.addPlaced("Alpha", &jic.Report{Title: "Strictly Alpha second", Text: "Zanzibar again.", Marking: jic.TLPAmberStrict}, "Zanzibar", -6.16, 39.19)
		e.addPlaced("Alpha", &jic.Report{Title: "Green for all", Text: "Everyone sees this.", Marking: jic.TLPGreen}, "", 0, 0)
		wait, cancel := context.WithTimeout(tab, 10*time.Second)
		defer cancel()
		run(t, wait, "see the green report arrive", chromedp.WaitVisible(css(`#stream li.new a.title`)))
		pages := []struct{ path, ready string }{
			{"/reports", `#stream li`}, {"/", `main`}, {"/search?q=zanzibarword", `ul.hits`}, {"/search?q=convoy", `ul.hits`},
			{"/reports/" + itoa(secret), `main`}, {"/stories", `table.list`}, {"/stories/" + itoa(basra), `div.columns`}, {"/map", `#map`},
		}
		html := read(t, tab, "read the stream", chromedp.OuterHTML(css(`main`)))
		check := func(where, html string) {
			if strings.Contains(html, "Strictly") || strings.Contains(html, "Zanzibar") {
				t.Errorf("beta sees Alpha's AMBER+STRICT report on %s", where)
			}
		}
		check("the live stream", html)
		for _, p := range pages {
			run(t, tab, "open "+p.path, chromedp.Navigate(e.ts.URL+p.path), chromedp.WaitVisible(css(p.ready)))
			html = read(t, tab, "read "+p.path, chromedp.OuterHTML(css(`main`)))
			check(p.path, html)
		}
		if !strings.Contains(html, `"name":"Baghdad"`) && !strings.Contains(html, `بغداد`) {
			t.Errorf("beta's map has no places at all:\n%s", html)
		}
		run(t, tab, "open the secret report", chromedp.Navigate(e.ts.URL+"/reports/"+itoa(secret)))
		status := read(t, tab, "read the page", chromedp.Text(css(`main h1`)))
		if status != "404" {
			t.Errorf("beta opening the report by id sees %q, want 404", status)
		}
	})

	dir := artifacts(t)
	for name, png := range shots {
		if err := os.WriteFile(filepath.Join(dir, name+".png"), []byte(png), 0o644); err != nil {
			t.Fatal(err)
		}
		if *updateDocs {
			if err := os.WriteFile(filepath.Join("..", "..", "docs", "screenshots", name+".png"), []byte(png), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	t.Logf("%d screenshots in %s", len(shots), dir)
}
