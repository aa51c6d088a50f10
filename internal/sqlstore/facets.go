package sqlstore

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"time"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/textindex"
)

// SearchFacets counts the newest matches of q that v may see by facet; see
// jic.EntityStore. The matches come from the search index with v's scope in
// the query, as Search's do; the counts are grouped queries over their ids.
func (s *Store) SearchFacets(ctx context.Context, v jic.Viewer, q jic.SearchQuery) (*jic.SearchFacets, error) {
	q.Cursor, q.Sort, q.Limit = "", jic.SortDate, 0
	if err := q.Normalize(); err != nil {
		return nil, err
	}
	parsed, err := textindex.ParseQuery(q.Q, q.Languages)
	if err != nil {
		return nil, err
	}
	cq := candidateQuery(v, q, parsed)
	cq.Limit = jic.FacetWindow + 1
	cands, err := s.Dialect.Candidates(ctx, s.ReadDB, cq)
	if err != nil {
		return nil, s.wrap(err, "search facets")
	}
	out := &jic.SearchFacets{Languages: []jic.FacetCount{}, Sources: []jic.FacetCount{}, Months: []jic.FacetCount{},
		Places: []jic.FacetCount{}, Entities: []jic.FacetCount{}}
	if len(cands) > jic.FacetWindow {
		cands, out.Capped = cands[:jic.FacetWindow], true
	}
	out.Matches = len(cands)
	if len(cands) == 0 {
		return out, nil
	}
	ids := make([]any, len(cands))
	months := map[string]int{}
	for i, c := range cands {
		ids[i] = c.ID
		months[time.Unix(c.SortKey>>SortKeyIDBits, 0).UTC().Format("2006-01")]++
	}
	for m, n := range months {
		t, _ := time.Parse("2006-01", m)
		out.Months = append(out.Months, jic.FacetCount{Value: m, Label: t.Format("Jan 2006"), Count: n})
	}
	slices.SortFunc(out.Months, func(a, b jic.FacetCount) int { return cmp.Compare(a.Value, b.Value) })
	if out.Languages, out.Sources, err = s.languageSourceFacets(ctx, ids); err != nil {
		return nil, err
	}
	out.EntityMatches = min(len(ids), jic.EntityFacetWindow)
	if out.Places, out.Entities, err = s.entityFacets(ctx, ids[:out.EntityMatches]); err != nil {
		return nil, err
	}
	return out, nil
}

// languageSourceFacets counts reports by language and by source in one
// grouped query.
func (s *Store) languageSourceFacets(ctx context.Context, ids []any) (langs, sources []jic.FacetCount, err error) {
	rows, err := s.reader(ctx).QueryContext(ctx, s.q(`SELECT r.language, COALESCE(r.source_id, 0), COALESCE(s.name, ''), count(*)
		FROM reports r LEFT JOIN sources s ON s.id = r.source_id WHERE r.id IN (`+placeholders(len(ids))+`)
		GROUP BY r.language, r.source_id, s.name`), ids...)
	if err != nil {
		return nil, nil, s.wrap(err, "count facets")
	}
	defer rows.Close()
	byLang, bySource := map[string]*jic.FacetCount{}, map[string]*jic.FacetCount{}
	add := func(m map[string]*jic.FacetCount, value, label string, n int) {
		if m[value] == nil {
			m[value] = &jic.FacetCount{Value: value, Label: label}
		}
		m[value].Count += n
	}
	for rows.Next() {
		var lang, name string
		var source int64
		var n int
		if err := rows.Scan(&lang, &source, &name, &n); err != nil {
			return nil, nil, s.wrap(err, "scan facet")
		}
		if lang != "" {
			add(byLang, lang, lang, n)
		}
		if source != 0 {
			add(bySource, strconv.FormatInt(source, 10), name, n)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, nil, s.wrap(err, "count facets")
	}
	return topFacets(byLang), topFacets(bySource), nil
}

// topFacets returns the FacetLimit most frequent values, ties by label.
func topFacets(m map[string]*jic.FacetCount) []jic.FacetCount {
	out := []jic.FacetCount{}
	for _, f := range m {
		out = append(out, *f)
	}
	slices.SortFunc(out, func(a, b jic.FacetCount) int {
		return cmp.Or(b.Count-a.Count, cmp.Compare(a.Label, b.Label), cmp.Compare(a.Value, b.Value))
	})
	return out[:min(len(out), jic.FacetLimit)]
}

// entityFacets counts the reports naming each place and each other
// entity, the top FacetLimit of each, in one query: by entity id first,
// ranked within the two kinds, joined to the entities last.
func (s *Store) entityFacets(ctx context.Context, ids []any) (places, entities []jic.FacetCount, err error) {
	rows, err := s.reader(ctx).QueryContext(ctx, s.q(`SELECT e.id, e.kind, e.name, c.n FROM (
		SELECT g.entity_id, g.n, ROW_NUMBER() OVER (PARTITION BY g.kind = 'place' ORDER BY g.n DESC, g.entity_id) rk FROM (
			SELECT m.entity_id, min(m.kind) kind, count(DISTINCT m.report_id) n FROM mentions m
			WHERE m.report_id IN (`+placeholders(len(ids))+`) GROUP BY m.entity_id) g) c
		JOIN entities e ON e.id = c.entity_id WHERE c.rk <= `+strconv.Itoa(jic.FacetLimit)+` ORDER BY c.n DESC, e.name, e.id`), ids...)
	if err != nil {
		return nil, nil, s.wrap(err, "count entity facets")
	}
	defer rows.Close()
	places, entities = []jic.FacetCount{}, []jic.FacetCount{}
	for rows.Next() {
		var id int64
		var kind string
		var f jic.FacetCount
		if err := rows.Scan(&id, &kind, &f.Label, &f.Count); err != nil {
			return nil, nil, s.wrap(err, "scan entity facet")
		}
		f.Value = strconv.FormatInt(id, 10)
		if jic.EntityKind(kind) == jic.EntityPlace {
			places = append(places, f)
		} else {
			entities = append(entities, f)
		}
	}
	return places, entities, s.wrap(rows.Err(), "count entity facets")
}
