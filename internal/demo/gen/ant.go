package main

import (
	"crypto/sha256"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/jic-center/jic/internal/ingest"
)

// outlets maps the ANT corpus's outlet directories to readable source names.
var outlets = map[string]string{
	"Alarabia": "Al Arabiya",
	"BBC":      "BBC Arabic",
	"CNN":      "CNN Arabic",
	"France24": "France 24 Arabic",
	"SkyNews":  "Sky News Arabia",
}

// The ANT selection. All five outlets were collected together only from
// May to mid-June 2018 (Al Arabiya stops in July, CNN Arabic pauses from
// mid-June to August), so the newest weeks they share are the ones where
// their stories overlap: the US embassy move and the Gaza protests, the
// Iran deal, the Iraqi election, the Singapore summit, Hodeidah.
var (
	windowStart = time.Date(2018, 5, 1, 0, 0, 0, 0, time.UTC)
	windowEnd   = time.Date(2018, 6, 16, 0, 0, 0, 0, time.UTC)
)

const (
	worldPerOutlet = 350 // international and Middle East news, the bulk of the demo
	otherPerOutlet = 150 // economy, sport, technology, culture
	maxTwins       = 25  // identical-text copies added so that duplicates exist
)

// antArticle is one parsed ANT corpus file.
type antArticle struct {
	outlet, category, file string
	rec                    record
}

func (a antArticle) world() bool {
	return a.category == "internationalNews" || a.category == "middleEast"
}

// readANT parses every article of the ANT corpus archive.
func readANT(archive string) ([]antArticle, error) {
	var arts []antArticle
	err := ingest.Walk(archive, ingest.Options{Language: "ar"}, func(it ingest.Item) error {
		// Members are "ant-corpus-arabic-news-v2.1/<outlet>/<category>/<file>.txt".
		member := trimLine(strings.TrimPrefix(it.Where, archive+":"))
		parts := strings.Split(member, "/")
		if len(parts) != 4 || path.Ext(member) != ".txt" {
			return nil // the corpus README
		}
		if it.Err != nil {
			return fail(it)
		}
		source, ok := outlets[parts[1]]
		if !ok {
			return nil
		}
		arts = append(arts, antArticle{outlet: parts[1], category: parts[2], file: member, rec: fromReport(it, source)})
		return nil
	})
	return arts, err
}

// selectANT picks the demo's Arabic articles: in the shared window, per
// outlet the newest world news and a spread of the other categories, then
// the identical-text twins of a few picked articles.
func selectANT(all []antArticle) []record {
	var inWindow []antArticle
	for _, a := range all {
		if a.rec.Text != "" && !a.rec.when.Before(windowStart) && a.rec.when.Before(windowEnd) {
			inWindow = append(inWindow, a)
		}
	}
	newestFirst(inWindow)
	var picked []antArticle
	for _, outlet := range sortedKeys(outlets) {
		var world, other []antArticle
		for _, a := range inWindow {
			switch {
			case a.outlet != outlet:
			case a.world():
				world = append(world, a)
			default:
				other = append(other, a)
			}
		}
		picked = append(picked, world[:min(len(world), worldPerOutlet)]...)
		picked = append(picked, roundRobin(other, otherPerOutlet)...)
	}
	picked = addTwins(picked, inWindow)
	recs := make([]record, len(picked))
	for i, a := range picked {
		recs[i] = a.rec
	}
	return recs
}

// newestFirst sorts articles by publication time, newest first, then by
// file name.
func newestFirst(arts []antArticle) {
	sort.SliceStable(arts, func(i, j int) bool {
		if !arts[i].rec.when.Equal(arts[j].rec.when) {
			return arts[i].rec.when.After(arts[j].rec.when)
		}
		return arts[i].file < arts[j].file
	})
}

// roundRobin takes up to n articles, newest first, one category at a time,
// so that small categories are not crowded out by sport.
func roundRobin(arts []antArticle, n int) []antArticle {
	byCat := map[string][]antArticle{}
	for _, a := range arts {
		byCat[a.category] = append(byCat[a.category], a)
	}
	cats := make([]string, 0, len(byCat))
	for c := range byCat {
		cats = append(cats, c)
	}
	sort.Strings(cats)
	var out []antArticle
	for len(out) < n {
		took := false
		for _, c := range cats {
			if len(out) < n && len(byCat[c]) > 0 {
				out, byCat[c] = append(out, byCat[c][0]), byCat[c][1:]
				took = true
			}
		}
		if !took {
			break
		}
	}
	return out
}

// addTwins adds, for up to maxTwins picked articles, another file of the
// corpus with the identical text (the corpus files the same article under
// two categories, or twice), so that the demo shows exact duplicates.
func addTwins(picked, pool []antArticle) []antArticle {
	isPicked := map[string]bool{}
	for _, a := range picked {
		isPicked[a.file] = true
	}
	byText := map[[32]byte][]antArticle{}
	for _, a := range pool {
		h := sha256.Sum256([]byte(a.rec.Text))
		byText[h] = append(byText[h], a)
	}
	added := 0
	for _, a := range picked {
		if added == maxTwins {
			break
		}
		for _, twin := range byText[sha256.Sum256([]byte(a.rec.Text))] {
			if !isPicked[twin.file] {
				picked = append(picked, twin)
				isPicked[twin.file] = true
				added++
				break
			}
		}
	}
	return picked
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
