package main

import (
	"flag"
	"fmt"
	"log"
	"math"
	"sort"

	"github.com/jic-center/jic/internal/lang/internal/corpus"
	"github.com/jic-center/jic/internal/lang/internal/textfeat"
)

type devScore struct {
	t  *corpus.Text
	sc textfeat.Scores
}

// calibrate sets the decision parameters of m from the dev texts.
func calibrate(m *textfeat.Model, dev []corpus.Text) {
	s := textfeat.NewScorer(m)
	scored := make([]devScore, len(dev))
	for i := range dev {
		scored[i] = devScore{&dev[i], s.Score(dev[i].Text)}
	}
	// The share of long features each of the six knows in its own dev
	// texts, and its spread among the longer ones.
	for t, l := range corpus.Six {
		var cov, feats float64
		var shares []float64
		for _, d := range scored {
			if d.t.Lang != l {
				continue
			}
			cov += float64(d.sc.CoveredLong[t])
			feats += float64(d.sc.Long)
			if d.sc.Long >= 300 {
				shares = append(shares, float64(d.sc.CoveredLong[t])/float64(d.sc.Long))
			}
		}
		mean := cov / feats
		sd := 0.0
		for _, x := range shares {
			sd += (x - mean) * (x - mean)
		}
		sd = math.Sqrt(sd / float64(max(len(shares)-1, 1)))
		m.Params[textfeat.ParamCoverageMean+l] = mean
		m.Params[textfeat.ParamCoverageSD+l] = sd
		log.Printf("long-feature coverage of %s on its dev texts: mean %.4f, sd %.4f over %d long texts", l, mean, sd, len(shares))
	}
	m.Params[textfeat.ParamCoverageRho] = *rho
	// The coverage z is one for all scripts (-coverage-z). Per script, the
	// margin is the middle of the margins whose dev cost is least: the
	// dev texts of the six are few and close to the training text, so the
	// middle of the range they allow is the choice least tuned to them.
	m.Params[textfeat.ParamCoverageZ] = *coverageZ
	for _, script := range []textfeat.Script{textfeat.Latin, textfeat.Cyrillic, textfeat.Arabic} {
		calibrateMargin(m, s, scored, script, textfeat.ParamMargin+script.String())
	}
	// Then each language of the Latin script on its own, so that what
	// other languages are mistaken for Turkish does not make English
	// stricter.
	for _, l := range []string{"en", "fr", "tr"} {
		calibrateMargin(m, s, scored, textfeat.Latin, textfeat.ParamMargin+l)
	}
	report(s, scored)
}

// costOf is the cost of a wrong answer on t: filing a text of the six as
// something else costs twice what missing an other-language text does.
func costOf(t *corpus.Text) float64 {
	if t.Lang == "other" {
		return 1
	}
	return 2
}

var (
	rho       = flag.Float64("rho", 4, "features per independent feature, for the coverage test")
	coverageZ = flag.Float64("coverage-z", 7.75, "how many standard deviations below its dev mean a text's coverage may be")
)

var verbose = flag.Bool("v", false, "print the dev texts that are wrong and the spread of margins and coverage")

func report(s *textfeat.Scorer, scored []devScore) {
	type key struct {
		kind   corpus.Kind
		script textfeat.Script
		ok     string
	}
	margins := map[key][]float64{}
	errs := map[string]int{}
	total := map[corpus.Kind]int{}
	wrong := map[corpus.Kind]int{}
	for _, d := range scored {
		dec := s.Decide(&d.sc)
		want := d.t.Lang
		total[d.t.Kind]++
		if dec.Lang != want {
			wrong[d.t.Kind]++
			errs[fmt.Sprintf("%s %s->%s", d.t.Source, want, dec.Lang)]++
			if want == "other" {
				errs[fmt.Sprintf("  %s unseen=%v %s->%s", d.t.Source, d.t.Unseen, d.t.Code, dec.Lang)]++
			} else if *verbose {
				log.Printf("wrong %s %s->%s (%s) %.3f %.200q", d.t.Source, want, dec.Lang, s.M.Classes[max(dec.Class, 0)].Name, dec.Margin, d.t.Text)
			}
		}
		if dec.Class >= 0 || dec.Runner >= 0 {
			g := "six"
			if want == "other" {
				g = "seen"
				if d.t.Unseen {
					g = "unseen"
				}
			}
			k := key{d.t.Kind, d.sc.Script, g}
			margins[k] = append(margins[k], dec.Margin)
			t := dec.Class
			if want == "other" || dec.Lang == "other" {
				t = dec.Runner
			}
			if t >= 0 && t < 8 {
				k.ok += " cov"
				margins[k] = append(margins[k], float64(d.sc.Covered[t])/float64(d.sc.Features))
				k.ok += "K"
				margins[k] = append(margins[k], float64(d.sc.Known)/float64(d.sc.Features))
			}
		}
	}
	for k, t := range total {
		log.Printf("dev %-22s %5d texts, %4d wrong, accuracy %.2f%%", k, t, wrong[k], 100*(1-float64(wrong[k])/float64(t)))
	}
	var ek []string
	for k := range errs {
		ek = append(ek, k)
	}
	sort.Strings(ek)
	for _, k := range ek {
		log.Printf("  %-40s %d", k, errs[k])
	}
	if !*verbose {
		return
	}
	for k, v := range margins {
		sort.Float64s(v)
		q := func(f float64) float64 { return v[int(f*float64(len(v)-1))] }
		log.Printf("margin %-22s %-8s %-10s n=%5d  q0=%.3f q.01=%.3f q.05=%.3f q.5=%.3f q.95=%.3f q.99=%.3f q1=%.3f",
			k.kind, k.script, k.ok, len(v), q(0), q(.01), q(.05), q(.5), q(.95), q(.99), q(1))
	}
}

// calibrateMargin sets the margin parameter name to the middle of the
// margins whose cost on the dev texts of script is least: the dev texts
// of the six are few and close to the training text, so the middle of the
// range they allow is the choice least tuned to them.
func calibrateMargin(m *textfeat.Model, s *textfeat.Scorer, scored []devScore, script textfeat.Script, name string) {
	var margins, costs []float64
	bestCost := math.Inf(1)
	for mg := -0.5; mg <= 2.0+1e-9; mg += 0.05 {
		m.Params[name] = mg
		cost := 0.0
		for _, d := range scored {
			if d.sc.Script != script {
				continue
			}
			if dec := s.Decide(&d.sc); dec.Lang != d.t.Lang {
				cost += costOf(d.t)
			}
		}
		margins, costs = append(margins, mg), append(costs, cost)
		bestCost = math.Min(bestCost, cost)
	}
	var best []float64
	for i, c := range costs {
		if c <= bestCost+1e-9 {
			best = append(best, margins[i])
		}
	}
	mg := math.Round(best[len(best)/2]*100) / 100
	m.Params[name] = mg
	log.Printf("calibrated %s: %.2f (least dev cost %.0f for %.2f to %.2f)", name, mg, bestCost, best[0], best[len(best)-1])
}
