package dedup

import (
	"math/rand/v2"
	"strings"
	"time"
)

// editKind is one documented way the evaluation derives a copy from a real
// article, the edits an outlet makes when it republishes a story.
type editKind uint8

const (
	editHeadline          editKind = iota // new title, text unchanged
	editTrim                              // last 10–50% of the paragraphs dropped
	editBoilerplateListed                 // lines added that boilerplateText lists
	editBoilerplateOther                  // lines added that it does not list
	editSubstitute                        // 5% of the words replaced
	editReorder                           // two pairs of adjacent sentences swapped
	editCombined                          // all of the above, lighter
	numEdits
)

func (e editKind) String() string {
	return [...]string{"re-headline", "trim end", "boilerplate (listed)", "boilerplate (unlisted)",
		"substitute 5% words", "reorder sentences", "combined"}[e]
}

// editDoc says exactly what each edit does, for the evaluation's output.
var editDoc = [...]string{
	"title replaced by the first 8 words of the text; text unchanged",
	"the last 10-50% of the paragraphs dropped (sentences if one paragraph), at least one",
	"1 line on top and 1-2 at the end from lines the boilerplate list matches (Read also: <other title>, Follow us on..., copyright)",
	"1 line on top and 1-2 at the end that the list does not match (update notes, comment invitations, video prompts)",
	"5% of the words (at least one) replaced by words drawn from other articles of the corpus",
	"two pairs of adjacent sentences swapped",
	"re-headline + trim 10-40% + one listed and one unlisted line + 3% words replaced + one swap",
}

// extraLines are boilerplate lines by language: listed ones match a
// pattern of boilerplateText ("%s" takes another article's title), other
// ones do not.
var extraLines = map[string]struct{ listed, other []string }{
	"en": {
		listed: []string{"Read more: %s", "Follow us on Twitter and Facebook", "Copyright 2018 The Daily Herald. All rights reserved.", "Related: %s"},
		other:  []string{"Sign in to comment on this story", "This story has been updated with new information.", "Watch the video above for more"},
	},
	"fr": {
		listed: []string{"Lire aussi : %s", "Suivez-nous sur Twitter et Facebook", "© 2012 Le Quotidien. Tous droits réservés."},
		other:  []string{"Cet article a été mis à jour.", "Réagissez à cet article dans les commentaires", "Regardez la vidéo ci-dessus"},
	},
	"ru": {
		listed: []string{"Читайте также: %s", "Подписывайтесь на наш канал в Telegram", "© 2016 Все права защищены"},
		other:  []string{"Обсудить новость в комментариях", "Материал дополнен новыми подробностями", "Смотрите видео выше"},
	},
	"ar": {
		listed: []string{"اقرأ أيضاً: %s", "تابعونا على تويتر وفيسبوك", "جميع الحقوق محفوظة © 2018", "للمزيد: %s"},
		other:  []string{"شاركونا آراءكم في التعليقات", "تم تحديث هذا الخبر بمعلومات جديدة", "لمشاهدة الفيديو اضغط على الصورة أعلاه"},
	},
}

// editor derives copies with a seeded random source, so the evaluation is
// the same on every run.
type editor struct {
	rng    *rand.Rand
	vocab  []string // words of the corpus, for substitutions
	titles []string // titles of the corpus, for "Read also" lines
}

func newEditor(seed uint64, arts []article) *editor {
	e := &editor{rng: rand.New(rand.NewPCG(seed, 0x5eed))}
	for i, a := range arts {
		if i%7 == 0 { // a sample is vocabulary enough
			e.vocab = append(e.vocab, strings.Fields(a.Text)...)
		}
		e.titles = append(e.titles, a.Title)
	}
	return e
}

// derive returns a copy of a made by edit k.
func (e *editor) derive(a article, k editKind, wrapped bool) article {
	c := a
	paras := paragraphs(a.Text, wrapped)
	switch k {
	case editHeadline:
		c.Title = e.headline(a)
		return c // the text stays byte for byte
	case editTrim:
		paras = e.trim(paras, 0.1, 0.5)
	case editBoilerplateListed, editBoilerplateOther:
		paras = e.boilerplate(paras, a.Lang, k == editBoilerplateListed, 1+e.rng.IntN(2))
	case editSubstitute:
		paras = e.substitute(paras, 0.05)
	case editReorder:
		paras = e.swap(paras, 2)
	case editCombined:
		c.Title = e.headline(a)
		paras = e.trim(paras, 0.1, 0.4)
		paras = e.boilerplate(paras, a.Lang, true, 0)
		paras = e.boilerplate(paras, a.Lang, false, 0)
		paras = e.substitute(paras, 0.03)
		paras = e.swap(paras, 1)
	}
	c.Text = strings.Join(paras, "\n\n")
	return c
}

