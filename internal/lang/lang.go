// Package lang identifies the language of a report that arrives without
// one, so that it is analyzed and filtered as the right language. It knows
// the six languages jic analyzes (ar, fa, ru, en, fr, tr) and answers
// "other" for text in any other language. It sits in the process stage of
// the flow, after normalization and before dedup and entity extraction.
//
// The detector is a character n-gram model (3–5 letters with the word
// boundaries, plus whole words of 4–24 letters) trained by ./gen only on
// material that may be shipped: the training split of the ANT Arabic news
// corpus, Wikinews (en, fr, ru), Global Voices, the UDHR in 532 languages,
// and news-style sentences written for it (gen/text); see README.md and
// NOTICE. Every UDHR
// language in a Latin, Cyrillic or Arabic script is a class of its own that
// competes with the six; a text is filed as one of the six only when that
// language beats every other language by a calibrated margin and knows
// most of the text's n-grams. Letter rules come first: a script other than
// Latin, Cyrillic or Arabic, Cyrillic letters Russian lacks, or Arabic-script
// letters that neither Arabic nor Persian uses mean "other"; Persian yeh and
// keheh (ی ک) and the letters پ چ ژ گ count against Arabic, and rule it out
// when they are 2% of the letters. Arabic and
// Persian yeh and kaf are unified for the n-grams, so Persian typed with
// Arabic ي and ك is still Persian; Persian function words (در را از است)
// count against Arabic too. Among English, French and Turkish, the letters
// and function words one writes and the others do not (ı ğ ş, é è à, ve
// bir, the for, les pour) count against the others. A short text needs a
// smaller lead over the other languages, in proportion to its length, when
// its language knows a quarter of its n-grams.
//
// The model (langid.model, 2.2 MB) is embedded and decoded once, on first
// use, into about 12 MB of heap.
package lang

import (
	"bytes"
	_ "embed"
	"sync"

	"github.com/jic-center/jic/internal/lang/internal/textfeat"
)

// Languages are the languages Detect can answer, besides "other".
var Languages = []string{"ar", "fa", "ru", "en", "fr", "tr"}

// Result is the language of a text.
type Result struct {
	// Lang is "ar", "fa", "ru", "en", "fr", "tr", "other" for text in any
	// other language, or "" for text without letters.
	Lang string
	// Confidence is between 0 and 1: how far the answer is ahead of the
	// runner-up, 1 for answers from the letter rules.
	Confidence float64
}

// ReadBytes is how much of a text Detect reads: a caller that builds the
// text to detect need not copy more.
const ReadBytes = textfeat.MaxBytes

// Head is the text to detect a report's language by: its title and the
// part of its text that Detect reads, without copying the rest.
func Head(title, text string) string {
	return title + "\n" + text[:min(len(text), ReadBytes)]
}

// Detect returns the language of text. Only the first ReadBytes (6 KiB) of
// text and the first 600 letters of its main script are read. It is safe
// for concurrent use; the first call loads the model (see Load).
func Detect(text string) Result {
	d := scorer().Detect(text)
	return Result{Lang: d.Lang, Confidence: d.Confidence}
}

// Guess returns "ar", "fa", "ru", "en", "fr" or "tr", or "" when text is in
// another language or has no letters. Callers treat "" as unknown.
func Guess(text string) string {
	l := Detect(text).Lang
	if l == "other" {
		return ""
	}
	return l
}

//go:embed langid.model
var modelFile []byte

var (
	loadOnce sync.Once
	loaded   *textfeat.Scorer
)

// Load decodes the embedded model if that has not happened yet. Detect
// calls it; call it at start-up to move the cost (about 0.1 s) there.
func Load() {
	scorer()
}

func scorer() *textfeat.Scorer {
	loadOnce.Do(func() {
		m, err := textfeat.Decode(bytes.NewReader(modelFile))
		if err != nil {
			// The model is part of the binary and tested; a bad one is a
			// build error, not an input error.
			panic("lang: embedded model: " + err.Error())
		}
		loaded = textfeat.NewScorer(m)
		m.Keys, m.Off = nil, nil // indexed in the scorer's table now
	})
	return loaded
}
