package textfeat

import "math"

// Decision parameters stored in Model.Params; Decide uses defaults for
// missing ones. They are set by the generator's calibration on the dev
// split.
const (
	// ParamMargin + language or, if the model has none for the language,
	// + script name: the least per-feature lead of the best of the six over
	// the best other language for the text to be filed as one of the six.
	ParamMargin = "margin."
	// ParamMarginFull: below this many known features, the margin needed
	// shrinks in proportion, to n/ParamMarginFull of it (0: never).
	ParamMarginFull = "margin.full"
	// ParamMarginCoverage: the least share of a short text's long
	// features that the language must know for the margin to shrink.
	ParamMarginCoverage = "margin.coverage"
	// ParamYKPenalty: per Persian yeh or keheh, taken off Arabic's score.
	ParamYKPenalty = "penalty.yk"
	// ParamPersianPenalty: per پ چ ژ گ, taken off Arabic's score.
	ParamPersianPenalty = "penalty.persian"
	// ParamPersianWordPenalty: per word of Cues.PersianWords, taken off
	// Arabic's score.
	ParamPersianWordPenalty = "penalty.persianword"
	// ParamLatinWordPenalty: per word of Cues.TurkishWords, taken off
	// English's and French's scores; per word of Cues.EnglishWords, off
	// French's; per word of Cues.FrenchWords, off English's. Turkish loses
	// nothing for English and French words: Turkish texts quote English and
	// French titles and names.
	ParamLatinWordPenalty = "penalty.latinword"
	// ParamLatinPenalty: per letter of Cues.Turkish, taken off English's
	// and French's scores; per letter of Cues.French, off English's and
	// Turkish's.
	ParamLatinPenalty = "penalty.latin"
	// ParamNotArabicShare: the share of an Arabic-script text's letters
	// that Persian yeh, keheh and پ چ ژ گ must reach (at least one) for the
	// text not to be Arabic.
	ParamNotArabicShare = "notarabic.share"
	// ParamCoverageMean + language: the share of the long features (four
	// letters or more) of a dev text of that language that the language
	// knows, pooled over its dev texts; ParamCoverageSD + language: the
	// spread of that share among long dev texts. A text is filed as the
	// language only if its share is no more than ParamCoverageZ standard
	// deviations below the mean, counting both that spread and the sampling
	// error of a text with few features, which are counted as
	// Long/ParamCoverageRho independent ones (neighbouring n-grams overlap).
	ParamCoverageMean = "coverage.mean."
	ParamCoverageSD   = "coverage.sd."
	ParamCoverageZ    = "coverage.z"
	ParamCoverageRho  = "coverage.rho"
	// ParamCoverageFloor + language: in a text of at least
	// ParamCoverageFloorN long features, the language must know at least
	// this share of its dev mean, however wide the spread: a text of which
	// English knows a sixth of the n-grams is not English. Set only for
	// the languages trained on enough text for a low share to mean much.
	ParamCoverageFloor  = "coverage.floor."
	ParamCoverageFloorN = "coverage.floorn"
	// ParamUnknownWeight: how much the features no class has seen count,
	// each at the class's unseen-feature log-probability (0 to 1).
	ParamUnknownWeight = "unknown.weight"
	// ParamScale: the score difference that makes the confidence e:1.
	ParamScale = "confidence.scale"
)

// Decision is the answer for one text.
type Decision struct {
	Lang       string  // one of the six, "other", or "" for no letters
	Class      int     // the winning class, -1 when decided without scoring
	Runner     int     // the runner-up class, -1 if none
	Margin     float64 // per-feature lead of Lang over the best other language
	Confidence float64
}

