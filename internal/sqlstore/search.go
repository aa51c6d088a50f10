package sqlstore

import (
	"context"
	"encoding/base64"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/scope"
	"github.com/jic-center/jic/internal/textindex"
)

// SnippetBytes is the size of the excerpt returned with each hit.
const SnippetBytes = 280

// Search runs a full-text query over the reports v may see; see
// jic.ReportStore. Sorted by date, a page is the next newest matches. Sorted
// by relevance, the newest jic.RelevanceWindow matches are ranked by the
// dialect's scorer and paged through.
func (s *Store) Search(ctx context.Context, v jic.Viewer, q jic.SearchQuery) (*jic.SearchResult, error) {
	if err := q.Normalize(); err != nil {
		return nil, err
	}
	parsed, err := textindex.ParseQuery(q.Q, q.Languages)
	if err != nil {
		return nil, err
	}
	cur, err := decodeCursor(q.Cursor, q.Sort)
	if err != nil {
		return nil, err
	}
	cq := candidateQuery(v, q, parsed)
	if cur.before > 0 && (cq.Before == 0 || cur.before < cq.Before) {
		cq.Before = cur.before
	}
	var page []Candidate
	var next string
	if q.Sort == jic.SortDate {
		cq.Limit = q.Limit + 1
		cands, err := s.Dialect.Candidates(ctx, s.ReadDB, cq)
		if err != nil {
			return nil, s.wrap(err, "search")
		}
		page = cands
		if len(cands) > q.Limit {
			page = cands[:q.Limit]
			next = encodeCursor(cursor{sort: jic.SortDate, before: page[len(page)-1].SortKey})
		}
	} else {
		cq.Limit, cq.Scored = jic.RelevanceWindow, true
		cands, err := s.Dialect.Candidates(ctx, s.ReadDB, cq)
		if err != nil {
			return nil, s.wrap(err, "search")
		}
		sort.SliceStable(cands, func(i, j int) bool { return cands[i].Score > cands[j].Score })
		if cur.offset < len(cands) {
			page = cands[cur.offset:min(len(cands), cur.offset+q.Limit)]
		}
		if cur.offset+q.Limit < len(cands) {
			anchor := cq.Before
			if anchor == 0 && len(cands) > 0 {
				anchor = maxKey(cands) + 1
			}
			next = encodeCursor(cursor{sort: jic.SortRelevance, before: anchor, offset: cur.offset + q.Limit})
		}
	}
	hits, err := s.hits(ctx, page, parsed)
	if err != nil {
		return nil, err
	}
	return &jic.SearchResult{Hits: hits, Next: next}, nil
}

// candidateQuery is the search q over what v may see, without paging.
func candidateQuery(v jic.Viewer, q jic.SearchQuery, parsed *textindex.Query) CandidateQuery {
	conds, args := filterSQL(time.Time{}, time.Time{}, q.Languages, q.SourceIDs, q.Markings, "")
	where, sargs := scope.Reports(v, "r")
	cq := CandidateQuery{
		Match:  MatchExpr{FTS5: parsed.FTS5(), TSQuery: parsed.TSQuery()},
		Filter: strings.Join(append(conds, where), " AND "),
		Args:   append(args, sargs...),
	}
	if !q.Since.IsZero() {
		cq.After = SortKeyAt(q.Since.Unix())
	}
	if !q.Until.IsZero() {
		cq.Before = SortKeyAt(q.Until.Unix())
	}
	return cq
}

func maxKey(cs []Candidate) int64 {
	var m int64
	for _, c := range cs {
		m = max(m, c.SortKey)
	}
	return m
}

