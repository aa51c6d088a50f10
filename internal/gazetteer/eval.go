package gazetteer

import (
	"bufio"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/jic-center/jic/internal/evalmetric"
)

// maxEvalFile bounds the corpus file EvaluateGeoparse reads.
const maxEvalFile = 256 << 20

// evalDoc is one annotated text of a geoparsing corpus.
type evalDoc struct {
	text   string
	source string // the country of the article's site, from its ccTLD; "" if unknown
	gold   []goldToponym
}

// goldToponym is one annotated span, in bytes.
type goldToponym struct {
	start, end int
	name       string
	lat, lon   float64
	hasCoord   bool
	// scored: the span is a toponym the corpus expects a geoparser to find;
	// otherwise a prediction on it is neither right nor wrong (GeoWebNews
	// demonyms and language names, which it annotates without coordinates).
	scored bool
}

// EvalResult is the score of a geoparser on one corpus.
type EvalResult struct {
	Corpus   string
	Layout   string
	Articles int
	Gold     int // toponyms to find
	Pred     int // mentions found and kept, those on unscored spans left out

	ExactTP, OverlapTP int
	// Geocoded: found toponyms (by overlap) with gold coordinates; Within161:
	// those resolved within 161 km (100 miles) of the gold point.
	Geocoded, Within161 int
	MeanKm, MedianKm    float64
	Elapsed             time.Duration
}

// P, R and F1 of exact or overlapping span matches.
func (r EvalResult) prf(tp int) (p, rec, f float64) { return evalmetric.PRF(tp, r.Pred, r.Gold) }

// Exact returns precision, recall and F1 with spans that match exactly.
func (r EvalResult) Exact() (p, rec, f float64) { return r.prf(r.ExactTP) }

// Overlap returns precision, recall and F1 with spans that overlap.
func (r EvalResult) Overlap() (p, rec, f float64) { return r.prf(r.OverlapTP) }

// Acc161 returns the share of geocoded toponyms within 161 km.
func (r EvalResult) Acc161() float64 {
	if r.Geocoded == 0 {
		return 0
	}
	return float64(r.Within161) / float64(r.Geocoded)
}

// EvaluateGeoparse runs Find and Resolve over a geoparsing corpus and
// writes a table of toponym precision, recall and F1 (exact and overlapping
// spans), accuracy at 161 km and the mean and median error. path is
// GeoWebNews (GWN.xml), TR-News or GeoVirus XML (the layout is detected from
// the file), or the GeoWebNews BRAT directory (*.txt with *.ann). It loads
// the embedded gazetteer.
func EvaluateGeoparse(path string, w io.Writer) error {
	g, err := Load()
	if err != nil {
		return err
	}
	r, err := g.Evaluate(path)
	if err != nil {
		return err
	}
	WriteEvalTable(w, []EvalResult{r})
	return nil
}

// Evaluate scores the gazetteer on one corpus; see EvaluateGeoparse.
func (g *Gazetteer) Evaluate(path string) (EvalResult, error) {
	docs, layout, err := g.readEvalCorpus(path)
	if err != nil {
		return EvalResult{}, err
	}
	res := EvalResult{Corpus: filepath.Base(path), Layout: layout, Articles: len(docs)}
	var errs []float64
	start := time.Now()
	for _, d := range docs {
		rs := g.Resolve(g.Find(d.text, "en"), Context{SourceCountry: d.source})
		score(&res, d, rs, layout == layoutGeoVirus, &errs)
	}
	res.Elapsed = time.Since(start)
	if len(errs) > 0 {
		sort.Float64s(errs)
		sum := 0.0
		for _, e := range errs {
			sum += e
		}
		res.MeanKm = sum / float64(len(errs))
		res.MedianKm = errs[len(errs)/2]
	}
	return res, nil
}

// score adds one document's predictions to res. Each gold toponym is
// matched at most once, exact spans first.
func score(res *EvalResult, d evalDoc, rs []Resolved, noDemonyms bool, errs *[]float64) {
	for _, g := range d.gold {
		if g.scored {
			res.Gold++
		}
	}
	usedExact := make([]bool, len(d.gold))
	usedOverlap := make([]bool, len(d.gold))
	for _, r := range rs {
		if noDemonyms && r.Demonym {
			continue
		}
		unscored := false
		exact, overlap := -1, -1
		for i, g := range d.gold {
			if r.Start >= g.end || g.start >= r.End {
				continue
			}
			if !g.scored {
				unscored = true
				continue
			}
			if r.Start == g.start && r.End == g.end && !usedExact[i] && exact < 0 {
				exact = i
			}
			if !usedOverlap[i] && overlap < 0 {
				overlap = i
			}
		}
		if exact >= 0 && !usedOverlap[exact] {
			overlap = exact
		}
		if unscored && overlap < 0 {
			continue
		}
		res.Pred++
		if exact >= 0 {
			usedExact[exact] = true
			res.ExactTP++
		}
		if overlap >= 0 {
			usedOverlap[overlap] = true
			res.OverlapTP++
			if g := d.gold[overlap]; g.hasCoord {
				km := Distance(r.Place.Lat, r.Place.Lon, g.lat, g.lon)
				res.Geocoded++
				if km <= 161 {
					res.Within161++
				}
				*errs = append(*errs, km)
			}
		}
	}
}

