package bench

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"time"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/access"
	"github.com/jic-center/jic/internal/server"
)

// Page is one desk page a page benchmark requests.
type Page struct {
	Name string
	Path string
}

// DeskPages returns the desk pages the page benchmarks time, with the
// report, place and story they open picked from s: an Arabic report with
// the most mentions among the newest 400, the place most mentioned
// (PlaceCounts), the largest of the newest 100 stories.
func DeskPages(ctx context.Context, s jic.Store) ([]Page, error) {
	v := jic.SystemViewer
	reports, err := s.Reports(ctx, v, jic.ReportFilter{Language: "ar", Limit: 400})
	if err != nil {
		return nil, err
	}
	var report int64
	most := -1
	for _, r := range reports {
		ms, err := s.Mentions(ctx, r.ID)
		if err != nil {
			return nil, err
		}
		if len(ms) > most {
			report, most = r.ID, len(ms)
		}
	}
	places, err := s.PlaceCounts(ctx, v, jic.ReportFilter{})
	if err != nil {
		return nil, err
	}
	list, err := s.Stories(ctx, v, jic.StoryFilter{Limit: 100})
	if err != nil {
		return nil, err
	}
	if report == 0 || len(places) == 0 || len(list.Stories) == 0 {
		return nil, jic.Errorf(jic.EINVALID, "the store has no processed Arabic report, place or story to open")
	}
	story := list.Stories[0]
	for _, st := range list.Stories {
		if st.Reports > story.Reports {
			story = st
		}
	}
	id := func(n int64) string { return strconv.FormatInt(n, 10) }
	return []Page{
		{"dashboard", "/"},
		{"reports", "/reports"},
		{"reports-filtered", "/reports?lang=ar&since=2000-01-01"},
		{"report", "/reports/" + id(report)},
		{"search-ar", "/search?q=" + url.QueryEscape("بغداد")},
		{"search-ru", "/search?q=" + url.QueryEscape("Москва")},
		{"search-en-relevance", "/search?q=government&sort=relevance"},
		{"api-search-ru (no facets)", "/api/search?facets=false&q=" + url.QueryEscape("Москва")},
		{"api-search-ru", "/api/search?q=" + url.QueryEscape("Москва")},
		{"entity (most mentioned place)", "/entities/" + id(places[0].ID)},
		{"api-places", "/api/places"},
		{"map", "/map"},
		{"stories", "/stories"},
		{fmt.Sprintf("story (%d reports)", story.Reports), "/stories/" + id(story.ID)},
		{"sources", "/sources"},
		{"members", "/members"},
		{"requests", "/requests"},
		{"products", "/products"},
	}, nil
}

// PagesOptions configure Pages.
type PagesOptions struct {
	FixtureOptions
	Requests int            // timed requests per page and viewer, after one warm-up; 0 = 30
	Only     *regexp.Regexp // the pages to time, by name; nil = all
}

// pageViewers are the users pages are timed as: an analyst of MemberAlpha,
// from whom markings hide the AMBER reports of MemberBeta (a tenth of the
// corpus), and an analyst of MemberBeta, who may see every report. The
// system viewer has no session: pages are never served to it.
var pageViewers = []struct {
	name   string
	member int64
}{{"bench-pages-alpha", MemberAlpha}, {"bench-pages-beta", MemberBeta}}

