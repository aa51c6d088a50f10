package gather

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/publicsuffix"
)

// Republication says that a report republishes another outlet's article,
// so that later stages count the original outlet once. The zero value
// means no sign of republication was found.
type Republication struct {
	Outlet   string // the original outlet: its name as the report gives it, or its domain without "www."
	Evidence string // what shows it, for an analyst: the cue line quoted, or the link
}

// DetectRepublication looks for the signs that a report republishes
// another outlet's article: a credit line in its text ("The original
// source of this article is X", "Originally published by X", "Republished
// with permission from X", "Source: X" as the last lines, and their French,
// Russian, Arabic, Persian and Turkish equivalents), "(via X)" in its
// title, and last sourceRepublishes, the outlet a source is marked as
// republishing (jic.Source.Republishes or Item.Republishes). A credit line
// wins over the source setting because it names this report's own origin.
func DetectRepublication(title, text string, sourceRepublishes string) Republication {
	if r, _ := detectText(title, text); r.Outlet != "" {
		return r
	}
	if o := outletName(sourceRepublishes); o != "" {
		return Republication{Outlet: o, Evidence: "the source is marked as republishing " + o}
	}
	return Republication{}
}

// A cue is one credit-line pattern: its first group holds the outlet.
type cue struct {
	re *regexp.Regexp
	// where it counts: anywhere in the first and last lines of the text
	// (credit lines sit at the top or the bottom), or only in the last
	// lines, for the short "Source: X" form that elsewhere may credit a
	// quote or a figure.
	lastOnly bool
	weak     bool // outranked by a canonical link to another site (ParseArticle)
	maxWords int  // an outlet longer than this is a sentence, not a name
}

var cues = []cue{
	// English
	{re: regexp.MustCompile(`(?i)\bthe original source of this (?:article|story|post|piece|report|item) is[:\s]+(.+)`), maxWords: 8},
	{re: regexp.MustCompile(`(?i)\b(?:originally|first) (?:published|appeared|posted|ran|printed|featured)\s+(?:by|at|in|on|with)\s+(?:the\s+(?:website|site|blog)\s+of\s+)?(.+)`), maxWords: 8},
	{re: regexp.MustCompile(`(?i)\b(?:republished|reprinted|reproduced|reposted|re-published|syndicated)\s+(?:here\s+)?(?:with\s+(?:kind\s+)?permission\s+(?:from|of|by)|by\s+(?:kind\s+)?permission\s+of|from|courtesy\s+of|via|under\s+a\s+creative\s+commons\s+licen[cs]e\s+from)\s+(.+)`), maxWords: 8},
	{re: regexp.MustCompile(`(?i)\bcross-?posted\s+(?:here\s+)?from\s+(.+)`), maxWords: 8},
	{re: regexp.MustCompile(`(?i)^source\s*:\s*(.+)`), lastOnly: true, weak: true, maxWords: 6},
	// French
	{re: regexp.MustCompile(`(?i)\b(?:publié|paru)e?s?\s+(?:initialement|à l['’]origine|originellement|d['’]abord|pour la première fois)\s+(?:par|sur|dans|chez)\s+(.+)`), maxWords: 8},
	{re: regexp.MustCompile(`(?i)\b(?:initialement|originellement|d['’]abord)\s+(?:publié|paru)e?s?\s+(?:par|sur|dans|chez)\s+(.+)`), maxWords: 8},
	{re: regexp.MustCompile(`(?i)\brepublié\s+avec\s+l['’](?:aimable\s+)?autorisation\s+(?:de|d['’]|du)\s*(.+)`), maxWords: 8},
	// Russian
	{re: regexp.MustCompile(`(?i)(?:первоначально|впервые|изначально)\s+(?:был[аои]?\s+)?(?:опубликован[аоы]?|опубликовано|вышл[аои]|вышел)\s+(?:в|во|на)\s+(?:сайте\s+|издании\s+|газете\s+|журнале\s+)?(.+)`), maxWords: 6},
	{re: regexp.MustCompile(`(?i)^источник\s*:\s*(.+)`), lastOnly: true, weak: true, maxWords: 6},
	// Arabic (matched without diacritics)
	{re: regexp.MustCompile(`نشر(?:ت)?\s+(?:هذا\s+المقال|هذه\s+المقالة|المقال|هذا\s+التقرير)\s+(?:أصلا|اصلا|إصلا|في\s+الأصل|في\s+الاصل|لأول\s+مرة|للمرة\s+الأولى|أولا)\s+(?:في|على|فى|لدى|عبر|من\s+قبل)\s+(.+)`), maxWords: 6},
	{re: regexp.MustCompile(`^المصدر\s*[:：]\s*(.+)`), lastOnly: true, weak: true, maxWords: 6},
	// Persian
	{re: regexp.MustCompile(`^منبع\s*[:：]\s*(.+)`), lastOnly: true, weak: true, maxWords: 6},
	{re: regexp.MustCompile(`(?:نخستین|اولین|نخست)\s+بار\s+(?:در|توسط)\s+(.+?)\s+(?:منتشر|چاپ)`), maxWords: 6},
	{re: regexp.MustCompile(`به\s+نقل\s+از\s+(.+)`), weak: true, maxWords: 4},
	// Turkish
	{re: regexp.MustCompile(`(?i)^kaynak\s*:\s*(.+)`), lastOnly: true, weak: true, maxWords: 6},
	{re: regexp.MustCompile(`(?i)(?:^|\s)[iİ]lk\s+(?:olarak|kez|defa)\s+(.+?)\s*(?:\s(?:sitesinde|tarafından|adresinde|gazetesinde|dergisinde|web\s+sitesinde))?\s+yay[ıi][mn]lan`), maxWords: 6},
}

