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
	// Latin has by far the most other-language texts; its thresholds break
	// ties in the other scripts, where the letter rules already reject most
	// other languages before scoring.
	preferM, preferC := 0.2, 4.0
	for _, script := range []textfeat.Script{textfeat.Latin, textfeat.Cyrillic, textfeat.Arabic} {
		bestCost, bestM, bestC := math.Inf(1), 0.0, 0.0
		dist := func(mg, cv float64) float64 { return math.Abs(mg-preferM) + math.Abs(cv-preferC)/10 }
		zs := []float64{preferC} // the coverage z is one for all scripts
		if script == textfeat.Latin {
			zs = nil
			for z := 2.0; z <= 8; z += 0.25 {
				zs = append(zs, z)
			}
		}
		for mg := -0.5; mg <= 1.5; mg += 0.05 {
			for _, cv := range zs {
				m.Params[textfeat.ParamMargin+script.String()] = mg
				m.Params[textfeat.ParamCoverageZ] = cv
				cost := 0.0
				for _, d := range scored {
					if d.sc.Script != script {
						continue
					}
					dec := s.Decide(&d.sc)
					if dec.Lang != d.t.Lang {
						cost += costOf(d.t)
					}
				}
				if cost < bestCost-1e-9 || (cost < bestCost+1e-9 && dist(mg, cv) < dist(bestM, bestC)) {
					bestCost, bestM, bestC = cost, mg, cv
				}
			}
		}
		if script == textfeat.Latin {
			preferM, preferC = bestM, bestC
		}
		m.Params[textfeat.ParamMargin+script.String()] = bestM
		m.Params[textfeat.ParamCoverageZ] = preferC
		log.Printf("calibrated %s: margin %.2f, coverage z %.2f (dev cost %.0f)", script, bestM, preferC, bestCost)
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
	rho = flag.Float64("rho", 4, "features per independent feature, for the coverage test")
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
