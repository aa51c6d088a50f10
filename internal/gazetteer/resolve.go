package gazetteer

import (
	"math"
	"strings"

	"github.com/jic-center/jic/internal/gazetteer/internal/gazdata"
)

// Context is what the caller knows about a document beyond its text.
type Context struct {
	// SourceCountry is the ISO 3166-1 alpha-2 code of the country of the
	// report's source ("" if unknown): a local paper's "Springfield" is
	// more likely its own.
	SourceCountry string
	// Countries are ISO codes of countries the document is known to be
	// about, from elsewhere (a feed's topic, an analyst's tag).
	Countries []string
}

// Resolved is a match and the place it is taken to mean.
type Resolved struct {
	Match
	Place Place
	// Confidence is between 0 and 1: how sure Resolve is that the mention
	// is this place (and a place at all).
	Confidence float64
}

// MinConfidence is the confidence below which Resolve leaves a mention
// out: mostly capitalized common words, person names and alternate names
// of villages.
const MinConfidence = 0.35

// Scoring weights, in the units of the population prior (one unit is a
// tenfold population).
const (
	wCountry       = 10.5 // a country outweighs any city of its name, Mexico City included
	wDependency    = 8.5
	wContinent     = 8.5
	wRegion        = 8.0
	wAdmin1        = -0.5 // against log10 of the division's population
	wAdmin2        = -1.0
	wCapital       = 1.5
	wSeat          = 1.0
	wSeat2         = 0.3
	wFame          = 0.3
	wAlternate     = -1.0
	wDerived       = -0.7
	wCommon        = -2.5
	wQualified     = 6.0
	wQualifier     = 3.0
	wDocCountry    = 2.5
	wSourceCountry = 1.5
	wDocAdmin1     = 2.0
	wNear50        = 2.0
	wNear200       = 1.5
	wNear500       = 0.5
	absMidpoint    = 4.0 // the score at which a lone candidate is an even bet
)

// priorScore is a candidate's score before context: its kind, population
// and capital status, and how good a name of it the match is.
func priorScore(c Candidate) float64 {
	var s float64
	switch c.Kind {
	case KindCountry:
		s = wCountry
		if c.FeatureCode != "PCLI" {
			s = wDependency
		}
	case KindRegion:
		s = wContinent
		if c.FeatureCode != "CONT" {
			s = wRegion
		}
	case KindAdmin1:
		s = math.Log10(float64(c.Population)+1) + wAdmin1 + fame(c)
	case KindAdmin2:
		s = math.Log10(float64(c.Population)+1) + wAdmin2
	default:
		s = math.Log10(float64(c.Population)+1) + fame(c)
		switch c.FeatureCode {
		case "PPLC":
			s += wCapital
		case "PPLA":
			s += wSeat
		case "PPLA2":
			s += wSeat2
		}
	}
	if c.Alternate {
		s += wAlternate
	}
	if c.flags&gazdata.FlagDerived != 0 {
		s += wDerived
	}
	if c.Common {
		s += wCommon
	}
	return s
}

// middleEast are the countries whose towns Arabic and Persian news
// mentions: the Arab League, Iran, Afghanistan, Pakistan, Turkey, Israel.
var middleEast = map[string]bool{
	"DZ": true, "BH": true, "KM": true, "DJ": true, "EG": true, "IQ": true, "JO": true, "KW": true, "LB": true,
	"LY": true, "MR": true, "MA": true, "OM": true, "PS": true, "QA": true, "SA": true, "SO": true, "SD": true,
	"SY": true, "TN": true, "AE": true, "YE": true, "EH": true, "IR": true, "AF": true, "PK": true, "TR": true,
	"IL": true,
}

// formerUSSR are the countries whose towns Russian news mentions most.
var formerUSSR = map[string]bool{
	"RU": true, "UA": true, "BY": true, "MD": true, "KZ": true, "UZ": true, "KG": true, "TJ": true, "TM": true,
	"AZ": true, "AM": true, "GE": true, "LV": true, "LT": true, "EE": true,
}

// fame raises a place with a name of its own in several of the six
// languages: one that news in those languages writes about (Venice, not
// Venice, Florida; California, not California, Maryland).
func fame(c Candidate) float64 {
	if c.langs <= 1 {
		return 0
	}
	return wFame * float64(c.langs-1)
}

