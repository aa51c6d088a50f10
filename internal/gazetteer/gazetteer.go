// Package gazetteer is jic's embedded place data, place matcher and
// geocoder: the "places/geocode" step of processing, after language
// identification and before dates and claims. It finds the places a report
// mentions (Find), in English, French, Russian, Turkish, Arabic and Persian
// and across scripts (Baghdad, بغداد, Багдад, Bağdat), including demonyms and
// adjectives ("Iraqi", "иракский", "العراقية"), and decides which place each
// mention means (Resolve) from population, kind of place, the countries of
// the document and the source, places mentioned together and "X, Y"
// patterns.
//
// The data is derived from GeoNames (cities500, first-level divisions,
// localized names; CC BY 4.0), world-countries (ODbL) and
// i18n-iso-countries (MIT) by the generator in gen/, and embedded
// compressed; NOTICE holds the attribution.
package gazetteer

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/jic-center/jic/internal/gazetteer/internal/gazdata"
	"github.com/jic-center/jic/internal/namekey"
)

//go:embed gazetteer.bin.gz
var embedded []byte

// Kind is the kind of a place.
type Kind uint8

// Kinds of place, from the broadest.
const (
	KindRegion  Kind = gazdata.KindRegion  // a continent or a region such as the Middle East
	KindCountry Kind = gazdata.KindCountry // a country or territory with an ISO 3166 code
	KindAdmin1  Kind = gazdata.KindAdmin1  // a first-level division: state, province, governorate
	KindAdmin2  Kind = gazdata.KindAdmin2  // a second-level division: county, district
	KindCity    Kind = gazdata.KindCity    // a populated place
)

