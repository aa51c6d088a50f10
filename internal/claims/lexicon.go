package claims

import (
	"strings"

	"github.com/jic-center/jic/internal/namekey"
)

// cueKind says where a cue's speaker stands.
type cueKind uint8

const (
	verb         cueKind = iota // X said S; "Q," said X; قال X إن S
	prep                        // according to X, S; S, selon X
	postposition                // X'e göre S
)

// cue is one attribution cue: its words as keys, what kind it is and the
// stance it gives.
type cue struct {
	words  []string
	kind   cueKind
	stance string
}

// lexicon is the cues of one language, by the key of their first word.
type lexicon map[string][]cue

// The cue lists, one per language: "stance: phrase, phrase" lines; a
// "prep:" or "post:" prefix marks cues that are not verbs. Phrases are
// written as in text and keyed with namekey, so Persian written with
// Arabic yeh and kaf matches too.
var cueText = map[string]string{
	"en": `asserts: said, says, say, told, tells, observed, claims, concluded, announced, announces, stated, added, adds, claimed, insisted, warned, explained, noted, acknowledged, admitted, argued, asserted, declared, stressed, wrote, suggested, alleged, testified, commented, predicted, believes
confirms: confirmed, confirms, confirm
denies: denied, denies, deny, dismissed, dismisses, rejected, rejects, refuted
reports: reported, reports
prep reports: according to`,
	"fr": `asserts: a déclaré, a dit, a annoncé, a affirmé, a indiqué, a expliqué, a ajouté, a précisé, a souligné, a assuré, a estimé, a rappelé, a reconnu, a averti, a expliqué, a jugé, a fait savoir, ont déclaré, ont annoncé, ont affirmé, ont indiqué, avait déclaré, avait annoncé, déclare, affirme, annonce, explique, indique, ajoute, précise, souligne, assure, estime, rappelle, déclara, affirma, expliqua, ajouta, dit-il, dit-elle, reconnaît, reconnait, pense, dénonce, a relevé, ont relevé, a estimé, a rapporté
confirms: a confirmé, ont confirmé, confirme
denies: a démenti, a nié, ont démenti, ont nié, dément, nie, a rejeté, rejette
reports: a rapporté, rapporte, ont rapporté, a rapporté
prep reports: selon, d'après`,
	"ru": `asserts: сказал, сказала, сказали, заявил, заявила, заявили, заявляет, заявляют, сообщил, сообщила, сообщили, отметил, отметила, отметили, добавил, добавила, добавили, подчеркнул, подчеркнула, подчеркнули, пояснил, пояснила, пояснили, рассказал, рассказала, рассказали, объявил, объявила, объявили, заверил, заверила, считает, утверждает, утверждал, утверждала, говорит, говорится, признал, признала, предупредил, предупредила, уточнил, уточнила, указал, указала, написал, написала, сообщило, заявило, ответили, ответил, ответила, сообщает, сообщают, передает, передают, пишет, пишут
confirms: подтвердил, подтвердила, подтвердили, подтверждает
denies: опроверг, опровергла, опровергли, опровергает, отверг, отвергла, отвергли, отрицает, отрицал, отрицала, опроверг
reports: сообщается
prep reports: по словам, по данным, по информации, по сообщению, по сообщениям, по мнению, согласно`,
	"ar": `asserts: قال, قالت, يقول, تقول, ذكر, ذكرت, أعلن, أعلنت, صرح, صرحت, أفاد, أفادت, أضاف, أضافت, أشار, أشارت, أوضح, أوضحت, تابع, تابعت, شدد, شددت, كشف, كشفت, اعتبر, اعتبرت, يرى, زعم, زعمت, لفت, لفتت, قالوا, أضافوا, أعلنوا, وصف, وصفت, نقل, نقلت, مشيرا, مضيفا, قائلا, موضحا, مؤكدا, أفادت
confirms: أكد, أكدت, يؤكد, تؤكد, أكدوا
denies: نفى, نفت, ينفي, تنفي, نفوا, أنكر, أنكرت
prep reports: وفقا, بحسب, حسب, نقلا عن, طبقا, وفق ما ذكرت, وفق ما نقلت, وفق ما نقلته, وفق ما ذكرته, حسبما ذكرت, حسبما أفادت`,
	"fa": `asserts: گفت, می‌گوید, گفته است, اعلام کرد, اعلام داشت, افزود, اظهار داشت, اظهار کرد, تصریح کرد, خاطرنشان کرد, عنوان کرد, ادامه داد, بیان کرد, یادآور شد, تاکید کرد, تأکید کرد
confirms: تأیید کرد, تایید کرد
denies: تکذیب کرد, رد کرد
prep reports: به گزارش, به نقل از`,
	"tr": `asserts: dedi, açıkladı, söyledi, belirtti, ifade etti, kaydetti, bildirdi, vurguladı, iddia etti, duyurdu, aktardı
confirms: doğruladı
denies: yalanladı, reddetti
post reports: göre`,
}

