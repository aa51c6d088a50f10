package server

import (
	"net/http"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/access"
)

func (s *Server) storyRoutes() {
	s.route("GET /api/stories", s.api(s.listStories))
	s.route("GET /api/stories/{id}", s.api(s.getStory))
	s.route("POST /api/stories/{id}/rating", s.api(s.rateStory))
	s.storyPages()
}

// listStories pages through the stories the caller may see, by their
// newest such report.
func (s *Server) listStories(r *http.Request, v jic.Viewer) (int, any, error) {
	p, err := params(r.URL.Query(), "before", "limit")
	if err != nil {
		return 0, nil, err
	}
	f := jic.StoryFilter{Before: p.int("before"), Limit: int(p.int("limit"))}
	if err := p.err(); err != nil {
		return 0, nil, err
	}
	if f.Limit < 0 || f.Limit > 100 {
		return 0, nil, jic.FieldErrorf(jic.EINVALID, "limit", "must be between 1 and 100")
	}
	page, err := s.store.Stories(r.Context(), v, f)
	return http.StatusOK, page, err
}

// storyFacts is a story with the claims and contradictions of its reports.
type storyFacts struct {
	*jic.Story
	Contradictions []jic.Contradiction `json:"contradiction_list"`
}

func (s *Server) getStory(r *http.Request, v jic.Viewer) (int, any, error) {
	id, err := pathID(r)
	if err != nil {
		return 0, nil, err
	}
	st, err := s.store.Story(r.Context(), v, id)
	if err != nil {
		return 0, nil, err
	}
	cs, err := s.store.Contradictions(r.Context(), v, st.ReportIDs, 100)
	return http.StatusOK, storyFacts{Story: st, Contradictions: cs}, err
}

// rateStory is the head's power to override a story's credibility:
// POST {"credibility": 1-6, "reason": "..."}.
func (s *Server) rateStory(r *http.Request, v jic.Viewer) (int, any, error) {
	id, err := pathID(r)
	if err != nil {
		return 0, nil, err
	}
	var in struct {
		Credibility jic.Credibility `json:"credibility"`
		Reason      string          `json:"reason"`
	}
	if err := readJSON(r, 8192, &in); err != nil {
		return 0, nil, err
	}
	if err := access.RequireHead(r.Context(), s.store, v, s.now(), "override a credibility rating"); err != nil {
		return 0, nil, err
	}
	if err := s.store.OverrideCredibility(r.Context(), v, id, in.Credibility, in.Reason, true); err != nil {
		return 0, nil, err
	}
	st, err := s.store.Story(r.Context(), v, id)
	return http.StatusOK, st, err
}
