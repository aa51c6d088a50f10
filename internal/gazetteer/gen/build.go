package main

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/jic-center/jic/internal/gazetteer/internal/gazdata"
	"github.com/jic-center/jic/internal/namekey"
)

// builder collects the places and the keys that name them.
type builder struct {
	src    *sources
	ws     *wordStats
	minPop int

	places []gazdata.Place
	index  map[string]map[uint32]uint8 // key → place → flags
	count  map[uint8]int
	drops  map[string]int // why names were left out → how many
	kept   map[string]int // which selection rule kept a city → how many

	notPlace map[string]bool // keys of notPlaceNames
}

func newBuilder(src *sources, ws *wordStats, minPop int) *builder {
	return &builder{src: src, ws: ws, minPop: minPop, index: map[string]map[uint32]uint8{},
		count: map[uint8]int{}, drops: map[string]int{}, kept: map[string]int{}}
}

func (b *builder) build() *gazdata.File {
	b.addRegions()
	b.addCountries()
	b.addAdmin1()
	b.addAdmin2()
	b.addCities()
	f := &gazdata.File{Places: b.places, Words: append(b.ws.words(), b.arabicWords()...)}
	keys := slices.Sorted(maps.Keys(b.index))
	for _, k := range keys {
		ps := b.index[k]
		n := gazdata.Name{Key: k}
		for _, p := range slices.Sorted(maps.Keys(ps)) {
			n.Postings = append(n.Postings, gazdata.Posting{Place: p, Flags: ps[p]})
		}
		f.Names = append(f.Names, n)
	}
	sort.Slice(f.Words, func(i, j int) bool { return f.Words[i].Word < f.Words[j].Word })
	return f
}

func (b *builder) addPlace(p gazdata.Place) uint32 {
	b.places = append(b.places, p)
	b.count[p.Kind]++
	return uint32(len(b.places) - 1)
}

func (b *builder) addRegions() {
	for _, c := range continents {
		p := gazdata.Place{GeoID: c.id, Kind: gazdata.KindRegion, FCode: "CONT", Lat: c.lat, Lon: c.lon, Name: first(c.names.en)}
		if c.id == 0 {
			p.FCode = "RGN"
		}
		for i, l := range gazdata.Langs {
			p.Local[i] = first(c.names.get(l))
		}
		idx := b.addPlace(p)
		for _, l := range gazdata.Langs {
			for _, n := range split(c.names.get(l)) {
				b.add(idx, n, gazdata.FlagMain, l)
			}
		}
		b.addDemonyms(idx, c.demonyms)
	}
	for _, c := range seas {
		p := gazdata.Place{Kind: gazdata.KindRegion, FCode: c.code, Lat: c.lat, Lon: c.lon, Name: first(c.names.en)}
		for i, l := range gazdata.Langs {
			p.Local[i] = first(c.names.get(l))
		}
		idx := b.addPlace(p)
		for _, l := range gazdata.Langs {
			for _, n := range split(c.names.get(l)) {
				b.add(idx, n, gazdata.FlagMain, l)
			}
		}
		for _, n := range split(c.acronyms) {
			b.add(idx, n, gazdata.FlagMain|gazdata.FlagAcronym, "")
		}
	}
}

func (s demonymSet) get(lang string) string {
	switch lang {
	case "en":
		return s.en
	case "fr":
		return s.fr
	case "ru":
		return s.ru
	case "ar":
		return s.ar
	case "fa":
		return s.fa
	case "tr":
		return s.tr
	}
	return ""
}

func split(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "|")
}

func first(s string) string {
	f, _, _ := strings.Cut(s, "|")
	return f
}

func (b *builder) addCountries() {
	pop := map[string]int{}
	for _, c := range b.src.cities {
		pop[c.country] += c.population
	}
	cs := slices.Clone(b.src.countries)
	sort.Slice(cs, func(i, j int) bool { return cs[i].cca2 < cs[j].cca2 })
	for _, c := range cs {
		p := gazdata.Place{Kind: gazdata.KindCountry, FCode: "PCLI", Country: c.cca2, Lat: c.lat, Lon: c.lon,
			Population: uint32(min(pop[c.cca2], 1<<31)), Name: c.common}
		if !c.independent {
			p.FCode = "PCLD"
		}
		if pt, ok := pointOverrides[c.cca2]; ok {
			p.Lat, p.Lon = pt[0], pt[1]
		}
		for i, l := range gazdata.Langs {
			if n := b.src.localized[l][c.cca2]; n != "" {
				p.Local[i] = n
			} else if len(c.names[l]) > 0 {
				p.Local[i] = c.names[l][0]
			}
		}
		idx := b.addPlace(p)
		for _, l := range sixLangs {
			for _, n := range c.names[l] {
				b.add(idx, n, gazdata.FlagMain, l)
			}
			if n := c.officialNames[l]; n != "" {
				b.add(idx, n, gazdata.FlagMain, l)
			}
			if n := b.src.localized[l][c.cca2]; n != "" {
				b.add(idx, n, gazdata.FlagMain, l)
			}
		}
		for _, n := range c.altSpellings {
			if len([]rune(n)) > 3 {
				b.add(idx, n, 0, "")
			}
		}
		extra := extraCountryNames[c.cca2]
		for _, n := range split(extra.names) {
			b.add(idx, n, gazdata.FlagMain, "")
		}
		for _, n := range split(extra.acronyms) {
			b.add(idx, n, gazdata.FlagMain|gazdata.FlagAcronym, "")
		}
		d := demonymTable[c.cca2]
		d.en = join(d.en, c.demonyms["en"])
		d.fr = join(d.fr, lowerAll(c.demonyms["fr"]))
		b.addDemonyms(idx, d)
	}
}

