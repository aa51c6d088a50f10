package lang

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"runtime"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/jic-center/jic/internal/lang/internal/corpus"
	"github.com/jic-center/jic/internal/lang/internal/heldout"
	"github.com/jic-center/jic/internal/lang/internal/textfeat"
)

// Baseline is another language identifier to measure beside Detect on the
// same texts in the same run (CLD2, see ./cld2).
type Baseline struct {
	Name string
	// Detect returns one of the six codes, or anything else for "other".
	Detect func(text string) string
	// Note is printed under the table (size, version...).
	Note string
}

// ArabicYehKaf marks, in SystemEval.PerSource, the Persian texts typed
// with the Arabic yeh and kaf (ي ك) only.
const ArabicYehKaf = " (Persian typed with Arabic ي/ك)"

// Conditions are the three kinds of held-out text, in table order.
var Conditions = []string{"articles", "headlines", "other-language texts"}

// Evaluation is the outcome of Measure.
type Evaluation struct {
	DataDir string
	// Texts[c] is the number of test texts of condition c (see Conditions).
	Texts map[string]int
	// Unseen is how many other-language texts are from languages that were
	// held out of training entirely.
	Unseen  int
	Systems []*SystemEval // Detect first, then the baselines
	// Model load: time to decode the embedded model, heap it holds, size
	// of the embedded file.
	LoadTime   time.Duration
	ModelHeap  uint64
	ModelBytes int
	Classes    int
	Keys       int
}

// SystemEval is one identifier's results.
type SystemEval struct {
	Name string
	Note string
	// Correct[c] counts the right answers for condition c. An other-language
	// text is right only when it is not filed as one of the six.
	Correct map[string]int
	// Confusion[want][got] counts answers for texts of the six (want is
	// the language) and of other languages (want "other").
	Confusion map[string]map[string]int
	// PerLang[c+" "+lang] and its Total count right answers per language.
	PerLang, PerLangTotal map[string]int
	// PerSource likewise per data set and condition.
	PerSource, PerSourceTotal map[string]int
	// ArticlesPerSec and MBPerSec are single-goroutine throughput on the
	// test articles with GOMAXPROCS(1); zero when not measured.
	ArticlesPerSec, MBPerSec float64
	// Errors are the first wrong answers (MeasureOptions.MaxErrors), as
	// "source want->got: text".
	Errors []string
}

// Accuracy is the share of right answers for condition c.
func (s *SystemEval) Accuracy(c string, e *Evaluation) float64 {
	if e.Texts[c] == 0 {
		return 0
	}
	return float64(s.Correct[c]) / float64(e.Texts[c])
}

// MeasureOptions say what Measure does besides measuring accuracy.
type MeasureOptions struct {
	// Speed times each system on the test articles.
	Speed bool
	// Sample, if not 0, stops reading each data set after that many test
	// texts: a quicker check on part of the same texts.
	Sample int
	// Baselines run beside Detect on the same texts.
	Baselines []Baseline
	// Diagnose measures, instead of the test split of every data set, the
	// train and dev sides of the test-only data sets (Fars News, BBC,
	// Reuters, the ITN blurbs, the NER corpora). The model is not trained
	// on them either (the generator cannot read those sets), so they show
	// its errors without anyone tuning it on the test side.
	Diagnose bool
	// MaxErrors is how many wrong answers each system keeps (40 when 0).
	MaxErrors int
}

// evalInputs are every data set: the training inputs (their test side)
// and the test-only ones.
func evalInputs() []corpus.Input {
	return append(append([]corpus.Input{}, corpus.Training...), heldout.Inputs...)
}