// Pages builds or reuses the processed store of BuildFixture, then times
// every page of DeskPages as each page viewer: one warm-up request, then
// opt.Requests timed ones, server time only (httptest, no network). It
// prints the store's sizes and a table of p50, p95 and p99 per page.
func Pages(ctx context.Context, opt PagesOptions, out io.Writer) error {
	if opt.Requests <= 0 {
		opt.Requests = 30
	}
	start := time.Now()
	f, err := BuildFixture(ctx, opt.FixtureOptions)
	if err != nil {
		return err
	}
	defer f.Close()
	fmt.Fprintf(out, "Store ready in %s.\n", time.Since(start).Round(time.Second))
	if err := f.writeSizes(ctx, out); err != nil {
		return err
	}
	s := f.store
	if _, err := s.Center(ctx); jic.ErrorCode(err) == jic.ENOTFOUND {
		err = s.Found(ctx, jic.Center{Founded: time.Now().Add(-24 * time.Hour), TermMonths: 3})
		if err != nil {
			return err
		}
	} else if err != nil {
		return err
	}
	var cookies []*http.Cookie
	for _, pv := range pageViewers {
		c, err := session(ctx, s, pv.name, pv.member)
		if err != nil {
			return err
		}
		cookies = append(cookies, c)
	}
	pages, err := DeskPages(ctx, s)
	if err != nil {
		return err
	}
	h := server.New(server.Config{}, s, slog.New(slog.DiscardHandler)).Handler()
	// Rows are printed as each page is timed: at a million reports a slow
	// page takes seconds.
	const row = "%-34s %-6s %9s %9s %9s\n"
	fmt.Fprintf(out, row, "page", "viewer", "p50 ms", "p95 ms", "p99 ms")
	for _, p := range pages {
		if opt.Only != nil && !opt.Only.MatchString(p.Name) {
			continue
		}
		for i, c := range cookies {
			took := make([]time.Duration, 0, opt.Requests)
			for n := range opt.Requests + 1 {
				req := httptest.NewRequest("GET", p.Path, nil).WithContext(ctx)
				req.AddCookie(c)
				rec := httptest.NewRecorder()
				t0 := time.Now()
				h.ServeHTTP(rec, req)
				d := time.Since(t0)
				if rec.Code != http.StatusOK {
					return fmt.Errorf("GET %s = %d %.300s", p.Path, rec.Code, rec.Body)
				}
				if n > 0 {
					took = append(took, d)
				}
			}
			slices.Sort(took)
			msf := func(p float64) string { return fmt.Sprintf("%.1f", ms(percentile(took, p))) }
			fmt.Fprintf(out, row, p.Name, pageViewers[i].name[len("bench-pages-"):], msf(50), msf(95), msf(99))
		}
	}
	return nil
}

// session signs in a new session of the analyst name of member, created if
// missing, and returns its cookie.
func session(ctx context.Context, s jic.Store, name string, member int64) (*http.Cookie, error) {
	u, err := s.UserByName(ctx, name)
	if jic.ErrorCode(err) == jic.ENOTFOUND {
		u = &jic.User{MemberID: member, Name: name, Role: jic.RoleAnalyst, PasswordHash: "bench: no login"}
		err = s.CreateUser(ctx, u)
	}
	if err != nil {
		return nil, err
	}
	b := make([]byte, 16)
	rand.Read(b)
	secret := hex.EncodeToString(b)
	se := &jic.Session{ID: access.SessionID(secret), UserID: u.ID, CSRF: "bench", ExpiresAt: time.Now().Add(time.Hour)}
	if err := s.CreateSession(ctx, se); err != nil {
		return nil, err
	}
	return &http.Cookie{Name: access.SessionCookie, Value: secret}, nil
}

// writeSizes prints how many reports, mentions, claims and stories the
// store holds, and how many of the reports were processed for real.
func (f *fixture) writeSizes(ctx context.Context, out io.Writer) error {
	var n [6]int64
	for i, q := range []string{
		`SELECT count(*) FROM reports`,
		`SELECT count(*) FROM bench_origin WHERE report_id = origin_id`,
		`SELECT count(*) FROM mentions`,
		`SELECT count(*) FROM claims`,
		`SELECT count(*) FROM stories`,
		`SELECT max(reports) FROM stories`,
	} {
		var err error
		if n[i], err = f.count(ctx, q); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintf(out, "Store: %d reports (%d processed for real, the others copies given their facts), %d mentions, %d claims, %d stories (the largest %d reports).\n",
		n[0], n[1], n[2], n[3], n[4], n[5])
	return err
}
