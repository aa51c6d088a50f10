package stories

import (
	"cmp"
	"math"
	"slices"
	"time"

	"github.com/jic-center/jic/internal/textindex"
)

// PriorDocs is the least number of reports IDF assumes: in a young index
// every key is rare, and without a floor no two reports would share
// enough weight to join.
const PriorDocs = 1000

// maxDocKeys bounds the keys of one report that are counted at all, so
// that a report of 100,000 terms costs no more than its first 4,096.
const maxDocKeys = 4096

// TermKey is the key under which a term of language lang is filed: terms
// meet only within one language.
func TermKey(lang, term string) string { return textindex.Lang(lang) + "\x00" + term }

// NewVector weighs the entities and terms of d by TF-IDF against the
// document frequencies f knows, keeps the heaviest MaxEntities and
// MaxTerms, and normalizes each part.
func NewVector(f Finder, d *Doc, o Options) Vector {
	v := Vector{Lang: textindex.Lang(d.Lang), Time: d.Time}
	ents := counts(d.Entities, func(s string) string { return s })
	lang := v.Lang
	terms := counts(d.Terms, func(s string) string { return TermKey(lang, s) })
	keys := make([]string, 0, len(ents)+len(terms))
	for _, c := range ents {
		keys = append(keys, c.key)
	}
	for _, c := range terms {
		keys = append(keys, c.key)
	}
	if len(keys) == 0 {
		return v
	}
	df, n := f.DocFreqs(keys)
	n = max(n, PriorDocs)
	idf := func(i int) float64 { return math.Log(1 + float64(n)/float64(df[i]+1)) }
	v.Entities = weigh(ents, idf, 0, o.MaxEntities)
	v.Terms = weigh(terms, idf, len(ents), o.MaxTerms)
	return v
}

type counted struct {
	key string
	n   int
}

// counts returns the distinct non-empty keys of ss with their counts, in
// first-seen order, at most maxDocKeys of them.
func counts(ss []string, key func(string) string) []counted {
	var out []counted
	at := map[string]int{}
	for _, s := range ss {
		if s == "" {
			continue
		}
		k := key(s)
		if i, ok := at[k]; ok {
			out[i].n++
			continue
		}
		if len(out) == maxDocKeys {
			continue
		}
		at[k] = len(out)
		out = append(out, counted{k, 1})
	}
	return out
}

// weigh turns counts into (1+ln tf)·idf weights, keeps the heaviest limit
// and normalizes them; idf takes the index of a key among all keys, and
// the keys of cs start at offset.
func weigh(cs []counted, idf func(int) float64, offset, limit int) []Weighted {
	out := make([]Weighted, len(cs))
	for i, c := range cs {
		id := idf(offset + i)
		out[i] = Weighted{Key: c.key, Weight: (1 + math.Log(float64(c.n))) * id, IDF: id}
	}
	slices.SortFunc(out, func(a, b Weighted) int {
		if c := cmp.Compare(b.Weight, a.Weight); c != 0 {
			return c
		}
		return cmp.Compare(a.Key, b.Key)
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	var norm float64
	for _, w := range out {
		norm += w.Weight * w.Weight
	}
	norm = math.Sqrt(norm)
	for i := range out {
		out[i].Weight /= norm
	}
	return out
}

// Profile is a story's centroids as a store keeps them: for each key, the
// sum of the normalized weights of its reports.
type Profile struct {
	First, Last time.Time
	Entities    map[string]float64
	Terms       map[string]float64 // of one language
	SameLang    bool               // the story has reports in that language
}

// Compare returns the similarity of v to the story of profile p: what a
// store's Finder.Similarity returns after loading the profile.
func Compare(p *Profile, v *Vector) Similarity {
	s := Similarity{SameLang: p.SameLang, Gap: gap(v.Time, p.First, p.Last)}
	var shared []Weighted
	s.Entities, s.EntityMass, shared = cosine(v.Entities, func(k string) (float64, bool) { w, ok := p.Entities[k]; return w, ok }, mapNorm(p.Entities))
	s.Shared = top3(shared)
	if p.SameLang {
		s.Terms, s.TermMass, _ = cosine(v.Terms, func(k string) (float64, bool) { w, ok := p.Terms[k]; return w, ok }, mapNorm(p.Terms))
	}
	return s
}

func mapNorm(m map[string]float64) float64 {
	var n float64
	for _, w := range m {
		n += w * w
	}
	return math.Sqrt(n)
}

// cosine returns the cosine of v and a centroid of norm cn read through
// get, the summed IDF of the keys they share, and those keys.
func cosine(v []Weighted, get func(string) (float64, bool), cn float64) (cos, mass float64, shared []Weighted) {
	if cn == 0 {
		return 0, 0, nil
	}
	for _, w := range v {
		if c, ok := get(w.Key); ok {
			cos += w.Weight * c
			mass += w.IDF
			shared = append(shared, Weighted{Key: w.Key, Weight: w.Weight * c, IDF: w.IDF})
		}
	}
	return cos / cn, mass, shared
}

func top3(ws []Weighted) []string {
	slices.SortFunc(ws, func(a, b Weighted) int { return cmp.Compare(b.Weight, a.Weight) })
	var out []string
	for _, w := range ws[:min(3, len(ws))] {
		out = append(out, w.Key)
	}
	return out
}

// gap is how far t lies outside [first, last].
func gap(t, first, last time.Time) time.Duration {
	switch {
	case t.Before(first):
		return first.Sub(t)
	case t.After(last):
		return t.Sub(last)
	}
	return 0
}