func join(s string, more []string) string {
	parts := split(s)
	for _, m := range more {
		if !slices.Contains(parts, m) {
			parts = append(parts, m)
		}
	}
	return strings.Join(parts, "|")
}

func lowerAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strings.ToLower(s)
	}
	return out
}

// addAdmin1 adds the first-level divisions that have cities in cities500.
func (b *builder) addAdmin1() {
	type acc struct {
		lats, lons []float64
		pop        int
	}
	byCode := map[string]*acc{}
	for _, c := range b.src.cities {
		code := c.country + "." + c.admin1
		a := byCode[code]
		if a == nil {
			a = &acc{}
			byCode[code] = a
		}
		a.lats = append(a.lats, c.lat)
		a.lons = append(a.lons, c.lon)
		a.pop += c.population
	}
	for _, code := range slices.Sorted(maps.Keys(b.src.admin1)) {
		a := byCode[code]
		if a == nil {
			b.drops["admin1 without cities"]++
			continue
		}
		cc, a1, _ := strings.Cut(code, ".")
		p := gazdata.Place{Kind: gazdata.KindAdmin1, FCode: "ADM1", Country: cc, Admin1: a1,
			Population: uint32(min(a.pop, 1<<31)), Name: b.src.admin1[code]}
		p.Lat, p.Lon = center(a.lats, a.lons)
		for i, l := range gazdata.Langs {
			p.Local[i] = b.src.localized[l][code]
		}
		if p.Local[0] == "" {
			p.Local[0] = p.Name
		}
		idx := b.addPlace(p)
		b.add(idx, p.Name, gazdata.FlagMain, "")
		for _, l := range sixLangs {
			if n := b.src.localized[l][code]; n != "" {
				b.add(idx, n, gazdata.FlagMain, l)
			}
		}
		for _, n := range split(usAbbreviations[code]) {
			b.add(idx, n, gazdata.FlagMain|gazdata.FlagAbbrev, "en")
		}
	}
}

// addAdmin2 adds the second-level divisions (counties, districts) that have
// cities in cities500, placed like the first-level ones. They have names in
// one language only.
func (b *builder) addAdmin2() {
	type acc struct {
		lats, lons []float64
		pop        int
	}
	byCode := map[string]*acc{}
	for _, c := range b.src.cities {
		if c.admin2 == "" {
			continue
		}
		code := c.country + "." + c.admin1 + "." + c.admin2
		a := byCode[code]
		if a == nil {
			a = &acc{}
			byCode[code] = a
		}
		a.lats = append(a.lats, c.lat)
		a.lons = append(a.lons, c.lon)
		a.pop += c.population
	}
	for _, code := range slices.Sorted(maps.Keys(b.src.admin2)) {
		a := byCode[code]
		if a == nil {
			b.drops["admin2 without cities"]++
			continue
		}
		parts := strings.SplitN(code, ".", 3)
		if len(parts) != 3 {
			continue
		}
		p := gazdata.Place{Kind: gazdata.KindAdmin2, FCode: "ADM2", Country: parts[0], Admin1: parts[1], Admin2: parts[2],
			Population: uint32(min(a.pop, 1<<31)), Name: b.src.admin2[code]}
		p.Lat, p.Lon = center(a.lats, a.lons)
		p.Local[0] = p.Name
		idx := b.addPlace(p)
		b.add(idx, p.Name, gazdata.FlagMain, "")
	}
}

// center places a division, which the admin lists give without
// coordinates, at the middle of the box around its cities, leaving out the
// outer 2% on each side (a far island): GeoNames places divisions near
// their geographic centre, which the cities' median or mean, drawn to
// where people live, misses by hundreds of kilometres in Queensland or
// Quebec.
func center(lats, lons []float64) (float64, float64) {
	lons = slices.Clone(lons)
	lo, hi := trimmedRange(lons)
	if hi-lo > 180 { // across the antimeridian
		for i, x := range lons {
			if x < 0 {
				lons[i] = x + 360
			}
		}
		lo, hi = trimmedRange(lons)
	}
	lon := (lo + hi) / 2
	if lon > 180 {
		lon -= 360
	}
	a, b := trimmedRange(slices.Clone(lats))
	return (a + b) / 2, lon
}

