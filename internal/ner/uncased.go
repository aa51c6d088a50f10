package ner

import (
	"strings"

	"github.com/jic-center/jic"
)

// The rules for Arabic and Persian, whose script has no case: a name is
// found after a title, an organization word or a given name, and ends at
// a function word, a common word or another cue.

// Bounds on the words of a name in Arabic script.
const (
	maxArabicName = 5
	maxArabicOrg  = 5
)

// uncased handles the Arabic-script word at i and returns the index to go
// on from.
func (f *finder) uncased(i int) int {
	if n := max(f.phrase(i, clTitle), f.phrase(i, clRole)); n > 0 {
		f.nameBefore(i)
		if e := f.arTitle(i, n); e > 0 {
			return e
		}
	}
	if n, kind := f.headAt(i); n > 0 {
		if e := f.arOrg(i, n, kind); e > 0 {
			return e
		}
	}
	if f.classes(i).has(clGiven) || f.givenShaped(i) {
		// A given name alone (میلاد، امید) is too often a word.
		if e := f.arName(i, false); e > i+1 && !f.placeName(i, e) {
			f.emit(i, e, jic.EntityPerson, "given", confGiven)
			return e
		}
	}
	return i + 1
}

// nameBefore finds a name that a title or role at i follows in
// apposition and that starts with a given name: حسن روحانی رئیس جمهور،
// مهدی کروبی رئیس مجلس.
func (f *finder) nameBefore(i int) {
	if i == 0 || !f.toks[i].join {
		return
	}
	for p := i - 1; p >= 0 && p >= i-3 && f.toks[p+1].join; p-- {
		t := &f.toks[p]
		c := f.classes(p)
		if f.used[p] || t.script != scriptArabic || c&nameEnds != 0 && !c.has(clGiven) {
			return
		}
		if (c.has(clGiven) || c.has(clGivenWeak) || f.givenShaped(p)) && (p == 0 || !f.toks[p].join || f.used[p-1] || f.classes(p-1)&(1<<clStop|1<<clCommon) != 0) {
			if e := f.arName(p, true); e == i {
				f.emit(p, i, jic.EntityPerson, "title", confTitle)
			}
			return
		}
	}
}

// headAt returns the number of words of an organization or group word at
// i, and which.
func (f *finder) headAt(i int) (int, jic.EntityKind) {
	o, g := f.phrase(i, clOrg), f.phrase(i, clGroup)
	if g > o {
		return g, jic.EntityGroup
	}
	return o, jic.EntityOrganization
}

// arTitle finds the name after the title of n words at i and returns the
// index after it, or 0. A title in the construct state (وزير، رئیس) takes
// a genitive first: وزير الدفاع، رئيس مجلس النواب، سخنگوی وزارت خارجه.
func (f *finder) arTitle(i, n int) int {
	j := i + n
	if f.phrase(i, clRole) == n && f.joined(j) {
		switch h, kind := f.headAt(j); {
		case h > 0:
			if e := f.arOrg(j, h, kind); e > 0 {
				j = e
			} else {
				j += h
			}
		case f.used[j]:
			for f.joined(j) && f.used[j] {
				j++
			}
		default:
			c := f.classes(j)
			if !c.has(clStop) && !c.has(clGiven) && !f.placeName(j, j+1) {
				j++
			}
		}
	}
	for steps := 0; steps < 3 && j < len(f.toks) && f.toks[j].join; steps++ {
		switch {
		case f.used[j]:
			j++
		case f.classes(j).has(clSkip) || f.placeName(j, j+1) || f.nisba(j) && f.nameStartsAt(j+1):
			j++
		default:
			if m := max(f.phrase(j, clTitle), f.phrase(j, clRole)); m > 0 && f.phrase(j, clRole) != m {
				j += m // الرئيس الشيخ
				continue
			}
			steps = 3
		}
	}
	if !f.joined(j) {
		return 0
	}
	// A Persian role may stand after the name it describes (ظریف وزیر امور
	// خارجه سخن گفت): after one, the name must start with a given name.
	if f.lang == "fa" && f.phrase(i, clRole) == n && !f.classes(j).has(clGiven) && !f.classes(j).has(clParticle) {
		return 0
	}
	e := f.arName(j, true)
	if e <= j {
		return 0
	}
	f.emit(j, e, jic.EntityPerson, "title", confTitle)
	return e
}

