package stories

import (
	"bufio"
	"cmp"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/jic-center/jic/internal/ant"
	"github.com/jic-center/jic/internal/dedup"
	"github.com/jic-center/jic/internal/gazetteer"
	"github.com/jic-center/jic/internal/ner"
	"github.com/jic-center/jic/internal/tarball"
)

// The real corpora Eval reads, relative to its data directory (the
// project's shared/data; see its README for licences and record counts).
const (
	fileITN = "news/wikinews/itn_5lang.jsonl"    // 1,232 blurbs in ru/en/fr/ar/fa, CC BY-SA 3.0, tests only
	fileANT = "news/ant-arabic-news-v2.1.tar.gz" // 31,525 TREC documents, ar, Apache-2.0
	// antLabels is the hand-made story truth for 297 ANT articles (see
	// doc.go): DOCNO, tab, story slug.
	antLabels = "testdata/ant-2018-05-08-09.tsv"
)

// article is one real article of an evaluation corpus.
type article struct {
	ID     string // ANT DOCNO, or the ITN line number
	Lang   string
	Title  string
	Text   string
	Time   time.Time
	Outlet string
	Truth  string // the story or cluster it belongs to; "" if unlabelled
}

// readITN reads the "In the news" blurbs: one JSON object per line with
// cluster (a Wikidata id), lang, date and text.
func readITN(dataDir string) ([]article, error) {
	path := filepath.Join(dataDir, fileITN)
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []article
	dec := json.NewDecoder(bufio.NewReader(f))
	for n := 1; ; n++ {
		var r struct{ Cluster, Lang, Date, Text string }
		if err := dec.Decode(&r); err == io.EOF {
			break
		} else if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		t, err := time.Parse(time.RFC3339, r.Date)
		if err != nil {
			return nil, fmt.Errorf("%s: record %d: %w", path, n, err)
		}
		out = append(out, article{ID: fmt.Sprint(n), Lang: r.Lang, Text: r.Text, Time: t, Outlet: "wikipedia-" + r.Lang, Truth: r.Cluster})
	}
	return out, nil
}

// readANT reads the ANT articles of the archive, all of them when labels
// is nil, else those labelled, with their label as Truth.
func readANT(dataDir string, labels map[string]string) ([]article, error) {
	var out []article
	err := tarball.Each(filepath.Join(dataDir, fileANT), func(name string, r io.Reader) error {
		if !strings.HasSuffix(name, ".txt") {
			return nil
		}
		b, err := io.ReadAll(io.LimitReader(r, 16<<20))
		if err != nil {
			return err
		}
		for _, a := range parseANT(string(b)) {
			if labels != nil {
				if a.Truth = labels[a.ID]; a.Truth == "" {
					continue
				}
			}
			out = append(out, a)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// parseANT reads the <DOC> records of an ANT file; an article without a
// text is read by its abstract.
func parseANT(s string) []article {
	var out []article
	for _, d := range ant.Parse(s) {
		out = append(out, article{ID: d.ID, Lang: "ar", Title: d.Title, Text: cmp.Or(d.Text, d.Abstract), Outlet: d.Outlet, Time: d.Published})
	}
	return out
}

//go:embed testdata/ant-2018-05-08-09.tsv
var antLabelData string

// parseLabels reads a label file: DOCNO, tab, label per line; # comments.
func parseLabels(s string) (map[string]string, error) {
	out := map[string]string{}
	for n, line := range strings.Split(s, "\n") {
		if line = strings.TrimSpace(line); line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		id, label, ok := strings.Cut(line, "\t")
		if !ok {
			return nil, fmt.Errorf("%s:%d: want DOCNO<TAB>label", antLabels, n+1)
		}
		out[id] = label
	}
	return out, nil
}

// extractor turns articles into Docs with the repository's own finders,
// as the pipeline's places and entities stages do.
type extractor struct {
	gaz   *gazetteer.Gazetteer
	ner   *ner.Finder
	names *ner.Registry
	// leadRunes bounds the text that is read: the lead carries the story;
	// the rest of a long article adds background entities.
	leadRunes int
}

func newExtractor(leadRunes int) (*extractor, error) {
	g, err := gazetteer.Load()
	if err != nil {
		return nil, fmt.Errorf("load gazetteer: %w", err)
	}
	reg := ner.DefaultRegistry()
	return &extractor{gaz: g, names: reg, ner: ner.New(ner.Options{Registry: reg, IsPlace: ner.PlaceTest(g)}), leadRunes: leadRunes}, nil
}

// doc returns the Doc of article a with report id id. The title's terms
// count twice: a headline names the event.
func (e *extractor) doc(id int64, a *article) Doc {
	text := Lead(a.Text, e.leadRunes)
	d := Doc{ID: id, Time: a.Time, Lang: a.Lang, Source: a.Outlet, Title: a.Title}
	for _, part := range []string{a.Title, text} {
		if part == "" {
			continue
		}
		for _, p := range e.gaz.Resolve(e.gaz.Find(part, a.Lang), gazetteer.Context{}) {
			d.Entities = append(d.Entities, p.Place.Key())
		}
		for _, m := range e.ner.Find(part, a.Lang) {
			dm := m.Domain("text", e.names)
			if dm.Entity != nil {
				d.Entities = append(d.Entities, dm.Entity.Key)
			} else {
				d.Entities = append(d.Entities, ner.NameKey(m.Kind, m.Name))
			}
		}
	}
	d.Terms = Terms(a.Title, text, a.Lang)
	return d
}

// groupCopies runs the articles through dedup in time order, as the
// pipeline does before clustering, and sets each Doc's Group and its
// Source to the outlet of the group's original.
func groupCopies(as []article, docs []Doc) {
	order := make([]int, len(as))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return as[order[i]].Time.Before(as[order[j]].Time) })
	x := dedup.NewIndex(dedup.DefaultOptions(), 0)
	outlet := map[int64]string{}
	for _, i := range order {
		a, d := &as[i], &docs[i]
		outlet[d.ID] = a.Outlet
		m := x.Add(d.ID, dedup.Fingerprint(a.Title, a.Text, a.Lang), dedup.Meta{Published: a.Time, Outlet: a.Outlet})
		d.Group, d.Source = m.Group, outlet[m.Original]
	}
}
