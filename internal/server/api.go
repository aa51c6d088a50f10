package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/lang"
)

// handler is an API endpoint: it returns a status and a value to encode as
// JSON, or an error that becomes a JSON error body.
type handler func(r *http.Request, v jic.Viewer) (int, any, error)

func (s *Server) api(h handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		v, se, err := s.auth.Identify(r)
		if err == nil && se != nil && r.Method != http.MethodGet && r.Method != http.MethodHead {
			err = checkCSRF(r, se)
		}
		if err == nil {
			var status int
			var body any
			if status, body, err = h(r, v); err == nil {
				if r.Method == http.MethodGet {
					writeJSONTagged(w, r, status, body)
				} else {
					writeJSON(w, status, body)
				}
				return
			}
		}
		if jic.ErrorCode(err) == jic.EINTERNAL {
			s.log.Error("api", "path", r.URL.Path, "err", err)
		}
		writeError(w, err)
	}
}

// ReportInput is the JSON body of POST /api/reports: one object, or an array
// of them. Unknown fields are refused.
type ReportInput struct {
	Title      string   `json:"title"`
	Text       string   `json:"text"`
	URL        string   `json:"url"`
	Published  string   `json:"published"`  // RFC 3339 or YYYY-MM-DD
	Language   string   `json:"language"`   // BCP 47; guessed when empty
	Source     string   `json:"source"`     // a source name; a manual source is created if new
	Marking    string   `json:"marking"`    // TLP 2.0; default GREEN
	ShareWith  []string `json:"share_with"` // member names, for AMBER
	Recipients []string `json:"recipients"` // user names, for RED
}

// AddedReport is one result of POST /api/reports.
type AddedReport struct {
	ID        int64 `json:"id"`
	Duplicate bool  `json:"duplicate"`
}

func (s *Server) postReports(r *http.Request, v jic.Viewer) (int, any, error) {
	if v.Anonymous() {
		return 0, nil, jic.Errorf(jic.EUNAUTHORIZED, "sign in to submit reports")
	}
	if !v.Role.AtLeast(jic.RoleAnalyst) {
		return 0, nil, jic.Errorf(jic.EFORBIDDEN, "submitting reports needs the analyst role")
	}
	body, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, int64(s.cfg.MaxBodyBytes)))
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return 0, nil, jic.Errorf(jic.ETOOLARGE, "the body is over the limit of %d bytes", s.cfg.MaxBodyBytes)
	} else if err != nil {
		return 0, nil, jic.Errorf(jic.EINVALID, "cannot read the body: %v", err)
	}
	inputs, raws, single, err := decodeReports(body)
	if err != nil {
		return 0, nil, err
	}
	reports := make([]*jic.Report, len(inputs))
	for i, in := range inputs {
		rep, err := s.toReport(r, v, in, raws[i])
		if err != nil {
			if !single {
				err = &jic.Error{Code: jic.ErrorCode(err), Field: fmt.Sprintf("[%d].%s", i, jic.ErrorField(err)), Message: strings.TrimPrefix(jic.ErrorMessage(err), jic.ErrorField(err)+": ")}
			}
			return 0, nil, err
		}
		reports[i] = rep
	}
	results, err := s.store.AddReports(jic.WithActor(r.Context(), v), reports)
	if err != nil {
		return 0, nil, err
	}
	out := make([]AddedReport, len(results))
	var added []int64
	for i, res := range results {
		out[i] = AddedReport{ID: res.ID, Duplicate: res.Duplicate}
		if !res.Duplicate {
			added = append(added, res.ID)
		}
	}
	if s.cfg.Process != nil {
		// The reports are stored; if enqueueing fails, the sweep finds them.
		if err := s.cfg.Process(r.Context(), added...); err != nil {
			s.log.Warn("enqueue processing", "err", err)
		}
	}
	if single {
		status := http.StatusCreated
		if out[0].Duplicate {
			status = http.StatusOK
		}
		return status, out[0], nil
	}
	return http.StatusOK, map[string]any{"results": out}, nil
}