// hits loads the reports of a page of candidates, in page order, and cuts
// their snippets. Hits carry no full text: it can be megabytes.
func (s *Store) hits(ctx context.Context, page []Candidate, q *textindex.Query) ([]jic.SearchHit, error) {
	hits := []jic.SearchHit{}
	if len(page) == 0 {
		return hits, nil
	}
	args := make([]any, len(page))
	for i, c := range page {
		args[i] = c.ID
	}
	rows, err := s.reader(ctx).QueryContext(ctx, s.q(`SELECT `+reportCols+reportFrom+` WHERE r.id IN (`+placeholders(len(page))+`)`), args...)
	if err != nil {
		return nil, s.wrap(err, "load hits")
	}
	defer rows.Close()
	byID := map[int64]*jic.Report{}
	for rows.Next() {
		r, _, err := scanReport(rows)
		if err != nil {
			return nil, s.wrap(err, "scan hit")
		}
		byID[r.ID] = r
	}
	if err := rows.Err(); err != nil {
		return nil, s.wrap(err, "load hits")
	}
	for _, c := range page {
		r := byID[c.ID]
		if r == nil { // deleted between the two queries
			continue
		}
		lang := r.Language
		h := jic.SearchHit{Report: r, Score: c.Score}
		h.Snippet = textindex.Snippet(r.Text, lang, q, SnippetBytes)
		h.TitleMarks = textindex.Highlight(r.Title, lang, q)
		if h.TitleMarks == nil {
			h.TitleMarks = [][2]int{}
		}
		r.Text = ""
		hits = append(hits, h)
	}
	return hits, nil
}

// filterSQL returns predicates over reports aliased r, with ? placeholders.
// Time bounds apply to keyCol when it is not empty.
func filterSQL(since, until time.Time, langs []string, sources []int64, marks []jic.Marking, keyCol string) ([]string, []any) {
	var conds []string
	var args []any
	if keyCol != "" && !since.IsZero() {
		conds, args = append(conds, keyCol+" >= ?"), append(args, SortKeyAt(since.Unix()))
	}
	if keyCol != "" && !until.IsZero() {
		conds, args = append(conds, keyCol+" < ?"), append(args, SortKeyAt(until.Unix()))
	}
	if len(langs) > 0 {
		conds = append(conds, "r.language IN ("+placeholders(len(langs))+")")
		for _, l := range langs {
			args = append(args, strings.ToLower(l))
		}
	}
	if len(sources) > 0 {
		conds = append(conds, "r.source_id IN ("+placeholders(len(sources))+")")
		for _, id := range sources {
			args = append(args, id)
		}
	}
	if len(marks) > 0 {
		conds = append(conds, "r.marking IN ("+placeholders(len(marks))+")")
		for _, m := range marks {
			args = append(args, string(m))
		}
	}
	return conds, args
}

func langs(l string) []string {
	if l == "" {
		return nil
	}
	return []string{l}
}

func sourceIDs(id int64) []int64 {
	if id == 0 {
		return nil
	}
	return []int64{id}
}

func markings(m jic.Marking) []jic.Marking {
	if m == "" {
		return nil
	}
	return []jic.Marking{m}
}

// A cursor is opaque to clients: base64 of "d:<before>" for date pages and
// "r:<before>:<offset>" for relevance pages, where before pins the
// candidate set so that new reports do not shift later pages.
type cursor struct {
	sort   string
	before int64
	offset int
}

func encodeCursor(c cursor) string {
	s := "d:" + strconv.FormatInt(c.before, 10)
	if c.sort == jic.SortRelevance {
		s = fmt.Sprintf("r:%d:%d", c.before, c.offset)
	}
	return base64.RawURLEncoding.EncodeToString([]byte(s))
}

func decodeCursor(s, sortBy string) (cursor, error) {
	if s == "" {
		return cursor{sort: sortBy}, nil
	}
	bad := jic.FieldErrorf(jic.EINVALID, "cursor", "is not a cursor from a previous page of this search")
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return cursor{}, bad
	}
	parts := strings.Split(string(b), ":")
	c := cursor{sort: sortBy}
	switch {
	case sortBy == jic.SortDate && len(parts) == 2 && parts[0] == "d":
		c.before, err = strconv.ParseInt(parts[1], 10, 64)
	case sortBy == jic.SortRelevance && len(parts) == 3 && parts[0] == "r":
		c.before, err = strconv.ParseInt(parts[1], 10, 64)
		if err == nil {
			c.offset, err = strconv.Atoi(parts[2])
		}
	default:
		return cursor{}, bad
	}
	if err != nil || c.before < 0 || c.offset < 0 || c.offset > jic.RelevanceWindow {
		return cursor{}, bad
	}
	return c, nil
}