// paragraphs splits a text at line breaks (at indented or blank lines for
// wrapped text), dropping empty ones.
func paragraphs(text string, wrapped bool) []string {
	if wrapped {
		text = unwrap(text)
	}
	var out []string
	for _, p := range strings.Split(text, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func (e *editor) headline(a article) string {
	w := strings.Fields(a.Text)
	return strings.Join(w[:min(8, len(w))], " ")
}

// trim drops the last lo–hi share of the paragraphs, at least one, or of
// the sentences when there is one paragraph.
func (e *editor) trim(paras []string, lo, hi float64) []string {
	if len(paras) == 1 {
		s := sentences(paras[0])
		if len(s) < 2 {
			return paras
		}
		return []string{strings.Join(e.trim(s, lo, hi), " ")}
	}
	if len(paras) < 2 {
		return paras
	}
	share := lo + e.rng.Float64()*(hi-lo)
	drop := max(1, int(share*float64(len(paras))+0.5))
	drop = min(drop, len(paras)-1)
	return paras[:len(paras)-drop]
}

// boilerplate adds one line on top and n at the end (n=0: one line, on top
// or at the end).
func (e *editor) boilerplate(paras []string, lang string, listed bool, n int) []string {
	lines := extraLines[lang]
	pool := lines.other
	if listed {
		pool = lines.listed
	}
	if len(pool) == 0 {
		return paras
	}
	pick := func() string {
		l := pool[e.rng.IntN(len(pool))]
		if strings.Contains(l, "%s") {
			l = strings.Replace(l, "%s", e.titles[e.rng.IntN(len(e.titles))], 1)
		}
		return l
	}
	out := append([]string(nil), paras...)
	if n == 0 {
		if e.rng.IntN(2) == 0 {
			return append([]string{pick()}, out...)
		}
		return append(out, pick())
	}
	out = append([]string{pick()}, out...)
	for range n {
		out = append(out, pick())
	}
	return out
}

// substitute replaces a share of the words, at least one.
func (e *editor) substitute(paras []string, share float64) []string {
	var total int
	words := make([][]string, len(paras))
	for i, p := range paras {
		words[i] = strings.Fields(p)
		total += len(words[i])
	}
	if total == 0 {
		return paras
	}
	n := max(1, int(share*float64(total)+0.5))
	for range n {
		k := e.rng.IntN(total)
		for i := range words {
			if k < len(words[i]) {
				words[i][k] = e.vocab[e.rng.IntN(len(e.vocab))]
				break
			}
			k -= len(words[i])
		}
	}
	out := make([]string, len(paras))
	for i, w := range words {
		out[i] = strings.Join(w, " ")
	}
	return out
}

// swap exchanges n pairs of adjacent sentences within paragraphs.
func (e *editor) swap(paras []string, n int) []string {
	type at struct{ p, s int }
	split := make([][]string, len(paras))
	var pairs []at
	for i, p := range paras {
		split[i] = sentences(p)
		for j := 0; j+1 < len(split[i]); j++ {
			pairs = append(pairs, at{i, j})
		}
	}
	if len(pairs) == 0 && len(paras) > 1 { // one sentence per paragraph: swap paragraphs
		out := append([]string(nil), paras...)
		for range n {
			j := e.rng.IntN(len(out) - 1)
			out[j], out[j+1] = out[j+1], out[j]
		}
		return out
	}
	for range n {
		if len(pairs) == 0 {
			break
		}
		x := pairs[e.rng.IntN(len(pairs))]
		s := split[x.p]
		s[x.s], s[x.s+1] = s[x.s+1], s[x.s]
	}
	out := make([]string, len(paras))
	for i, s := range split {
		out[i] = strings.Join(s, " ")
	}
	return out
}

// sentences splits a paragraph after . ! ? ؟ followed by a space.
func sentences(p string) []string {
	var out []string
	start := 0
	for i := 0; i < len(p); i++ {
		switch p[i] {
		case '.', '!', '?':
		case 0xd8: // ؟ is U+061F, UTF-8 d8 9f
			if i+1 < len(p) && p[i+1] == 0x9f {
				i++
			} else {
				continue
			}
		default:
			continue
		}
		if i+1 < len(p) && p[i+1] == ' ' {
			out = append(out, strings.TrimSpace(p[start:i+1]))
			start = i + 1
		}
	}
	if rest := strings.TrimSpace(p[start:]); rest != "" {
		out = append(out, rest)
	}
	return out
}

// copyTime is when a derived copy is published: 10 minutes to 48 hours
// after its original, or — for a fifth of the copies, which then say whom
// they republish — up to 30 minutes before it (a feed's clock, a time zone
// misread).
func (e *editor) copyTime(orig time.Time) (t time.Time, marked bool) {
	if e.rng.IntN(5) == 0 {
		return orig.Add(-time.Duration(1+e.rng.IntN(30)) * time.Minute), true
	}
	d := 10*time.Minute + time.Duration(e.rng.Int64N(int64(48*time.Hour)))
	return orig.Add(d), e.rng.IntN(2) == 0
}
