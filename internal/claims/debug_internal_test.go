package claims

import (
	"io"
	"os"
	"testing"
)

// TestEvalDebug writes each article's misses when CLAIMS_DEBUG is set:
//
//	CLAIMS_DEBUG=1 go test ./internal/claims -run TestEvalDebug -v
func TestEvalDebug(t *testing.T) {
	if os.Getenv("CLAIMS_DEBUG") == "" {
		t.Skip("set CLAIMS_DEBUG=1 to list the evaluation's misses")
	}
	if _, err := eval(io.Discard, "../../../shared/data", os.Stdout); err != nil {
		t.Fatal(err)
	}
}
