package corpus_test

import (
	"testing"

	"github.com/jic-center/jic/internal/lang/internal/corpus"
	"github.com/jic-center/jic/internal/lang/internal/heldout"
)

// TestTrainingInputs checks that no data set is both a training input and
// a test-only one, and that the test-only ones are the sets the data
// README forbids shipping.
func TestTrainingInputs(t *testing.T) {
	train := map[string]bool{}
	for _, in := range corpus.Training {
		train[in.Path] = true
	}
	testOnly := map[string]bool{
		"news/farsnews-fa.tar.gz":       true, // content © Fars News: tests only
		"news/wikinews/itn_5lang.jsonl": true, // tests only
		"news/bbc-news-en-2225.tar.gz":  true, // content © BBC: tests only
		"news/reuters21578-en.tar.gz":   true, // research use only: tests only
		"ner":                           true, // ArmanPersoNER (tests only), Arabic NER (research), Turkish NER (CC BY-SA)
	}
	for _, in := range heldout.Inputs {
		if train[in.Path] {
			t.Errorf("%s is both a training input and a test-only data set", in.Path)
		}
		if !testOnly[in.Path] {
			t.Errorf("heldout reads %s, not a known test-only set", in.Path)
		}
	}
}