// scored is one match during resolution.
type scored struct {
	m      *Match
	scores []float64
	best   int // index of the chosen candidate, -1 when the match is dropped
	conf   float64
}

// Resolve picks for each match the place it most likely means and drops
// the matches that are probably not places. It weighs, in order: the
// population, kind and capital status of each candidate; the words around
// the mention (a title before it or a surname after it makes it a person);
// "X, Y" patterns; then, in a second pass, the countries and divisions the
// document mentions, the source's country and the distance to the other
// places mentioned; finally a name keeps one meaning throughout a
// document. The result is in the order of matches.
func (g *Gazetteer) Resolve(ms []Match, ctx Context) []Resolved {
	ss := make([]scored, len(ms))
	for i := range ms {
		ss[i] = scored{m: &ms[i], best: -1}
		ss[i].scores = baseScores(&ms[i])
	}
	for i := range ms {
		if q := ms[i].Qualifier; q >= 0 && q < len(ms) {
			qualifyScores(&ss[i], &ss[q])
		}
	}
	personLike(ms)
	for i := range ss {
		pick(&ss[i], nil)
	}
	dc := newDocContext(ss, ctx)
	for i := range ss {
		pick(&ss[i], func(c Candidate) float64 { return dc.boost(i, c) })
	}
	oneSense(ss)
	var out []Resolved
	for _, s := range ss {
		if s.best < 0 || s.conf < MinConfidence {
			continue
		}
		out = append(out, Resolved{Match: *s.m, Place: s.m.Candidates[s.best].Place, Confidence: s.conf})
	}
	return out
}

// baseScores scores the candidates of m from their priors; a candidate
// the words around the mention rule out scores -Inf.
func baseScores(m *Match) []float64 {
	out := make([]float64, len(m.Candidates))
	for i, c := range m.Candidates {
		s := priorScore(c)
		if i < len(m.pens) {
			s -= float64(m.pens[i])
		}
		switch {
		case m.ev&evTitle != 0 && m.ev&evUncased == 0 && c.Kind != KindCountry && c.Kind != KindRegion:
			s = math.Inf(-1)
		case m.ev&(evInitial|evCapNeighbour) != 0 && c.Common && c.Kind == KindCity:
			s = math.Inf(-1)
		case m.ev&evInitial != 0 && m.ev&evCommonWord != 0 && c.Kind == KindCity:
			s = math.Inf(-1)
		}
		out[i] = s
	}
	return out
}

// personLike spreads person evidence over a document: once a name stood
// after a title or a given name ("Bill Barr", "Mr. Bolton"), its other
// mentions ("Barr said") are taken for the person too.
func personLike(ms []Match) {
	persons := map[string]bool{}
	for _, m := range ms {
		if m.ev&(evTitle|evPersonPrev) != 0 && !m.Demonym && !strings.Contains(m.key, " ") {
			persons[m.key] = true
		}
	}
	for i := range ms {
		if persons[ms[i].key] && ms[i].ev&(evTitle|evPersonPrev) == 0 {
			ms[i].ev |= evPersonPrev
		}
	}
}