// joined reports whether word j exists, is free and follows the word before
// it within a phrase (no punctuation between).
func (f *finder) joined(j int) bool {
	return j < len(f.toks) && j > 0 && f.toks[j].join && !f.used[j] && f.toks[j].key != ""
}

// nisba reports whether the word at j is an Arabic adjective of relation
// (الأمريكي، السورية), which may stand between a title and the name.
func (f *finder) nisba(j int) bool {
	k := f.toks[j].key
	return f.lang != "fa" && strings.HasPrefix(k, "ال") && (strings.HasSuffix(k, "ي") || strings.HasSuffix(k, "يه"))
}

// nameStartsAt reports whether a person's name may start at word j: a
// given name or a particle, or a word that is no cue and no verb in the
// imperfect (يلتقي، تؤكد).
func (f *finder) nameStartsAt(j int) bool {
	if !f.joined(j) {
		return false
	}
	c := f.classes(j)
	if c.has(clGiven) || c.has(clGivenWeak) || c.has(clParticle) {
		return true
	}
	k := f.toks[j].key
	if c&(1<<clStop|1<<clCommon|1<<clTitle|1<<clRole|1<<clOrg|1<<clGroup|1<<clSkip) != 0 || strings.HasPrefix(k, "ال") {
		return false
	}
	return !(strings.HasPrefix(k, "ي") || strings.HasPrefix(k, "ت")) || len([]rune(k)) < 4
}

// nameEnds are the classes that end a person's name in Arabic script.
const nameEnds = 1<<clStop | 1<<clCommon | 1<<clTitle | 1<<clRole | 1<<clSaid | 1<<clOrg | 1<<clGroup | 1<<clSkip | 1<<clPlace

// arName returns the end of the person's name that starts at word j: given
// names and particles (بن، أبو، عبد) as many as there are, and one or two
// other words (surnames). titled: a title stands before, so the name may
// start with a surname. It returns j when there is no name.
func (f *finder) arName(j int, titled bool) int {
	k, free, given := j, 0, false
	for k < len(f.toks) && k-j < maxArabicName {
		t := &f.toks[k]
		if k > j && !t.join || f.used[k] || t.script != scriptArabic {
			break
		}
		c := f.classes(k)
		if c&nameEnds != 0 && !c.has(clGiven) || strings.ContainsAny(t.key, "0123456789") {
			break
		}
		if k > j && f.lang != "fa" && strings.HasPrefix(t.key, "و") && f.andName(k) {
			break // محمد وأحمد: two people
		}
		if k > j && (f.phrase(k, clTitle) > 0 || f.phrase(k, clRole) > 0) {
			break // محمد بن سلمان ولي العهد
		}
		switch {
		case c.has(clParticle):
			// a particle takes the word after it: بن سلمان، سعد بن أبي وقاص
			p := k
			for p < len(f.toks) && p-k < 3 && f.classes(p).has(clParticle) {
				p++
			}
			if !f.joined(p) || f.classes(p)&nameEnds != 0 {
				return k
			}
			k = p + 1
		case c.has(clGiven) || f.givenShaped(k) || c.has(clGivenWeak) && (k > j || titled):
			given = true
			k++
		case (k > j || titled) && free < 2 && !f.verbLike(k) && !f.notName(k, k == j) &&
			(free == 0 || (given || titled && (f.lang != "fa" || f.closes(k+1))) && (titled || f.lang == "fa") && !f.lightVerbAt(k+1)):
			// one surname, two after a given name: حسن روحانی، هوشنگ مرادی کرمانی
			free++
			k++
		default:
			return k
		}
	}
	return min(k, len(f.toks))
}