func trimmedRange(xs []float64) (float64, float64) {
	slices.Sort(xs)
	k := len(xs) / 50
	return xs[k], xs[len(xs)-1-k]
}

func (b *builder) addCities() {
	cities := slices.Clone(b.src.cities)
	sort.Slice(cities, func(i, j int) bool { return cities[i].id < cities[j].id })
	for _, c := range cities {
		id := fmt.Sprint(c.id)
		why := b.keep(c, id)
		if why == "" {
			continue
		}
		b.kept[why]++
		p := gazdata.Place{GeoID: c.id, Kind: gazdata.KindCity, FCode: c.fcode, Country: c.country, Admin1: c.admin1,
			Admin2: c.admin2, Lat: c.lat, Lon: c.lon, Population: uint32(c.population), Name: c.name}
		for i, l := range gazdata.Langs {
			p.Local[i] = b.src.localized[l][id]
		}
		if p.Local[0] != "" {
			p.Name = p.Local[0]
		}
		idx := b.addPlace(p)
		b.add(idx, c.name, gazdata.FlagMain, "")
		b.add(idx, c.ascii, gazdata.FlagMain, "")
		for _, l := range sixLangs {
			if n := b.src.localized[l][id]; n != "" {
				b.add(idx, n, gazdata.FlagMain, l)
			}
		}
		for _, n := range c.alternates {
			b.add(idx, n, 0, "")
		}
		for _, n := range split(cityNames[c.id]) {
			b.add(idx, n, gazdata.FlagMain, "")
		}
		for _, n := range split(cityAbbreviations[c.id]) {
			b.add(idx, n, gazdata.FlagMain|gazdata.FlagAbbrev, "en")
		}
	}
}

// keep says why city c is kept, or "" if it is not.
func (b *builder) keep(c city, id string) string {
	switch {
	case c.fcode == "PPLC" || c.fcode == "PPLA":
		return "capital or division seat"
	case c.population >= b.minPop:
		return fmt.Sprintf("population >= %d", b.minPop)
	}
	for _, l := range []string{"ar", "fa", "ru", "tr", "fr"} {
		if b.src.localized[l][id] != "" {
			return "localized name in ar/fa/ru/tr/fr"
		}
	}
	return ""
}

func (b *builder) report() []string {
	var out []string
	for _, k := range slices.Sorted(maps.Keys(b.kept)) {
		out = append(out, fmt.Sprintf("cities kept: %-40s %7d", k, b.kept[k]))
	}
	for _, k := range slices.Sorted(maps.Keys(b.drops)) {
		out = append(out, fmt.Sprintf("names left out: %-40s %7d", k, b.drops[k]))
	}
	return out
}

// placeWords returns the one-word names of the countries, divisions and
// cities of half a million or more, their demonyms, and the modifiers put
// before them (North, New): words next to which a capitalized word is not
// part of a personal name. Smaller places are left out: they share their
// names with too many people (Blair, Barry, Clark).
func placeWords(src *sources) map[string]bool {
	out := map[string]bool{}
	add := func(name string) {
		if k, n := namekey.Name(name); n == 1 {
			out[k] = true
		}
	}
	for _, c := range src.countries {
		for _, ns := range c.names {
			for _, n := range ns {
				add(n)
			}
		}
		for _, ns := range c.demonyms {
			for _, n := range ns {
				add(n)
			}
		}
	}
	for _, d := range demonymTable {
		for _, n := range split(d.en) {
			add(n)
		}
	}
	pop := map[string]int{}
	for _, c := range src.cities {
		pop[c.country+"."+c.admin1] += c.population
		if c.population >= 500000 {
			add(c.name)
			add(c.ascii)
		}
	}
	for code, n := range src.admin1 {
		if pop[code] >= 500000 {
			add(n)
		}
	}
	for _, w := range strings.Fields("north south east west northern southern eastern western central new old greater upper lower") {
		out[w] = true
	}
	return out
}

// arabicWords returns the frequent words of the Arabic corpus and the
// Persian hand list that are not names of countries, divisions, cities of 100,000 or more or
// demonyms: the matcher takes them for words, not for places, unless
// context says otherwise, and does not strip prefixes off them (وكالة is
// "agency", not و + a town).
func (b *builder) arabicWords() []gazdata.Word {
	var out []gazdata.Word
	for w := range b.ws.arabic {
		if !b.ws.frequentArabic(w) || namekey.ScriptOf(w) != namekey.ScriptArabic || b.notable(w) {
			continue
		}
		out = append(out, gazdata.Word{Word: w, Class: gazdata.WordCommon})
	}
	return out
}

// notable reports whether key is a main name of a country, region,
// division or city of 100,000 or more, or a demonym.
func (b *builder) notable(key string) bool {
	for idx, flags := range b.index[key] {
		p := &b.places[idx]
		if flags&gazdata.FlagMain != 0 && flags&gazdata.FlagCommon == 0 &&
			(p.Kind != gazdata.KindCity && p.Kind != gazdata.KindAdmin2 || p.Population >= bigPlace) {
			return true
		}
	}
	return false
}
