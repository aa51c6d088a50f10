package claims

import (
	"slices"
	"strings"
	"unicode"
)

// arParticiples are Arabic cues that continue the sentence's speaker:
// "، مشيرا إلى أن", "، قائلا:".
var arParticiples = wordSet(`مشيرا مضيفا قائلا موضحا مؤكدا`)

// maxSpeakerWords bounds a speaker phrase; a longer run of words is a
// clause, not a name, and only its last words are read.
const maxSpeakerWords = 9

// stopWords end a speaker phrase read to the right of a cue and cut one
// read to the left ("X in a statement said", "X در نشست خبری گفت").
var stopWords = wordSet(`on in at during after before for to when while late earlier yesterday today last this
	à dans lors au aux mardi lundi mercredi jeudi vendredi samedi dimanche hier
	в на во во время после перед накануне вчера сегодня агентству журналистам
	في خلال عبر امام يوم اليوم مساء صباح لوكالة لصحيفة لقناة ل هذه هذا ذلك تلك
	در با روز امروز دیروز
	bugün dün`)

// leadWords are dropped from the start of a speaker phrase and trailWords
// from its end.
var (
	leadWords  = wordSet(`and but so then also however et mais puis и а но и также же как هو و ثم كما قد وقد فيما حيث لكن لكنه لكنها بينما حين في اذ همچنین ve ama`)
	trailWords = wordSet(`also later further again then recently previously too aussi encore également ensuite также еще ещё тоже позже ранее уже неоднократно أيضا كذلك هم همچنین نیز de da`)
	relatives  = wordSet(`who which whose qui dont который которая которые которое الذي التي الذين که`)
)

// gap returns the text between token k-1 and token k of sentence s, or
// from the start of s when k is its first token.
func (x *extractor) gap(s sentence, k int) string {
	if k <= s.t0 {
		return x.text[s.s:x.toks[s.t0].s]
	}
	if k >= s.t1 {
		return x.text[x.toks[s.t1-1].e:s.e]
	}
	return x.text[x.toks[k-1].e:x.toks[k].s]
}

// bound reports whether the gap before token k of s separates clauses.
// The marks of a short quotation (a name: «Спортинг», "واشنطن بوست")
// do not.
func (x *extractor) bound(s sentence, k int) bool {
	g := x.gap(s, k)
	if !boundary(g) {
		return false
	}
	if strings.ContainsAny(g, ",;:()—–،؛\n") || strings.Contains(g, " - ") || k <= s.t0 || k >= s.t1 {
		return true
	}
	short := func(p int) bool {
		i, _ := slices.BinarySearchFunc(x.qs, p, func(q span, p int) int { return q.e - p })
		return i < len(x.qs) && x.qs[i].s <= p && x.qs[i].e-x.qs[i].s <= maxNameQuote
	}
	return !short(x.toks[k].s) && !short(x.toks[k-1].e)
}

// maxNameQuote bounds a quotation that is taken for a name.
const maxNameQuote = 40

// leftSeg returns the first token of the clause that ends at token i.
func (x *extractor) leftSeg(s sentence, i int) int {
	k := i
	for k > s.t0 && !x.bound(s, k) {
		k--
	}
	return k
}

// rightSeg returns the end of the phrase that starts at token j: at a
// clause boundary, a complementizer, a stop word, another cue or after
// maxSpeakerWords words.
func (x *extractor) rightSeg(s sentence, j int) int {
	if j >= s.t1 || x.bound(s, j) {
		return j
	}
	k := j
	for k < s.t1 && k-j < maxSpeakerWords {
		t := x.toks[k]
		if k > j && x.bound(s, k) || complementizers[t.k] || len(x.lex[t.k]) > 0 || k > j && stopWords[t.k] {
			break
		}
		k++
	}
	return k
}

// claim reads the speaker and statement of cue m in sentence si.
func (x *extractor) claim(si int, m match) (Claim, bool) {
	s := x.sents[si]
	var sp [2]int // speaker tokens
	var st span   // statement bytes
	var via []string
	switch m.cue.kind {
	case prep:
		sp, st = x.prepClaim(s, m)
	case postposition:
		sp, st = x.postClaim(s, m)
	default:
		sp, st, via = x.verbClaim(si, m)
	}
	st = x.trim(st)
	if n := x.countWords(st); n < 2 {
		return Claim{}, false
	}
	c := Claim{
		Stance: m.cue.stance,
		Cue:    x.text[x.toks[m.i].s:x.toks[m.j-1].e],
		Start:  st.s, End: st.e, Quote: x.text[st.s:st.e],
		About: x.about(st.s, st.e),
		Via:   via,
	}
	c.Speaker = x.speaker(sp[0], sp[1])
	if c.Stance == Asserts && (c.Speaker.Kind == KindOutlet || c.Speaker.Kind == KindAnonymous && x.isMedia(sp[0], sp[1])) {
		c.Stance = Reports
	}
	return c, true
}

