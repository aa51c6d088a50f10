// Package dates reads dates. Parse reads the date and time forms found in
// feeds, mail, web pages and corpora, leniently: RFC 822 dates without
// seconds or with a zone name, ISO 8601 without a zone, spelled-out dates,
// a wrong or missing weekday, "AM/PM"; the ingest parsers and the
// collectors share it. Find reads the dates written in a report's text, in
// six languages, and resolves them against the report's publication date:
// the dates step of processing, after places and before claims.
package dates

import (
	"regexp"
	"strings"
	"time"
)

// Parse reads one date: RFC 822 dates without seconds or with a zone name,
// ISO 8601 without a zone, spelled-out dates, a wrong or missing weekday,
// "AM/PM". A time without a zone is read as UTC: hours off are better than
// no date. ok is false if s is none of these (see Sane for the year).
func Parse(s string) (t time.Time, ok bool) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" || len(s) > 80 {
		return time.Time{}, false
	}
	for _, l := range isoLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	s = normalizeDate(s)
	for _, l := range textLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// Sane refuses years no news item has, which only broken input gives.
func Sane(t time.Time) (time.Time, bool) {
	if t.Year() < 1900 || t.Year() > 2200 {
		return time.Time{}, false
	}
	return t, true
}

var isoLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02 15:04 -0700",
	"2006-01-02 15:04",
	"2006-01-02",
	"2006/01/02 15:04:05",
	"2006/01/02 15:04",
	"2006/01/02",
}

// textLayouts are every date form × time form × zone form, built once.
var textLayouts = func() []string {
	dates := []string{"2 Jan 2006", "2 January 2006", "Jan 2 2006", "January 2 2006", "2 Jan 06", "2-Jan-2006", "2006-01-02"}
	clocks := []string{" 15:04:05", " 15:04", " 3:04:05 PM", " 3:04 PM", " 15:04:05.999999999", ""}
	zones := []string{" -0700", " -07:00", " -07", ""}
	var out []string
	for _, d := range dates {
		for _, c := range clocks {
			for _, z := range zones {
				if c == "" && z != "" {
					continue
				}
				out = append(out, d+c+z)
			}
		}
	}
	return out
}()

var (
	weekday = regexp.MustCompile(`^(?i)(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+`)
	atWord  = regexp.MustCompile(`(?i)\s+(?:at|@|à|um|-)\s+(\d)`)
	ampm    = regexp.MustCompile(`(?i)(\d)\s*([ap])\.?m\.?\b`)
)

// normalizeDate rewrites s towards the forms of textLayouts: no weekday,
// no commas, "at" between date and time dropped, "pm" as "PM", a zone
// name as its offset.
func normalizeDate(s string) string {
	s = weekday.ReplaceAllString(s, "")
	s = strings.ReplaceAll(s, ",", " ")
	s = atWord.ReplaceAllString(s, " $1")
	s = ampm.ReplaceAllStringFunc(s, func(m string) string {
		sub := ampm.FindStringSubmatch(m)
		return sub[1] + " " + strings.ToUpper(sub[2]) + "M"
	})
	s = strings.Join(strings.Fields(s), " ")
	return dateZone(s)
}

// zoneOffsets maps the zone names RFC 822 allows, and common others, to
// offsets; time.Parse would read any name as a zero offset.
var zoneOffsets = map[string]string{
	"UT": "+0000", "UTC": "+0000", "GMT": "+0000", "Z": "+0000", "WET": "+0000",
	"EST": "-0500", "EDT": "-0400", "CST": "-0600", "CDT": "-0500",
	"MST": "-0700", "MDT": "-0600", "PST": "-0800", "PDT": "-0700",
	"BST": "+0100", "CET": "+0100", "CEST": "+0200", "EET": "+0200", "EEST": "+0300",
	"MSK": "+0300", "IRST": "+0330", "IRDT": "+0430", "TRT": "+0300", "AST": "+0300",
	"IST": "+0530", "JST": "+0900", "KST": "+0900", "AEST": "+1000", "AEDT": "+1100",
}

// dateZone replaces a trailing zone name by its offset ("EDT" gives
// "-0400", "GMT+3" gives "+0300") and drops an unknown one.
func dateZone(s string) string {
	i := strings.LastIndexByte(s, ' ')
	if i < 0 {
		return s
	}
	head, zone := s[:i], strings.ToUpper(s[i+1:])
	zone = strings.Trim(zone, "()")
	if off, ok := zoneOffsets[zone]; ok {
		return head + " " + off
	}
	for _, p := range []string{"GMT", "UTC", "UT"} {
		if rest, ok := strings.CutPrefix(zone, p); ok && len(rest) > 1 && (rest[0] == '+' || rest[0] == '-') {
			return head + " " + numericZone(rest)
		}
	}
	if len(zone) >= 2 && len(zone) <= 5 && isUpperLetters(zone) && zone != "AM" && zone != "PM" && !isMonthName(zone) {
		return head
	}
	// "-0400 (EDT)" as mail writes it: the comment goes.
	if j := strings.LastIndexByte(head, ' '); j >= 0 && strings.HasPrefix(s[i+1:], "(") {
		if z := head[j+1:]; len(z) == 5 && (z[0] == '+' || z[0] == '-') {
			return head
		}
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

func isUpperLetters(s string) bool {
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return s != ""
}

func isMonthName(s string) bool {
	_, err := time.Parse("Jan", s[:min(3, len(s))])
	return err == nil && len(s) <= 4
}