// placeness is the chance, from the words around it, that a mention that
// would be candidate c is a place at all rather than a person or a common
// word: it multiplies the confidence, so that context that makes one city
// likelier than another does not make a surname a city.
func placeness(m *Match, c Candidate) float64 {
	if m.Qualifier >= 0 {
		return 1
	}
	p := 1.0
	if m.ev&evPersonPrev != 0 {
		p *= 0.25
	}
	if m.ev&evGivenName != 0 && !c.Demonym {
		// Michael Jordan, George Washington: weighs on countries too.
		return p * 0.5
	}
	if m.ev&evPersonNext != 0 {
		p *= 0.3
	}
	if m.ev&evPersonal != 0 {
		p *= 0.3
	}
	if m.ev&evSaid != 0 && c.Kind != KindCountry && c.FeatureCode != "PPLC" {
		p *= 0.4
	}
	// In Russian, Arabic and Persian a title is followed by the place it
	// is the title of as often as by a name: мэр Москвы, رئيس بلدية بغداد.
	if m.ev&evTitle != 0 && m.ev&evUncased != 0 && c.Kind == KindCity {
		p *= 0.5
	}
	if c.Common && m.ev&evUncased != 0 {
		// Without capitals nothing tells المدينة "the city" from Medina.
		p *= 0.2
	} else if c.Common {
		p *= 0.4
	} else if m.ev&evCommonWord != 0 {
		p *= 0.6
	}
	// Arabic and Persian names of small towns far from the Middle East
	// (Ely, Alvin, Dinar) are more often words than the towns.
	if m.ev&evArabic != 0 && c.Kind == KindCity && c.Population < 100000 && !middleEast[c.Country] {
		p *= 0.35
	}
	// The same for Russian names of small towns outside the former Soviet
	// Union (Sète for Сети, Wetter for Ветер).
	if m.ev&evCyrillic != 0 && c.Kind == KindCity && c.Population < 100000 && !formerUSSR[c.Country] {
		p *= 0.35
	}
	switch {
	case c.Demonym:
		return math.Max(p, 0.8)
	case c.Kind == KindCountry || c.Kind == KindRegion:
		return math.Sqrt(p)
	}
	return p
}

// qualifyScores raises the candidates of x that lie in a candidate of its
// qualifier q, and those candidates of q.
func qualifyScores(x, q *scored) {
	for i, a := range x.m.Candidates {
		for j, b := range q.m.Candidates {
			if contains(b.Place, a.Place) && !math.IsInf(x.scores[i], -1) {
				x.scores[i] = math.Max(x.scores[i], x.scores[i]+wQualified)
				q.scores[j] += wQualifier
			}
		}
	}
}

// pick chooses the best candidate of s with the scores plus boost and sets
// its confidence.
func pick(s *scored, boost func(Candidate) float64) {
	best, second := math.Inf(-1), math.Inf(-1)
	s.best = -1
	for i, c := range s.m.Candidates {
		v := s.scores[i]
		if boost != nil && !math.IsInf(v, -1) {
			v += boost(c)
		}
		switch {
		case v > best:
			second, best, s.best = best, v, i
		case v > second:
			second = v
		}
	}
	if s.best < 0 || math.IsInf(best, -1) {
		s.best, s.conf = -1, 0
		return
	}
	s.conf = confidence(best, second) * placeness(s.m, s.m.Candidates[s.best])
	if boost != nil {
		s.scores = append(s.scores[:0:0], s.scores...)
		s.scores[s.best] = best // keep the boosted score for oneSense
	}
}

// confidence turns the best and second-best scores into a probability-like
// figure: how plausible the best is on its own, times how clearly it beats
// the second.
func confidence(best, second float64) float64 {
	abs := 1 / (1 + math.Exp(-(best - absMidpoint)))
	if math.IsInf(second, -1) {
		return abs
	}
	return abs / (1 + math.Exp(-(best - second)))
}

// docContext is what the first pass learned about the document. It holds
// each place once, however often it is mentioned, and at most maxPoints
// places, so that resolution stays linear in the number of mentions.
type docContext struct {
	ss        []scored
	countries map[string]keyPair // country → the words of up to two mentions of it or of places in it
	admin1s   map[string]keyPair // "CC.A1" → the same
	points    []point
	seen      map[uint32]bool
	memo      map[memoKey]float64 // boosts depend on the mention's words, not on which mention
	source    string
	given     map[string]bool
}

type memoKey struct {
	key string
	ref uint32
}

// maxPoints bounds the places the distance test compares a candidate with.
const maxPoints = 256

// keyPair holds up to two distinct mention keys.
type keyPair [2]string

func (k *keyPair) add(key string) {
	switch {
	case k[0] == "" || k[0] == key:
		k[0] = key
	case k[1] == "":
		k[1] = key
	}
}

// other reports whether a mention other than one of key is among them.
func (k keyPair) other(key string) bool {
	return k[0] != "" && k[0] != key || k[1] != "" && k[1] != key
}

type point struct {
	lat, lon float64
	place    Place
	key      string
}