func (k Kind) String() string {
	switch k {
	case KindRegion:
		return "region"
	case KindCountry:
		return "country"
	case KindAdmin1:
		return "admin1"
	case KindAdmin2:
		return "admin2"
	case KindCity:
		return "city"
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// Place is one place of the gazetteer.
type Place struct {
	// GeoNameID is the GeoNames id; 0 for countries, first-level divisions
	// and regions, which the source data gives without one.
	GeoNameID   int
	Kind        Kind
	FeatureCode string // GeoNames feature code: PPLC, PPLA, PPL...; ADM1, PCLI, PCLD, CONT, RGN
	Name        string // the English name
	Country     string // ISO 3166-1 alpha-2 code; "" for regions
	Admin1      string // GeoNames first-level division code within the country; "" if none
	Admin2      string // GeoNames second-level division code within the admin1; "" if none
	Lat, Lon    float64
	Population  int // for divisions and countries, the sum of their cities in GeoNames cities500

	names string // the display names in gazdata.Langs order, NUL-separated
	ref   uint32 // index in the gazetteer
	langs uint8  // how many display names it has
}

// NameIn returns the place's name in lang (en, ar, fa, ru, fr or tr), or
// the English name when the data has none in that language.
func (p Place) NameIn(lang string) string {
	for i, l := range gazdata.Langs {
		if l != lang {
			continue
		}
		s := p.names
		for range i {
			_, s, _ = strings.Cut(s, "\x00")
		}
		n, _, _ := strings.Cut(s, "\x00")
		if n != "" {
			return n
		}
	}
	return p.Name
}

// Key identifies the place in the gazetteer: "geonames:ID" for a place with
// a GeoNames id, otherwise "country:IQ", "admin1:IQ.07" or "region:NAME".
func (p Place) Key() string {
	switch {
	case p.GeoNameID != 0:
		return fmt.Sprintf("geonames:%d", p.GeoNameID)
	case p.Kind == KindCountry:
		return "country:" + p.Country
	case p.Kind == KindAdmin1:
		return "admin1:" + p.Country + "." + p.Admin1
	case p.Kind == KindAdmin2:
		return "admin2:" + p.Country + "." + p.Admin1 + "." + p.Admin2
	}
	return "region:" + p.Name
}

// Gazetteer is the loaded place data. It is safe for concurrent use.
type Gazetteer struct {
	places  []place
	strs    string   // English and display names of all places
	codes   []string // interned country, admin1 and feature codes
	byGeoID []uint32 // places with a GeoNames id, sorted by it
	country map[string]uint32
	admin1  map[string]uint32 // "IQ.07" → place
	idx     index
	words   map[string]uint8 // word classes from news text (gazdata.Word*)
}

// place is the compact form of a Place.
type place struct {
	geoID          uint32
	lat, lon       float32
	pop            uint32
	strStart       uint32 // the English name, then NUL and the display names
	strEnd         uint32
	country, admin uint16 // in codes
	admin2, fcode  uint16 // in codes
	kind           Kind
	langs          uint8 // how many of the six languages the place has a display name in
}

// Load decodes the embedded gazetteer: about 0.2 s on one core and 21 MB
// of heap (BenchmarkLoad). Callers keep the result (a sync.OnceValues is the
// usual way) and share it.
func Load() (*Gazetteer, error) { return Read(bytes.NewReader(embedded)) }

// Read decodes a gazetteer file written by the generator.
func Read(r io.Reader) (*Gazetteer, error) {
	rd, err := gazdata.NewReader(r)
	if err != nil {
		return nil, err
	}
	g := &Gazetteer{country: map[string]uint32{}, admin1: map[string]uint32{}}
	codes := map[string]uint16{"": 0}
	g.codes = []string{""}
	intern := func(s string) uint16 {
		if c, ok := codes[s]; ok {
			return c
		}
		c := uint16(len(g.codes))
		codes[s] = c
		g.codes = append(g.codes, s)
		return c
	}
	n := rd.Count()
	g.places = make([]place, n)
	var strs strings.Builder
	var p gazdata.Place
	for i := range g.places {
		rd.Place(p.GeoID, &p)
		if rd.Err() != nil {
			return nil, rd.Err()
		}
		if len(g.codes) > 60000 {
			return nil, fmt.Errorf("gazetteer file: too many codes")
		}
		start := strs.Len()
		strs.WriteString(p.Name)
		langs := uint8(0)
		for _, s := range p.Local {
			strs.WriteByte(0)
			strs.WriteString(s)
			if s != "" {
				langs++
			}
		}
		g.places[i] = place{geoID: p.GeoID, lat: float32(p.Lat), lon: float32(p.Lon), pop: p.Population,
			strStart: uint32(start), strEnd: uint32(strs.Len()), country: intern(p.Country), admin: intern(p.Admin1),
			admin2: intern(p.Admin2), fcode: intern(p.FCode), kind: Kind(p.Kind), langs: langs}
		switch Kind(p.Kind) {
		case KindCountry:
			g.country[p.Country] = uint32(i)
		case KindAdmin1:
			g.admin1[p.Country+"."+p.Admin1] = uint32(i)
		}
		if p.GeoID != 0 {
			g.byGeoID = append(g.byGeoID, uint32(i))
		}
	}
	g.strs = strs.String()
	sort.Slice(g.byGeoID, func(a, b int) bool { return g.places[g.byGeoID[a]].geoID < g.places[g.byGeoID[b]].geoID })
	if err := g.idx.read(rd, uint32(len(g.places))); err != nil {
		return nil, err
	}
	nw := rd.Count()
	g.words = make(map[string]uint8, nw)
	for range nw {
		w := rd.String()
		g.words[w] = uint8(rd.Uint())
	}
	if rd.Err() != nil {
		return nil, rd.Err()
	}
	return g, nil
}

// Len returns the number of places.
func (g *Gazetteer) Len() int { return len(g.places) }

func (g *Gazetteer) place(i uint32) Place {
	p := &g.places[i]
	s := g.strs[p.strStart:p.strEnd]
	name, names, _ := strings.Cut(s, "\x00")
	return Place{GeoNameID: int(p.geoID), Kind: p.kind, FeatureCode: g.codes[p.fcode], Name: name,
		Country: g.codes[p.country], Admin1: g.codes[p.admin], Admin2: g.codes[p.admin2], Lat: float64(p.lat), Lon: float64(p.lon),
		Population: int(p.pop), names: names, ref: i, langs: p.langs}
}

// Place returns the place with GeoNames id id, and false if the gazetteer
// has none.
func (g *Gazetteer) Place(id int) (Place, bool) {
	i := sort.Search(len(g.byGeoID), func(i int) bool { return int(g.places[g.byGeoID[i]].geoID) >= id })
	if i < len(g.byGeoID) && int(g.places[g.byGeoID[i]].geoID) == id {
		return g.place(g.byGeoID[i]), true
	}
	return Place{}, false
}

// Country returns the country with ISO 3166-1 alpha-2 code cc.
func (g *Gazetteer) Country(cc string) (Place, bool) {
	i, ok := g.country[strings.ToUpper(cc)]
	if !ok {
		return Place{}, false
	}
	return g.place(i), true
}

// Admin1 returns the first-level division with GeoNames code admin1 in
// country cc.
func (g *Gazetteer) Admin1(cc, admin1 string) (Place, bool) {
	i, ok := g.admin1[strings.ToUpper(cc)+"."+admin1]
	if !ok {
		return Place{}, false
	}
	return g.place(i), true
}

// Candidate is a place a name may mean.
type Candidate struct {
	Place
	// Alternate: the name is one of the place's alternate names, not its
	// own name or its name in one of the six languages.
	Alternate bool
	// Demonym: the name is a demonym or adjective of the place ("Iraqi").
	Demonym bool
	// Common: the name is also a common word ("Nice", "Mobile").
	Common bool

	flags uint8
}

// Lookup returns the places name may mean, most populous first: the name
// is normalized (case, accents, Arabic and Persian letter forms, vowel
// marks) but not stemmed or stripped of prefixes; Find does that.
func (g *Gazetteer) Lookup(name string) []Candidate {
	key, n := namekey.Name(name)
	if n == 0 {
		return nil
	}
	var out []Candidate
	g.idx.each(key, func(p uint32, flags uint8) {
		if flags&gazdata.FlagStem == 0 {
			out = append(out, g.candidate(p, flags))
		}
	})
	sort.SliceStable(out, func(i, j int) bool { return out[i].Population > out[j].Population })
	return out
}

func (g *Gazetteer) candidate(p uint32, flags uint8) Candidate {
	return Candidate{Place: g.place(p), Alternate: flags&gazdata.FlagMain == 0, Demonym: flags&gazdata.FlagDemonym != 0,
		Common: flags&gazdata.FlagCommon != 0, flags: flags}
}
