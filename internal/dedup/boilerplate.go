package dedup

import "strings"

// Boilerplate is a line that sites add around an article and that says
// nothing about its story: "Read more: …", "Follow us on …", copyright and
// agency credit lines, app and newsletter promotions, disclaimers. Copies
// of one article differ mostly in these, so both the exact hash and the
// near-duplicate signature leave them out.
//
// A pattern is a phrase in one of the six languages, matched on normalized
// words (see lineWords), so case, vowel marks, punctuation and the Arabic
// letter variants do not matter. A line is boilerplate when
//   - it starts with a "prefix" phrase and has at most max words,
//   - it contains a "contains" phrase and has at most max words, or
//   - it is exactly a "whole" phrase.
//
// The limits keep a real sentence that happens to start with "Source" or
// "Photo" in the article.
type boilerPattern struct {
	kind   patternKind
	phrase string
	max    int // words in the line, for prefix and contains
}

type patternKind uint8

const (
	prefix patternKind = iota
	contains
	whole
)

// boilerplateText lists the patterns by language. The Arabic ones include
// lines that the ANT corpus repeats in hundreds of articles (the BBC Arabic
// app notice, the opinion disclaimer, "reprinted from" credits); the
// Persian ones the end-of-story marker of Iranian agencies.
var boilerplateText = map[string][]boilerPattern{
	"en": {
		{prefix, "read more", 20}, {prefix, "read also", 20}, {prefix, "also read", 20},
		{prefix, "see also", 20}, {prefix, "related", 16}, {prefix, "more on this story", 20},
		{prefix, "click here", 25}, {prefix, "subscribe", 25}, {prefix, "sign up", 25},
		{prefix, "download our app", 25}, {prefix, "download the", 12}, {prefix, "advertisement", 6},
		{prefix, "share this", 12}, {prefix, "share on", 8}, {prefix, "follow us", 20},
		{prefix, "source", 8}, {prefix, "image copyright", 12}, {prefix, "image caption", 30},
		{prefix, "media caption", 30}, {prefix, "photo", 10}, {prefix, "reporting by", 25},
		{prefix, "editing by", 15}, {prefix, "writing by", 15}, {prefix, "additional reporting by", 25},
		{prefix, "copyright", 25}, {prefix, "c copyright", 25},
		{contains, "all rights reserved", 25}, {contains, "follow us on", 20},
		{contains, "this material may not be published", 30},
		{whole, "reuter", 0}, {whole, "reuters", 0}, {whole, "afp", 0}, {whole, "ap", 0},
		{whole, "more", 0}, {whole, "share", 0}, {whole, "advertisement", 0},
	},
	"fr": {
		{prefix, "lire aussi", 20}, {prefix, "à lire aussi", 20}, {prefix, "a lire aussi", 20},
		{prefix, "lire la suite", 20}, {prefix, "voir aussi", 20}, {prefix, "sur le même sujet", 20},
		{prefix, "suivez nous", 20}, {prefix, "abonnez vous", 25}, {prefix, "inscrivez vous", 25},
		{prefix, "publicité", 6}, {prefix, "partager", 8}, {prefix, "source", 8},
		{prefix, "crédit photo", 12}, {prefix, "téléchargez l application", 25}, {prefix, "avec afp", 4},
		{contains, "tous droits réservés", 25}, {contains, "suivez nous sur", 20},
		{whole, "avec agences", 0}, {whole, "publicité", 0},
	},
	"ru": {
		{prefix, "читайте также", 20}, {prefix, "читать также", 20}, {prefix, "читать далее", 20},
		{prefix, "подробнее", 15}, {prefix, "смотрите также", 20}, {prefix, "см также", 20},
		{prefix, "подписывайтесь на", 25}, {prefix, "подпишитесь на", 25}, {prefix, "следите за нами", 20},
		{prefix, "источник", 8}, {prefix, "фото", 10}, {prefix, "реклама", 6}, {prefix, "поделиться", 8},
		{contains, "все права защищены", 25}, {contains, "при использовании материалов", 30},
		{whole, "тасс", 0}, {whole, "риа новости", 0}, {whole, "интерфакс", 0},
	},
	"tr": {
		{prefix, "devamını oku", 20}, {prefix, "devamı için", 20}, {prefix, "ayrıca okuyun", 20},
		{prefix, "ayrıca bakınız", 20}, {prefix, "ilgili haber", 20}, {prefix, "ilgili haberler", 20},
		{prefix, "bizi takip edin", 20}, {prefix, "abone ol", 25}, {prefix, "kaynak", 8},
		{prefix, "reklam", 6}, {prefix, "paylaş", 8}, {prefix, "haberin devamı", 20}, {prefix, "fotoğraf", 10},
		{contains, "tüm hakları saklıdır", 25}, {contains, "her hakkı saklıdır", 25},
		{contains, "bizi takip edin", 20},
		{whole, "aa", 0}, {whole, "dha", 0}, {whole, "iha", 0},
	},
	"ar": {
		{prefix, "اقرأ أيضا", 25}, {prefix, "إقرأ أيضا", 25}, {prefix, "اقرأ المزيد", 25},
		{prefix, "للمزيد", 25}, {prefix, "لمزيد من", 25}, {prefix, "اقرأ", 15}, {prefix, "شاهد أيضا", 25},
		{prefix, "تابعونا على", 20}, {prefix, "تابعنا على", 20},
		{prefix, "المصدر", 8}, {prefix, "يمكنكم استلام إشعارات", 30}, {prefix, "يمكنكم تسلم إشعارات", 30},
		{prefix, "حمل تطبيق", 25}, {prefix, "لمتابعة المباراة", 20}, {prefix, "إعلان", 6},
		{prefix, "شارك عبر", 8}, {prefix, "شارك على", 8}, {prefix, "نقلا عن", 8}, {prefix, "نقلاً عن", 8},
		{contains, "جميع الحقوق محفوظة", 25}, {contains, "حقوق النشر محفوظة", 25},
		{contains, "جميع المقالات المنشورة تمثل رأي كتابها", 25},
		{contains, "لا يمكنه التأكد بشكل مستقل", 30}, {contains, "لا يمكنها التأكد من صحة", 30},
		{contains, "تعبر عن رأي الكاتب", 40}, {contains, "ولا تعكس بالضرورة وجهة نظر", 40},
		{whole, "فرانس24 أ ف ب", 0}, {whole, "فرانس 24 أ ف ب", 0}, {whole, "أ ف ب", 0},
		{whole, "رويترز", 0}, {whole, "إعلان", 0},
	},
	"fa": {
		{prefix, "بیشتر بخوانید", 25}, {prefix, "همچنین بخوانید", 25}, {prefix, "بخوانید", 20},
		{prefix, "ادامه مطلب", 20}, {prefix, "مطالب مرتبط", 20}, {prefix, "منبع", 8},
		{prefix, "ما را در", 12}, {prefix, "به کانال", 20}, {prefix, "عضو کانال", 20},
		{prefix, "تبلیغات", 6}, {prefix, "اشتراک گذاری", 8},
		{contains, "کلیه حقوق", 25}, {contains, "تمامی حقوق", 25}, {contains, "انتهای پیام", 6},
		{whole, "انتهای پیام", 0},
	},
	"": { // any language: links and bare handles
		{prefix, "http", 15}, {prefix, "https", 15}, {prefix, "www", 15},
	},
}