// verbClaim reads a speech verb's speaker and statement.
func (x *extractor) verbClaim(si int, m match) (sp [2]int, st span, via []string) {
	s := x.sents[si]
	l := x.leftSeg(s, m.i)
	if x.lang == "tr" {
		return x.sovClaim(s, m)
	}
	// "Об этом заявил X": the statement is the sentence before.
	if l < m.i && m.i-l <= 2 && aboutThis[x.toks[l].k] && si > 0 {
		r := x.rightSeg(s, m.j)
		p := x.sents[si-1]
		return [2]int{m.j, r}, span{p.s, p.e}, nil
	}
	left := l < m.i && !x.onlyLead(l, m.i)
	if x.lang == "ar" && arParticiples[x.toks[m.i].k] {
		return [2]int{m.j, m.j}, x.after(s, m.j, m), nil
	}
	if x.lang == "ar" && (x.toks[m.i].k == "نقل" || x.toks[m.i].k == "نقلت" || x.toks[m.i].k == "ونقلت" || x.toks[m.i].k == "ونقل") {
		r := x.rightSeg(s, m.j)
		if r < s.t1 && x.toks[r].k == "عن" {
			r2 := x.rightSeg(s, r+1)
			if r2 > r+1 && (x.toks[r2-1].k == "قوله" || x.toks[r2-1].k == "قولها") {
				r2--
			}
			return [2]int{r + 1, r2}, x.after(s, r2, m), []string{x.text[x.toks[m.j].s:x.toks[r-1].e]}
		}
	}
	if !left {
		// Inverted or verb-first: "Q," said X; قال X إن S; заявил X.
		r := x.rightSeg(s, m.j)
		sp = [2]int{m.j, r}
		if q, ok := x.quoteEndingIn(x.gapStart(s, m.i), x.toks[m.i].s); ok && q.s >= s.s {
			return sp, q, nil
		}
		// "X, spokesman for Y, said S"
		if l := x.leftSeg(s, m.i-1); m.i > s.t0 && cased(x.lang) {
			if p := x.apposition(s, l, m.i); p < l {
				return [2]int{p, x.appositionEnd(s, p, l)}, x.after(s, m.j, m), nil
			}
		}
		after := x.after(s, r, m)
		before := span{s.s, x.gapStart(s, m.i)}
		if x.lang == "ar" || x.lang == "fa" || x.countWords(x.trim(before)) < 2 {
			return sp, after, nil
		}
		return sp, before, nil
	}
	sp = [2]int{l, m.i}
	if p := x.apposition(s, l, m.i); p < l {
		sp = [2]int{p, x.appositionEnd(s, p, l)}
		l = p
	}
	// "Q," X said.
	if q, ok := x.quoteEndingIn(x.gapStart(s, l), x.toks[l].s); ok && q.s >= s.s {
		return sp, q, nil
	}
	j := m.j
	if m.cue.words[0] == "told" || m.cue.words[0] == "tells" {
		r := x.rightSeg(s, j)
		if r > j && x.isOutlet(j, r) {
			via = append(via, x.text[x.toks[j].s:x.toks[r-1].e])
		}
		j = r
	}
	after := x.after(s, j, m)
	if j+1 < s.t1 && aboutThis[x.toks[j].k] && aboutThis[x.toks[j+1].k] {
		return sp, span{}, via // "сообщила об этом": said again, nothing new
	}
	before := span{s.s, x.gapStart(s, l)}
	if l > s.t0 && x.countWords(x.trim(before)) >= 2 && !x.introduced(s, j) && x.countWords(after) < 5 {
		return sp, before, via
	}
	if x.countWords(x.trim(after)) < 2 && x.lang == "fa" {
		return sp, span{x.toks[l].e, x.toks[m.i].s}, via
	}
	return sp, after, via
}

// sovClaim reads a Turkish claim: the speaker opens the sentence, up to
// its first comma, and the statement stands between it and the verb.
func (x *extractor) sovClaim(s sentence, m match) (sp [2]int, st span, via []string) {
	k := s.t0
	for k < m.i && (k == s.t0 || !boundary(x.gap(s, k))) {
		k++
	}
	if k >= m.i || k-s.t0 > maxSpeakerWords {
		l := x.leftSeg(s, m.i)
		if q, ok := x.quoteEndingIn(x.gapStart(s, m.i), x.toks[m.i].s); ok && q.s >= s.s {
			return [2]int{m.j, m.j}, q, nil
		}
		return [2]int{m.j, m.j}, span{x.toks[l].s, x.toks[m.i].s}, nil
	}
	sp = [2]int{s.t0, k}
	if q, ok := x.quoteStartingIn(x.toks[k-1].e, x.toks[m.i].s); ok && q.e <= x.toks[m.i].s {
		return sp, q, nil
	}
	return sp, span{x.toks[k].s, x.toks[m.i].s}, nil
}

