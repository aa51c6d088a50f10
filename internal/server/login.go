package server

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/access"
)

// SessionLength is how long a browser stays signed in.
const SessionLength = 12 * time.Hour

// loginCookie holds the CSRF secret of the sign-in form (double submit:
// there is no session yet to tie it to).
const loginCookie = "jic_login"

func (s *Server) loginRoutes() {
	s.mux.HandleFunc("GET /login", s.loginPage)
	s.mux.HandleFunc("POST /login", s.login)
	s.mux.HandleFunc("POST /logout", s.logout)
}

func randomString() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

func (s *Server) setCookie(w http.ResponseWriter, r *http.Request, name, value string, maxAge time.Duration) {
	http.SetCookie(w, &http.Cookie{
		Name: name, Value: value, Path: "/", MaxAge: int(maxAge.Seconds()),
		HttpOnly: true, SameSite: http.SameSiteLaxMode,
		Secure: r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https",
	})
}

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	s.renderLogin(w, r, http.StatusOK, "")
}

func (s *Server) renderLogin(w http.ResponseWriter, r *http.Request, status int, problem string) {
	token := randomString()
	if c, err := r.Cookie(loginCookie); err == nil && len(c.Value) == len(token) {
		token = c.Value
	}
	s.setCookie(w, r, loginCookie, token, time.Hour)
	securityHeaders(w)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	p := page{Title: "Sign in", CSRF: token, Data: map[string]any{"Next": safeNext(r.FormValue("next")), "Problem": problem}}
	if err := pages.ExecuteTemplate(w, "login.html", p); err != nil {
		s.log.Error("render", "template", "login.html", "err", err)
	}
}

// safeNext keeps a post-login redirect on this site.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	return next
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		s.renderLogin(w, r, http.StatusBadRequest, "The form could not be read.")
		return
	}
	c, err := r.Cookie(loginCookie)
	if err != nil || !sameOrigin(r) || subtle.ConstantTimeCompare([]byte(c.Value), []byte(r.PostFormValue("csrf"))) != 1 {
		s.renderLogin(w, r, http.StatusForbidden, "The form expired or came from another site; please try again.")
		return
	}
	v, err := s.auth.Password(r.Context(), r.PostFormValue("name"), r.PostFormValue("password"), access.ClientAddr(r))
	if err != nil {
		s.renderLogin(w, r, Status(err), jic.ErrorMessage(err))
		return
	}
	secret := randomString()
	se := &jic.Session{ID: access.SessionID(secret), UserID: v.UserID, CSRF: randomString(), ExpiresAt: s.now().Add(SessionLength)}
	if err := s.store.CreateSession(r.Context(), se); err != nil {
		s.log.Error("create session", "err", err)
		s.renderLogin(w, r, http.StatusInternalServerError, "Signing in failed; please try again.")
		return
	}
	s.setCookie(w, r, access.SessionCookie, secret, SessionLength)
	s.setCookie(w, r, loginCookie, "", -time.Second)
	http.Redirect(w, r, safeNext(r.PostFormValue("next")), http.StatusSeeOther)
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	_, se, err := s.auth.Identify(r)
	if err == nil && se != nil {
		r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
		if err := checkCSRF(r, se); err != nil {
			writeError(w, err)
			return
		}
		if err := s.store.DeleteSession(r.Context(), se.ID); err != nil {
			writeError(w, err)
			return
		}
	}
	s.setCookie(w, r, access.SessionCookie, "", -time.Second)
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// sameOrigin refuses requests whose Origin (or, failing that, Referer)
// names another site. Browsers send Origin on every cross-site POST.
func sameOrigin(r *http.Request) bool {
	src := r.Header.Get("Origin")
	if src == "" {
		src = r.Header.Get("Referer")
	}
	switch src {
	case "":
		return true // not a browser, or a browser that sends no Origin on same-site forms
	case "null":
		return false // an opaque origin: a sandboxed frame, a data: page
	}
	u, err := url.Parse(src)
	return err == nil && u.Host == r.Host
}

// checkCSRF refuses a change made with a session cookie unless it carries
// the session's CSRF token (form field csrf or header X-CSRF-Token) and
// comes from this site.
func checkCSRF(r *http.Request, se *jic.Session) error {
	token := r.Header.Get("X-CSRF-Token")
	if token == "" {
		token = r.PostFormValue("csrf")
	}
	if !sameOrigin(r) || subtle.ConstantTimeCompare([]byte(token), []byte(se.CSRF)) != 1 {
		return jic.Errorf(jic.EFORBIDDEN, "missing or wrong CSRF token, or a request from another site")
	}
	return nil
}
