package server

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/access"
)

// The desk: the dashboard and the pages over members, sources, requests
// and products. Each reads through the same store methods, with the same
// viewer, as the JSON API.

func (s *Server) deskRoutes() {
	s.mux.HandleFunc("GET /products", s.web(s.productsPage))
	s.mux.HandleFunc("POST /products", s.form(s.createProductForm))
	s.mux.HandleFunc("GET /products/{id}", s.web(s.productPage))
	s.mux.HandleFunc("POST /products/{id}", s.form(s.editProductForm))
	s.mux.HandleFunc("POST /products/{id}/state", s.form(s.moveProductForm))
}

func (s *Server) home(r *http.Request, v jic.Viewer) (string, page, error) {
	if len(r.URL.Query()) > 0 {
		return "", page{}, jic.Errorf(jic.EINVALID, "the home page takes no parameters")
	}
	ctx := r.Context()
	list, err := s.store.Reports(ctx, v, jic.ReportFilter{Limit: 15})
	if err != nil {
		return "", page{}, err
	}
	n, err := s.store.CountReports(ctx, v)
	if err != nil {
		return "", page{}, err
	}
	places, err := s.store.PlaceCounts(ctx, v, jic.ReportFilter{Limit: dashboardPlaces})
	if err != nil {
		return "", page{}, err
	}
	contra, err := s.store.Contradictions(ctx, v, nil, 10)
	if err != nil {
		return "", page{}, err
	}
	stories, err := s.store.Stories(ctx, v, jic.StoryFilter{Limit: 8})
	if err != nil {
		return "", page{}, err
	}
	data := map[string]any{"Reports": list, "Count": n, "Places": places, "Contradictions": contra, "Stories": stories.Stories}
	if !v.Anonymous() {
		overdue, err := s.store.Requests(ctx, v, jic.RequestFilter{Overdue: true, Limit: 10})
		if err != nil {
			return "", page{}, err
		}
		sources, err := s.store.Sources(ctx)
		if err != nil {
			return "", page{}, err
		}
		var trouble []*jic.Source
		for _, src := range sources {
			if src.Status.Failing() || src.Status.LastError != "" {
				trouble = append(trouble, src)
			}
		}
		data["Overdue"], data["Trouble"] = overdue, trouble
	}
	return "home.html", page{Title: "jic", Nav: "home", Map: true, Data: data}, nil
}

func (s *Server) sourcesPage(r *http.Request, v jic.Viewer) (string, page, error) {
	if err := signedIn(v); err != nil {
		return "", page{}, err
	}
	if len(r.URL.Query()) > 0 {
		return "", page{}, jic.Errorf(jic.EINVALID, "the sources page takes no parameters")
	}
	list, err := s.store.Sources(r.Context())
	return "sources.html", page{Title: "Sources", Nav: "sources", Data: map[string]any{"Sources": list}}, err
}

func (s *Server) membersPage(r *http.Request, v jic.Viewer) (string, page, error) {
	if err := signedIn(v); err != nil {
		return "", page{}, err
	}
	if len(r.URL.Query()) > 0 {
		return "", page{}, jic.Errorf(jic.EINVALID, "the members page takes no parameters")
	}
	ctx := r.Context()
	members, err := s.store.Members(ctx)
	if err != nil {
		return "", page{}, err
	}
	terms, err := s.store.Terms(ctx, 12)
	if err != nil {
		return "", page{}, err
	}
	names := map[int64]string{}
	for _, m := range members {
		names[m.ID] = m.Name
	}
	return "members.html", page{Title: "Members and headship", Nav: "members", Data: map[string]any{
		"Members": members, "Terms": terms, "Names": names,
	}}, nil
}

func (s *Server) requestsPage(r *http.Request, v jic.Viewer) (string, page, error) {
	if err := signedIn(v); err != nil {
		return "", page{}, err
	}
	p, err := params(r.URL.Query(), "status", "overdue")
	if err != nil {
		return "", page{}, err
	}
	f := jic.RequestFilter{Status: p.str("status"), Overdue: p.str("overdue") == "true", Limit: 200}
	switch f.Status {
	case "", jic.RequestOpen, jic.RequestAccepted, jic.RequestAnswered, jic.RequestClosed, jic.RequestDeclined:
	default:
		return "", page{}, jic.FieldErrorf(jic.EINVALID, "status", "%q is not open, accepted, answered, closed or declined", f.Status)
	}
	list, err := s.store.Requests(r.Context(), v, f)
	if err != nil {
		return "", page{}, err
	}
	now := s.now()
	for _, rq := range list {
		rq.Overdue = rq.Overdue || rq.IsOverdue(now)
	}
	names, err := s.memberNames(r)
	return "requests.html", page{Title: "Requests and tasks", Nav: "requests", Data: map[string]any{
		"Requests": list, "Filter": f, "Names": names,
	}}, err
}