func newDocContext(ss []scored, ctx Context) *docContext {
	dc := &docContext{ss: ss, countries: map[string]keyPair{}, admin1s: map[string]keyPair{}, seen: map[uint32]bool{},
		memo: map[memoKey]float64{}, source: strings.ToUpper(ctx.SourceCountry), given: map[string]bool{}}
	for _, c := range ctx.Countries {
		dc.given[strings.ToUpper(c)] = true
	}
	for _, s := range ss {
		if s.best < 0 || s.conf < 0.5 {
			continue
		}
		p := s.m.Candidates[s.best]
		key := s.m.key
		switch p.Kind {
		case KindCountry:
			dc.addCountry(p.Country, key)
		case KindAdmin1, KindAdmin2:
			dc.addCountry(p.Country, key)
			a := dc.admin1s[p.Country+"."+p.Admin1]
			a.add(key)
			dc.admin1s[p.Country+"."+p.Admin1] = a
			dc.addPoint(p.Place, key)
		case KindCity:
			if s.conf >= 0.7 {
				dc.addCountry(p.Country, key)
			}
			dc.addPoint(p.Place, key)
		}
	}
	return dc
}

func (dc *docContext) addCountry(cc, key string) {
	k := dc.countries[cc]
	k.add(key)
	dc.countries[cc] = k
}

func (dc *docContext) addPoint(p Place, key string) {
	if dc.seen[p.ref] || len(dc.points) >= maxPoints {
		return
	}
	dc.seen[p.ref] = true
	dc.points = append(dc.points, point{p.Lat, p.Lon, p, key})
}

// boost is the context score of candidate c of match i.
func (dc *docContext) boost(i int, c Candidate) float64 {
	if c.Kind == KindRegion {
		return 0
	}
	key := dc.ss[i].m.key
	mk := memoKey{key, c.ref}
	if b, ok := dc.memo[mk]; ok {
		return b
	}
	b := dc.contextScore(key, c)
	dc.memo[mk] = b
	return b
}

func (dc *docContext) contextScore(key string, c Candidate) float64 {
	var b float64
	if dc.given[c.Country] || dc.countries[c.Country].other(key) {
		b += wDocCountry
	}
	if c.Country == dc.source && dc.source != "" {
		b += wSourceCountry
	}
	if (c.Kind == KindCity || c.Kind == KindAdmin2) && dc.admin1s[c.Country+"."+c.Admin1].other(key) {
		b += wDocAdmin1
	}
	// A place near the others mentioned, or a country or division that
	// holds one of them, is likelier.
	near := math.Inf(1)
	for _, p := range dc.points {
		if p.key == key {
			continue
		}
		if c.Kind == KindCountry || c.Kind == KindAdmin1 {
			if contains(c.Place, p.place) {
				near = 0
				break
			}
			if c.Kind == KindCountry {
				continue
			}
		}
		near = math.Min(near, Distance(c.Lat, c.Lon, p.lat, p.lon))
	}
	switch {
	case near < 50:
		b += wNear50
	case near < 200:
		b += wNear200
	case near < 500:
		b += wNear500
	}
	return b
}

// oneSense gives every mention of the same words in a document the meaning
// its best-supported mention has.
func oneSense(ss []scored) {
	type choice struct {
		ref   uint32
		score float64
		conf  float64
	}
	best := map[string]choice{}
	for _, s := range ss {
		if s.best < 0 {
			continue
		}
		c := s.m.Candidates[s.best]
		if b, ok := best[s.m.key]; !ok || s.scores[s.best] > b.score {
			best[s.m.key] = choice{c.ref, s.scores[s.best], s.conf}
		}
	}
	for i := range ss {
		s := &ss[i]
		if s.best < 0 {
			continue
		}
		b := best[s.m.key]
		for j, c := range s.m.Candidates {
			if c.ref == b.ref && j != s.best && !math.IsInf(s.scores[j], -1) {
				s.best, s.conf = j, math.Max(s.conf, b.conf)
			}
		}
	}
}

// Distance returns the great-circle distance in kilometres between two
// points given in degrees.
func Distance(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0088
	rad := math.Pi / 180
	dlat := (lat2 - lat1) * rad
	dlon := (lon2 - lon1) * rad
	a := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(a)))
}
