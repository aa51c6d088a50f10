package server

import (
	"net/http"
	"strconv"

	"github.com/jic-center/jic"
)

// storyPageReports bounds the reports whose claims a story page reads.
const storyPageReports = 100

func (s *Server) storyPages() {
	s.mux.HandleFunc("GET /stories", s.web(s.storiesPage))
	s.mux.HandleFunc("GET /stories/{id}", s.web(s.storyPage))
	s.mux.HandleFunc("POST /stories/{id}/rating", s.form(s.rateStoryForm))
}

// storiesPage lists the stories the viewer may see, newest first.
func (s *Server) storiesPage(r *http.Request, v jic.Viewer) (string, page, error) {
	p, err := params(r.URL.Query(), "before")
	if err != nil {
		return "", page{}, err
	}
	before := p.int("before")
	if err := p.err(); err != nil {
		return "", page{}, err
	}
	list, err := s.store.Stories(r.Context(), v, jic.StoryFilter{Before: before, Limit: 30})
	return "stories.html", page{Title: "Stories", Nav: "stories", Data: list}, err
}

// storyCopies is a syndication group of a story's timeline: its first
// report and the copies folded under it.
type storyCopies struct {
	First  jic.StoryReport
	Copies []jic.StoryReport
}

// storyPlace is what the map script draws.
type storyPlace struct {
	ID      int64   `json:"id"`
	Name    string  `json:"name"`
	Lat     float64 `json:"lat"`
	Lon     float64 `json:"lon"`
	Reports int     `json:"reports"`
}

func (s *Server) storyPage(r *http.Request, v jic.Viewer) (string, page, error) {
	if len(r.URL.Query()) > 0 {
		return "", page{}, jic.Errorf(jic.EINVALID, "the story page takes no parameters")
	}
	id, err := pathID(r)
	if err != nil {
		return "", page{}, err
	}
	ctx := r.Context()
	st, err := s.store.Story(ctx, v, id)
	if err != nil {
		return "", page{}, err
	}
	var timeline []*storyCopies
	byGroup := map[int64]*storyCopies{}
	for _, rep := range st.Timeline {
		if g := byGroup[rep.Group]; g != nil {
			g.Copies = append(g.Copies, rep)
			continue
		}
		g := &storyCopies{First: rep}
		byGroup[rep.Group] = g
		timeline = append(timeline, g)
	}
	all, err := s.store.ReportClaims(ctx, st.ReportIDs[:min(len(st.ReportIDs), storyPageReports)]...)
	if err != nil {
		return "", page{}, err
	}
	var asserted, denied []jic.Claim
	if err := s.store.RateClaims(ctx, v, all); err != nil {
		return "", page{}, err
	}
	for _, c := range all {
		if c.Stance == jic.StanceDenies {
			denied = append(denied, c)
		} else {
			asserted = append(asserted, c)
		}
	}
	contradictions, err := s.store.Contradictions(ctx, v, st.ReportIDs, 50)
	if err != nil {
		return "", page{}, err
	}
	var places []storyPlace
	for _, e := range st.Entities {
		if e.Kind == jic.EntityPlace && (e.Lat != 0 || e.Lon != 0) {
			places = append(places, storyPlace{ID: e.ID, Name: e.Name, Lat: e.Lat, Lon: e.Lon, Reports: e.Reports})
		}
	}
	head := false
	if !v.Anonymous() {
		if head, err = s.isHead(r, v); err != nil {
			return "", page{}, err
		}
	}
	return "story.html", page{Title: st.Title, Nav: "stories", Map: len(places) > 0, Data: map[string]any{
		"Story": st, "Timeline": timeline, "Asserted": asserted, "Denied": denied, "Contradictions": contradictions,
		"Places": places, "Head": head, "ClaimsCapped": len(st.ReportIDs) > storyPageReports,
		"Ratings": []jic.Credibility{jic.Confirmed, jic.ProbablyTrue, jic.PossiblyTrue, jic.DoubtfullyTrue, jic.Improbable, jic.CannotJudge},
	}}, nil
}

// rateStoryForm is the head's override of a story's rating.
func (s *Server) rateStoryForm(r *http.Request, v jic.Viewer) (string, error) {
	id, err := pathID(r)
	if err != nil {
		return "", err
	}
	c, err := strconv.Atoi(r.PostFormValue("credibility"))
	if err != nil {
		return "", jic.FieldErrorf(jic.EINVALID, "credibility", "must be 1 to 6")
	}
	head, err := s.isHead(r, v)
	if err != nil {
		return "", err
	}
	if err := s.store.OverrideCredibility(r.Context(), v, id, jic.Credibility(c), r.PostFormValue("reason"), head); err != nil {
		return "", err
	}
	return "/stories/" + strconv.FormatInt(id, 10), nil
}
