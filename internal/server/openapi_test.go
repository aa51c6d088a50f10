package server_test

import (
	"encoding/json"
	"log/slog"
	"slices"
	"strings"
	"testing"

	"github.com/jic-center/jic/internal/server"
)

// TestOpenAPI fails if a route is missing from /api/openapi.json or the
// document describes a route that does not exist.
func TestOpenAPI(t *testing.T) {
	e := newEnv(t, true)
	st, body, _ := e.do("GET", "/api/openapi.json", "", "")
	if st != 200 {
		t.Fatalf("GET /api/openapi.json = %d", st)
	}
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal([]byte(body), &doc); err != nil || !strings.HasPrefix(doc.OpenAPI, "3.1") {
		t.Fatalf("openapi.json: %v (version %q)", err, doc.OpenAPI)
	}
	var documented []string
	for path, ops := range doc.Paths {
		for method := range ops {
			documented = append(documented, strings.ToUpper(method)+" "+path)
		}
	}
	routes := server.New(server.Config{}, e.store, slog.New(slog.DiscardHandler)).Routes()
	for _, r := range routes {
		if !slices.Contains(documented, r) {
			t.Errorf("route %s is not in openapi.json", r)
		}
	}
	for _, d := range documented {
		if !slices.Contains(routes, d) {
			t.Errorf("openapi.json documents %s, which does not exist", d)
		}
	}
	if len(routes) < 25 {
		t.Errorf("only %d routes found; the test would prove little", len(routes))
	}
}
