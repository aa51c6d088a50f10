package server

import (
	"embed"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/access"
)

//go:embed web/templates/*.html
var templateFS embed.FS

//go:embed web/static
var staticFS embed.FS

var pages = template.Must(template.New("").Funcs(template.FuncMap{
	"marked":    marked,
	"when":      when,
	"iso":       iso,
	"paras":     paras,
	"lower":     strings.ToLower,
	"httpURL":   httpURL,
	"highlight": highlight,
	"tlpClass":  tlpClass,
}).ParseFS(templateFS, "web/templates/*.html"))

func (s *Server) webRoutes() {
	static, _ := fs.Sub(staticFS, "web/static")
	s.mux.Handle("GET /static/", http.StripPrefix("/static/", cacheStatic(http.FileServerFS(static))))
	s.mux.HandleFunc("GET /{$}", s.web(s.home))
	s.mux.HandleFunc("GET /search", s.web(s.searchPage))
	s.mux.HandleFunc("GET /reports", s.web(s.reportsPage))
	s.mux.HandleFunc("GET /reports/stream", s.reportStream)
	s.mux.HandleFunc("GET /reports/{id}", s.web(s.reportPage))
	s.mux.HandleFunc("GET /map", s.web(s.mapPage))
	s.mux.HandleFunc("GET /sources", s.web(s.sourcesPage))
	s.mux.HandleFunc("GET /members", s.web(s.membersPage))
	s.mux.HandleFunc("GET /requests", s.web(s.requestsPage))
	s.mux.HandleFunc("GET /requests/{id}", s.web(s.requestPage))
	s.mux.HandleFunc("POST /requests/{id}/messages", s.form(s.addMessageForm))
	s.deskRoutes()
}

func cacheStatic(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		next.ServeHTTP(w, r)
	})
}

// page is what every template gets.
type page struct {
	Title  string
	Viewer jic.Viewer
	CSRF   string // the token state-changing forms carry
	Q      string
	Head   *access.HeadInfo // who heads the center, for the header
	Fresh  bool             // the head's term began in the last week: announce it
	Nav    string           // the section of the navigation bar to mark as current
	Map    bool             // the page draws a map: load Leaflet
	Data   any
}

// webHandler renders a named template with data, or returns an error.
type webHandler func(r *http.Request, v jic.Viewer) (name string, p page, err error)

// securityHeaders keeps pages from being framed, sniffed or made to run
// anything but our own files.
func securityHeaders(w http.ResponseWriter) {
	w.Header().Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Referrer-Policy", "same-origin")
	w.Header().Set("X-Frame-Options", "DENY")
}

func (s *Server) web(h webHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		securityHeaders(w)
		v, se, err := s.auth.Identify(r)
		if jic.ErrorCode(err) == jic.EUNAUTHORIZED && r.Method == http.MethodGet {
			s.setCookie(w, r, "jic_session", "", -1)
			http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		name, p := "", page{}
		if _, qerr := url.ParseQuery(r.URL.RawQuery); err == nil && qerr != nil {
			err = jic.Errorf(jic.EINVALID, "the query string is malformed: %v", qerr)
		}
		if err == nil {
			name, p, err = h(r, v)
			if jic.ErrorCode(err) == jic.EUNAUTHORIZED && v.Anonymous() && r.Method == http.MethodGet {
				http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				return
			}
		}
		if err != nil {
			if jic.ErrorCode(err) == jic.EINTERNAL {
				s.log.Error("web", "path", r.URL.Path, "err", err)
			}
			name, p = "error.html", page{Title: "Error", Data: map[string]any{"Status": Status(err), "Message": jic.ErrorMessage(err)}}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(Status(err))
		} else {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
		}
		p.Viewer = v
		if se != nil {
			p.CSRF = se.CSRF
		}
		if !v.Anonymous() {
			if h, err := access.Head(r.Context(), s.store, s.now()); err == nil {
				p.Head, p.Fresh = h, s.now().Sub(h.Term.Starts) < 7*24*time.Hour && h.Term.No > 0
			}
		}
		if err := pages.ExecuteTemplate(w, name, p); err != nil {
			s.log.Error("render", "template", name, "err", err)
		}
	}
}

// marked renders text with the byte spans in marks wrapped in <mark>,
// escaping everything else.
func marked(text string, marks [][2]int) template.HTML {
	var b strings.Builder
	at := 0
	for _, m := range marks {
		if m[0] < at || m[1] > len(text) || m[0] >= m[1] {
			continue
		}
		b.WriteString(template.HTMLEscapeString(text[at:m[0]]))
		b.WriteString("<mark>")
		b.WriteString(template.HTMLEscapeString(text[m[0]:m[1]]))
		b.WriteString("</mark>")
		at = m[1]
	}
	b.WriteString(template.HTMLEscapeString(text[at:]))
	return template.HTML(b.String())
}

// when formats a time for display; the title attribute carries the UTC instant.
func when(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2 Jan 2006 15:04 UTC")
}

// paras splits text into paragraphs at blank lines or single line breaks.
func paras(text string) []string {
	var out []string
	for _, p := range strings.Split(text, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// iso formats a time as the RFC 3339 UTC instant of <time datetime> and
// title attributes.
func iso(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// httpURL returns u if it is an absolute http or https URL, else "": links
// to anything else (javascript:, data:, relative paths) are not rendered.
func httpURL(u string) string {
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return ""
	}
	return u
}

// withParam returns the query of u with key set to value (removed when
// value is empty) and the cursor dropped, for filter links.
func withParam(vals url.Values, key, value string) string {
	out := url.Values{}
	for k, v := range vals {
		if k != "cursor" {
			out[k] = v
		}
	}
	if value == "" {
		out.Del(key)
	} else {
		out.Set(key, value)
	}
	return out.Encode()
}

// tlpClass names the CSS class of a marking: "amber-strict" for AMBER+STRICT.
func tlpClass(m jic.Marking) string {
	return strings.ReplaceAll(strings.ToLower(string(m)), "+", "-")
}