// notName reports whether the Arabic word at k cannot be (the first word
// of, when first) a name: a preposition or conjunction with the article
// (بالجهود، والمياه، للديار), or, first, a definite word that is no
// adjective of relation (المنتصر; but السيسي، المالكي).
func (f *finder) notName(k int, first bool) bool {
	key := f.toks[k].key
	if len([]rune(key)) < 3 && !f.classes(k).has(clGiven) {
		return true
	}
	if f.lang == "fa" {
		return false
	}
	for _, p := range [...]string{"وال", "بال", "فال", "كال", "لل", "وبال", "ولل"} {
		if strings.HasPrefix(key, p) {
			return true
		}
	}
	// A verb in the imperfect (يناهز، تبدأ) or a noun with a pronoun
	// (مصرعه، لهدافه: ه, not ة) is no surname.
	raw := f.text[f.toks[k].start:f.toks[k].end]
	if n := len([]rune(key)); !first && n >= 4 && (strings.HasPrefix(key, "ي") || strings.HasPrefix(key, "ت")) && !f.classes(k).has(clGiven) ||
		n >= 5 && (strings.HasPrefix(key, "سي") || strings.HasPrefix(key, "ست")) && !f.classes(k).has(clGiven) || // سيقرر، ستزور
		n >= 4 && (strings.HasSuffix(raw, "ه") || strings.HasSuffix(raw, "ها") || strings.HasSuffix(raw, "هم")) {
		return true
	}
	return first && strings.HasPrefix(key, "ال") && !(strings.HasSuffix(key, "ي") && f.closes(k+1))
}

// closes reports whether the word at k ends a phrase: punctuation before
// it, a function word, or the end of the text.
func (f *finder) closes(k int) bool {
	return k >= len(f.toks) || !f.toks[k].join || f.classes(k).has(clStop)
}

// givenShaped reports whether the Arabic-script word at k is built as a
// given name is: عبد + a name of God (عبدالحسن), a name + الله (حبیب‌الله).
func (f *finder) givenShaped(k int) bool {
	key := f.toks[k].key
	n := len([]rune(key))
	return n >= 5 && (strings.HasPrefix(key, "عبد") || strings.HasSuffix(key, "الله") && !strings.HasPrefix(key, "ال"))
}

// lightVerbAt reports whether the word at k is a Persian light verb: then
// the word before it is the noun of a compound verb (اختصاص داده، اعتراض
// کرد), not a surname.
func (f *finder) lightVerbAt(k int) bool {
	return f.lang == "fa" && k < len(f.toks) && lightVerbs[f.toks[k].key]
}

var lightVerbs = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields("کرد کرده کردند کردیم کند کنند کنیم کردن شد شده شدند شود شوند شدن داد داده دادند دهد دهند " +
		"داشت داشته دارد دارند گرفت گرفته گرفتند گیرد گیرند نمود نموده نمودند نماید گردید گردیده گردد است بود بوده " +
		"باشد باشند ساخت ساخته زد زده یافت یافته خواهد خواهند کرده‌اند شده‌اند داده‌اند") {
		m[key(w)] = true
	}
	return m
}()

// verbLike reports whether the Persian word at k looks like a verb: the
// prefixes of the present and the negative (می‌گوید، نمی‌شود) or of the
// subjunctive and imperative with a personal ending (بگویند).
func (f *finder) verbLike(k int) bool {
	if f.lang != "fa" {
		return false
	}
	t := &f.toks[k]
	key := t.key
	if len([]rune(key)) < 4 {
		return false
	}
	raw := f.text[t.start:t.end]
	if strings.HasPrefix(raw, "می\u200c") || strings.HasPrefix(raw, "نمی\u200c") {
		return true
	}
	// Without the joiner, only with a personal ending: میرود, not میرعرب.
	personal := strings.HasSuffix(key, "د") || strings.HasSuffix(key, "م")
	switch {
	case strings.HasPrefix(key, "مي") || strings.HasPrefix(key, "نمي"):
		return personal
	case strings.HasPrefix(key, "ب") && (strings.HasSuffix(key, "ند") || strings.HasSuffix(key, "يد") || strings.HasSuffix(key, "يم")):
		return true
	case len([]rune(key)) >= 5 && (strings.HasSuffix(key, "دند") || strings.HasSuffix(key, "تند") || strings.HasSuffix(key, "اند")):
		return true // past plural: فرمودند، گفتند، کرده‌اند
	}
	return false
}

