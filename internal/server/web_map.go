package server

import (
	"net/http"
	"strings"

	"github.com/jic-center/jic"
)

// The maps count the places of the newest reports of their window: the
// map page of mapPlaces of them, the dashboard of dashboardPlaces. The
// counting is one grouped query, but its time and the page's size grow with
// the reports (at 1,000 demo reports, 800 places and 24 ms).
const (
	mapPlaces       = 300
	dashboardPlaces = 100
)

func (s *Server) mapPage(r *http.Request, v jic.Viewer) (string, page, error) {
	p, err := params(r.URL.Query(), "since", "until", "lang")
	if err != nil {
		return "", page{}, err
	}
	f := jic.ReportFilter{Since: p.time("since"), Until: p.time("until"), Language: strings.ToLower(p.str("lang")), Limit: mapPlaces}
	if err := p.err(); err != nil {
		return "", page{}, err
	}
	if !f.Since.IsZero() && !f.Until.IsZero() && !f.Since.Before(f.Until) {
		return "", page{}, jic.FieldErrorf(jic.EINVALID, "since", "must be before until")
	}
	places, err := s.store.PlaceCounts(r.Context(), v, f)
	if err != nil {
		return "", page{}, err
	}
	return "map.html", page{Title: "Map", Nav: "map", Map: true, Data: map[string]any{
		"Places": places, "Filter": f, "Window": mapPlaces,
	}}, nil
}