// Measure runs Detect and the baselines over the test split of the real
// texts under dataDir (the ../shared/data folder): texts the model
// generator never reads. The test-only data sets are among them; the
// generator cannot read any of their texts. It returns an error wrapping os.ErrNotExist when
// a data set is missing.
func Measure(dataDir string, opt MeasureOptions) (*Evaluation, error) {
	inputs, keep := evalInputs(), func(t *corpus.Text) bool { return t.Split == corpus.Test }
	if opt.Diagnose {
		inputs, keep = heldout.Inputs, func(t *corpus.Text) bool { return t.Split != corpus.Test }
	}
	texts, err := corpus.Load(dataDir, inputs, keep, opt.Sample)
	if err != nil {
		return nil, err
	}
	e := &Evaluation{DataDir: dataDir, Texts: map[string]int{}, ModelBytes: len(modelFile)}
	for _, t := range texts {
		e.Texts[t.Kind.String()]++
		if t.Unseen {
			e.Unseen++
		}
	}
	e.measureLoad()
	systems := append([]Baseline{{Name: "jic", Detect: func(s string) string { return Detect(s).Lang }}}, opt.Baselines...)
	for _, b := range systems {
		s := run(b, texts, cmp.Or(opt.MaxErrors, 40))
		if opt.Speed {
			s.ArticlesPerSec, s.MBPerSec = throughput(b.Detect, texts)
		}
		e.Systems = append(e.Systems, s)
	}
	return e, nil
}

// measureLoad decodes a fresh copy of the model to time it and to see the
// heap it holds.
func (e *Evaluation) measureLoad() {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	m, err := textfeat.Decode(bytes.NewReader(modelFile))
	if err != nil {
		return
	}
	s := textfeat.NewScorer(m)
	e.Classes, e.Keys = len(m.Classes), len(m.Keys)
	m.Keys, m.Off = nil, nil // as Load does
	e.LoadTime = time.Since(start)
	runtime.GC()
	runtime.ReadMemStats(&after)
	e.ModelHeap = after.HeapAlloc - before.HeapAlloc
	runtime.KeepAlive(s)
}

func run(b Baseline, texts []corpus.Text, maxErrors int) *SystemEval {
	s := &SystemEval{Name: b.Name, Note: b.Note, Correct: map[string]int{},
		Confusion: map[string]map[string]int{},
		PerLang:   map[string]int{}, PerLangTotal: map[string]int{},
		PerSource: map[string]int{}, PerSourceTotal: map[string]int{}}
	for _, t := range texts {
		got := b.Detect(t.Text)
		if !isSix(got) {
			got = "other"
		}
		c := t.Kind.String()
		ok := got == t.Lang
		if s.Confusion[t.Lang] == nil {
			s.Confusion[t.Lang] = map[string]int{}
		}
		s.Confusion[t.Lang][got]++
		lk, sk := c+" "+t.Lang, c+" "+t.Source
		if t.Unseen {
			sk += " (unseen languages)"
		}
		if t.Lang == "fa" && !strings.ContainsAny(t.Text, "یک") && strings.ContainsAny(t.Text, "يك") {
			sk += ArabicYehKaf
		}
		s.PerLangTotal[lk]++
		s.PerSourceTotal[sk]++
		if ok {
			s.Correct[c]++
			s.PerLang[lk]++
			s.PerSource[sk]++
		} else if len(s.Errors) < maxErrors {
			code := ""
			if t.Code != "" {
				code = " " + t.Code
			}
			s.Errors = append(s.Errors, fmt.Sprintf("%s%s %s->%s: %.80q", t.Source, code, t.Lang, got, t.Text))
		}
	}
	return s
}

func isSix(l string) bool {
	for _, s := range Languages {
		if l == s {
			return true
		}
	}
	return false
}