// decodeReports reads one ReportInput or an array of them, refusing unknown
// fields and trailing data. It returns each report's exact bytes, kept as
// its raw payload.
func decodeReports(body []byte) ([]ReportInput, [][]byte, bool, error) {
	if !utf8.Valid(body) {
		return nil, nil, false, jic.Errorf(jic.EINVALID, "the body is not valid UTF-8 (first bad byte at offset %d)", invalidAt(body))
	}
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return nil, nil, false, jic.Errorf(jic.EINVALID, "the body is empty; send a JSON report object or an array of them")
	}
	single := trimmed[0] == '{'
	raws := []json.RawMessage{trimmed}
	if !single {
		if err := strictDecode(trimmed, &raws); err != nil {
			return nil, nil, false, err
		}
	}
	if len(raws) == 0 || len(raws) > 1000 {
		return nil, nil, false, jic.Errorf(jic.EINVALID, "send between 1 and 1000 reports")
	}
	inputs := make([]ReportInput, len(raws))
	out := make([][]byte, len(raws))
	for i, raw := range raws {
		if err := strictDecode(raw, &inputs[i]); err != nil {
			if !single {
				err = &jic.Error{Code: jic.EINVALID, Field: fmt.Sprintf("[%d]", i), Message: jic.ErrorMessage(err)}
			}
			return nil, nil, false, err
		}
		out[i] = raw
	}
	return inputs, out, single, nil
}

// invalidAt returns the offset of the first byte that is not valid UTF-8.
func invalidAt(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

func strictDecode(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jic.Errorf(jic.EINVALID, "malformed JSON: %v", err)
	}
	if dec.More() {
		return jic.Errorf(jic.EINVALID, "malformed JSON: data after the value")
	}
	return nil
}

func (s *Server) toReport(r *http.Request, v jic.Viewer, in ReportInput, raw []byte) (*jic.Report, error) {
	rep := &jic.Report{
		OwnerMemberID: v.MemberID, SubmittedBy: v.UserID,
		Title: in.Title, Text: in.Text, URL: in.URL, Language: in.Language,
		Marking: jic.Marking(strings.ToUpper(in.Marking)), RawType: "application/json",
	}
	if in.Published != "" {
		t, err := parseTime(in.Published)
		if err != nil {
			return nil, jic.FieldErrorf(jic.EINVALID, "published", "%q is not an RFC 3339 time or a YYYY-MM-DD date", in.Published)
		}
		rep.Published = t
	}
	if rep.Language == "" {
		rep.Language = lang.Guess(in.Title + "\n" + in.Text)
	}
	rep.Raw = raw
	if in.Source != "" {
		src, err := s.source(r, v, in.Source)
		if err != nil {
			return nil, err
		}
		rep.SourceID = src.ID
	}
	for _, name := range in.ShareWith {
		m, err := s.store.MemberByName(r.Context(), name)
		if err != nil {
			return nil, jic.FieldErrorf(jic.EINVALID, "share_with", "no member named %q", name)
		}
		rep.ShareWith = append(rep.ShareWith, m.ID)
	}
	for _, name := range in.Recipients {
		u, err := s.store.UserByName(r.Context(), name)
		if err != nil {
			return nil, jic.FieldErrorf(jic.EINVALID, "recipients", "no user named %q", name)
		}
		rep.Recipients = append(rep.Recipients, u.ID)
	}
	return rep, nil
}

// source finds a source by name, creating a manual one owned by the
// caller's member when it is new.
func (s *Server) source(r *http.Request, v jic.Viewer, name string) (*jic.Source, error) {
	src, err := s.store.SourceByName(r.Context(), name)
	if jic.ErrorCode(err) != jic.ENOTFOUND {
		return src, err
	}
	src = &jic.Source{Name: name, Kind: jic.SourceManual, OwnerMemberID: v.MemberID}
	if err := s.store.CreateSource(jic.WithActor(r.Context(), v), src); err != nil {
		if jic.ErrorCode(err) == jic.ECONFLICT { // created meanwhile
			return s.store.SourceByName(r.Context(), name)
		}
		return nil, err
	}
	return src, nil
}