// lexicons holds the parsed cue lists; read-only after init.
var lexicons = func() map[string]lexicon {
	m := make(map[string]lexicon, len(cueText))
	for lang, text := range cueText {
		lex := lexicon{}
		for _, line := range strings.Split(text, "\n") {
			head, list, _ := strings.Cut(line, ":")
			kind := verb
			if k, st, ok := strings.Cut(head, " "); ok {
				head = st
				if k == "prep" {
					kind = prep
				} else {
					kind = postposition
				}
			}
			for _, phrase := range strings.Split(list, ",") {
				var ks []string
				namekey.Words(phrase, func(s, e int) bool {
					if k := namekey.Word(phrase[s:e]); k != "" {
						ks = append(ks, k)
					}
					return true
				})
				if len(ks) > 0 {
					lex[ks[0]] = append(lex[ks[0]], cue{words: ks, kind: kind, stance: strings.TrimSpace(head)})
				}
			}
		}
		m[lang] = lex
	}
	return m
}()

// wordSet makes a set of keys from words written as in text.
func wordSet(list string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(list) {
		if k, _ := namekey.Name(w); k != "" {
			m[k] = true
		}
	}
	return m
}

// Words that classify a speaker, all languages together: the keys rarely
// collide across scripts.
var (
	pronouns = wordSet(`he she it they him i we il elle ils elles lui eux on он она они оно вы мы او وی ایشان آنها هو هي هم o onlar`)

	titleWords = wordSet(`minister editor member spokesman spokeswoman spokesperson president chairman chairwoman director chief secretary
		governor mayor leader premier general commander ambassador coach manager author researcher professor head
		prosecutor judge senator congressman lawyer attorney officer captain founder chancellor envoy
		ministre porte parole président présidente directeur directrice chef maire ambassadeur entraîneur procureur
		avocat porte-parole secrétaire pdg vice représentant représentante
		министр президент глава представитель пресс-секретарь директор председатель премьер мэр губернатор посол
		руководитель спикер генсек командующий прокурор адвокат официальный тренер
		الوزير المتحدث الرئيس المدرب الناطق السفير الامين رئيس وزير المتحدثة الناطقة الامين القائد المدير
		وزیر سخنگو سخنگوی رئیس رییس مدیر سفیر فرمانده
		bakan bakanı sözcü sözcüsü başkan başkanı`)

	determiners = wordSet(`the a an this that his her its their our le la les l un une des du de ce cette son sa ses
		former new also then later further however but and et mais и а но также ещё еще затем тогда`)

	anonymousWords = wordSet(`official officials source sources witness witnesses diplomat diplomats analyst analysts expert experts
		resident residents media observers insiders investigators activists
		médias témoins responsables observateurs experts sources
		источник источники источника источников сми эксперты очевидцы свидетели чиновники наблюдатели аналитики
		مصادر مصدر مسؤولون مسؤولين شهود تقارير مراقبون خبراء وسائل ناشطون
		منابع منبع رسانه‌ها رسانه شاهدان کارشناسان
		kaynaklar kaynak kaynaklara yetkililer medya tanıklar`)

	outletWords = wordSet(`reuters afp ap associated bbc cnn interfax tass ria novosti xinhua kyodo yonhap anadolu irna isna
		kcna yonhap wafa agency agencies newspaper newspapers daily journal times post tribune guardian telegraph
		agence quotidien journal libération figaro monde
		интерфакс тасс итар риа газета агентство агентства агентствам агентству издание телеканал изданию газете
		وكالة صحيفة قناة موقع رويترز الفرنسية سانا الاناضول شينخوا برس
		خبرگزاری روزنامه شبکه پایگاه ایرنا ایسنا تسنیم ایلنا
		ajansı ajans gazetesi gazete televizyonu`)

	orgWords = wordSet(`government ministry company police army military court committee council office department party
		embassy commission union agency administration authority authorities firm bank team club
		gouvernement ministère police armée société parti commission tribunal
		министерство служба правительство полиция мвд мид компания суд ведомство пресс-служба штаб партия администрация
		وزارة الحكومة الجيش الشرطة شركة المجلس اللجنة الحزب
		وزارت دولت ارتش پلیس سپاه
		bakanlığı hükümet polis ordu`)

	// complementizers end an inverted speaker and open a statement.
	complementizers = wordSet(`that que qu что чтобы إن أن ان بأن وأن که ki`)

	// aboutThis opens a Russian or other sentence whose statement is the one before it.
	aboutThis = wordSet(`об этом о том`)
)
