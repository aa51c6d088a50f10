package main

import (
	"regexp"
	"strconv"
	"time"

	"github.com/jic-center/jic/internal/ingest"
)

// wikiSets are the CC BY sets taken whole. The Fars News, BBC News,
// Reuters and "In the news" sets under shared/data are for tests only:
// their licences forbid shipping them.
var wikiSets = []struct{ file, source string }{
	{"gum_wikinews.jsonl", "Wikinews (en)"},
	{"frwikinews_100.jsonl", "Wikinews (fr)"},
	{"ruwikinews_nerel.jsonl", "Wikinews (ru)"},
	{"globalvoices_2009.jsonl", "Global Voices"},
}

// ruWikinewsStart is when Russian Wikinews began. The Russian set dates
// some articles by the first date in their text, which can be a birth
// date or a historical event ("28 June 1776"): dates before it are not
// publication dates and are dropped.
var ruWikinewsStart = time.Date(2005, 1, 1, 0, 0, 0, 0, time.UTC)

// readWiki parses one JSON Lines set and names its source.
func readWiki(path, source string) ([]record, error) {
	var recs []record
	err := ingest.Walk(path, ingest.Options{}, func(it ingest.Item) error {
		if it.Err != nil {
			return fail(it)
		}
		rec := fromReport(it, source)
		if rec.Language == "ru" {
			fixRussianDate(&rec)
		}
		recs = append(recs, rec)
		return nil
	})
	return recs, err
}

// fixRussianDate dates an undated Russian record by a full date its text
// starts with ("25 ноября 2005 года ..."), and undates one whose date is
// older than Russian Wikinews.
func fixRussianDate(r *record) {
	if r.when.IsZero() {
		r.setDate(leadingRussianDate(r.Text))
	}
	if !r.when.IsZero() && r.when.Before(ruWikinewsStart) {
		r.setDate(time.Time{})
	}
}

var (
	russianDate   = regexp.MustCompile(`^\s*(\d{1,2})\s+(января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)\s+(\d{4})`)
	russianMonths = map[string]time.Month{
		"января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6,
		"июля": 7, "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
	}
)

// leadingRussianDate returns the date a text starts with, or the zero time.
// A day and month without a year ("14 марта в Малайзии ...") is not enough.
func leadingRussianDate(text string) time.Time {
	m := russianDate.FindStringSubmatch(text)
	if m == nil {
		return time.Time{}
	}
	day, _ := strconv.Atoi(m[1])
	year, _ := strconv.Atoi(m[3])
	t := time.Date(year, russianMonths[m[2]], day, 0, 0, 0, 0, time.UTC)
	if t.Day() != day { // "31 февраля" rolls over
		return time.Time{}
	}
	return t
}
