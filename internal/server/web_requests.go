package server

import (
	"net/http"
	"strconv"

	"github.com/jic-center/jic"
)

// The request page: a request with its discussion and answers, and the
// form that adds to the discussion.

func (s *Server) requestPage(r *http.Request, v jic.Viewer) (string, page, error) {
	if err := signedIn(v); err != nil {
		return "", page{}, err
	}
	id, err := pathID(r)
	if err != nil {
		return "", page{}, err
	}
	if _, err := params(r.URL.Query()); err != nil {
		return "", page{}, err
	}
	rq, err := s.store.Request(r.Context(), v, id)
	if err != nil {
		return "", page{}, err
	}
	rq.Overdue = rq.Overdue || rq.IsOverdue(s.now())
	members, err := s.memberNames(r)
	if err != nil {
		return "", page{}, err
	}
	users := map[int64]string{}
	for _, m := range append(rq.Messages, jic.RequestMessage{UserID: rq.RequesterUserID}) {
		if _, ok := users[m.UserID]; ok || m.UserID == 0 {
			continue
		}
		users[m.UserID] = "user " + strconv.FormatInt(m.UserID, 10)
		if u, err := s.store.User(r.Context(), m.UserID); err == nil {
			users[m.UserID] = u.Name + " (" + members[u.MemberID] + ")"
		} else if jic.ErrorCode(err) != jic.ENOTFOUND {
			return "", page{}, err
		}
	}
	return "request.html", page{Title: rq.Title, Nav: "requests", Data: map[string]any{
		"Request": rq, "Names": members, "Users": users,
	}}, nil
}

func (s *Server) addMessageForm(r *http.Request, v jic.Viewer) (string, error) {
	id, err := pathID(r)
	if err != nil {
		return "", err
	}
	if err := s.store.AddRequestMessage(r.Context(), v, id, r.PostFormValue("body")); err != nil {
		return "", err
	}
	return "/requests/" + strconv.FormatInt(id, 10) + "#discussion", nil
}
