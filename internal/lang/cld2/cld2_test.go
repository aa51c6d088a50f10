//go:build cld2

package cld2_test

import (
	"errors"
	"os"
	"testing"

	"github.com/jic-center/jic/internal/lang"
	"github.com/jic-center/jic/internal/lang/cld2"
)

func TestDetect(t *testing.T) {
	tests := []struct{ text, want string }{
		{"The United States announced new sanctions against the oil sector on Monday, officials said.", "en"},
		{"Избиратели пришли на участки в субботу, сообщил Интерфакс, ссылаясь на избирательную комиссию.", "ru"},
	}
	for _, tt := range tests {
		if got := cld2.Detect(tt.text, false); got != tt.want {
			t.Errorf("Detect(%.30q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestCompare prints jic's evaluation table with CLD2 measured on the same
// held-out texts in the same run.
func TestCompare(t *testing.T) {
	err := lang.Evaluate("../../../../shared/data", os.Stdout, cld2.Baselines()...)
	if errors.Is(err, os.ErrNotExist) {
		t.Skip("no ../shared/data beside the repository:", err)
	}
	if err != nil {
		t.Fatal(err)
	}
}
