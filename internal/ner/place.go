package ner

import (
	"github.com/jic-center/jic/internal/gazetteer"
	"github.com/jic-center/jic/internal/memo"
)

// placeConfidence is the confidence the gazetteer must resolve a name
// alone with for PlaceTest to call it a place: a country, a city or a
// demonym news writes about, not a village that shares a surname.
const placeConfidence = 0.5

// PlaceTest returns an Options.IsPlace backed by the gazetteer: a name is a
// place when the gazetteer finds one place mention covering all of it (a
// name, an inflected name or a demonym: России, الأمريكي) and resolves it,
// without context, with confidence at least 0.5. It is safe for concurrent
// use.
func PlaceTest(g *gazetteer.Gazetteer) func(name, lang string) bool {
	seen := memo.New[bool](1 << 14) // names recur from report to report
	return func(name, lang string) bool {
		if is, ok := seen.Get(name, lang); ok {
			return is
		}
		is := false
		ms := g.Find(name, lang)
		if len(ms) == 1 && ms[0].Start == 0 && ms[0].End == len(name) {
			rs := g.Resolve(ms, gazetteer.Context{})
			is = len(rs) == 1 && rs[0].Confidence >= placeConfidence
		}
		seen.Put(name, lang, is)
		return is
	}
}
