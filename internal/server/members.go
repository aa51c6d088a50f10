package server

import (
	"net/http"
	"time"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/access"
)

func (s *Server) memberRoutes() {
	s.route("GET /api/head", s.api(s.getHead))
	s.route("GET /api/members", s.api(s.listMembers))
	s.route("POST /api/members", s.api(s.admitMember))
	s.route("POST /api/members/{id}/suspend", s.api(s.suspendMember(true)))
	s.route("POST /api/members/{id}/reinstate", s.api(s.suspendMember(false)))
}

func signedIn(v jic.Viewer) error {
	if v.Anonymous() {
		return jic.Errorf(jic.EUNAUTHORIZED, "sign in to see this")
	}
	return nil
}

func (s *Server) getHead(r *http.Request, v jic.Viewer) (int, any, error) {
	if err := signedIn(v); err != nil {
		return 0, nil, err
	}
	h, err := access.Head(r.Context(), s.store, s.now())
	return http.StatusOK, h, err
}

func (s *Server) listMembers(r *http.Request, v jic.Viewer) (int, any, error) {
	if err := signedIn(v); err != nil {
		return 0, nil, err
	}
	ms, err := s.store.Members(r.Context())
	if ms == nil {
		ms = []*jic.Member{}
	}
	return http.StatusOK, map[string]any{"members": ms}, err
}

// admitMember is a head's power: POST {"name": "..."}.
func (s *Server) admitMember(r *http.Request, v jic.Viewer) (int, any, error) {
	if err := signedIn(v); err != nil {
		return 0, nil, err
	}
	if err := access.RequireHead(r.Context(), s.store, v, s.now(), "admit members"); err != nil {
		return 0, nil, err
	}
	var in struct {
		Name string `json:"name"`
	}
	if err := readJSON(r, 64<<10, &in); err != nil {
		return 0, nil, err
	}
	m := &jic.Member{Name: in.Name}
	if err := s.store.CreateMember(jic.WithActor(r.Context(), v), m); err != nil {
		return 0, nil, err
	}
	return http.StatusCreated, m, nil
}

func (s *Server) suspendMember(suspend bool) handler {
	return func(r *http.Request, v jic.Viewer) (int, any, error) {
		if err := signedIn(v); err != nil {
			return 0, nil, err
		}
		what := "reinstate members"
		if suspend {
			what = "suspend members"
		}
		if err := access.RequireHead(r.Context(), s.store, v, s.now(), what); err != nil {
			return 0, nil, err
		}
		id, err := pathID(r)
		if err != nil {
			return 0, nil, err
		}
		if id == v.MemberID && suspend {
			return 0, nil, jic.Errorf(jic.ECONFLICT, "the head cannot suspend their own member")
		}
		if err := s.store.SetMemberSuspended(jic.WithActor(r.Context(), v), id, suspend); err != nil {
			return 0, nil, err
		}
		m, err := s.store.Member(r.Context(), id)
		return http.StatusOK, m, err
	}
}

func (s *Server) now() time.Time {
	if s.cfg.Now != nil {
		return s.cfg.Now()
	}
	return time.Now()
}
