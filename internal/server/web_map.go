package server

import (
	"cmp"
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"sync"

	"github.com/jic-center/jic"
)

// mapReports is how many of the newest reports in the window the map
// reads the places of: the store has no count of places by window yet, so
// the page asks for each report's mentions.
const mapReports = 100

// placeCount is a place and how many reports in the window mention it.
type placeCount struct {
	ID      int64   `json:"id"`
	Name    string  `json:"name"`
	Country string  `json:"country,omitempty"`
	Lat     float64 `json:"lat"`
	Lon     float64 `json:"lon"`
	Reports int     `json:"reports"`
}

func (s *Server) mapPage(r *http.Request, v jic.Viewer) (string, page, error) {
	p, err := params(r.URL.Query(), "since", "until", "lang")
	if err != nil {
		return "", page{}, err
	}
	f := jic.ReportFilter{Since: p.time("since"), Until: p.time("until"), Language: strings.ToLower(p.str("lang")), Limit: mapReports}
	if err := p.err(); err != nil {
		return "", page{}, err
	}
	if !f.Since.IsZero() && !f.Until.IsZero() && !f.Since.Before(f.Until) {
		return "", page{}, jic.FieldErrorf(jic.EINVALID, "since", "must be before until")
	}
	places, n, err := s.places(r.Context(), v, f)
	if err != nil {
		return "", page{}, err
	}
	return "map.html", page{Title: "Map", Nav: "map", Map: true, Data: map[string]any{
		"Places": places, "Reports": n, "Filter": f, "Window": mapReports,
	}}, nil
}

// places counts the reports v may see under f that mention each place with
// coordinates, most mentioned first; n is how many reports were read.
func (s *Server) places(ctx context.Context, v jic.Viewer, f jic.ReportFilter) (out []placeCount, n int, err error) {
	list, err := s.store.Reports(ctx, v, f)
	if err != nil {
		return nil, 0, err
	}
	mentions, err := s.mentionsOf(ctx, list)
	if err != nil {
		return nil, 0, err
	}
	byID := map[int64]*placeCount{}
	for _, ms := range mentions {
		seen := map[int64]bool{}
		for _, m := range ms {
			if m.Kind != jic.EntityPlace || m.Entity == nil || m.Entity.Lat == 0 && m.Entity.Lon == 0 || seen[m.EntityID] {
				continue
			}
			seen[m.EntityID] = true
			pc := byID[m.EntityID]
			if pc == nil {
				pc = &placeCount{ID: m.EntityID, Name: m.Name, Country: m.Entity.Country, Lat: m.Entity.Lat, Lon: m.Entity.Lon}
				byID[m.EntityID] = pc
			}
			pc.Reports++
		}
	}
	out = []placeCount{}
	for _, pc := range byID {
		out = append(out, *pc)
	}
	slices.SortFunc(out, func(a, b placeCount) int { return cmp.Or(b.Reports-a.Reports, cmp.Compare(a.Name, b.Name)) })
	return out, len(list), nil
}

// mentionsOf reads the mentions of reports the viewer was allowed to list,
// a few at a time: the store has one query per report.
func (s *Server) mentionsOf(ctx context.Context, list []*jic.Report) ([][]jic.Mention, error) {
	out := make([][]jic.Mention, len(list))
	errs := make([]error, len(list))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(4, len(list)) {
		wg.Go(func() {
			for i := range next {
				out[i], errs[i] = s.store.Mentions(ctx, list[i].ID)
			}
		})
	}
	for i := range list {
		next <- i
	}
	close(next)
	wg.Wait()
	return out, errors.Join(errs...)
}
