package bench

import (
	"fmt"
	"iter"
	"math/rand/v2"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/jic-center/jic"
)

// The members of a bench store, created first so that they get these ids.
// Markings only do work in a search if some reports are hidden from the
// viewer, so Scale gives member 2 the AMBER reports and searches run as
// member 1.
const (
	MemberAlpha int64 = 1 // "Bench Alpha": owns the CLEAR and GREEN reports; the search viewer
	MemberBeta  int64 = 2 // "Bench Beta": owns the AMBER and AMBER+STRICT reports
)

// Member names of a bench store.
const (
	MemberAlphaName = "Bench Alpha"
	MemberBetaName  = "Bench Beta"
)

// Corpus is a scaled corpus: a base of real reports and, after it, as many
// perturbed copies as asked for. Report i depends only on the base, the
// seed and i, so the corpus can be read from any position (a resumed load)
// and the same seed gives the same bytes. A Corpus holds only the base; it
// is safe for concurrent use.
type Corpus struct {
	base []*jic.Report
	perm []int // the order in which the base reports come first
	pos  []int // the inverse of perm: the position of each base report
	seed uint64
}

// NewCorpus returns the corpus of base scaled with seed. base is not
// modified.
func NewCorpus(base []*jic.Report, seed uint64) *Corpus {
	perm := make([]int, len(base))
	for i := range perm {
		perm[i] = i
	}
	// The base comes in a seeded order so that any prefix of the corpus
	// has every language and source in proportion.
	rand.New(rand.NewPCG(seed, 0xba5e)).Shuffle(len(perm), func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
	pos := make([]int, len(perm))
	for i, b := range perm {
		pos[b] = i
	}
	return &Corpus{base: base, perm: perm, pos: pos, seed: seed}
}

// Scale yields the first n reports of NewCorpus(base, seed) with their
// positions, one at a time: the reports of the base (in a seeded order),
// then perturbed copies. Each report is new and the caller's to modify.
func Scale(base []*jic.Report, n int, seed uint64) iter.Seq2[int, *jic.Report] {
	return NewCorpus(base, seed).Range(0, n)
}

// BaseLen returns how many real reports come first.
func (c *Corpus) BaseLen() int { return len(c.base) }

// Range yields reports from..to-1.
func (c *Corpus) Range(from, to int) iter.Seq2[int, *jic.Report] {
	return func(yield func(int, *jic.Report) bool) {
		for i := from; i < to; i++ {
			if !yield(i, c.Report(i)) {
				return
			}
		}
	}
}

// Report returns report i of the corpus, a new value. It panics if the
// base is empty.
//
// Reports 0..BaseLen()-1 are the base reports in a seeded order. Report
// i ≥ BaseLen() is a copy of a base report picked by the seeded generator
// of i, with these edits:
//   - with probability 0.6 it drops 1–3 sentences (if it has more than 3);
//   - with probability 0.5 it swaps two sentences;
//   - with probability 0.25 its title becomes one of its sentences;
//   - with probability 0.5 it ends with a boilerplate line in its language
//     (a copyright notice or a "Read more" line);
//   - its published time moves by −90..+90 days and a random number of
//     seconds, and it is collected 0–6 hours after that;
//   - its URL gains "jicbench-copy=i" as a query parameter.
//
// Every report is marked by the same generator: about 80% CLEAR and 10%
// GREEN owned by MemberAlpha, 5% AMBER and 5% AMBER+STRICT owned by
// MemberBeta. SourceName is the base report's; SourceID is left to the
// loader.
func (c *Corpus) Report(i int) *jic.Report {
	rng := c.rng(i)
	var r *jic.Report
	if i < len(c.base) {
		r = clone(c.base[c.perm[i]])
	} else {
		r = clone(c.base[rng.IntN(len(c.base))])
		perturb(r, rng, i)
	}
	switch u := rng.IntN(100); {
	case u < 5:
		r.Marking, r.OwnerMemberID = jic.TLPAmber, MemberBeta
	case u < 10:
		r.Marking, r.OwnerMemberID = jic.TLPAmberStrict, MemberBeta
	case u < 20:
		r.Marking, r.OwnerMemberID = jic.TLPGreen, MemberAlpha
	default:
		r.Marking, r.OwnerMemberID = jic.TLPClear, MemberAlpha
	}
	return r
}

// Origin returns the position of the base report that report i is a copy
// of, or i itself if it is a base report.
func (c *Corpus) Origin(i int) int {
	if i < len(c.base) {
		return i
	}
	return c.pos[c.rng(i).IntN(len(c.base))] // the first draw of Report
}

func (c *Corpus) rng(i int) *rand.Rand { return rand.New(rand.NewPCG(c.seed, splitmix(uint64(i)))) }

// splitmix scrambles a position into a generator stream, so that the
// streams of neighbouring reports are unrelated.
func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}