// parseTime accepts RFC 3339 and plain dates (midnight UTC).
func parseTime(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.Parse("2006-01-02", s)
}

func (s *Server) getReport(r *http.Request, v jic.Viewer) (int, any, error) {
	id, err := pathID(r)
	if err != nil {
		return 0, nil, err
	}
	rep, err := s.store.Report(r.Context(), v, id)
	if err != nil {
		return 0, nil, err
	}
	stages, err := s.store.Stages(r.Context(), id)
	if err != nil {
		return 0, nil, err
	}
	mentions, err := s.store.Mentions(r.Context(), id)
	if err != nil {
		return 0, nil, err
	}
	dates, err := s.store.Dates(r.Context(), id)
	if err != nil {
		return 0, nil, err
	}
	sy, err := s.store.Syndication(r.Context(), v, id)
	if err != nil && jic.ErrorCode(err) != jic.ENOTFOUND {
		return 0, nil, err
	}
	cs, err := s.store.ReportClaims(r.Context(), id)
	if err != nil {
		return 0, nil, err
	}
	if err := s.store.RateClaims(r.Context(), v, cs); err != nil {
		return 0, nil, err
	}
	story, err := s.store.StoryOf(r.Context(), v, id)
	if err != nil && jic.ErrorCode(err) != jic.ENOTFOUND {
		return 0, nil, err
	}
	facts := jic.ReportFacts{
		Report: rep, Stages: stages, Syndication: sy, StoryID: story,
		Entities: []jic.Mention{}, Places: []jic.Mention{}, Dates: dates, Claims: cs,
	}
	for _, m := range mentions {
		if m.Kind == jic.EntityPlace {
			facts.Places = append(facts.Places, m)
		} else {
			facts.Entities = append(facts.Entities, m)
		}
	}
	return http.StatusOK, facts, nil
}