// andName reports whether the Arabic word at k is و and a word that starts
// a name or a definite noun.
func (f *finder) andName(k int) bool {
	rest := strings.TrimPrefix(f.toks[k].key, "و")
	return strings.HasPrefix(rest, "ال") || f.given(rest)
}

// given reports whether key k is a given name.
func (f *finder) given(k string) bool {
	for _, v := range f.lex.idx.exact[k] {
		if c := f.lex.cues[v]; c.class == clGiven && langOK(c.lang, f.lang) {
			return true
		}
	}
	return false
}

// arOrg finds the name of an organization or group whose head word (n
// words at i) is in Arabic script, and returns the index after it, or 0.
// An Arabic name goes on with definite genitives and adjectives (وزارة
// الخارجية الأمريكية، حزب العدالة والتنمية) or one bare name (حركة فتح); a
// Persian one with the words of its ezafe chain up to a function word
// (وزارت امور خارجه).
func (f *finder) arOrg(i, n int, kind jic.EntityKind) int {
	k, count := i+n, 0
	article := strings.HasPrefix(f.toks[i].key, "ال")
	for k < len(f.toks) && count < maxArabicOrg && f.joined(k) && f.toks[k].script == scriptArabic {
		c := f.classes(k)
		key := f.toks[k].key
		if c&(1<<clStop|1<<clTitle|1<<clRole|1<<clSaid|1<<clGiven) != 0 && key != "و" || strings.ContainsAny(key, "0123456789") {
			break
		}
		if f.lang == "fa" {
			if c.has(clCommon) || f.verbLike(k) || f.lightVerbAt(k+1) {
				break
			}
			// و inside a name: انجمن سینمای انقلاب و دفاع مقدس، بانک صنعت و معدن
			if key == "و" {
				if count == 0 || !f.joined(k+1) || f.classes(k+1)&(1<<clStop|1<<clCommon|1<<clGiven) != 0 || f.verbLike(k+1) || f.lightVerbAt(k+2) {
					break
				}
			}
			count++
			k++
			continue
		}
		switch {
		case c.has(clCommon) || c.has(clOrg) && count > 0:
			return f.emitOrg(i, k, n, count, kind)
		case count == 0 && bareOnly[f.headKey(i)]:
			// تنظيم، حركة name a group only before a name (حركة فتح);
			// before a definite noun they are verbal nouns (تنظيم الري).
			if strings.HasPrefix(key, "ال") || strings.HasPrefix(key, "لل") {
				return 0
			}
		case count == 0 && article:
			// After a definite head only an adjective of a place makes a
			// name (الجيش اللبناني), not any adjective (القوة الحقيقية).
			if !f.placeName(k, k+1) && !(f.isPlace == nil && f.nisba(k)) {
				return 0
			}
		case strings.HasPrefix(key, "ال") || strings.HasPrefix(key, "لل"):
		case strings.HasPrefix(key, "وال") && count > 0:
			if h, _ := f.headAt(k); h > 0 {
				return f.emitOrg(i, k, n, count, kind) // المجلس التنفيذي والمجلس التشريعي
			}
		case count == 0:
		default:
			return f.emitOrg(i, k, n, count, kind)
		}
		count++
		k++
	}
	return f.emitOrg(i, k, n, count, kind)
}

// bareOnly are the Arabic heads that name a group only before a bare name.
var bareOnly = map[string]bool{"تنظيم": true, "حركه": true, "جماعه": true, "فريق": true}

// headKey returns the key of the Arabic word at i without its proclitics
// (وتنظيم → تنظيم) when the bare form is a head.
func (f *finder) headKey(i int) string {
	k := f.toks[i].key
	if bareOnly[k] {
		return k
	}
	for _, v := range arabicVariants(k) {
		if bareOnly[v] {
			return v
		}
	}
	return k
}

func (f *finder) emitOrg(i, k, n, count int, kind jic.EntityKind) int {
	if count == 0 && n == 1 {
		return 0 // a head alone (الحكومة، سازمان) names nothing
	}
	f.emit(i, k, kind, "head", confHead)
	return k
}