func clone(b *jic.Report) *jic.Report {
	return &jic.Report{
		Title: b.Title, Text: b.Text, URL: b.URL, Language: b.Language, SourceName: b.SourceName,
		Published: b.Published, Collected: b.Collected,
	}
}

// perturb applies the edits documented on Corpus.Report to a copy.
func perturb(r *jic.Report, rng *rand.Rand, i int) {
	segs := sentences(r.Text)
	if rng.Float64() < 0.6 && len(segs) > 3 {
		for range 1 + rng.IntN(min(3, len(segs)-3)) {
			segs = drop(segs, rng.IntN(len(segs)))
		}
	}
	if rng.Float64() < 0.5 && len(segs) > 1 {
		a, b := rng.IntN(len(segs)), rng.IntN(len(segs)-1)
		if b >= a {
			b++
		}
		segs[a].text, segs[b].text = segs[b].text, segs[a].text
	}
	if rng.Float64() < 0.25 && len(segs) > 1 {
		if s := segs[rng.IntN(len(segs))].text; len(s) >= 20 {
			r.Title = clip(s, 120)
		}
	}
	r.Text = join(segs)
	if rng.Float64() < 0.5 {
		lines := boilerplate[r.Language]
		if len(lines) == 0 {
			lines = boilerplate["en"]
		}
		r.Text += "\n\n" + lines[rng.IntN(len(lines))]
	}
	shift := time.Duration(rng.IntN(181)-90)*24*time.Hour + time.Duration(rng.IntN(86400))*time.Second
	r.Published = r.Published.Add(shift)
	r.Collected = r.Published.Add(time.Duration(rng.IntN(6*3600)) * time.Second)
	sep := "?"
	if strings.Contains(r.URL, "?") {
		sep = "&"
	}
	r.URL = fmt.Sprintf("%s%sjicbench-copy=%d", r.URL, sep, i)
}

// boilerplate holds lines that outlets append to articles, by language.
var boilerplate = func() map[string][]string {
	m := map[string][]string{
		"ar": {"© جميع الحقوق محفوظة", "اقرأ المزيد: تابعونا على مواقع التواصل الاجتماعي", "للمزيد من الأخبار زوروا موقعنا"},
		"fa": {"© تمامی حقوق محفوظ است", "بیشتر بخوانید: اخبار مرتبط را در سایت ما دنبال کنید", "انتهای پیام"},
		"ru": {"© Все права защищены", "Читайте также: другие новости на нашем сайте", "Подписывайтесь на наш канал"},
		"en": {"© All rights reserved.", "Read more: follow us on social media for the latest news.", "Copyright 2018. This material may not be published, broadcast or redistributed."},
		"fr": {"© Tous droits réservés.", "Lire aussi : toute l'actualité sur notre site.", "Cet article est publié sous licence libre."},
		"tr": {"© Tüm hakları saklıdır.", "Devamını oku: son haberler için bizi takip edin.", "Bu içerik izin alınmadan yayımlanamaz."},
	}
	for _, lines := range m {
		for i, l := range lines {
			lines[i] = norm.NFC.String(l)
		}
	}
	return m
}()

// segment is one sentence of a text and the white space after it.
type segment struct{ text, sep string }

// sentences splits text after sentence-ending punctuation followed by
// white space, and at line breaks. Joining the segments gives text back.
func sentences(text string) []segment {
	var out []segment
	start := 0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		end := -1
		switch {
		case r == '\n':
			end = i
		case strings.ContainsRune(".!?؟…", r):
			j := i + size
			for j < len(text) {
				c, n := utf8.DecodeRuneInString(text[j:])
				if !strings.ContainsRune(`"'»”)`, c) {
					break
				}
				j += n
			}
			if c, _ := utf8.DecodeRuneInString(text[j:]); j == len(text) || unicode.IsSpace(c) {
				end = j
			}
		}
		if end < 0 {
			i += size
			continue
		}
		k := end
		for k < len(text) {
			c, n := utf8.DecodeRuneInString(text[k:])
			if !unicode.IsSpace(c) {
				break
			}
			k += n
		}
		if strings.TrimSpace(text[start:end]) != "" {
			out = append(out, segment{text[start:end], text[end:k]})
		} else if len(out) > 0 {
			out[len(out)-1].sep += text[start:k]
		}
		start, i = k, max(k, i+size)
	}
	if start < len(text) {
		out = append(out, segment{text: text[start:]})
	}
	return out
}

// drop removes segment k, keeping a paragraph break that followed it.
func drop(segs []segment, k int) []segment {
	if k > 0 && strings.Contains(segs[k].sep, "\n") {
		segs[k-1].sep = segs[k].sep
	}
	if k == len(segs)-1 && k > 0 {
		segs[k-1].sep = ""
	}
	return append(segs[:k], segs[k+1:]...)
}

func join(segs []segment) string {
	var b strings.Builder
	for _, s := range segs {
		b.WriteString(s.text)
		b.WriteString(s.sep)
	}
	return strings.TrimSpace(b.String())
}
