package server

import (
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/access"
)

func (s *Server) coordinationRoutes() {
	s.route("GET /api/requests", s.api(s.listRequests))
	s.route("POST /api/requests", s.api(s.createRequest))
	s.route("GET /api/requests/{id}", s.api(s.getRequest))
	s.route("POST /api/requests/{id}/status", s.api(s.moveRequest))
	s.route("POST /api/requests/{id}/messages", s.api(s.addMessage))
	s.route("POST /api/requests/{id}/answers", s.api(s.addAnswer))
	s.route("GET /api/products", s.api(s.listProducts))
	s.route("POST /api/products", s.api(s.createProduct))
	s.route("GET /api/products/{id}", s.api(s.getProduct))
	s.route("PUT /api/products/{id}", s.api(s.editProduct))
	s.route("POST /api/products/{id}/state", s.api(s.moveProduct))
	s.route("POST /api/products/{id}/versions", s.api(s.newVersion))
}

// readJSON decodes a JSON body of at most max bytes into v, refusing
// unknown fields: a field the caller may not set is an error, not ignored.
func readJSON(r *http.Request, max int64, v any) error {
	body, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, max))
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return jic.Errorf(jic.ETOOLARGE, "the body is over the limit of %d bytes", max)
	} else if err != nil {
		return jic.Errorf(jic.EINVALID, "cannot read the body: %v", err)
	}
	return strictDecode(body, v)
}

// sharing resolves member and user names to ids.
func (s *Server) sharing(r *http.Request, members, users []string) (m, u []int64, err error) {
	for _, name := range members {
		x, err := s.store.MemberByName(r.Context(), name)
		if err != nil {
			return nil, nil, jic.FieldErrorf(jic.EINVALID, "share_with", "no member named %q", name)
		}
		m = append(m, x.ID)
	}
	for _, name := range users {
		x, err := s.store.UserByName(r.Context(), name)
		if err != nil {
			return nil, nil, jic.FieldErrorf(jic.EINVALID, "recipients", "no user named %q", name)
		}
		u = append(u, x.ID)
	}
	return m, u, nil
}

// RequestInput is the body of POST /api/requests.
type RequestInput struct {
	Kind       string   `json:"kind"` // rfi (default) or task
	Title      string   `json:"title"`
	Body       string   `json:"body"`
	Assignee   string   `json:"assignee"` // member name
	Due        string   `json:"due"`      // RFC 3339 or YYYY-MM-DD
	Priority   int      `json:"priority"` // 1 urgent to 5 routine; default 3
	Marking    string   `json:"marking"`  // default AMBER
	ShareWith  []string `json:"share_with"`
	Recipients []string `json:"recipients"`
}

func (s *Server) createRequest(r *http.Request, v jic.Viewer) (int, any, error) {
	if err := signedIn(v); err != nil {
		return 0, nil, err
	}
	var in RequestInput
	if err := readJSON(r, 1<<20+4096, &in); err != nil {
		return 0, nil, err
	}
	assignee, err := s.store.MemberByName(r.Context(), in.Assignee)
	if err != nil {
		return 0, nil, jic.FieldErrorf(jic.EINVALID, "assignee", "no member named %q", in.Assignee)
	}
	rq := &jic.Request{Kind: in.Kind, Title: in.Title, Body: in.Body, AssigneeMemberID: assignee.ID,
		Priority: in.Priority, Marking: jic.Marking(strings.ToUpper(in.Marking))}
	if in.Due != "" {
		if rq.Due, err = parseTime(in.Due); err != nil {
			return 0, nil, jic.FieldErrorf(jic.EINVALID, "due", "%q is not an RFC 3339 time or a YYYY-MM-DD date", in.Due)
		}
	}
	if rq.ShareWith, rq.Recipients, err = s.sharing(r, in.ShareWith, in.Recipients); err != nil {
		return 0, nil, err
	}
	if err := s.store.CreateRequest(r.Context(), v, rq); err != nil {
		return 0, nil, err
	}
	return http.StatusCreated, rq, nil
}

