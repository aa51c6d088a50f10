// Package server is jic's HTTP face: health and readiness probes, the JSON
// API under /api/ and the server-rendered web UI, with its assets embedded.
// Every read goes through the store with the caller's jic.Viewer, so the
// markings the store enforces hold for every page and endpoint.
package server

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"slices"
	"time"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/access"
)

// Config is what the server needs from jic's configuration.
type Config struct {
	Addr         string
	MaxBodyBytes int
	PublishClear bool
	Now          jic.Clock // nil: time.Now
	// Process enqueues the processing of stored reports; nil: none (they
	// are swept up later by a worker).
	Process func(ctx context.Context, ids ...int64) error
}

// Server serves one store over HTTP.
type Server struct {
	cfg       Config
	store     jic.Store
	auth      *access.Authenticator
	log       *slog.Logger
	mux       *http.ServeMux
	apiRoutes []string // the API routes, as "METHOD /path"
	ln        net.Listener
	srv       *http.Server
	done      chan error
	// stopping is cancelled when Close begins, so that long-lived
	// responses (the live stream) end instead of holding Close up.
	stopping context.Context
	stop     context.CancelFunc
}

// New returns a server for store; call Open to listen.
func New(cfg Config, store jic.Store, log *slog.Logger) *Server {
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = jic.DefaultMaxRaw
	}
	s := &Server{
		cfg:   cfg,
		store: store,
		auth:  &access.Authenticator{Users: store, PublishClear: cfg.PublishClear, Now: cfg.Now},
		log:   log,
		mux:   http.NewServeMux(),
	}
	s.stopping, s.stop = context.WithCancel(context.Background())
	s.routes()
	return s
}

func (s *Server) routes() {
	s.route("GET /healthz", s.healthz)
	s.route("GET /readyz", s.readyz)
	s.route("POST /api/reports", s.api(s.postReports))
	s.route("GET /api/reports", s.api(s.listReports))
	s.route("GET /api/reports/{id}", s.api(s.getReport))
	s.route("GET /api/reports/{id}/raw", s.getRaw)
	s.route("GET /api/search", s.api(s.search))
	s.route("GET /api/openapi.json", serveOpenAPI)
	s.memberRoutes()
	s.coordinationRoutes()
	s.watchRoutes()
	s.sourceRoutes()
	s.storyRoutes()
	s.loginRoutes()
	s.entityRoutes()
	s.mux.HandleFunc("/api/", s.api(func(*http.Request, jic.Viewer) (int, any, error) {
		return 0, nil, jic.Errorf(jic.ENOTFOUND, "no such API endpoint")
	}))
	s.webRoutes()
}

// route registers an API route and remembers it, so that a test can hold
// the OpenAPI document to the routes that exist.
func (s *Server) route(pattern string, h http.HandlerFunc) {
	s.apiRoutes = append(s.apiRoutes, pattern)
	s.mux.HandleFunc(pattern, h)
}

// Routes lists the API routes as "METHOD /path".
func (s *Server) Routes() []string { return slices.Clone(s.apiRoutes) }

// Handler returns the server's routes with request logging and panic
// recovery around them.
func (s *Server) Handler() http.Handler { return s.recoverer(s.logRequests(s.mux)) }

// Open listens on the configured address and serves in the background.
func (s *Server) Open() error {
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return &jic.Error{Code: jic.EUNAVAILABLE, Field: "addr", Message: err.Error()}
	}
	s.ln = ln
	s.srv = &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
	s.done = make(chan error, 1)
	go func() { s.done <- s.srv.Serve(ln) }()
	return nil
}

// Addr is the address the server listens on, after Open.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Close stops accepting requests, ends open live streams and waits up to
// ten seconds for the requests in flight.
func (s *Server) Close() error {
	s.stop()
	if s.srv == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := s.srv.Shutdown(ctx)
	if serveErr := <-s.done; !errors.Is(serveErr, http.ErrServerClosed) {
		err = errors.Join(err, serveErr)
	}
	return err
}

func (s *Server) healthz(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write([]byte("ok\n"))
}

func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	if err := s.store.Ping(ctx); err != nil {
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte("not ready: " + jic.ErrorMessage(err) + "\n"))
		return
	}
	w.Write([]byte("ready\n"))
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r)
		level := slog.LevelDebug
		if sw.status >= 500 {
			level = slog.LevelError
		}
		s.log.Log(r.Context(), level, "http", "method", r.Method, "path", r.URL.Path, "status", sw.status, "ms", time.Since(start).Milliseconds())
	})
}

func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("panic serving request", "path", r.URL.Path, "panic", v, "stack", string(debug.Stack()))
				writeError(w, errors.New("panic"))
			}
		}()
		next.ServeHTTP(w, r)
	})
}
