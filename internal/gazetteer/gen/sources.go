package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// city is one row of GeoNames cities500.
type city struct {
	id         uint32
	name       string
	ascii      string
	alternates []string
	lat, lon   float64
	fclass     string
	fcode      string
	country    string
	admin1     string
	admin2     string
	population int
}

// country is one country of world-countries, with the names of
// i18n-iso-countries merged in.
type country struct {
	cca2, cca3    string
	common        string
	official      string
	altSpellings  []string
	lat, lon      float64
	capital       []string
	names         map[string][]string // language (en ar fa ru fr tr) → names
	demonyms      map[string][]string // language → demonyms from the data
	unMember      bool
	independent   bool
	officialNames map[string]string // language → official name
}

type sources struct {
	cities    []city
	countries []country
	admin1    map[string]string            // "IQ.07" → name
	admin2    map[string]string            // "US.NY.001" → name
	localized map[string]map[string]string // language → id or code → name
}

// The languages of the localized name lists jic keeps, and the keys of the
// same languages in world-countries.
var (
	sixLangs     = []string{"en", "ar", "fa", "ru", "fr", "tr"}
	countryLangs = map[string]string{"ara": "ar", "per": "fa", "fas": "fa", "rus": "ru", "fra": "fr", "tur": "tr"}
)

func readSources(dir string) (*sources, error) {
	s := &sources{localized: map[string]map[string]string{}}
	var err error
	if s.cities, err = readCities(filepath.Join(dir, "geonames-cities500.txt.gz")); err != nil {
		return nil, err
	}
	if s.admin1, err = readAdmin(filepath.Join(dir, "geonames-admin", "admin1.json.gz")); err != nil {
		return nil, err
	}
	if s.admin2, err = readAdmin(filepath.Join(dir, "geonames-admin", "admin2.json.gz")); err != nil {
		return nil, err
	}
	for _, l := range sixLangs {
		m, err := readLocalized(filepath.Join(dir, "geonames-localized-names", l+".tsv"))
		if err != nil {
			return nil, err
		}
		s.localized[l] = m
	}
	if s.countries, err = readCountries(dir); err != nil {
		return nil, err
	}
	return s, nil
}

func readCities(path string) ([]city, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var out []city
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	line := 0
	for sc.Scan() {
		line++
		col := strings.Split(sc.Text(), "\t")
		if len(col) != 19 {
			return nil, fmt.Errorf("%s:%d: %d columns, want 19", path, line, len(col))
		}
		id, err := strconv.ParseUint(col[0], 10, 32)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: id: %w", path, line, err)
		}
		lat, err1 := strconv.ParseFloat(col[4], 64)
		lon, err2 := strconv.ParseFloat(col[5], 64)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("%s:%d: bad coordinates", path, line)
		}
		pop, _ := strconv.Atoi(col[14])
		c := city{id: uint32(id), name: col[1], ascii: col[2], lat: lat, lon: lon, fclass: col[6], fcode: col[7],
			country: col[8], admin1: col[10], admin2: col[11], population: pop}
		if col[3] != "" {
			c.alternates = strings.Split(col[3], ",")
		}
		out = append(out, c)
	}
	return out, sc.Err()
}

func readAdmin(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var rows []struct{ Code, Name string }
	if err := json.NewDecoder(zr).Decode(&rows); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	m := make(map[string]string, len(rows))
	for _, r := range rows {
		m[r.Code] = r.Name
	}
	return m, nil
}

// readLocalized reads a "geonameid<TAB>name" list; ids are GeoNames ids,
// country codes ("IQ") or first-level division codes ("IQ.07").
func readLocalized(path string) (map[string]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	m := map[string]string{}
	for i, line := range strings.Split(string(b), "\n") {
		if line == "" {
			continue
		}
		id, name, ok := strings.Cut(line, "\t")
		if !ok {
			return nil, fmt.Errorf("%s:%d: no tab", path, i+1)
		}
		m[id] = strings.TrimSpace(name)
	}
	return m, nil
}

type textPair struct{ Common, Official string }

func readCountries(dir string) ([]country, error) {
	b, err := os.ReadFile(filepath.Join(dir, "world-countries", "countries.json"))
	if err != nil {
		return nil, err
	}
	var rows []struct {
		CCA2 string `json:"cca2"`
		CCA3 string `json:"cca3"`
		Name struct {
			Common   string              `json:"common"`
			Official string              `json:"official"`
			Native   map[string]textPair `json:"native"`
		} `json:"name"`
		AltSpellings []string                     `json:"altSpellings"`
		LatLng       []float64                    `json:"latlng"`
		Capital      []string                     `json:"capital"`
		Translations map[string]textPair          `json:"translations"`
		Demonyms     map[string]map[string]string `json:"demonyms"`
		UNMember     bool                         `json:"unMember"`
		Independent  bool                         `json:"independent"`
	}
	if err := json.Unmarshal(b, &rows); err != nil {
		return nil, fmt.Errorf("countries.json: %w", err)
	}
	i18n := map[string]map[string][]string{}
	for _, l := range sixLangs {
		m, err := readI18n(filepath.Join(dir, "i18n-iso-countries", l+".json"))
		if err != nil {
			return nil, err
		}
		i18n[l] = m
	}
	var out []country
	for _, r := range rows {
		c := country{cca2: r.CCA2, cca3: r.CCA3, common: r.Name.Common, official: r.Name.Official,
			altSpellings: r.AltSpellings, capital: r.Capital, names: map[string][]string{},
			demonyms: map[string][]string{}, officialNames: map[string]string{},
			unMember: r.UNMember, independent: r.Independent}
		if len(r.LatLng) == 2 {
			c.lat, c.lon = r.LatLng[0], r.LatLng[1]
		}
		c.names["en"] = append(c.names["en"], r.Name.Common)
		c.officialNames["en"] = r.Name.Official
		for k, l := range countryLangs {
			if t, ok := r.Translations[k]; ok {
				c.names[l] = append(c.names[l], t.Common)
				c.officialNames[l] = t.Official
			}
			if t, ok := r.Name.Native[k]; ok {
				c.names[l] = append(c.names[l], t.Common)
			}
		}
		for _, l := range sixLangs {
			c.names[l] = append(c.names[l], i18n[l][r.CCA2]...)
		}
		for k, d := range r.Demonyms {
			l := map[string]string{"eng": "en", "fra": "fr"}[k]
			if l == "" {
				continue
			}
			for _, g := range []string{"m", "f"} {
				if d[g] != "" {
					c.demonyms[l] = append(c.demonyms[l], d[g])
				}
			}
		}
		out = append(out, c)
	}
	return out, nil
}

// readI18n reads one i18n-iso-countries language file, whose values are a
// name or a list of names.
func readI18n(path string) (map[string][]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc struct {
		Countries map[string]json.RawMessage `json:"countries"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	m := map[string][]string{}
	for code, raw := range doc.Countries {
		var one string
		if json.Unmarshal(raw, &one) == nil {
			m[code] = []string{one}
			continue
		}
		var many []string
		if err := json.Unmarshal(raw, &many); err != nil {
			return nil, fmt.Errorf("%s: %s: %w", path, code, err)
		}
		m[code] = many
	}
	return m, nil
}

// readLines calls fn for each line of r.
func readLines(r io.Reader, fn func(string)) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		fn(sc.Text())
	}
	return sc.Err()
}
