package claims

import (
	"bufio"
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/jic-center/jic/internal/ant"
	"github.com/jic-center/jic/internal/evalmetric"
	"github.com/jic-center/jic/internal/namekey"
	"github.com/jic-center/jic/internal/ner"
	"github.com/jic-center/jic/internal/tarball"
)

// annotations are the hand-annotated claims of real articles of
// ../shared/data: one JSON object per article with its source file, id,
// language, the window of its text that was annotated (0: all of it), and
// each claim's speaker as written ("he|Obama" when a pronoun or title
// refers to a name), stance, and the first and last words of its
// statement as anchors.
//
//go:embed testdata/annotations.jsonl
var annotations []byte

// goldArticle is one line of the annotations.
type goldArticle struct {
	File   string      `json:"file"`
	ID     string      `json:"id"`
	Lang   string      `json:"lang"`
	Window int         `json:"window"`
	Claims []goldClaim `json:"claims"`
}

type goldClaim struct {
	Speaker string `json:"speaker"`
	Stance  string `json:"stance"`
	Start   string `json:"start"`
	End     string `json:"end"`
}

// Score is the evaluation of one language, or of all of them.
type Score struct {
	Lang                  string
	Articles, Gold, Found int
	Matched               int // found claims whose span overlaps a gold one by half the shorter
	SpeakerOK             int // matched claims whose speaker overlaps the gold speaker
	StanceOK              int // matched claims with the gold stance
}

// Span returns precision, recall and F1 of the statement spans.
func (s Score) Span() (p, r, f1 float64) { return evalmetric.PRF(s.Matched, s.Found, s.Gold) }

// Speaker returns precision, recall and F1 of the speakers.
func (s Score) Speaker() (p, r, f1 float64) { return evalmetric.PRF(s.SpeakerOK, s.Found, s.Gold) }

// Stance returns the share of matched claims with the right stance.
func (s Score) Stance() float64 {
	if s.Matched == 0 {
		return 0
	}
	return float64(s.StanceOK) / float64(s.Matched)
}

// Result is the evaluation by language, in language order, and overall.
type Result struct {
	Langs []Score
	All   Score
}

// Lang returns the score of one language (zero if it has no articles).
func (r Result) Lang(lang string) Score {
	for _, s := range r.Langs {
		if s.Lang == lang {
			return s
		}
	}
	return Score{Lang: lang}
}

// Eval runs Extract, with the entities of internal/ner, on the annotated
// articles read from dataDir (the project's shared/data) and writes a
// table of the scores to w. It returns an error when a corpus file cannot
// be read or an annotation's anchors are not in its article.
func Eval(w io.Writer, dataDir string) (Result, error) { return eval(w, dataDir, nil) }

// eval is Eval, writing each article's misses to debug when not nil.
func eval(w io.Writer, dataDir string, debug io.Writer) (Result, error) {
	var arts []goldArticle
	sc := bufio.NewScanner(bytes.NewReader(annotations))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var a goldArticle
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			return Result{}, fmt.Errorf("annotations: %w", err)
		}
		arts = append(arts, a)
	}
	texts, err := readArticles(dataDir, arts)
	if err != nil {
		return Result{}, err
	}
	by := map[string]*Score{}
	for _, a := range arts {
		text, ok := texts[a.File+"\x00"+a.ID]
		if !ok {
			return Result{}, fmt.Errorf("%s: no article %s", a.File, a.ID)
		}
		s := by[a.Lang]
		if s == nil {
			s = &Score{Lang: a.Lang}
			by[a.Lang] = s
		}
		if err := scoreArticle(s, a, text, debug); err != nil {
			return Result{}, err
		}
	}
	var r Result
	r.All.Lang = "all"
	for _, s := range by {
		r.Langs = append(r.Langs, *s)
		r.All.Articles += s.Articles
		r.All.Gold += s.Gold
		r.All.Found += s.Found
		r.All.Matched += s.Matched
		r.All.SpeakerOK += s.SpeakerOK
		r.All.StanceOK += s.StanceOK
	}
	sort.Slice(r.Langs, func(i, j int) bool { return r.Langs[i].Lang < r.Langs[j].Lang })
	return r, r.write(w)
}

