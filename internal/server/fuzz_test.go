package server_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/jic-center/jic/internal/server"
)

// FuzzPostReports sends arbitrary bodies to POST /api/reports: each gets a
// success or a 4xx with a JSON error, never a 5xx or a panic.
func FuzzPostReports(f *testing.F) {
	for _, s := range []string{
		`{"title":"x","text":"y"}`, `[{"title":"a"},{"text":"b","marking":"RED","recipients":["alpha"]}]`,
		`{"title":"x","published":"2018-07-15"}`, `{"titel":1}`, `[]`, `{"title":"x"} junk`, "\xff", `{"title":"x","share_with":["Beta"],"marking":"amber"}`,
	} {
		f.Add(s)
	}
	e := newEnv(f, false)
	f.Fuzz(func(t *testing.T, body string) {
		req, _ := http.NewRequest("POST", e.ts.URL+"/api/reports", strings.NewReader(body))
		req.SetBasicAuth("alpha", password)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		if res.StatusCode >= 500 {
			b, _ := io.ReadAll(res.Body)
			t.Fatalf("POST %q = %d %s", body, res.StatusCode, b)
		}
		if res.StatusCode >= 400 {
			var eb server.ErrorBody
			if err := json.NewDecoder(res.Body).Decode(&eb); err != nil || eb.Error.Message == "" {
				t.Fatalf("POST %q = %d without a JSON error body", body, res.StatusCode)
			}
		}
	})
}