// WriteEvalTable writes results as a table, one corpus a row.
func WriteEvalTable(w io.Writer, rs []EvalResult) {
	fmt.Fprintf(w, "%-16s %-9s %5s %5s %5s  %-17s  %-17s  %5s %7s %7s %7s\n", "corpus", "layout", "docs", "gold", "pred",
		"exact P/R/F1", "overlap P/R/F1", "geo", "acc@161", "mean km", "med km")
	for _, r := range rs {
		ep, er, ef := r.Exact()
		op, or, of := r.Overlap()
		fmt.Fprintf(w, "%-16s %-9s %5d %5d %5d  %.3f/%.3f/%.3f  %.3f/%.3f/%.3f  %5d %7.3f %7.0f %7.1f\n", r.Corpus, r.Layout,
			r.Articles, r.Gold, r.Pred, ep, er, ef, op, or, of, r.Geocoded, r.Acc161(), r.MeanKm, r.MedianKm)
	}
}

// Corpus layouts.
const (
	layoutGWN      = "GWN"
	layoutBRAT     = "GWN-brat"
	layoutTRNews   = "TR-News"
	layoutGeoVirus = "GeoVirus"
)

func (g *Gazetteer) readEvalCorpus(path string) ([]evalDoc, string, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, "", err
	}
	if fi.IsDir() {
		docs, err := g.readBRAT(path)
		return docs, layoutBRAT, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, "", err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxEvalFile+1))
	if err != nil {
		return nil, "", err
	}
	if len(b) > maxEvalFile {
		return nil, "", fmt.Errorf("%s: larger than %d bytes", path, maxEvalFile)
	}
	return parseEvalXML(b)
}

type xmlToponym struct {
	ExtractedName string `xml:"extractedName"`
	Phrase        string `xml:"phrase"`
	Name          string `xml:"name"`
	Type          string `xml:"type"`
	Start         int    `xml:"start"`
	End           int    `xml:"end"`
	Latitude      string `xml:"latitude"`
	Longitude     string `xml:"longitude"`
	Lat           string `xml:"lat"`
	Lon           string `xml:"lon"`
	Gaztag        *struct {
		Lat string `xml:"lat"`
		Lon string `xml:"lon"`
	} `xml:"gaztag"`
}

type xmlCorpus struct {
	Articles []struct {
		Text      string       `xml:"text"`
		Link      string       `xml:"link"`
		URL       string       `xml:"url"`
		Domain    string       `xml:"domain"`
		Toponyms  []xmlToponym `xml:"toponyms>toponym"`
		Locations []xmlToponym `xml:"locations>location"`
	} `xml:"article"`
}

// parseEvalXML reads the GeoWebNews, TR-News and GeoVirus layouts: all are
// <articles><article> with a <text>, and differ in how toponyms are given.
func parseEvalXML(b []byte) ([]evalDoc, string, error) {
	var c xmlCorpus
	if err := xml.Unmarshal(b, &c); err != nil {
		return nil, "", fmt.Errorf("geoparsing corpus: %w", err)
	}
	layout := ""
	for _, a := range c.Articles {
		switch {
		case len(a.Locations) > 0:
			layout = layoutGeoVirus
		case len(a.Toponyms) > 0 && a.Toponyms[0].ExtractedName != "":
			layout = layoutGWN
		case len(a.Toponyms) > 0:
			layout = layoutTRNews
		}
		if layout != "" {
			break
		}
	}
	if layout == "" {
		return nil, "", errors.New("geoparsing corpus: no toponyms in a known layout")
	}
	var docs []evalDoc
	for _, a := range c.Articles {
		d := evalDoc{text: a.Text, source: siteCountry(a.Link + a.URL + a.Domain)}
		tops := a.Toponyms
		if layout == layoutGeoVirus {
			tops = a.Locations
		}
		for _, t := range tops {
			g := goldToponym{scored: true}
			switch layout {
			case layoutGWN:
				g.name = t.ExtractedName
				g.lat, g.lon, g.hasCoord = coords(t.Latitude, t.Longitude)
				// GeoWebNews gives coordinates to every toponym it expects a
				// geoparser to find; the rest are location expressions
				// ("the city"), demonyms and languages, person and
				// organization names.
				g.scored = g.hasCoord
				if !g.scored && !unscoredTypes[t.Type] {
					continue
				}
			case layoutTRNews:
				g.name = t.Phrase
				if t.Gaztag != nil {
					g.lat, g.lon, g.hasCoord = coords(t.Gaztag.Lat, t.Gaztag.Lon)
				}
			case layoutGeoVirus:
				g.name = t.Name
				g.lat, g.lon, g.hasCoord = coords(t.Lat, t.Lon)
			}
			var ok bool
			g.start, g.end, ok = locate(d.text, t.Start, t.End, g.name)
			if !ok {
				continue
			}
			d.gold = append(d.gold, g)
		}
		docs = append(docs, d)
	}
	return docs, layout, nil
}