func (s *Server) listRequests(r *http.Request, v jic.Viewer) (int, any, error) {
	if err := signedIn(v); err != nil {
		return 0, nil, err
	}
	p, err := params(r.URL.Query(), "status", "overdue", "assignee", "limit")
	if err != nil {
		return 0, nil, err
	}
	f := jic.RequestFilter{Status: p.str("status"), Overdue: p.str("overdue") == "true", Limit: int(p.int("limit"))}
	if name := p.str("assignee"); name != "" {
		m, err := s.store.MemberByName(r.Context(), name)
		if err != nil {
			return 0, nil, jic.FieldErrorf(jic.EINVALID, "assignee", "no member named %q", name)
		}
		f.AssigneeMemberID = m.ID
	}
	if err := p.err(); err != nil {
		return 0, nil, err
	}
	list, err := s.store.Requests(r.Context(), v, f)
	return http.StatusOK, map[string]any{"requests": list}, err
}

func (s *Server) getRequest(r *http.Request, v jic.Viewer) (int, any, error) {
	id, err := pathID(r)
	if err != nil {
		return 0, nil, err
	}
	rq, err := s.store.Request(r.Context(), v, id)
	return http.StatusOK, rq, err
}

func (s *Server) moveRequest(r *http.Request, v jic.Viewer) (int, any, error) {
	id, err := pathID(r)
	if err != nil {
		return 0, nil, err
	}
	var in struct {
		Status string `json:"status"`
	}
	if err := readJSON(r, 4096, &in); err != nil {
		return 0, nil, err
	}
	if err := s.store.MoveRequest(r.Context(), v, id, in.Status); err != nil {
		return 0, nil, err
	}
	rq, err := s.store.Request(r.Context(), v, id)
	return http.StatusOK, rq, err
}

func (s *Server) addMessage(r *http.Request, v jic.Viewer) (int, any, error) {
	id, err := pathID(r)
	if err != nil {
		return 0, nil, err
	}
	var in struct {
		Body string `json:"body"`
	}
	if err := readJSON(r, 70<<10, &in); err != nil {
		return 0, nil, err
	}
	if err := s.store.AddRequestMessage(r.Context(), v, id, in.Body); err != nil {
		return 0, nil, err
	}
	rq, err := s.store.Request(r.Context(), v, id)
	return http.StatusCreated, rq, err
}

func (s *Server) addAnswer(r *http.Request, v jic.Viewer) (int, any, error) {
	id, err := pathID(r)
	if err != nil {
		return 0, nil, err
	}
	var ref jic.Ref
	if err := readJSON(r, 4096, &ref); err != nil {
		return 0, nil, err
	}
	if err := s.store.AddRequestAnswer(r.Context(), v, id, ref); err != nil {
		return 0, nil, err
	}
	rq, err := s.store.Request(r.Context(), v, id)
	return http.StatusCreated, rq, err
}

// ProductInput is the body of POST /api/products and PUT /api/products/{id}
// (which ignores marking and sharing: those are set once).
type ProductInput struct {
	Title      string    `json:"title"`
	Body       string    `json:"body"` // Markdown
	Marking    string    `json:"marking"`
	ShareWith  []string  `json:"share_with"`
	Recipients []string  `json:"recipients"`
	Cites      []jic.Ref `json:"cites"`
}

func (s *Server) createProduct(r *http.Request, v jic.Viewer) (int, any, error) {
	if err := signedIn(v); err != nil {
		return 0, nil, err
	}
	var in ProductInput
	if err := readJSON(r, 4<<20+4096, &in); err != nil {
		return 0, nil, err
	}
	p := &jic.Product{Title: in.Title, Body: in.Body, Marking: jic.Marking(strings.ToUpper(in.Marking)), Cites: in.Cites}
	var err error
	if p.ShareWith, p.Recipients, err = s.sharing(r, in.ShareWith, in.Recipients); err != nil {
		return 0, nil, err
	}
	if err := s.store.CreateProduct(r.Context(), v, p); err != nil {
		return 0, nil, err
	}
	return http.StatusCreated, p, nil
}

func (s *Server) listProducts(r *http.Request, v jic.Viewer) (int, any, error) {
	p, err := params(r.URL.Query(), "state", "limit")
	if err != nil {
		return 0, nil, err
	}
	limit := int(p.int("limit"))
	if err := p.err(); err != nil {
		return 0, nil, err
	}
	list, err := s.store.Products(r.Context(), v, p.str("state"), limit)
	return http.StatusOK, map[string]any{"products": list}, err
}

