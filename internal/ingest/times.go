package ingest

import (
	"strings"
	"time"
	"unicode"
)

// isoLayouts are the ISO 8601 / RFC 3339 forms, tried first. Forms without
// a zone are read as UTC.
var isoLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	"2006/01/02",
}

// mailLayouts are the RFC 822/1123 forms of RSS pubDate and the spelled-out
// dates of hand-written front matter, tried after the weekday is dropped
// and a zone name replaced by its offset.
var mailLayouts = []string{
	"2 Jan 2006 15:04:05 -0700",
	"2 Jan 2006 15:04 -0700",
	"2 Jan 2006 15:04:05 -07:00",
	"2 Jan 2006 15:04 -07:00",
	"2 Jan 06 15:04:05 -0700",
	"2 Jan 06 15:04 -0700",
	"2 Jan 2006 15:04:05",
	"2 Jan 2006 15:04",
	"2 Jan 2006",
	"2 January 2006 15:04:05 -0700",
	"2 January 2006 15:04 -0700",
	"2 January 2006",
	"January 2, 2006 15:04:05 -0700",
	"January 2, 2006 15:04 -0700",
	"January 2, 2006",
	"Jan 2, 2006",
	"Jan 2 2006 15:04:05 -0700",
}

// zones maps the zone names RFC 822 allows, and a few common others, to
// offsets. time.Parse would accept any name but with a zero offset, which
// is wrong by hours for "EST".
var zones = map[string]string{
	"UT": "+0000", "UTC": "+0000", "GMT": "+0000", "Z": "+0000",
	"EST": "-0500", "EDT": "-0400", "CST": "-0600", "CDT": "-0500",
	"MST": "-0700", "MDT": "-0600", "PST": "-0800", "PDT": "-0700",
	"BST": "+0100", "CET": "+0100", "CEST": "+0200", "EET": "+0200",
	"EEST": "+0300", "MSK": "+0300",
}

// parseTime reads the date and time forms found in feeds, corpora and
// hand-written files. ok is false if s is none of them.
func parseTime(s string) (t time.Time, ok bool) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return time.Time{}, false
	}
	for _, l := range isoLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	s = mailZone(dropWeekday(s))
	for _, l := range mailLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// dropWeekday removes a leading day name ("Sun, ", "Sunday ") that feeds
// often get wrong, so it is not worth checking.
func dropWeekday(s string) string {
	i := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	if i < 3 || i > 9 {
		return s
	}
	for _, d := range []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"} {
		if strings.EqualFold(s[:3], d) {
			return strings.TrimLeft(s[i:], ", ")
		}
	}
	return s
}

// mailZone replaces a trailing zone name by its offset: "GMT" gives
// "+0000", "GMT+3" and "UTC+03:00" give "+0300". An unknown name is
// dropped, which reads the time as UTC: better hours off than no date.
func mailZone(s string) string {
	i := strings.LastIndexByte(s, ' ')
	if i < 0 {
		return s
	}
	head, zone := s[:i], strings.ToUpper(s[i+1:])
	if off, ok := zones[zone]; ok {
		return head + " " + off
	}
	for _, p := range []string{"GMT", "UTC", "UT"} {
		if rest, ok := strings.CutPrefix(zone, p); ok && rest != "" && (rest[0] == '+' || rest[0] == '-') {
			return head + " " + numericZone(rest)
		}
	}
	if isLetters(zone) && len(zone) <= 5 && !isMonth(zone) {
		return head
	}
	return s
}

// numericZone writes "+3", "+03", "+3:30" or "+0330" as "+0330"-style.
func numericZone(z string) string {
	sign, z := z[:1], strings.ReplaceAll(z[1:], ":", "")
	switch len(z) {
	case 1:
		return sign + "0" + z + "00"
	case 2:
		return sign + z + "00"
	case 3:
		return sign + "0" + z
	}
	return sign + z
}

func isLetters(s string) bool {
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return s != ""
}

func isMonth(s string) bool {
	_, err := time.Parse("Jan", s)
	return err == nil
}