// scoreArticle adds one article's claims to s.
func scoreArticle(s *Score, a goldArticle, text string, debug io.Writer) error {
	window := a.Window
	if window <= 0 || window > len(text) {
		window = len(text)
	}
	type gspan struct {
		span
		c goldClaim
	}
	var gold []gspan
	for _, c := range a.Claims {
		i := strings.Index(text, c.Start)
		j := -1
		if i >= 0 {
			j = strings.Index(text[i:], c.End)
		}
		if i < 0 || j < 0 || i >= window {
			return fmt.Errorf("%s %s: anchors %q…%q not in the annotated text", a.File, a.ID, c.Start, c.End)
		}
		gold = append(gold, gspan{span{i, i + j + len(c.End)}, c})
	}
	var found []Claim
	for _, c := range Extract(text, a.Lang, nerEntities(text, a.Lang)) {
		if c.Start < window {
			found = append(found, c)
		}
	}
	s.Articles++
	s.Gold += len(gold)
	s.Found += len(found)
	used := make([]bool, len(found))
	for _, g := range gold {
		best, bestOver := -1, 0
		for k, f := range found {
			if o := overlap(g.span, span{f.Start, f.End}); !used[k] && o > bestOver && 2*o >= min(g.e-g.s, f.End-f.Start) {
				best, bestOver = k, o
			}
		}
		if best < 0 {
			if debug != nil {
				fmt.Fprintf(debug, "%s MISS %q %s: %.70q\n", a.ID, g.c.Speaker, g.c.Stance, text[g.s:g.e])
			}
			continue
		}
		used[best] = true
		f := found[best]
		s.Matched++
		if sameSpeaker(f.Speaker.Text, g.c.Speaker) {
			s.SpeakerOK++
		} else if debug != nil {
			fmt.Fprintf(debug, "%s SPEAKER gold %q found %q (%s) cue %q: %.50q\n", a.ID, g.c.Speaker, f.Speaker.Text, f.Speaker.Kind, f.Cue, f.Quote)
		}
		if f.Stance != g.c.Stance && debug != nil {
			fmt.Fprintf(debug, "%s STANCE gold %s found %s cue %q\n", a.ID, g.c.Stance, f.Stance, f.Cue)
		}
		if f.Stance == g.c.Stance {
			s.StanceOK++
		}
	}
	for k, f := range found {
		if !used[k] && debug != nil {
			fmt.Fprintf(debug, "%s EXTRA %q (%s) %s cue %q: %.70q\n", a.ID, f.Speaker.Text, f.Speaker.Kind, f.Stance, f.Cue, f.Quote)
		}
	}
	return nil
}

func overlap(a, b span) int { return max(0, min(a.e, b.e)-max(a.s, b.s)) }

// sameSpeaker reports whether a found speaker shares a word with one of
// the gold alternatives ("he|Obama"); an empty found speaker matches none.
func sameSpeaker(found, gold string) bool {
	fw := strings.Fields(keyWords(found))
	for _, alt := range strings.Split(gold, "|") {
		for _, g := range strings.Fields(keyWords(alt)) {
			for _, f := range fw {
				if f == g && !determiners[f] && len(f) > 1 {
					return true
				}
			}
		}
	}
	return false
}

// keyWords returns the keys of the words of s; Arabic article al- and the
// Russian/Arabic case endings stay, as the annotations write names in the
// text's own form.
func keyWords(s string) string {
	k, _ := namekey.Name(s)
	return k
}

// nerEntities returns the mentions of internal/ner as Entities; a mention
// not in its registry is keyed by its name.
func nerEntities(text, lang string) []Entity {
	var ents []Entity
	for _, m := range ner.Find(text, lang) {
		key := m.Key
		if key == "" {
			k, _ := namekey.Name(m.Surface)
			key = "name:" + k
		}
		ents = append(ents, Entity{Start: m.Start, End: m.End, Kind: string(m.Kind), Key: key, Name: m.Name})
	}
	return ents
}

func (r Result) write(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "claims eval: %d hand-annotated articles (internal/claims/testdata/annotations.jsonl)\n", r.All.Articles)
	fmt.Fprintf(&b, "%-4s %4s %5s %5s | %-17s | %-17s | %s\n", "lang", "arts", "gold", "found", "speaker P/R/F1", "span P/R/F1", "stance acc")
	for _, s := range append(r.Langs, r.All) {
		sp, sr, sf := s.Speaker()
		pp, pr, pf := s.Span()
		fmt.Fprintf(&b, "%-4s %4d %5d %5d | %.2f %.2f %.2f    | %.2f %.2f %.2f    | %.2f (%d/%d)\n",
			s.Lang, s.Articles, s.Gold, s.Found, sp, sr, sf, pp, pr, pf, s.Stance(), s.StanceOK, s.Matched)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// readArticles reads the texts of the annotated articles, keyed by file
// and id.
func readArticles(dataDir string, arts []goldArticle) (map[string]string, error) {
	want := map[string]map[string]bool{}
	for _, a := range arts {
		if want[a.File] == nil {
			want[a.File] = map[string]bool{}
		}
		want[a.File][a.ID] = true
	}
	texts := map[string]string{}
	for file, ids := range want {
		path := filepath.Join(dataDir, file)
		var err error
		if strings.HasSuffix(file, ".tar.gz") {
			err = tarball.Each(path, func(name string, r io.Reader) error {
				if !strings.HasSuffix(name, ".txt") {
					return nil
				}
				b, err := io.ReadAll(r)
				if err != nil {
					return err
				}
				for id, text := range antDocs(string(b)) {
					if _, dup := texts[file+"\x00"+id]; ids[id] && !dup {
						texts[file+"\x00"+id] = text
					}
				}
				return nil
			})
		} else {
			err = readJSONL(path, func(id, text string) {
				if ids[id] {
					texts[file+"\x00"+id] = text
				}
			})
		}
		if err != nil {
			return nil, fmt.Errorf("claims eval: %w", err)
		}
	}
	return texts, nil
}

// antDocs returns the TEXT of each <DOC> of an ANT corpus file by DOCNO.
func antDocs(s string) map[string]string {
	m := map[string]string{}
	for _, d := range ant.Parse(s) {
		m[d.ID] = d.Text
	}
	return m
}

// readJSONL calls fn with the id and text of each line of a Wikinews file.
func readJSONL(path string, fn func(id, text string)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	dec := json.NewDecoder(bufio.NewReader(f))
	for {
		var r struct{ ID, Text string }
		if err := dec.Decode(&r); err == io.EOF {
			return nil
		} else if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		fn(r.ID, r.Text)
	}
}
