package stories

import (
	"fmt"
	"io"
	"os"
	"sort"
	"text/tabwriter"
	"time"

	"github.com/jic-center/jic/internal/evalmetric"
)

// BCubed is the B-cubed precision and recall of a clustering against a
// truth: for each item, the share of its predicted cluster that shares its
// true cluster (precision) and the share of its true cluster that shares
// its predicted cluster (recall), averaged over items.
type BCubed struct {
	Items, Clusters, TrueClusters int
	Precision, Recall             float64
}

// F1 is the harmonic mean of precision and recall.
func (b BCubed) F1() float64 { return evalmetric.F1(b.Precision, b.Recall) }

// bcubed scores pred against truth, item by item (same index).
func bcubed(pred []int64, truth []string) BCubed {
	b := BCubed{Items: len(pred), Clusters: len(distinct(pred)), TrueClusters: len(distinct(truth))}
	b.Precision, b.Recall = evalmetric.BCubed(pred, truth)
	return b
}

// Result is what Eval measured.
type Result struct {
	// ITN and ITNTermsOnly are the "In the news" blurbs clustered with
	// entities and terms, and with terms alone (same-language only), at
	// ITNWindow.
	ITN, ITNTermsOnly BCubed
	ITNWindow         time.Duration
	// ANT and ANTTermsOnly are the hand-labelled ANT articles.
	ANT, ANTTermsOnly BCubed
	Scale             []ScaleRow
}

// EvalConfig chooses what Eval runs.
type EvalConfig struct {
	Options Options
	// ScaleSizes are the index sizes of the cost table; none skips it.
	ScaleSizes []int
}

// Eval measures story clustering on the real corpora under dataDir (the
// project's shared/data) and prints tables to w: B-cubed scores on the
// 1,232 ITN blurbs in five languages and on 297 hand-labelled ANT
// articles, then the cost of an Add as the index grows to 10k and 100k
// reports (and 1M when JIC_BENCH_STORIES=1).
func Eval(w io.Writer, dataDir string) (Result, error) {
	cfg := EvalConfig{Options: DefaultOptions(), ScaleSizes: []int{10000, 100000}}
	if os.Getenv("JIC_BENCH_STORIES") == "1" {
		cfg.ScaleSizes = append(cfg.ScaleSizes, 1000000)
	}
	return EvalWith(w, dataDir, cfg)
}

// EvalWith is Eval with a configuration.
func EvalWith(w io.Writer, dataDir string, cfg EvalConfig) (Result, error) {
	var res Result
	x, err := newExtractor(LeadRunes)
	if err != nil {
		return res, err
	}
	itn, err := readITN(dataDir)
	if err != nil {
		return res, err
	}
	if res.ITN, res.ITNTermsOnly, res.ITNWindow, err = evalITN(w, x, itn, cfg.Options); err != nil {
		return res, err
	}
	labels, err := parseLabels(antLabelData)
	if err != nil {
		return res, err
	}
	ant, err := readANT(dataDir, labels)
	if err != nil {
		return res, err
	}
	res.ANT, res.ANTTermsOnly = evalANT(w, x, ant, cfg.Options)
	if len(cfg.ScaleSizes) > 0 {
		if res.Scale, err = scale(w, x, dataDir, cfg.Options, cfg.ScaleSizes); err != nil {
			return res, err
		}
	}
	return res, nil
}

// itnWindow is the window of the ITN table's headline row: a blurb stays
// on the main page, revised, for a week or more.
const itnWindow = 14 * 24 * time.Hour

func evalITN(w io.Writer, x *extractor, as []article, o Options) (full, terms BCubed, win time.Duration, err error) {
	docs := make([]Doc, len(as))
	truth := make([]string, len(as))
	langs := map[string]int{}
	ents := 0
	for i := range as {
		docs[i] = x.doc(int64(i+1), &as[i])
		truth[i] = as[i].Truth
		langs[as[i].Lang]++
		ents += len(docs[i].Entities)
	}
	groupCopies(as, docs)
	fmt.Fprintf(w, "ITN blurbs (%s): %d blurbs (ar %d, en %d, fa %d, fr %d, ru %d), %d true clusters (Wikidata ids), %.1f entity keys per blurb (gazetteer + ner)\n\n",
		fileITN, len(as), langs["ar"], langs["en"], langs["fa"], langs["fr"], langs["ru"], len(distinct(truth)), float64(ents)/float64(len(as)))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "features\twindow\tMinScore\tstories\tP\tR\tF1\tcross-language stories\t\n")
	for _, wd := range []time.Duration{3 * 24 * time.Hour, itnWindow, 60 * 24 * time.Hour} {
		oo := o
		oo.Window = wd
		pred, cross := cluster(docs, oo, false)
		b := bcubed(pred, truth)
		fmt.Fprintf(tw, "entities + terms\t%s\t%.2f\t%d\t%.3f\t%.3f\t%.3f\t%d\t\n", days(wd), oo.MinScore, b.Clusters, b.Precision, b.Recall, b.F1(), cross)
		bt, ms := bestTermsOnly(docs, truth, oo)
		fmt.Fprintf(tw, "terms only, same language (best MinScore)\t%s\t%.2f\t%d\t%.3f\t%.3f\t%.3f\t0\t\n", days(wd), ms, bt.Clusters, bt.Precision, bt.Recall, bt.F1())
		if wd == itnWindow {
			full, terms = b, bt
		}
	}
	tw.Flush()
	return full, terms, itnWindow, nil
}