// Decide turns scores into an answer.
func (s *Scorer) Decide(sc *Scores) Decision {
	d := Decision{Class: -1, Runner: -1}
	c := &sc.Cues
	switch sc.Script {
	case NoScript:
		return d
	case OtherScript:
		d.Lang, d.Confidence = "other", 1
		return d
	}
	letters := c.Letters[sc.Script]
	switch {
	case sc.Script == Cyrillic && c.NotRussian >= 2 && c.NotRussian*100 >= letters:
		d.Lang, d.Confidence = "other", 1
		return d
	case sc.Script == Arabic && c.NotArFa >= 2 && c.NotArFa*100 >= letters:
		d.Lang, d.Confidence = "other", 1
		return d
	}
	if sc.Known == 0 {
		d.Lang, d.Confidence = "other", 0.5
		return d
	}
	p := s.M.Params
	// Arabic does not write Persian yeh and keheh or پ چ ژ گ: the ANT
	// corpus has them in 0.14% of its 63,000 titles and texts, and in 2% of
	// the letters or more in 12 (0.02%, typed with a Persian keyboard
	// layout). Persian typed with Arabic yeh and kaf often has پ چ ژ گ still.
	notArabic := sc.Script == Arabic && c.FarsiYK+c.Persian >= 1 &&
		float64(c.FarsiYK+c.Persian) >= param(p, ParamNotArabicShare, 0.02)*float64(letters)
	score := func(ci int) float64 {
		v := sc.Score[ci]
		switch s.M.Classes[ci].Lang {
		case "ar":
			if notArabic {
				return math.Inf(-1)
			}
			v -= param(p, ParamYKPenalty, 5) * float64(c.FarsiYK)
			v -= param(p, ParamPersianPenalty, 3) * float64(c.Persian)
			v -= param(p, ParamPersianWordPenalty, 0) * float64(c.PersianWords)
		case "en":
			v -= param(p, ParamLatinPenalty, 0) * float64(c.Turkish+c.French)
			v -= param(p, ParamLatinWordPenalty, 0) * float64(c.TurkishWords+c.FrenchWords)
		case "fr":
			v -= param(p, ParamLatinPenalty, 0) * float64(c.Turkish)
			v -= param(p, ParamLatinWordPenalty, 0) * float64(c.TurkishWords+c.EnglishWords)
		case "tr":
			v -= param(p, ParamLatinPenalty, 0) * float64(c.French)
		}
		return v
	}
	bestT, secT, bestO := -1, -1, -1
	var sT, sT2, sO float64
	for ci, cl := range s.M.Classes {
		if cl.Script != sc.Script {
			continue
		}
		v := score(ci)
		if cl.Lang == "other" {
			if bestO < 0 || v > sO {
				bestO, sO = ci, v
			}
			continue
		}
		if bestT < 0 || v > sT {
			secT, sT2 = bestT, sT
			bestT, sT = ci, v
		} else if secT < 0 || v > sT2 {
			secT, sT2 = ci, v
		}
	}
	if bestT < 0 {
		d.Lang, d.Confidence = "other", 1
		return d
	}
	n := float64(sc.Known)
	if bestO >= 0 {
		d.Margin = (sT - sO) / n
	} else {
		d.Margin = math.Inf(1)
	}
	scale := param(p, ParamScale, 2)
	cov := float64(sc.CoveredLong[bestT]) / float64(max(sc.Long, 1))
	lang := s.M.Classes[bestT].Lang
	if d.Margin < s.minMargin(lang, sc.Script, n, cov) ||
		cov < s.MinCoverage(s.M.Classes[bestT].Lang, sc.Long) {
		d.Lang, d.Class, d.Runner = "other", bestO, bestT
		d.Confidence = sigmoid((sO - sT) / scale)
		return d
	}
	d.Lang, d.Class = s.M.Classes[bestT].Lang, bestT
	gap := sT - sO
	if secT >= 0 && sT-sT2 < gap {
		gap = sT - sT2
		d.Runner = secT
	} else {
		d.Runner = bestO
	}
	d.Confidence = sigmoid(gap / scale)
	return d
}

// minMargin is the least per-feature lead that lang needs over the best
// other language in a text of n known features, of whose long features
// it knows the share cov.
func (s *Scorer) minMargin(lang string, script Script, n, cov float64) float64 {
	p := s.M.Params
	m := param(p, ParamMargin+lang, param(p, ParamMargin+script.String(), 0))
	if full := param(p, ParamMarginFull, 0); full > 0 && n < full && m > 0 &&
		cov >= param(p, ParamMarginCoverage, 0) {
		m *= n / full
	}
	return m
}

// MinCoverage is the least share of n long features that lang must know.
func (s *Scorer) MinCoverage(lang string, n int) float64 {
	p := s.M.Params
	mean, ok := p[ParamCoverageMean+lang]
	if !ok {
		return 0
	}
	sd := param(p, ParamCoverageSD+lang, 0)
	eff := math.Max(float64(n)/param(p, ParamCoverageRho, 4), 1)
	min := mean - param(p, ParamCoverageZ, 4)*math.Sqrt(sd*sd+mean*(1-mean)/eff)
	if n >= int(param(p, ParamCoverageFloorN, math.MaxInt32)) {
		min = math.Max(min, param(p, ParamCoverageFloor+lang, 0)*mean)
	}
	return min
}

func param(p map[string]float64, name string, def float64) float64 {
	if v, ok := p[name]; ok {
		return v
	}
	return def
}

func sigmoid(x float64) float64 { return 1 / (1 + math.Exp(-x)) }