// prepClaim reads "according to X, S" and "S, according to X".
func (x *extractor) prepClaim(s sentence, m match) (sp [2]int, st span) {
	j := m.j
	if x.lang == "ar" && j < s.t1 && x.toks[j].k == "ل" {
		j++
	}
	r := x.rightSeg(s, j)
	sp = [2]int{j, r}
	if m.i == s.t0 || x.onlyLead(x.leftSeg(s, m.i), m.i) && x.leftSeg(s, m.i) == s.t0 || complementizers[x.toks[m.i-1].k] {
		if r < s.t1 {
			return sp, span{x.toks[r].s, s.e}
		}
		return sp, span{}
	}
	return sp, span{s.s, x.gapStart(s, m.i)}
}

// postClaim reads Turkish "X'e göre S" and "S, X'e göre".
func (x *extractor) postClaim(s sentence, m match) (sp [2]int, st span) {
	l := x.leftSeg(s, m.i)
	sp = [2]int{l, m.i}
	if l == s.t0 && m.j < s.t1 {
		return sp, span{x.toks[m.j].s, s.e}
	}
	return sp, span{s.s, x.gapStart(s, l)}
}

// after returns the statement that follows a cue from token j: a
// quotation opening there, or the rest of the sentence after a
// complementizer.
func (x *extractor) after(s sentence, j int, m match) span {
	// Arabic and Persian: skip to the complementizer or colon that opens the statement.
	if x.lang == "ar" || x.lang == "fa" {
		for k := j; k < s.t1 && k < j+maxSpeakerWords; k++ {
			if complementizers[x.toks[k].k] {
				j = k + 1
				break
			}
			if hasColon(x.gap(s, k)) || strings.ContainsAny(x.gap(s, k), "\"«“") {
				j = k
				break
			}
		}
	}
	if j >= s.t1 {
		return span{}
	}
	if complementizers[x.toks[j].k] {
		j++
		if j >= s.t1 {
			return span{}
		}
	}
	if q, ok := x.quoteStartingIn(x.gapStart(s, j), x.toks[j].s); ok {
		return q
	}
	return span{x.toks[j].s, s.e}
}

// introduced reports whether a statement follows token j by a colon,
// quotation or complementizer.
func (x *extractor) introduced(s sentence, j int) bool {
	if j >= s.t1 {
		return false
	}
	g := x.gap(s, j)
	return complementizers[x.toks[j].k] || hasColon(g) || strings.ContainsAny(g, "\"«“„")
}

// gapStart returns where the gap before token k of s starts.
func (x *extractor) gapStart(s sentence, k int) int {
	if k <= s.t0 {
		return s.s
	}
	return x.toks[k-1].e
}

// isMedia reports whether [a,b) speaks of the media as a whole.
func (x *extractor) isMedia(a, b int) bool {
	for k := a; k < b; k++ {
		if mediaWords[x.toks[k].k] {
			return true
		}
	}
	return false
}

var mediaWords = wordSet(`media médias сми وسائل رسانه رسانه‌ها medya`)

// onlyLead reports whether tokens [a,b) are all lead words ("and", "и").
func (x *extractor) onlyLead(a, b int) bool {
	for k := a; k < b; k++ {
		if !leadWords[x.toks[k].k] && !trailWords[x.toks[k].k] {
			return false
		}
	}
	return true
}

// countWords returns the number of words in st, up to 5.
func (x *extractor) countWords(st span) int {
	n := 0
	lo, hi := 0, len(x.toks)
	for lo < hi {
		mid := (lo + hi) / 2
		if x.toks[mid].s < st.s {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	for k := lo; k < len(x.toks) && x.toks[k].e <= st.e && n < 5; k++ {
		n++
	}
	return n
}

// trim shrinks st to start and end at a letter, digit or bracket.
func (x *extractor) trim(st span) span {
	if st.s < 0 || st.e > len(x.text) || st.s >= st.e {
		return span{}
	}
	t := x.text[st.s:st.e]
	junk := func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("()[]%$€", r))
	}
	l := len(t) - len(strings.TrimLeftFunc(t, junk))
	t2 := strings.TrimRightFunc(t, junk)
	if l >= len(t2) {
		return span{}
	}
	return span{st.s + l, st.s + len(t2)}
}
