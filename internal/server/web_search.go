package server

import (
	"cmp"
	"net/http"
	"slices"
	"strconv"

	"github.com/jic-center/jic"
)

// facetWindow is how many of the newest matches the facets count: the
// store returns hits (with snippets), not counts, so the facets describe
// this sample, kept small enough for the page to stay fast.
const facetWindow = 50

// facet is one value of a facet, with the query that selects it.
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
	sample := res
	if q.Cursor != "" || q.Limit < facetWindow || q.Sort != jic.SortDate {
		fq := q
		fq.Cursor, fq.Limit, fq.Sort = "", facetWindow, jic.SortDate
		if sample, err = s.store.Search(r.Context(), v, fq); err != nil {
			return "", page{}, err
		}
	}
	langs, sources, months := facets(sample.Hits, vals.Get("lang"), vals.Get("source"))
	for i := range langs {
		langs[i].Query = "/search?" + withParam(vals, "lang", toggle(langs[i]))
	}
	for i := range sources {
		sources[i].Query = "/search?" + withParam(vals, "source", toggle(sources[i]))
	}
	return "search.html", page{Title: q.Q + " · search", Q: q.Q, Nav: "search", Data: map[string]any{
		"Result": res, "Query": q, "Next": next, "Sample": len(sample.Hits),
		"Languages": langs, "Sources": sources, "Months": months,
		"ByDate": "/search?" + withParam(vals, "sort", "date"), "ByRelevance": "/search?" + withParam(vals, "sort", "relevance"),
	}}, nil
}

// toggle returns the parameter value that selects f, or "" to unselect it.
func toggle(f facet) string {
	if f.Active {
		return ""
	}
	return f.Query
}

// facets counts hits by language, source and month. The Query fields
// hold the parameter value until the caller makes them links.
func facets(hits []jic.SearchHit, lang, source string) (langs, sources, months []facet) {
	byLang, bySource, byMonth := map[string]*facet{}, map[string]*facet{}, map[string]*facet{}
	count := func(m map[string]*facet, key, label string) {
		if m[key] == nil {
			m[key] = &facet{Label: label, Query: key}
		}
		m[key].Count++
	}
	for _, h := range hits {
		if h.Report.Language != "" {
			count(byLang, h.Report.Language, h.Report.Language)
		}
		if h.Report.SourceID != 0 {
			count(bySource, strconv.FormatInt(h.Report.SourceID, 10), h.Report.SourceName)
		}
		count(byMonth, h.Report.When().UTC().Format("2006-01"), h.Report.When().UTC().Format("Jan 2006"))
	}
	list := func(m map[string]*facet, active string) []facet {
		var out []facet
		for _, f := range m {
			f.Active = f.Query == active
			out = append(out, *f)
		}
		slices.SortFunc(out, func(a, b facet) int { return cmp.Or(b.Count-a.Count, cmp.Compare(a.Label, b.Label)) })
		return out
	}
	langs, sources = list(byLang, lang), list(bySource, source)
	months = list(byMonth, "")
	slices.SortFunc(months, func(a, b facet) int { return cmp.Compare(a.Query, b.Query) })
	top := 0
	for _, m := range months {
		top = max(top, m.Count)
	}
	for i := range months {
		months[i].Pct = 100 * months[i].Count / top
	}
	return langs, sources, months
}