// getRaw serves the payload as received, as an inert download: it may be
// HTML from anywhere.
func (s *Server) getRaw(w http.ResponseWriter, r *http.Request) {
	v, err := s.auth.Viewer(r)
	if err != nil {
		writeError(w, err)
		return
	}
	id, err := pathID(r)
	if err != nil {
		writeError(w, err)
		return
	}
	rep, err := s.store.Report(r.Context(), v, id)
	if err != nil {
		writeError(w, err)
		return
	}
	if len(rep.Raw) == 0 {
		writeError(w, jic.Errorf(jic.ENOTFOUND, "report %d has no raw payload", id))
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("X-Original-Content-Type", rep.RawType)
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="report-%d.raw"`, id))
	w.Header().Set("Content-Security-Policy", "sandbox")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Write(rep.Raw)
}

func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, jic.FieldErrorf(jic.EINVALID, "id", "%q is not a report id", r.PathValue("id"))
	}
	return id, nil
}

func (s *Server) listReports(r *http.Request, v jic.Viewer) (int, any, error) {
	p, err := params(r.URL.Query(), "language", "source", "marking", "since", "until", "entity", "after", "before", "limit")
	if err != nil {
		return 0, nil, err
	}
	f := jic.ReportFilter{Language: p.str("language"), Marking: jic.Marking(strings.ToUpper(p.str("marking")))}
	f.SourceID, f.EntityID, f.AfterID = p.int("source"), p.int("entity"), p.int("after")
	f.Before = p.int("before")
	f.Limit = int(p.int("limit"))
	f.Since, f.Until = p.time("since"), p.time("until")
	if err := p.err(); err != nil {
		return 0, nil, err
	}
	if f.Limit < 0 || f.Limit > 1000 {
		return 0, nil, jic.FieldErrorf(jic.EINVALID, "limit", "must be between 1 and 1000")
	}
	if f.Marking != "" {
		if _, err := jic.ParseMarking(string(f.Marking)); err != nil {
			return 0, nil, err
		}
	}
	list, err := s.store.Reports(r.Context(), v, f)
	if err != nil {
		return 0, nil, err
	}
	if list == nil {
		list = []*jic.Report{}
	}
	return http.StatusOK, map[string]any{"reports": list}, nil
}

// SearchResponse is the body of GET /api/search: a page of hits and, on
// the first page unless facets=false, the facets of the whole search.
type SearchResponse struct {
	*jic.SearchResult
	Facets *jic.SearchFacets `json:"facets,omitempty"`
}

func (s *Server) search(r *http.Request, v jic.Viewer) (int, any, error) {
	vals := r.URL.Query()
	withFacets := true
	if f := vals.Get("facets"); f != "" {
		b, err := strconv.ParseBool(f)
		if err != nil {
			return 0, nil, jic.FieldErrorf(jic.EINVALID, "facets", "%q is not true or false", f)
		}
		withFacets = b
		vals.Del("facets")
	}
	q, err := searchQuery(vals)
	if err != nil {
		return 0, nil, err
	}
	res, err := s.store.Search(r.Context(), v, q)
	if err != nil {
		return 0, nil, err
	}
	out := SearchResponse{SearchResult: res}
	if withFacets && q.Cursor == "" {
		if out.Facets, err = s.store.SearchFacets(r.Context(), v, q); err != nil {
			return 0, nil, err
		}
	}
	return http.StatusOK, out, nil
}

// searchQuery reads GET /api/search parameters; lang, source and marking
// may repeat or hold comma-separated lists.
func searchQuery(vals url.Values) (jic.SearchQuery, error) {
	p, err := params(vals, "q", "lang", "source", "marking", "since", "until", "sort", "limit", "cursor")
	if err != nil {
		return jic.SearchQuery{}, err
	}
	q := jic.SearchQuery{Q: p.str("q"), Sort: p.str("sort"), Cursor: p.str("cursor"), Languages: p.list("lang")}
	q.Limit = int(p.int("limit"))
	q.Since, q.Until = p.time("since"), p.time("until")
	for _, id := range p.list("source") {
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil {
			return q, jic.FieldErrorf(jic.EINVALID, "source", "%q is not a source id", id)
		}
		q.SourceIDs = append(q.SourceIDs, n)
	}
	for _, m := range p.list("marking") {
		q.Markings = append(q.Markings, jic.Marking(m))
	}
	if err := p.err(); err != nil {
		return q, err
	}
	if strings.TrimSpace(q.Q) == "" {
		return q, jic.FieldErrorf(jic.EINVALID, "q", "is required")
	}
	return q, q.Normalize()
}

// queryParams reads URL parameters, remembering the first bad one.
type queryParams struct {
	v   url.Values
	bad error
}

// params refuses parameters not in allowed, so a misspelled filter is an
// error instead of being silently ignored.
func params(v url.Values, allowed ...string) (*queryParams, error) {
	for k := range v {
		ok := false
		for _, a := range allowed {
			ok = ok || k == a
		}
		if !ok {
			return nil, jic.FieldErrorf(jic.EINVALID, k, "unknown parameter; known: %s", strings.Join(allowed, ", "))
		}
	}
	return &queryParams{v: v}, nil
}

func (p *queryParams) str(k string) string { return strings.TrimSpace(p.v.Get(k)) }

func (p *queryParams) list(k string) []string {
	var out []string
	for _, v := range p.v[k] {
		for _, part := range strings.Split(v, ",") {
			if part = strings.TrimSpace(part); part != "" {
				out = append(out, part)
			}
		}
	}
	return out
}

func (p *queryParams) int(k string) int64 {
	s := p.str(k)
	if s == "" {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if (err != nil || n < 0) && p.bad == nil {
		p.bad = jic.FieldErrorf(jic.EINVALID, k, "%q is not a positive number", s)
	}
	return n
}

func (p *queryParams) time(k string) time.Time {
	s := p.str(k)
	if s == "" {
		return time.Time{}
	}
	t, err := parseTime(s)
	if err != nil && p.bad == nil {
		p.bad = jic.FieldErrorf(jic.EINVALID, k, "%q is not an RFC 3339 time or a YYYY-MM-DD date", s)
	}
	return t
}

func (p *queryParams) err() error { return p.bad }