func (s *Server) memberNames(r *http.Request) (map[int64]string, error) {
	members, err := s.store.Members(r.Context())
	names := map[int64]string{}
	for _, m := range members {
		names[m.ID] = m.Name
	}
	return names, err
}

func (s *Server) productsPage(r *http.Request, v jic.Viewer) (string, page, error) {
	if err := signedIn(v); err != nil {
		return "", page{}, err
	}
	p, err := params(r.URL.Query(), "state")
	if err != nil {
		return "", page{}, err
	}
	state := p.str("state")
	switch state {
	case "", jic.ProductDraft, jic.ProductReview, jic.ProductReleased:
	default:
		return "", page{}, jic.FieldErrorf(jic.EINVALID, "state", "%q is not draft, review or released", state)
	}
	list, err := s.store.Products(r.Context(), v, state, 200)
	return "products.html", page{Title: "Products", Nav: "products", Data: map[string]any{
		"Products": list, "State": state, "Markings": jic.Markings,
	}}, err
}

func (s *Server) productPage(r *http.Request, v jic.Viewer) (string, page, error) {
	id, err := pathID(r)
	if err != nil {
		return "", page{}, err
	}
	p, err := s.store.Product(r.Context(), v, id)
	if err != nil {
		return "", page{}, err
	}
	head, err := s.isHead(r, v)
	return "product.html", page{Title: p.Title, Nav: "products", Data: map[string]any{"Product": p, "IsHead": head}}, err
}

// formHandler handles a posted form and returns where to send the browser.
type formHandler func(r *http.Request, v jic.Viewer) (redirect string, err error)

// form runs h for a signed-in user whose form carries the session's CSRF
// token, then redirects; errors render the error page.
func (s *Server) form(h formHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, 4<<20+64<<10)
		v, se, err := s.auth.Identify(r)
		if err == nil {
			err = signedIn(v)
		}
		if err == nil && r.ParseForm() != nil {
			err = jic.Errorf(jic.EINVALID, "the form could not be read")
		}
		if err == nil && se != nil {
			err = checkCSRF(r, se)
		}
		to := ""
		if err == nil {
			to, err = h(r, v)
		}
		if err == nil {
			http.Redirect(w, r, to, http.StatusSeeOther)
			return
		}
		s.web(func(*http.Request, jic.Viewer) (string, page, error) { return "", page{}, err })(w, r)
	}
}

func (s *Server) createProductForm(r *http.Request, v jic.Viewer) (string, error) {
	p := &jic.Product{Title: r.PostFormValue("title"), Body: r.PostFormValue("body"), Marking: jic.Marking(strings.ToUpper(r.PostFormValue("marking"))), Cites: []jic.Ref{}}
	if err := s.store.CreateProduct(r.Context(), v, p); err != nil {
		return "", err
	}
	return "/products/" + strconv.FormatInt(p.ID, 10), nil
}

func (s *Server) editProductForm(r *http.Request, v jic.Viewer) (string, error) {
	id, err := pathID(r)
	if err != nil {
		return "", err
	}
	old, err := s.store.Product(r.Context(), v, id)
	if err != nil {
		return "", err
	}
	p := &jic.Product{ID: id, Title: r.PostFormValue("title"), Body: r.PostFormValue("body"), Cites: old.Cites}
	if err := s.store.EditProduct(r.Context(), v, p); err != nil {
		return "", err
	}
	return "/products/" + strconv.FormatInt(id, 10), nil
}

func (s *Server) moveProductForm(r *http.Request, v jic.Viewer) (string, error) {
	id, err := pathID(r)
	if err != nil {
		return "", err
	}
	to, head := r.PostFormValue("state"), false
	if to == jic.ProductReleased {
		if err := access.RequireHead(r.Context(), s.store, v, s.now(), "release products"); err != nil {
			return "", err
		}
		head = true
	}
	if err := s.store.MoveProduct(r.Context(), v, id, to, head); err != nil {
		return "", err
	}
	return "/products/" + strconv.FormatInt(id, 10), nil
}
