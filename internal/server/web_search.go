package server

import (
	"net/http"
	"net/url"

	"github.com/jic-center/jic"
)

// facet is one value of a facet, with the link that selects it.
type facet struct {
	Label  string
	Count  int
	Query  string // the search with this value set, or unset if Active
	Active bool
	Pct    int // of the largest count, for the histogram bars
}

func (s *Server) searchPage(r *http.Request, v jic.Viewer) (string, page, error) {
	vals := r.URL.Query()
	q, err := searchQuery(vals)
	if err != nil {
		return "", page{}, err
	}
	res, err := s.store.Search(r.Context(), v, q)
	if err != nil {
		return "", page{}, err
	}
	var next string
	if res.Next != "" {
		nv := r.URL.Query()
		nv.Set("cursor", res.Next)
		next = "/search?" + nv.Encode()
	}
	fs, err := s.store.SearchFacets(r.Context(), v, q)
	if err != nil {
		return "", page{}, err
	}
	return "search.html", page{Title: q.Q + " · search", Q: q.Q, Nav: "search", Data: map[string]any{
		"Result": res, "Query": q, "Next": next, "Facets": fs,
		"Languages": filterFacets(fs.Languages, vals, "lang"), "Sources": filterFacets(fs.Sources, vals, "source"),
		"Months": histogram(fs.Months), "Places": entityFacets(fs.Places), "Entities": entityFacets(fs.Entities),
		"ByDate": "/search?" + withParam(vals, "sort", "date"), "ByRelevance": "/search?" + withParam(vals, "sort", "relevance"),
	}}, nil
}

// filterFacets links each value to the search with the parameter set to
// it, or, for the value already chosen, unset.
func filterFacets(fs []jic.FacetCount, vals url.Values, param string) []facet {
	var out []facet
	for _, f := range fs {
		active := vals.Get(param) == f.Value
		value := f.Value
		if active {
			value = ""
		}
		out = append(out, facet{Label: f.Label, Count: f.Count, Active: active, Query: "/search?" + withParam(vals, param, value)})
	}
	return out
}

// entityFacets links each value to its entity's page.
func entityFacets(fs []jic.FacetCount) []facet {
	var out []facet
	for _, f := range fs {
		out = append(out, facet{Label: f.Label, Count: f.Count, Query: "/entities/" + f.Value})
	}
	return out
}

// histogram sizes the months' bars against the busiest month.
func histogram(fs []jic.FacetCount) []facet {
	top := 0
	for _, f := range fs {
		top = max(top, f.Count)
	}
	var out []facet
	for _, f := range fs {
		out = append(out, facet{Label: f.Label, Count: f.Count, Pct: 100 * f.Count / top})
	}
	return out
}
