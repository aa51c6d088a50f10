package server

import (
	"net/http"
	"strings"
	"time"

	"github.com/jic-center/jic"
)

func (s *Server) sourceRoutes() {
	s.route("GET /api/sources", s.api(s.listSources))
	s.route("POST /api/sources", s.api(s.createSource))
	s.route("GET /api/sources/{id}", s.api(s.getSource))
	s.route("PUT /api/sources/{id}", s.api(s.editSource))
	s.route("DELETE /api/sources/{id}", s.api(s.deleteSource))
}

// SourceInput is the body of POST /api/sources and PUT /api/sources/{id}.
type SourceInput struct {
	Name        string `json:"name"`
	Kind        string `json:"kind"` // feed, page, dir, mail, manual
	URL         string `json:"url"`
	Every       string `json:"every"` // poll interval, e.g. "15m"
	Reliability string `json:"reliability"`
	Language    string `json:"language"`
	Country     string `json:"country"`
	Marking     string `json:"marking"`
	Republishes string `json:"republishes"`
	Paused      bool   `json:"paused"`
}

func (in SourceInput) apply(src *jic.Source) error {
	src.Name, src.Kind, src.URL = in.Name, jic.SourceKind(in.Kind), in.URL
	src.Reliability, src.DefaultMarking = jic.Reliability(strings.ToUpper(in.Reliability)), jic.Marking(strings.ToUpper(in.Marking))
	src.Language, src.Country, src.Republishes, src.Paused = in.Language, strings.ToUpper(in.Country), in.Republishes, in.Paused
	src.PollInterval = 0
	if in.Every != "" {
		d, err := time.ParseDuration(in.Every)
		if err != nil {
			return jic.FieldErrorf(jic.EINVALID, "every", "%q is not a duration such as 15m or 1h", in.Every)
		}
		src.PollInterval = d
	}
	return nil
}

// canManage says whether v may change sources of member owner: editors
// and admins of that member, and the operator.
func canManage(v jic.Viewer, owner int64) error {
	if v.System || v.MemberID == owner && v.Role.AtLeast(jic.RoleEditor) {
		return nil
	}
	return jic.Errorf(jic.EFORBIDDEN, "managing a member's sources needs the editor role in that member")
}

func (s *Server) listSources(r *http.Request, v jic.Viewer) (int, any, error) {
	if err := signedIn(v); err != nil {
		return 0, nil, err
	}
	list, err := s.store.Sources(r.Context())
	if list == nil {
		list = []*jic.Source{}
	}
	return http.StatusOK, map[string]any{"sources": list}, err
}

func (s *Server) getSource(r *http.Request, v jic.Viewer) (int, any, error) {
	if err := signedIn(v); err != nil {
		return 0, nil, err
	}
	id, err := pathID(r)
	if err != nil {
		return 0, nil, err
	}
	src, err := s.store.Source(r.Context(), id)
	return http.StatusOK, src, err
}

func (s *Server) createSource(r *http.Request, v jic.Viewer) (int, any, error) {
	if err := signedIn(v); err != nil {
		return 0, nil, err
	}
	if err := canManage(v, v.MemberID); err != nil {
		return 0, nil, err
	}
	var in SourceInput
	if err := readJSON(r, 16<<10, &in); err != nil {
		return 0, nil, err
	}
	src := &jic.Source{OwnerMemberID: v.MemberID}
	if err := in.apply(src); err != nil {
		return 0, nil, err
	}
	if err := s.store.CreateSource(jic.WithActor(r.Context(), v), src); err != nil {
		return 0, nil, err
	}
	return http.StatusCreated, src, nil
}

func (s *Server) editSource(r *http.Request, v jic.Viewer) (int, any, error) {
	if err := signedIn(v); err != nil {
		return 0, nil, err
	}
	id, err := pathID(r)
	if err != nil {
		return 0, nil, err
	}
	src, err := s.store.Source(r.Context(), id)
	if err != nil {
		return 0, nil, err
	}
	if err := canManage(v, src.OwnerMemberID); err != nil {
		return 0, nil, err
	}
	var in SourceInput
	if err := readJSON(r, 16<<10, &in); err != nil {
		return 0, nil, err
	}
	if err := in.apply(src); err != nil {
		return 0, nil, err
	}
	if err := s.store.UpdateSource(jic.WithActor(r.Context(), v), src); err != nil {
		return 0, nil, err
	}
	return http.StatusOK, src, nil
}

func (s *Server) deleteSource(r *http.Request, v jic.Viewer) (int, any, error) {
	if err := signedIn(v); err != nil {
		return 0, nil, err
	}
	id, err := pathID(r)
	if err != nil {
		return 0, nil, err
	}
	src, err := s.store.Source(r.Context(), id)
	if err != nil {
		return 0, nil, err
	}
	if err := canManage(v, src.OwnerMemberID); err != nil {
		return 0, nil, err
	}
	return http.StatusOK, map[string]any{"deleted": id}, s.store.DeleteSource(jic.WithActor(r.Context(), v), id)
}
