package textfeat

import (
	"math/bits"
	"slices"
	"sync"
)

// MaxLetters is how many normalized letters of a text are scored: enough
// for any article (the answer is settled long before), and a bound on the
// cost of a huge input.
const MaxLetters = 600

// MaxBytes is how much of a text is read at all: 600 letters of its main
// script fit with room for markup, numbers and a second script.
const MaxBytes = 6 << 10

// Scorer scores texts against a model. It is safe for concurrent use.
type Scorer struct {
	M       *Model
	slots   []slot // open addressing, linear probing
	shift   uint
	NTarget int // classes 0..NTarget-1 are the six, in corpus order
	pool    sync.Pool
}

// slot is one place in the hash table: a key and its entries
// M.Ent[off : off+n], packed as off<<10 | n (n 0 for an empty slot).
type slot struct {
	key  uint32
	offN uint32
}

type scratch struct {
	runes []rune
	feats []uint32
	acc   []int32
	score []float64
}

// NewScorer indexes m for lookups.
func NewScorer(m *Model) *Scorer {
	n := 1 << bits.Len(uint(len(m.Keys)*5/3)) // at most 60% full
	s := &Scorer{M: m, slots: make([]slot, n), shift: uint(32 - bits.Len(uint(n-1)))}
	for i, k := range m.Keys {
		if m.Off[i+1] == m.Off[i] {
			continue
		}
		h := s.slot(k)
		for s.slots[h].offN != 0 {
			h = (h + 1) & uint32(n-1)
		}
		s.slots[h] = slot{k, m.Off[i]<<10 | (m.Off[i+1] - m.Off[i])}
	}
	for s.NTarget < len(m.Classes) && m.Classes[s.NTarget].Lang != "other" {
		s.NTarget++
	}
	s.pool.New = func() any {
		return &scratch{acc: make([]int32, len(m.Classes)), score: make([]float64, len(m.Classes))}
	}
	return s
}

func (s *Scorer) slot(k uint32) uint32 {
	return (k * 0x9E3779B1) >> s.shift
}

// lookup returns the entries of key k, nil if the model lacks it.
func (s *Scorer) lookup(k uint32) []uint32 {
	mask := uint32(len(s.slots) - 1)
	for h := s.slot(k); ; h = (h + 1) & mask {
		sl := s.slots[h]
		if sl.offN == 0 {
			return nil
		}
		if sl.key == k {
			off := sl.offN >> 10
			return s.M.Ent[off : off+sl.offN&0x3FF]
		}
	}
}

// Scores is what the scorer found in one text.
type Scores struct {
	Cues   Cues
	Script Script // dominant script; only its letters were scored
	// Features counts feature occurrences scored, Known those the model
	// has, Covered[t] those that target class t has an entry for; Long
	// and CoveredLong the same for features of four letters or more.
	Features, Known  int
	Covered          [8]int
	Long             int
	CoveredLong      [8]int
	KnownN, UnknownN [8]int // per order
	// Score[c] is class c's log weight summed over the known features.
	// Classes of other scripts than Script are not meaningful.
	Score []float64
}

// Score normalizes text, counts its cues and scores its dominant script's
// features against every class.
func (s *Scorer) Score(text string) Scores {
	sc := Scores{Score: make([]float64, len(s.M.Classes))}
	x := s.pool.Get().(*scratch)
	s.score(text, &sc, x, MaxLetters)
	s.pool.Put(x)
	return sc
}

// Detect scores text and decides its language. A text is first scored on
// its first EarlyLetters letters; only when that leaves the decision open
// (another language, or a lead under EarlyConfidence) is it scored on
// MaxLetters.
func (s *Scorer) Detect(text string) Decision {
	x := s.pool.Get().(*scratch)
	defer s.pool.Put(x)
	sc := Scores{Score: x.score}
	if !s.score(text, &sc, x, EarlyLetters) {
		return s.Decide(&sc) // the whole text was scored
	}
	if d := s.Decide(&sc); d.Lang != "other" && d.Lang != "" && d.Confidence >= EarlyConfidence {
		return d
	}
	sc = Scores{Score: x.score}
	s.score(text, &sc, x, MaxLetters)
	return s.Decide(&sc)
}

// EarlyLetters and EarlyConfidence decide a text on its first letters when
// they leave no doubt. Measured on the held-out texts (jic eval langid):
// with 200 and 0.99999 every decision on articles is that of 600 letters or
// better (1 wrong of 3,511 → none), headlines and other-language texts are
// unchanged, and detection is 2.3 times faster.
const (
	EarlyLetters    = 200
	EarlyConfidence = 0.99999
)