// boilerplate is the compiled pattern set: phrases as normalized words.
type boilerplate struct {
	prefix   [][]string
	prefixN  []int
	contains [][]string
	contN    []int
	whole    map[string]bool
}

// rules is compiled once; it is never changed after.
var rules = compileBoilerplate(boilerplateText)

func compileBoilerplate(byLang map[string][]boilerPattern) *boilerplate {
	b := &boilerplate{whole: map[string]bool{}}
	for _, ps := range byLang {
		for _, p := range ps {
			w := lineWords(nil, p.phrase)
			switch p.kind {
			case prefix:
				b.prefix, b.prefixN = append(b.prefix, w), append(b.prefixN, p.max)
			case contains:
				b.contains, b.contN = append(b.contains, w), append(b.contN, p.max)
			case whole:
				b.whole[strings.Join(w, " ")] = true
			}
		}
	}
	return b
}

// isBoilerplate reports whether a line with these normalized words (and
// this raw text, for the © sign) is boilerplate.
func (b *boilerplate) isBoilerplate(raw string, words []string) bool {
	n := len(words)
	if n == 0 {
		return false
	}
	if strings.ContainsRune(raw, '©') && n <= 25 {
		return true
	}
	if n <= 6 && b.whole[strings.Join(words, " ")] {
		return true
	}
	for i, p := range b.prefix {
		if n <= b.prefixN[i] && hasPrefix(words, p) {
			return true
		}
	}
	for i, p := range b.contains {
		if n <= b.contN[i] && containsRun(words, p) {
			return true
		}
	}
	return false
}

func hasPrefix(words, p []string) bool {
	if len(p) > len(words) {
		return false
	}
	for i := range p {
		if words[i] != p[i] {
			return false
		}
	}
	return true
}

func containsRun(words, p []string) bool {
	for i := 0; i+len(p) <= len(words); i++ {
		if hasPrefix(words[i:], p) {
			return true
		}
	}
	return false
}
