// Package bench holds jic's reproducible benchmarks, the code behind `jic
// bench`: a corpus of real news in jic's six languages scaled to any size
// with seeded perturbed copies, a fixed set of 200 real queries, and two
// benchmarks that load that corpus through jic's store and search it as a
// member, each beside the raw engine (SQLite FTS5 or a PostgreSQL tsvector)
// doing the same work in the same run, so that jic's overhead reads as a
// ratio. It sits outside the process flow: it drives the stores the way
// the server does and prints tables; BENCHMARKS.md records the results.
package bench

import (
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/jic-center/jic"
)

// DefaultDataDir is where the shared real data sits relative to the module
// root (see shared/data/README.md). Tests run in internal/bench and use
// ../../../shared/data.
const DefaultDataDir = "../shared/data"

// The files of the base corpus under the data directory, with the number of
// records each holds (see shared/data/README.md).
const (
	fileANT         = "news/ant-arabic-news-v2.1.tar.gz" // 31,525 TREC documents, ar
	fileBBC         = "news/bbc-news-en-2225.tar.gz"     // 2,225 text files, en
	fileReuters     = "news/reuters21578-en.tar.gz"      // 21,578 SGML records, en; those with a BODY are used
	fileFrWikinews  = "news/wikinews/frwikinews_100.jsonl"
	fileRuWikinews  = "news/wikinews/ruwikinews_nerel.jsonl"
	fileGUMWikinews = "news/wikinews/gum_wikinews.jsonl"
	fileGlobalVoice = "news/wikinews/globalvoices_2009.jsonl"
	fileFarsNews    = "news/farsnews-fa.tar.gz" // 1,500 articles in JSON arrays, fa
	dirTurkishNER   = "ner/turkish-wiki-ner"    // 20,000 sentences in CoNLL, tr
)

// turkishSentences is how many consecutive NER sentences make one Turkish
// pseudo-article: there is no Turkish news in the shared data.
const turkishSentences = 8

// LoadBase reads the real articles of the base corpus from dataDir (""
// means DefaultDataDir): the full ANT corpus (ar), BBC News, Reuters-21578
// documents with a BODY, English Wikinews and Global Voices (en), French
// and Russian Wikinews, Fars News (fa) and Turkish pseudo-articles of eight
// Wikipedia sentences each. Reports come in that order, each with Language,
// Title, Text (Unicode NFC, trimmed), URL (real, or "bench://set/id"),
// Published (real where the data says, else a date in 2018 derived from the
// URL), Collected and SourceName set; owner, marking and ids are left to
// Scale. It returns ENOTFOUND if a file is missing.
func LoadBase(dataDir string) ([]*jic.Report, error) { return LoadSample(dataDir, 0) }

// LoadSample is LoadBase reading at most perSet reports from each file of
// the corpus (0 = all): a small corpus in every language, for tests.
func LoadSample(dataDir string, perSet int) ([]*jic.Report, error) {
	if dataDir == "" {
		dataDir = DefaultDataDir
	}
	var out []*jic.Report
	for _, set := range baseSets {
		n := 0
		err := set.load(filepath.Join(dataDir, set.path), func(r *jic.Report) error {
			if r = finish(r, set.name); r == nil {
				return nil
			}
			out = append(out, r)
			if n++; n == perSet {
				return errEnough
			}
			return nil
		})
		if err != nil && !errors.Is(err, errEnough) {
			return nil, fmt.Errorf("load %s: %w", set.path, err)
		}
	}
	return out, nil
}

// errEnough stops a loader when the sample is complete.
var errEnough = errors.New("enough reports")

// baseSet is one file or directory of the base corpus. Its loader calls
// emit with each report and stops at the first error emit returns.
type baseSet struct {
	name string // the set, in synthetic URLs
	path string
	load func(path string, emit func(*jic.Report) error) error
}

var baseSets = []baseSet{
	{"ant", fileANT, loadANT},
	{"bbc", fileBBC, loadBBC},
	{"reuters", fileReuters, loadReuters},
	{"gum", fileGUMWikinews, jsonlLoader("en", "Wikinews EN")},
	{"globalvoices", fileGlobalVoice, jsonlLoader("en", "Global Voices")},
	{"frwikinews", fileFrWikinews, jsonlLoader("fr", "Wikinews FR")},
	{"ruwikinews", fileRuWikinews, jsonlLoader("ru", "Wikinews RU")},
	{"fars", fileFarsNews, loadFars},
	{"trwiki", dirTurkishNER, loadTurkish},
}

// finish normalizes a loaded report so that what jic stores and what the
// raw path inserts are the same bytes: NFC, trimmed, a URL and dates.
func finish(r *jic.Report, set string) *jic.Report {
	r.Title = strings.TrimSpace(norm.NFC.String(r.Title))
	r.Text = strings.TrimSpace(norm.NFC.String(r.Text))
	r.Title = clip(r.Title, 400)
	if r.Title == "" && r.Text == "" {
		return nil
	}
	r.Raw, r.RawType = nil, "" // copies have no raw payload; see Scale
	if r.URL == "" {
		r.URL = "bench://" + set + "/" + strconv.Itoa(int(hash64(r.Title+"\x00"+r.Text)%1e9))
	}
	if r.Published.IsZero() {
		r.Published = spread2018(r.URL)
	}
	r.Published = r.Published.UTC().Truncate(time.Second)
	r.Collected = r.Published.Add(time.Duration(hash64("collected "+r.URL)%(6*3600)) * time.Second)
	return r
}

// spread2018 returns a date in 2018 derived from key, for reports whose
// data has none.
func spread2018(key string) time.Time {
	start := time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC)
	return start.Add(time.Duration(hash64(key)%(365*86400)) * time.Second)
}

func hash64(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

// clip cuts s to at most n bytes at a word boundary where there is one.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	if sp := strings.LastIndexByte(s[:cut], ' '); sp > n/2 {
		cut = sp
	}
	return strings.TrimSpace(s[:cut])
}

// WriteCounts prints how many reports, and how many bytes of title and
// text, each language and each source of reports has.
func WriteCounts(w io.Writer, reports []*jic.Report) error {
	type count struct {
		n     int
		bytes int64
	}
	byLang, bySource := map[string]*count{}, map[string]*count{}
	var total count
	for _, r := range reports {
		for _, m := range []struct {
			m map[string]*count
			k string
		}{{byLang, r.Language}, {bySource, r.Language + "\t" + r.SourceName}} {
			c := m.m[m.k]
			if c == nil {
				c = &count{}
				m.m[m.k] = c
			}
			c.n++
			c.bytes += int64(len(r.Title) + len(r.Text))
		}
		total.n++
		total.bytes += int64(len(r.Title) + len(r.Text))
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "language\tsource\treports\tMB of text\t")
	for _, k := range sortedKeys(bySource) {
		c := bySource[k]
		fmt.Fprintf(tw, "%s\t%d\t%.1f\t\n", k, c.n, mb(c.bytes))
	}
	for _, k := range sortedKeys(byLang) {
		c := byLang[k]
		fmt.Fprintf(tw, "%s\tall\t%d\t%.1f\t\n", k, c.n, mb(c.bytes))
	}
	fmt.Fprintf(tw, "all\tall\t%d\t%.1f\t\n", total.n, mb(total.bytes))
	return tw.Flush()
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func mb(n int64) float64 { return float64(n) / 1e6 }
