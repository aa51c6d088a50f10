package server

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jic-center/jic"
)

// Entities, places and contradictions: the entity page and the JSON API
// over jic.EntityStore and the claims' contradictions.

func (s *Server) entityRoutes() {
	s.route("GET /api/entities/{id}", s.api(s.getEntity))
	s.route("GET /api/entities/{id}/reports", s.api(s.getEntityReports))
	s.route("GET /api/places", s.api(s.getPlaces))
	s.route("GET /api/contradictions", s.api(s.getContradictions))
	s.mux.HandleFunc("GET /entities/{id}", s.web(s.entityPage))
}

// apiFilter reads the report filters the API's listings share.
func apiFilter(vals url.Values, maxLimit int, extra ...string) (jic.ReportFilter, *queryParams, error) {
	return readFilter(vals, "language", maxLimit, extra...)
}

// readFilter reads report filters, the language under langParam (the
// pages say lang, the API language) and an entity when extra allows it,
// refusing limits above maxLimit and an empty time window.
func readFilter(vals url.Values, langParam string, maxLimit int, extra ...string) (jic.ReportFilter, *queryParams, error) {
	p, err := params(vals, append([]string{langParam, "source", "marking", "since", "until", "limit"}, extra...)...)
	if err != nil {
		return jic.ReportFilter{}, nil, err
	}
	f := jic.ReportFilter{Language: strings.ToLower(p.str(langParam)), SourceID: p.int("source"), EntityID: p.int("entity"), Limit: int(p.int("limit"))}
	f.Since, f.Until = p.time("since"), p.time("until")
	if m := p.str("marking"); m != "" {
		if f.Marking, err = jic.ParseMarking(strings.ToUpper(m)); err != nil {
			return f, nil, err
		}
	}
	if err := p.err(); err != nil {
		return f, nil, err
	}
	if f.Limit > maxLimit {
		return f, nil, jic.FieldErrorf(jic.EINVALID, "limit", "must be between 1 and %d", maxLimit)
	}
	if !f.Since.IsZero() && !f.Until.IsZero() && !f.Since.Before(f.Until) {
		return f, nil, jic.FieldErrorf(jic.EINVALID, "since", "must be before until")
	}
	return f, p, nil
}

// cursorParam reads a page cursor: the sort key of the last report of the
// previous page, as the store's Next gave it.
func cursorParam(p *queryParams) (int64, error) {
	c := p.str("cursor")
	if c == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(c, 10, 64)
	if err != nil || n <= 0 {
		return 0, jic.FieldErrorf(jic.EINVALID, "cursor", "is not a cursor from a previous page")
	}
	return n, nil
}

func (s *Server) getEntity(r *http.Request, v jic.Viewer) (int, any, error) {
	id, err := pathID(r)
	if err != nil {
		return 0, nil, err
	}
	if _, err := params(r.URL.Query()); err != nil {
		return 0, nil, err
	}
	e, err := s.store.Entity(r.Context(), v, id)
	return http.StatusOK, e, err
}

// EntityReports is the body of GET /api/entities/{id}/reports.
type EntityReports struct {
	Reports  []*jic.Report     `json:"reports"`
	Next     string            `json:"next,omitempty"`
	Days     []jic.DayCount    `json:"days"`
	Entities []jic.EntityCount `json:"entities"`
	Places   []jic.EntityCount `json:"places"`
	Window   int               `json:"window"` // the reports Entities and Places were counted in
}

func (s *Server) getEntityReports(r *http.Request, v jic.Viewer) (int, any, error) {
	id, err := pathID(r)
	if err != nil {
		return 0, nil, err
	}
	f, p, err := apiFilter(r.URL.Query(), 200, "cursor")
	if err != nil {
		return 0, nil, err
	}
	if f.Before, err = cursorParam(p); err != nil {
		return 0, nil, err
	}
	if _, err := s.store.Entity(r.Context(), v, id); err != nil {
		return 0, nil, err
	}
	em, err := s.store.EntityMentions(r.Context(), v, id, f)
	if err != nil {
		return 0, nil, err
	}
	out := EntityReports{Reports: em.Reports, Days: em.Days, Entities: em.Entities, Places: em.Places, Window: em.Window}
	if em.Next != 0 {
		out.Next = strconv.FormatInt(em.Next, 10)
	}
	return http.StatusOK, out, nil
}

func (s *Server) getPlaces(r *http.Request, v jic.Viewer) (int, any, error) {
	f, _, err := apiFilter(r.URL.Query(), jic.PlaceWindow)
	if err != nil {
		return 0, nil, err
	}
	places, err := s.store.PlaceCounts(r.Context(), v, f)
	return http.StatusOK, map[string]any{"places": places}, err
}