// siteCountry returns the country of a site's country-code top-level
// domain (bbc.co.uk → GB, cbc.ca → CA), or "" for a generic one: the
// evaluation's stand-in for the country of a report's source.
func siteCountry(u string) string {
	u = strings.TrimSpace(u)
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
	}
	host, _, _ := strings.Cut(u, "/")
	host = strings.TrimSuffix(host, ".")
	tld := host[strings.LastIndexByte(host, '.')+1:]
	if len(tld) != 2 {
		return ""
	}
	tld = strings.ToUpper(tld)
	switch tld {
	case "UK":
		return "GB"
	case "TV", "IO", "ME", "CO", "FM", "LY", "AI": // used as generic domains
		return ""
	}
	return tld
}

// unscoredTypes are GeoWebNews annotations without coordinates that still
// name a country or people: a geoparser that links "Americans" or "Arabic"
// to a place is neither right nor wrong by the corpus.
var unscoredTypes = map[string]bool{"Demonym": true, "Language": true}

func coords(lat, lon string) (float64, float64, bool) {
	a, err1 := strconv.ParseFloat(strings.TrimSpace(lat), 64)
	b, err2 := strconv.ParseFloat(strings.TrimSpace(lon), 64)
	if err1 != nil || err2 != nil {
		return 0, 0, false
	}
	return a, b, true
}

// locate turns a span given in characters into bytes. Some corpora's
// offsets are off by a character or two (TR-News, GeoVirus: counted before
// a leading newline was stripped), so when the span does not hold the name,
// the nearest occurrence of the name within a few characters is taken.
func locate(text string, start, end int, name string) (int, int, bool) {
	runeToByte := func(n int) int {
		if n <= 0 {
			return 0
		}
		i := 0
		for b := range text {
			if i == n {
				return b
			}
			i++
		}
		return len(text)
	}
	s, e := runeToByte(start), runeToByte(end)
	if s <= e && text[s:e] == name || name == "" {
		return s, e, s <= e
	}
	for d := 1; d <= 8; d++ {
		for _, off := range []int{-d, d} {
			s2, e2 := runeToByte(start+off), runeToByte(end+off)
			if s2 <= e2 && text[s2:e2] == name {
				return s2, e2, true
			}
		}
	}
	return 0, 0, false
}

// readBRAT reads the GeoWebNews standoff version: N.txt and N.ann, with
// text-bound annotations "T1<TAB>Type start end<TAB>text" and notes
// "#1<TAB>AnnotatorNotes T1<TAB>GeoNames id or lat, lon".
func (gz *Gazetteer) readBRAT(dir string) ([]evalDoc, error) {
	anns, err := filepath.Glob(filepath.Join(dir, "*.ann"))
	if err != nil {
		return nil, err
	}
	sort.Strings(anns)
	var docs []evalDoc
	for _, ann := range anns {
		txt, err := os.ReadFile(strings.TrimSuffix(ann, ".ann") + ".txt")
		if err != nil {
			return nil, err
		}
		d := evalDoc{text: string(txt)}
		f, err := os.Open(ann)
		if err != nil {
			return nil, err
		}
		type tb struct {
			typ, name  string
			start, end int
			note       string
		}
		spans := map[string]*tb{}
		var order []string
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<16), 1<<20)
		for sc.Scan() {
			cols := strings.Split(sc.Text(), "\t")
			if len(cols) < 3 {
				continue
			}
			switch {
			case strings.HasPrefix(cols[0], "T"):
				f := strings.Fields(strings.ReplaceAll(cols[1], ";", " "))
				if len(f) < 3 {
					continue
				}
				s, err1 := strconv.Atoi(f[1])
				e, err2 := strconv.Atoi(f[len(f)-1])
				if err1 != nil || err2 != nil {
					continue
				}
				spans[cols[0]] = &tb{typ: f[0], name: cols[2], start: s, end: e}
				order = append(order, cols[0])
			case strings.HasPrefix(cols[0], "#"):
				if f := strings.Fields(cols[1]); len(f) == 2 && f[0] == "AnnotatorNotes" {
					if t := spans[f[1]]; t != nil {
						t.note = cols[2]
					}
				}
			}
		}
		f.Close()
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("%s: %w", ann, err)
		}
		for _, id := range order {
			t := spans[id]
			g := goldToponym{name: t.name}
			if t.note != "" {
				g.scored = true
				if lat, lon, ok := strings.Cut(t.note, ","); ok {
					g.lat, g.lon, g.hasCoord = coords(lat, lon)
				} else if gid, err := strconv.Atoi(strings.TrimSpace(t.note)); err == nil {
					if p, ok := gz.Place(gid); ok {
						g.lat, g.lon, g.hasCoord = p.Lat, p.Lon, true
					}
				}
			} else if !unscoredTypes[t.typ] {
				continue
			}
			var ok bool
			if g.start, g.end, ok = locate(d.text, t.start, t.end, t.name); ok {
				d.gold = append(d.gold, g)
			}
		}
		docs = append(docs, d)
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("%s: no .ann files", dir)
	}
	return docs, nil
}