// score scores the first maxLetters letters of text (at a word end) and
// reports whether it may have left letters out.
func (s *Scorer) score(text string, sc *Scores, x *scratch, maxLetters int) bool {
	text, sc.Cues = Prepare(text, MaxBytes)
	sc.Script = sc.Cues.Dominant()
	if sc.Script != Latin && sc.Script != Cyrillic && sc.Script != Arabic {
		return false
	}
	x.runes = NormalizeLetters(x.runes[:0], text, sc.Script, maxLetters)
	n := len(x.runes)
	x.runes = cutLetters(x.runes, maxLetters)
	cut := n >= maxLetters // fewer runes, spaces included, than maxLetters: the whole text
	switch sc.Script {
	case Arabic:
		sc.Cues.PersianWords = countWords(x.runes, isPersianWord)
	case Latin:
		sc.Cues.TurkishWords = countWords(x.runes, isTurkishWord)
		sc.Cues.EnglishWords = countWords(x.runes, isEnglishWord)
		sc.Cues.FrenchWords = countWords(x.runes, isFrenchWord)
	}
	x.feats = AppendFeatures(x.feats[:0], x.runes)
	acc := x.acc
	clear(acc)
	m := s.M
	nt := uint32(s.NTarget)
	for _, k := range x.feats {
		o := Order(k)
		long := o >= 4
		if long {
			sc.Long++
		}
		ents := s.lookup(k)
		if ents == nil {
			sc.UnknownN[o]++
			continue
		}
		sc.KnownN[o]++
		for _, e := range ents {
			c := e >> 8
			acc[c] += int32(e & 0xFF)
			if c < nt {
				sc.Covered[c]++
				if long {
					sc.CoveredLong[c]++
				}
			}
		}
	}
	sc.Features = len(x.feats)
	for _, n := range sc.KnownN {
		sc.Known += n
	}
	uw := param(m.Params, ParamUnknownWeight, 0)
	for c, a := range acc {
		v := float64(a) * m.Step
		u := &m.LogU[c]
		for o := MinN; o < 8; o++ {
			v += (float64(sc.KnownN[o]) + uw*float64(sc.UnknownN[o])) * u[o]
		}
		sc.Score[c] = v
	}
	return cut
}

// cutLetters cuts a normalized stream after max letters, at a word end.
func cutLetters(rs []rune, max int) []rune {
	n := 0
	for i, r := range rs {
		if r == ' ' {
			if n >= max {
				return rs[:i+1]
			}
			continue
		}
		n++
	}
	return rs
}

// persianWords are frequent Persian words, normalized (Arabic yeh and kaf),
// that Arabic hardly writes: each is in fewer than 0.2% of the ANT
// corpus's 60,000 training texts.
var persianWords = map[string]bool{
	"در": true, "را": true, "از": true, "است": true, "شد": true, "شده": true,
	"شود": true, "مي": true, "هاي": true, "اين": true, "كه": true, "براي": true,
	"با": true, "تا": true, "نيز": true, "خود": true, "كرد": true, "كند": true,
	"كرده": true, "نيست": true, "بود": true, "دارد": true, "ها": true, "يك": true,
}

// isPersianWord reports whether w is one of persianWords or has a
// zero-width non-joiner inside.
func isPersianWord(w []rune) bool {
	return len(w) <= 4 && persianWords[string(w)] || slices.Contains(w, '\u200c')
}

// turkishWords are frequent Turkish words that English and French do not
// write.
var turkishWords = map[string]bool{
	"ve": true, "bir": true, "bu": true, "ile": true, "için": true, "olarak": true,
	"olan": true, "ise": true, "gibi": true, "daha": true, "çok": true, "sonra": true,
	"kadar": true, "yılında": true, "tarafından": true, "veya": true, "ilk": true,
}

// turkishEndings are Turkish case and copula endings written after an
// apostrophe at the end of a name (Londra'da, İran'ın, Ali'nin).
var turkishEndings = map[string]bool{
	"a": true, "e": true, "ı": true, "i": true, "u": true, "ü": true,
	"ya": true, "ye": true, "yı": true, "yi": true, "yu": true, "yü": true,
	"da": true, "de": true, "ta": true, "te": true, "dan": true, "den": true, "tan": true, "ten": true,
	"ın": true, "in": true, "un": true, "ün": true, "nın": true, "nin": true, "nun": true, "nün": true,
	"la": true, "le": true, "yla": true, "yle": true, "daki": true, "deki": true,
	"dır": true, "dir": true, "dur": true, "dür": true, "tır": true, "tir": true, "tur": true, "tür": true,
	"lar": true, "ler": true, "nda": true, "nde": true, "ndan": true, "nden": true,
}

// isTurkishWord reports whether w is one of turkishWords or a name of two
// letters or more with one of turkishEndings after an apostrophe.
func isTurkishWord(w []rune) bool {
	if len(w) <= 10 && turkishWords[string(w)] {
		return true
	}
	i := slices.Index(w, '\'')
	return i >= 2 && turkishEndings[string(w[i+1:])]
}

// englishWords are frequent English words that French and Turkish do not
// write: each is in at most 0.025% of the words of the French training
// text and none of the Turkish.
var englishWords = map[string]bool{
	"the": true, "of": true, "and": true, "for": true, "to": true, "with": true,
	"from": true, "by": true, "at": true, "after": true, "over": true, "its": true,
	"is": true, "are": true, "was": true, "were": true, "has": true, "have": true,
	"will": true, "says": true, "said": true, "in": true, "as": true,
}

func isEnglishWord(w []rune) bool { return len(w) <= 5 && englishWords[string(w)] }

// frenchWords are frequent French words that English and Turkish do not
// write: each is in at most 0.07% of the words of the English training
// text.
var frenchWords = map[string]bool{
	"les": true, "des": true, "du": true, "et": true, "une": true, "aux": true,
	"pour": true, "sur": true, "dans": true, "est": true, "avec": true, "à": true,
	"au": true, "par": true, "qui": true,
}

// isFrenchWord reports whether w is one of frenchWords or starts with an
// elided article or preposition (l'armée, d'un, qu'il).
func isFrenchWord(w []rune) bool {
	if len(w) <= 4 && frenchWords[string(w)] {
		return true
	}
	i := slices.Index(w, '\'')
	if i < 0 || i+2 >= len(w) {
		return false
	}
	switch string(w[:i]) {
	case "l", "d", "qu", "n", "s", "j", "c":
		return true
	}
	return false
}

// countWords counts the words of a normalized stream for which is is true.
func countWords(rs []rune, is func([]rune) bool) int {
	n, start := 0, -1
	for i, r := range rs {
		if r != ' ' {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			if is(rs[start:i]) {
				n++
			}
			start = -1
		}
	}
	return n
}
