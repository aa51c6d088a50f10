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
	"marked": marked,
	"when":   when,
	"paras":  paras,
	"lower":  strings.ToLower,
}).ParseFS(templateFS, "web/templates/*.html"))

func (s *Server) webRoutes() {
	static, _ := fs.Sub(staticFS, "web/static")
	s.mux.Handle("GET /static/", http.StripPrefix("/static/", cacheStatic(http.FileServerFS(static))))
	s.mux.HandleFunc("GET /{$}", s.web(s.home))
	s.mux.HandleFunc("GET /search", s.web(s.searchPage))
	s.mux.HandleFunc("GET /reports/{id}", s.web(s.reportPage))
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
		if err == nil {
			name, p, err = h(r, v)
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

func (s *Server) home(r *http.Request, v jic.Viewer) (string, page, error) {
	if len(r.URL.Query()) > 0 {
		return "", page{}, jic.Errorf(jic.EINVALID, "the home page takes no parameters")
	}
	list, err := s.store.Reports(r.Context(), v, jic.ReportFilter{Limit: 30})
	if err != nil {
		return "", page{}, err
	}
	n, err := s.store.CountReports(r.Context(), v)
	if err != nil {
		return "", page{}, err
	}
	return "home.html", page{Title: "jic", Data: map[string]any{"Reports": list, "Count": n}}, nil
}

func (s *Server) searchPage(r *http.Request, v jic.Viewer) (string, page, error) {
	q, err := searchQuery(r.URL.Query())
	if err != nil {
		return "", page{}, err
	}
	res, err := s.store.Search(r.Context(), v, q)
	if err != nil {
		return "", page{}, err
	}
	var next string
	if res.Next != "" {
		vals := r.URL.Query()
		vals.Set("cursor", res.Next)
		next = "/search?" + vals.Encode()
	}
	return "search.html", page{Title: q.Q + " · search", Q: q.Q, Data: map[string]any{"Result": res, "Query": q, "Next": next}}, nil
}

func (s *Server) reportPage(r *http.Request, v jic.Viewer) (string, page, error) {
	id, err := pathID(r)
	if err != nil {
		return "", page{}, err
	}
	rep, err := s.store.Report(r.Context(), v, id)
	if err != nil {
		return "", page{}, err
	}
	var src *jic.Source
	if rep.SourceID != 0 {
		if src, err = s.store.Source(r.Context(), rep.SourceID); err != nil {
			return "", page{}, err
		}
	}
	return "report.html", page{Title: rep.Title, Data: map[string]any{"Report": rep, "Source": src}}, nil
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