func (s *Server) getContradictions(r *http.Request, v jic.Viewer) (int, any, error) {
	p, err := params(r.URL.Query(), "report", "limit")
	if err != nil {
		return 0, nil, err
	}
	limit := int(p.int("limit"))
	var reports []int64
	for _, id := range p.list("report") {
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil || n <= 0 {
			return 0, nil, jic.FieldErrorf(jic.EINVALID, "report", "%q is not a report id", id)
		}
		reports = append(reports, n)
	}
	if err := p.err(); err != nil {
		return 0, nil, err
	}
	if limit == 0 {
		limit = 20
	}
	if limit > 100 || len(reports) > 100 {
		return 0, nil, jic.FieldErrorf(jic.EINVALID, "limit", "must be between 1 and 100 (and at most 100 reports)")
	}
	list, err := s.store.Contradictions(r.Context(), v, reports, limit)
	if list == nil {
		list = []jic.Contradiction{}
	}
	return http.StatusOK, map[string]any{"contradictions": list}, err
}

// alias is the names an entity was written as in one language.
type alias struct {
	Language string
	Names    []string
}

func (s *Server) entityPage(r *http.Request, v jic.Viewer) (string, page, error) {
	id, err := pathID(r)
	if err != nil {
		return "", page{}, err
	}
	f, p, err := reportFilter(r.URL.Query(), "cursor")
	if err != nil {
		return "", page{}, err
	}
	if f.EntityID != 0 {
		return "", page{}, jic.FieldErrorf(jic.EINVALID, "entity", "the entity is given by the path")
	}
	if f.Before, err = cursorParam(p); err != nil {
		return "", page{}, err
	}
	e, err := s.store.Entity(r.Context(), v, id)
	if err != nil {
		return "", page{}, err
	}
	em, err := s.store.EntityMentions(r.Context(), v, id, f)
	if err != nil {
		return "", page{}, err
	}
	var aliases []alias
	for lang, names := range e.Aliases {
		aliases = append(aliases, alias{Language: lang, Names: names})
	}
	slices.SortFunc(aliases, func(a, b alias) int { return strings.Compare(a.Language, b.Language) })
	var next string
	if em.Next != 0 {
		nv := r.URL.Query()
		nv.Set("cursor", strconv.FormatInt(em.Next, 10))
		next = fmt.Sprintf("/entities/%d?%s", id, nv.Encode())
	}
	var places []jic.PlaceCount
	if e.Kind == jic.EntityPlace && (e.Lat != 0 || e.Lon != 0) {
		places = []jic.PlaceCount{{ID: e.ID, Name: e.CanonicalName, Country: e.Country, Lat: e.Lat, Lon: e.Lon, Reports: 1}}
	}
	return "entity.html", page{Title: e.CanonicalName, Nav: "reports", Map: places != nil, Data: map[string]any{
		"Entity": e, "Aliases": aliases, "Mentions": em, "Chart": timeline(em.Days), "Next": next, "Places": places,
		"AllReports": fmt.Sprintf("/reports?entity=%d", id),
	}}, nil
}

// chart is a bar chart of reports per day, drawn as inline SVG.
type chart struct {
	Bars        []bar
	Width       int
	Height      int
	Max         int
	First, Last time.Time
	Days        int // the days each bar covers
}

type bar struct {
	X, Y, W, H float64
	Title      string
}

// chartBars bounds the bars of a timeline: a long one groups days.
const chartBars = 120

// timeline draws reports per day from the first day to the last, grouping
// days into at most chartBars bars.
func timeline(days []jic.DayCount) chart {
	c := chart{Width: 600, Height: 100, Days: 1}
	if len(days) == 0 {
		return c
	}
	c.First, c.Last = days[0].Day, days[len(days)-1].Day
	span := int(c.Last.Sub(c.First).Hours()/24) + 1
	c.Days = (span + chartBars - 1) / chartBars
	n := (span + c.Days - 1) / c.Days
	counts := make([]int, n)
	for _, d := range days {
		counts[int(d.Day.Sub(c.First).Hours()/24)/c.Days] += d.Reports
	}
	for _, k := range counts {
		c.Max = max(c.Max, k)
	}
	w := float64(c.Width) / float64(n)
	for i, k := range counts {
		if k == 0 {
			continue
		}
		h := float64(c.Height-14) * float64(k) / float64(c.Max)
		from := c.First.AddDate(0, 0, i*c.Days)
		title := fmt.Sprintf("%s: %d report", from.Format("2 Jan 2006"), k)
		if c.Days > 1 {
			title = fmt.Sprintf("%s to %s: %d report", from.Format("2 Jan 2006"), from.AddDate(0, 0, c.Days-1).Format("2 Jan 2006"), k)
		}
		if k != 1 {
			title += "s"
		}
		c.Bars = append(c.Bars, bar{X: float64(i) * w, Y: float64(c.Height-14) - h, W: max(w-1, 1), H: h, Title: title})
	}
	return c
}
