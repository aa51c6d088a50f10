package dates_test

import (
	"testing"
	"time"

	"github.com/jic-center/jic/internal/dates"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
	}{
		{"Sun, 15 Jul 2018 21:56:56 +0400", time.Date(2018, 7, 15, 17, 56, 56, 0, time.UTC)},
		{"Tue, 05 Apr 2022 09:20 EDT", time.Date(2022, 4, 5, 13, 20, 0, 0, time.UTC)},
		{"2018-07-15", time.Date(2018, 7, 15, 0, 0, 0, 0, time.UTC)},
		{"2018-07-15T10:00:00Z", time.Date(2018, 7, 15, 10, 0, 0, 0, time.UTC)},
		{"July 15, 2018", time.Date(2018, 7, 15, 0, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		got, ok := dates.Parse(tt.in)
		if !ok || !got.Equal(tt.want) {
			t.Errorf("Parse(%q) = %v, %v; want %v", tt.in, got, ok, tt.want)
		}
	}
	if _, ok := dates.Parse("yesterday"); ok {
		t.Error(`Parse("yesterday") succeeded`)
	}
	if _, ok := dates.Sane(time.Date(1776, 6, 28, 0, 0, 0, 0, time.UTC)); ok {
		t.Error("Sane(1776) accepted a year no news item has")
	}
}