func evalANT(w io.Writer, x *extractor, as []article, o Options) (full, terms BCubed) {
	docs := make([]Doc, len(as))
	truth := make([]string, len(as))
	ents := 0
	for i := range as {
		docs[i] = x.doc(int64(i+1), &as[i])
		truth[i] = as[i].Truth
		ents += len(docs[i].Entities)
	}
	groupCopies(as, docs)
	groups := map[int64]int{}
	for _, d := range docs {
		groups[d.Group]++
	}
	fmt.Fprintf(w, "\nANT articles (%s, labels %s): %d articles of 8–9 May 2018 (internationalNews and middleEast of 5 outlets), %d hand-labelled stories, %d dedup groups, %.1f entity keys per article (title + first 600 characters)\n\n",
		fileANT, antLabels, len(as), len(distinct(truth)), len(groups), float64(ents)/float64(len(as)))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "features\twindow\tMinScore\tstories\tP\tR\tF1\t\n")
	pred, _ := cluster(docs, o, false)
	full = bcubed(pred, truth)
	fmt.Fprintf(tw, "entities + terms\t%s\t%.2f\t%d\t%.3f\t%.3f\t%.3f\t\n", days(o.Window), o.MinScore, full.Clusters, full.Precision, full.Recall, full.F1())
	terms, ms := bestTermsOnly(docs, truth, o)
	fmt.Fprintf(tw, "terms only (best MinScore)\t%s\t%.2f\t%d\t%.3f\t%.3f\t%.3f\t\n", days(o.Window), ms, terms.Clusters, terms.Precision, terms.Recall, terms.F1())
	// The largest story is a third of the set; the scores of the rest.
	big := largest(truth)
	var p2 []int64
	var t2 []string
	for i := range truth {
		if truth[i] != big {
			p2, t2 = append(p2, pred[i]), append(t2, truth[i])
		}
	}
	b := bcubed(p2, t2)
	fmt.Fprintf(tw, "entities + terms, without %q (%d articles)\t%s\t%.2f\t%d\t%.3f\t%.3f\t%.3f\t\n", big, len(truth)-len(t2), days(o.Window), o.MinScore, b.Clusters, b.Precision, b.Recall, b.F1())
	tw.Flush()
	return full, terms
}

// bestTermsOnly is the baseline: the reports without their entities,
// scored on terms alone (TermWeight 1), at the MinScore of a few that
// gives it the best F1, so that the comparison flatters the baseline.
func bestTermsOnly(docs []Doc, truth []string, o Options) (best BCubed, minScore float64) {
	o.TermWeight = 1
	for _, m := range []float64{0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5} {
		o.MinScore = m
		pred, _ := cluster(docs, o, true)
		if b := bcubed(pred, truth); b.F1() > best.F1() {
			best, minScore = b, m
		}
	}
	return best, minScore
}

// cluster adds docs to a new index in time order (ties by id) and returns
// each doc's story, in docs order, and how many stories have reports in
// more than one language. termsOnly drops the entities.
func cluster(docs []Doc, o Options, termsOnly bool) (pred []int64, cross int) {
	order := make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return docs[order[i]].Time.Before(docs[order[j]].Time) })
	x := NewIndex(o)
	pred = make([]int64, len(docs))
	for _, i := range order {
		d := docs[i]
		if termsOnly {
			d.Entities = nil
		}
		pred[i] = x.Add(d).Story
	}
	for _, s := range x.Stories() {
		if len(s.Langs) > 1 {
			cross++
		}
	}
	return pred, cross
}

// largest returns the most frequent label.
func largest(ss []string) string {
	n := map[string]int{}
	best := ""
	for _, s := range ss {
		n[s]++
		if n[s] > n[best] || n[s] == n[best] && s < best {
			best = s
		}
	}
	return best
}

// distinct is the set of the values of xs.
func distinct[T comparable](xs []T) map[T]bool {
	m := map[T]bool{}
	for _, x := range xs {
		m[x] = true
	}
	return m
}

func days(d time.Duration) string { return fmt.Sprintf("%gd", d.Hours()/24) }
