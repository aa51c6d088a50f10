// Package corroborate rates how credible a story or a claim is on the
// Admiralty scale (1 confirmed … 6 cannot be judged) from what carries it:
// how many independent sources, how reliable each is (A–F), and whether it
// is denied. The rule is small and written out so that the UI and the API
// can explain every rating in one sentence.
//
// Independent sources are counted by the caller: syndicated copies and
// republications of one article count once, and so do two articles of one
// outlet (see Sources). Each source is rated by its best reliability. Then:
//
//   - 6, cannot be judged: no source has a reliability other than F;
//   - 1, confirmed: three or more independent sources, at least two of
//     them rated A–C;
//   - 2, probably true: two or more independent sources, at least one
//     rated A–C;
//   - 3, possibly true: two or more sources all rated D or E, or one
//     source rated A–C;
//   - 4, doubtful: one source rated D or E.
//
// A denial linked to the story's or claim's assertions lowers the rating
// by two steps, to 5 (improbable) at most: a confirmed story that a party
// denies is possibly true, a lone report that is denied is doubtful or
// improbable. 6 stays 6. An analyst (the head, for a story) may override
// the rating with a recorded reason; the rule's rating is kept beside it.
package corroborate

import (
	"fmt"
	"strings"

	"github.com/jic-center/jic"
)

// Source is one independent source: a name for the explanation and the
// best reliability among the outlets it stands for ("" counts as F).
type Source struct {
	Name        string
	Reliability jic.Reliability
}

// Rating is a credibility with the sentence that explains it.
type Rating struct {
	Credibility jic.Credibility
	Why         string
}

// Rate applies the rule to the independent sources that carry a story or a
// claim, and to the denials linked to it (the deniers' names, for the
// explanation; any number counts as denied).
func Rate(sources []Source, deniers []string) Rating {
	good, fair := 0, 0
	for _, s := range sources {
		switch s.Reliability {
		case jic.ReliabilityA, jic.ReliabilityB, jic.ReliabilityC:
			good++
		case jic.ReliabilityD, jic.ReliabilityE:
			fair++
		}
	}
	n := len(sources)
	var c jic.Credibility
	switch {
	case good+fair == 0:
		c = jic.CannotJudge
	case n >= 3 && good >= 2:
		c = jic.Confirmed
	case n >= 2 && good >= 1:
		c = jic.ProbablyTrue
	case n >= 2 || good == 1:
		c = jic.PossiblyTrue
	default:
		c = jic.DoubtfullyTrue
	}
	why := fmt.Sprintf("%d: %s", c, describe(sources))
	if len(deniers) > 0 && c != jic.CannotJudge {
		before := c
		c = min(c+2, jic.Improbable)
		why = fmt.Sprintf("%d: %s, which alone would rate %d; denied by %s", c, describe(sources), before, list(deniers, 3))
	} else if len(deniers) > 0 {
		why += "; denied by " + list(deniers, 3)
	} else {
		why += "; no denial"
	}
	return Rating{Credibility: c, Why: why}
}

// describe says how many independent sources there are and how each is
// rated: "two independent sources, B and C".
func describe(sources []Source) string {
	if len(sources) == 0 {
		return "no source"
	}
	var rs []string
	for _, s := range sources {
		r := s.Reliability
		if r == "" {
			r = jic.ReliabilityF
		}
		rs = append(rs, fmt.Sprintf("%s (%s)", s.Name, r))
	}
	if len(sources) == 1 {
		return "one source, " + rs[0]
	}
	return fmt.Sprintf("%s independent sources, %s", number(len(sources)), list(rs, 6))
}

func number(n int) string {
	words := []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}
	if n < len(words) {
		return words[n]
	}
	return fmt.Sprint(n)
}

// list joins at most max items with commas and "and", saying how many more.
func list(items []string, max int) string {
	more := 0
	if len(items) > max {
		items, more = items[:max], len(items)-max
	}
	s := strings.Join(items, ", ")
	if i := strings.LastIndex(s, ", "); i >= 0 && more == 0 {
		s = s[:i] + " and " + s[i+2:]
	}
	if more > 0 {
		s += fmt.Sprintf(" and %d more", more)
	}
	return s
}

// Member is one report behind a story or claim, as Sources groups them.
type Member struct {
	Report int64
	Group  int64 // its syndication group; 0 or its own id when it has no copies
	// Source names the outlet (a source's name, or the member that pushed
	// it), and Reliability is that source's rating.
	Source      string
	Reliability jic.Reliability
}

// Sources groups reports into independent sources: reports of one
// syndication group are one source, and so are reports of one outlet; the
// groups and outlets that share a report are joined. Each source takes the
// name of its first report's outlet and the best reliability among its
// outlets. Order follows the first report of each source.
func Sources(ms []Member) []Source {
	parent := make([]int, len(ms))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	byGroup, byOutlet := map[int64]int{}, map[string]int{}
	for i, m := range ms {
		if m.Group != 0 {
			if j, ok := byGroup[m.Group]; ok {
				parent[find(i)] = find(j)
			} else {
				byGroup[m.Group] = i
			}
		}
		if key := strings.ToLower(strings.TrimSpace(m.Source)); key != "" {
			if j, ok := byOutlet[key]; ok {
				parent[find(i)] = find(j)
			} else {
				byOutlet[key] = i
			}
		}
	}
	var out []Source
	at := map[int]int{}
	for i, m := range ms {
		root := find(i)
		k, ok := at[root]
		if !ok {
			k = len(out)
			at[root] = k
			name := m.Source
			if name == "" {
				name = fmt.Sprintf("report %d", m.Report)
			}
			out = append(out, Source{Name: name, Reliability: m.Reliability})
			continue
		}
		if rank(m.Reliability) < rank(out[k].Reliability) {
			out[k].Reliability = m.Reliability
		}
	}
	return out
}

// rank orders reliabilities, A first; "" is F.
func rank(r jic.Reliability) int {
	if r == "" {
		return int('F')
	}
	return int(r[0])
}