// throughput runs detect over the test articles on one goroutine locked
// to its OS thread with GOMAXPROCS(1), repeating until a second of that
// thread's CPU time has passed. Speeds are per second of CPU time, so that
// other work on a shared machine does not count against them; where
// thread CPU time cannot be read, per second of wall-clock time.
func throughput(detect func(string) string, texts []corpus.Text) (perSec, mbPerSec float64) {
	var arts []string
	size := 0
	for _, t := range texts {
		if t.Kind == corpus.Article {
			arts = append(arts, t.Text)
			size += len(t.Text)
		}
	}
	if len(arts) == 0 {
		return 0, 0
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	runtime.GC()
	elapsed := func() func() time.Duration {
		if c0, ok := threadCPU(); ok {
			return func() time.Duration { c, _ := threadCPU(); return c - c0 }
		}
		start := time.Now()
		return func() time.Duration { return time.Since(start) }
	}()
	n, bytes := 0, 0
	for elapsed() < time.Second {
		for _, a := range arts {
			detect(a)
		}
		n += len(arts)
		bytes += size
	}
	sec := elapsed().Seconds()
	return float64(n) / sec, float64(bytes) / sec / 1e6
}

// Evaluate measures Detect and the baselines on the held-out real texts
// under dataDir and writes the table to w: accuracy per condition, per
// language and per data set, the Arabic–Persian confusion, speed on one
// core, model memory and size.
func Evaluate(dataDir string, w io.Writer, baselines ...Baseline) error {
	e, err := Measure(dataDir, MeasureOptions{Speed: true, Baselines: baselines})
	if err != nil {
		return err
	}
	return e.WriteTable(w)
}

// WriteTable writes e as plain-text tables.
func (e *Evaluation) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	p := func(format string, a ...any) { fmt.Fprintf(tw, format, a...) }
	fmt.Fprintf(w, "Language identification, held-out test split of the real texts in %s\n", e.DataDir)
	fmt.Fprintf(w, "(an other-language text is right only when not filed as one of the six; %d of them are from %s)\n\n",
		e.Unseen, "UDHR languages held out of training entirely")
	p("condition\ttexts\t")
	for _, s := range e.Systems {
		p("%s\t", s.Name)
	}
	p("\n")
	for _, c := range Conditions {
		p("%s\t%d\t", c, e.Texts[c])
		for _, s := range e.Systems {
			p("%.2f%%\t", 100*s.Accuracy(c, e))
		}
		p("\n")
	}
	p("articles/s, one core (CPU time)\t\t")
	for _, s := range e.Systems {
		p("%.0f\t", s.ArticlesPerSec)
	}
	p("\nMB/s, one core (CPU time)\t\t")
	for _, s := range e.Systems {
		p("%.1f\t", s.MBPerSec)
	}
	p("\n\n")
	e.perKey(p, "per language", func(s *SystemEval) (map[string]int, map[string]int) { return s.PerLang, s.PerLangTotal })
	e.perKey(p, "per data set", func(s *SystemEval) (map[string]int, map[string]int) { return s.PerSource, s.PerSourceTotal })
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, s := range e.Systems {
		fmt.Fprintf(w, "\n%s confusion (rows: true language, columns: answer; articles and headlines, and other-language texts)\n", s.Name)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		cols := append(append([]string{}, Languages...), "other")
		fmt.Fprintf(tw, "\t%s\t\n", strings.Join(cols, "\t"))
		for _, want := range cols {
			fmt.Fprintf(tw, "%s\t", want)
			for _, got := range cols {
				fmt.Fprintf(tw, "%d\t", s.Confusion[want][got])
			}
			fmt.Fprintln(tw)
		}
		tw.Flush()
	}
	fmt.Fprintf(w, "\njic model: %d bytes embedded (deflate), %d classes, %d n-gram keys; decoded in %v, heap %.1f MB\n",
		e.ModelBytes, e.Classes, e.Keys, e.LoadTime.Round(time.Millisecond), float64(e.ModelHeap)/1e6)
	for _, s := range e.Systems {
		if s.Note != "" {
			fmt.Fprintf(w, "%s: %s\n", s.Name, s.Note)
		}
	}
	if len(e.Systems) > 0 && len(e.Systems[0].Errors) > 0 {
		fmt.Fprintf(w, "\njic errors (first %d):\n", len(e.Systems[0].Errors))
		for _, x := range e.Systems[0].Errors {
			fmt.Fprintf(w, "  %s\n", x)
		}
	}
	return nil
}

func (e *Evaluation) perKey(p func(string, ...any), title string, get func(*SystemEval) (map[string]int, map[string]int)) {
	if len(e.Systems) == 0 {
		return
	}
	_, totals := get(e.Systems[0])
	keys := make([]string, 0, len(totals))
	for k := range totals {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	p("%s\ttexts\t", title)
	for _, s := range e.Systems {
		p("%s\t", s.Name)
	}
	p("\n")
	for _, k := range keys {
		p("%s\t%d\t", k, totals[k])
		for _, s := range e.Systems {
			right, _ := get(s)
			p("%.2f%%\t", 100*float64(right[k])/float64(totals[k]))
		}
		p("\n")
	}
	p("\n")
}