// viaTitle finds "(via X)" or "[via X]" in a title.
var viaTitle = regexp.MustCompile(`(?i)[(\[]\s*via\s+([^)\]]{2,80})[)\]]`)

// Which lines of a text are searched for credit lines.
const (
	headLines = 3
	tailLines = 4
)

// detectText returns the credit found in title or text, and whether it is
// a strong one (a full credit sentence rather than a short "Source:").
func detectText(title, text string) (Republication, bool) {
	var weak Republication
	if m := viaTitle.FindStringSubmatch(title); m != nil {
		if o := outletName(m[1]); o != "" {
			return Republication{Outlet: o, Evidence: quote(m[0])}, true
		}
	}
	lines := nonEmptyLines(text)
	for i, line := range lines {
		if i >= headLines && i < len(lines)-tailLines {
			continue
		}
		last := i >= len(lines)-tailLines
		norm := normalizeCueLine(line)
		for _, c := range cues {
			if c.lastOnly && !last {
				continue
			}
			m := c.re.FindStringSubmatch(norm)
			if m == nil {
				continue
			}
			o := cleanOutlet(m[1], c.maxWords)
			if o == "" {
				continue
			}
			r := Republication{Outlet: o, Evidence: quote(line)}
			if !c.weak {
				return r, true
			}
			if weak.Outlet == "" {
				weak = r
			}
		}
	}
	return weak, false
}

