package claims_test

import (
	"testing"

	"github.com/jic-center/jic/internal/claims"
)

func TestRelatedContradicts(t *testing.T) {
	attack := &claims.Claim{Stance: "asserts", Quote: "Israeli aircraft struck the Gaza airport on Monday",
		About: []string{"place:gaza"}, Speaker: claims.Speaker{Key: "org:idf"}}
	denial := &claims.Claim{Stance: "denies", Quote: "that aircraft struck the Gaza airport",
		About: []string{"place:gaza"}}
	other := &claims.Claim{Stance: "denies", Quote: "the minister resigned over the budget",
		About: []string{"person:smith"}}
	arDenial := &claims.Claim{Stance: "denies", Quote: "قصف مطار غزة", About: []string{"place:gaza"}}
	tests := []struct {
		name       string
		a, b       *claims.Claim
		la, lb     string
		related    bool
		contradict bool
	}{
		{"same event denied", attack, denial, "en", "en", true, true},
		{"other subject", attack, other, "en", "en", false, false},
		{"across languages by About", attack, arDenial, "en", "ar", true, true},
		{"both deny", denial, arDenial, "en", "ar", true, false},
		{"nil", attack, nil, "en", "en", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := claims.Related(tt.a, tt.b, tt.la, tt.lb)
			if r < 0 || r > 1 || (r >= 0.4) != tt.related {
				t.Errorf("Related = %.2f, want related %v", r, tt.related)
			}
			if got := claims.Contradicts(tt.a, tt.b, tt.la, tt.lb); got != tt.contradict {
				t.Errorf("Contradicts = %v, want %v", got, tt.contradict)
			}
		})
	}
}