func (s *Server) getProduct(r *http.Request, v jic.Viewer) (int, any, error) {
	id, err := pathID(r)
	if err != nil {
		return 0, nil, err
	}
	p, err := s.store.Product(r.Context(), v, id)
	return http.StatusOK, p, err
}

func (s *Server) editProduct(r *http.Request, v jic.Viewer) (int, any, error) {
	id, err := pathID(r)
	if err != nil {
		return 0, nil, err
	}
	var in ProductInput
	if err := readJSON(r, 4<<20+4096, &in); err != nil {
		return 0, nil, err
	}
	p := &jic.Product{ID: id, Title: in.Title, Body: in.Body, Cites: in.Cites}
	if err := s.store.EditProduct(r.Context(), v, p); err != nil {
		return 0, nil, err
	}
	got, err := s.store.Product(r.Context(), v, id)
	return http.StatusOK, got, err
}

func (s *Server) moveProduct(r *http.Request, v jic.Viewer) (int, any, error) {
	id, err := pathID(r)
	if err != nil {
		return 0, nil, err
	}
	var in struct {
		State string `json:"state"`
	}
	if err := readJSON(r, 4096, &in); err != nil {
		return 0, nil, err
	}
	head := false
	if in.State == jic.ProductReleased {
		if err := access.RequireHead(r.Context(), s.store, v, s.now(), "release products"); err != nil {
			return 0, nil, err
		}
		head = true
	}
	if err := s.store.MoveProduct(r.Context(), v, id, in.State, head); err != nil {
		return 0, nil, err
	}
	p, err := s.store.Product(r.Context(), v, id)
	return http.StatusOK, p, err
}

func (s *Server) newVersion(r *http.Request, v jic.Viewer) (int, any, error) {
	id, err := pathID(r)
	if err != nil {
		return 0, nil, err
	}
	p, err := s.store.NewProductVersion(r.Context(), v, id)
	return http.StatusCreated, p, err
}

func (s *Server) watchRoutes() {
	s.route("GET /api/watches", s.api(s.listWatches))
	s.route("POST /api/watches", s.api(s.createWatch))
	s.route("DELETE /api/watches/{id}", s.api(s.deleteWatch))
}

// isHead reports whether v heads the center now; errors other than "not
// founded yet" are returned.
func (s *Server) isHead(r *http.Request, v jic.Viewer) (bool, error) {
	err := access.RequireHead(r.Context(), s.store, v, s.now(), "")
	switch jic.ErrorCode(err) {
	case "":
		return true, nil
	case jic.EFORBIDDEN, jic.ENOTFOUND, jic.ECONFLICT:
		return false, nil
	}
	return false, err
}

func (s *Server) listWatches(r *http.Request, v jic.Viewer) (int, any, error) {
	if err := signedIn(v); err != nil {
		return 0, nil, err
	}
	ws, err := s.store.Watches(r.Context(), v)
	return http.StatusOK, map[string]any{"watches": ws}, err
}

// WatchInput is the body of POST /api/watches.
type WatchInput struct {
	Name     string `json:"name"`
	Query    string `json:"query"`
	Priority bool   `json:"priority"` // a priority information requirement: the head only
	Webhook  string `json:"webhook"`
}

func (s *Server) createWatch(r *http.Request, v jic.Viewer) (int, any, error) {
	if err := signedIn(v); err != nil {
		return 0, nil, err
	}
	var in WatchInput
	if err := readJSON(r, 16<<10, &in); err != nil {
		return 0, nil, err
	}
	head, err := s.isHead(r, v)
	if err != nil {
		return 0, nil, err
	}
	w := &jic.Watch{Name: in.Name, Query: in.Query, Priority: in.Priority, Webhook: in.Webhook}
	if err := s.store.CreateWatch(r.Context(), v, w, head); err != nil {
		return 0, nil, err
	}
	return http.StatusCreated, w, nil
}

func (s *Server) deleteWatch(r *http.Request, v jic.Viewer) (int, any, error) {
	if err := signedIn(v); err != nil {
		return 0, nil, err
	}
	id, err := pathID(r)
	if err != nil {
		return 0, nil, err
	}
	head, err := s.isHead(r, v)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, map[string]any{"deleted": id}, s.store.DeleteWatch(r.Context(), v, id, head)
}