// nonEmptyLines splits text into its non-empty lines, trimmed.
func nonEmptyLines(text string) []string {
	var out []string
	for l := range strings.SplitSeq(text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// arabicMarks are the diacritics and tatweel, dropped before matching.
var arabicMarks = strings.NewReplacer(
	"\u064b", "", "\u064c", "", "\u064d", "", "\u064e", "", "\u064f", "", "\u0650", "",
	"\u0651", "", "\u0652", "", "\u0640", "", "\u00a0", " ", "\u202f", " ", "\u200c", " ",
)

func normalizeCueLine(s string) string {
	if len(s) > 600 {
		// credit lines are short; a long paragraph is searched in its
		// first and last sentences only
		s = clip(s, 300) + " \n " + s[len(s)-300:]
		s = strings.ToValidUTF8(s, "")
	}
	return arabicMarks.Replace(s)
}

// outletEnd cuts a credit line after the outlet's name: sentence ends,
// separators, brackets, and the words that start a date or a licence.
var outletEnd = regexp.MustCompile(`(?i)(?:\.\s|\.$|[,;|(\[{«»"“”<>\n:،؛]|\s[-–—/]\s|\s(?:on|le|am|el|в|во|на|от|في|در|tarihinde)\s+(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|janv|févr|mars|avr|mai|juin|juil|août|sept|déc)[a-zé]*\b)|\s\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|janv|févr|avr|mai|juin|juil|août|sept|déc|январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр|ocak|şubat|nisan|mayıs|haziran|temmuz|ağustos|eylül|ekim|kasım|aralık)|\s(?:and|et|и|و|under|sous|with|avec|as|here|ici|under|licensed|is\s+republished|is\s+reprinted)\s|\s(?:on|le)\s+(?:the\s+)?\d)`)

var trailingTurkishCase = regexp.MustCompile(`['’](?:da|de|ta|te|nda|nde|ında|inde|unda|ünde|dan|den|tan|ten)$`)

// cleanOutlet turns the rest of a credit line into an outlet name: the
// domain of a URL, else the words before the first separator, without
// quotes and closing punctuation. It returns "" for what is not a name: a
// date, a sentence, nothing.
func cleanOutlet(s string, maxWords int) string {
	s = strings.TrimSpace(s)
	if u := leadingURL(s); u != "" {
		return outletOfURL(u)
	}
	if loc := outletEnd.FindStringIndex(s); loc != nil {
		s = s[:loc[0]]
	}
	s = strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) && r != '&' && r != ')' || unicode.IsSymbol(r)
	})
	s = trailingTurkishCase.ReplaceAllString(s, "")
	s = oneLine(s)
	if s == "" || utf8.RuneCountInString(s) > 80 || len(strings.Fields(s)) > maxWords {
		return ""
	}
	if r, _ := utf8.DecodeRuneInString(s); unicode.IsDigit(r) || looksLikeDate(s) || notOutlet.MatchString(s) {
		return ""
	}
	if strings.Contains(s, ".") && !strings.Contains(s, " ") {
		if u := httpURL("http://"+s, nil); u != nil && strings.Contains(u.Host, ".") {
			return outletOfURL(u.String())
		}
	}
	return s
}

// notOutlet matches credits that name a picture's source, not the text's.
var notOutlet = regexp.MustCompile(`(?i)\b(?:photo|image|picture|foto|getty|shutterstock|reuters/|ap photo|afp photo|wikimedia|flickr|unsplash|фото|صورة|عکس|görsel)`)

var monthWord = regexp.MustCompile(`(?i)^(?:january|february|march|april|may|june|july|august|september|october|november|december|janvier|février|avril|juin|juillet|août|septembre|octobre|novembre|décembre|января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)\b`)

func looksLikeDate(s string) bool { return monthWord.MatchString(s) }

var urlRe = regexp.MustCompile(`(?i)^(?:<)?(https?://[^\s<>"]+|www\.[^\s<>"]+)`)

func leadingURL(s string) string {
	m := urlRe.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	u := strings.TrimRight(m[1], ".,;:)>]")
	if !strings.HasPrefix(strings.ToLower(u), "http") {
		u = "http://" + u
	}
	return u
}

// outletName normalizes an outlet named in metadata or a setting: a URL
// or a bare domain gives the domain, anything else its first line.
func outletName(s string) string {
	s = oneLine(s)
	if s == "" {
		return ""
	}
	if u := leadingURL(s); u != "" && !strings.Contains(s, " ") {
		return outletOfURL(u)
	}
	if !strings.Contains(s, " ") && strings.Count(s, ".") >= 1 && !strings.HasSuffix(s, ".") {
		if u := httpURL("http://"+s, nil); u != nil {
			return outletOfURL(u.String())
		}
	}
	return clip(s, 100)
}

// outletOfURL names the outlet at a URL: its host without "www.".
func outletOfURL(raw string) string {
	u := httpURL(raw, nil)
	if u == nil {
		return ""
	}
	h := strings.ToLower(u.Hostname())
	h = strings.TrimPrefix(h, "www.")
	return h
}

// siteOf returns the registrable domain of a URL (news.bbc.co.uk gives
// bbc.co.uk), which tells one site from another; "" if raw is no http URL.
func siteOf(raw string) string {
	u := httpURL(raw, nil)
	if u == nil {
		return ""
	}
	h := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	if d, err := publicsuffix.EffectiveTLDPlusOne(h); err == nil {
		return d
	}
	return h
}

// quote returns a cue line for Evidence: one line, at most 200 bytes.
func quote(s string) string {
	s = oneLine(s)
	if len(s) > 200 {
		s = clip(s, 197) + "…"
	}
	return `"` + s + `"`
}
