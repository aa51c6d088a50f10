package stories

import (
	"fmt"
	"io"
	"runtime"
	"slices"
	"sort"
	"text/tabwriter"
	"time"
)

// ScaleRow is the cost of an Add when the index holds Reports reports.
type ScaleRow struct {
	Reports     int
	DocsPerSec  float64 // over the last Window adds
	MeanMicros  float64
	P99Micros   float64
	Window      int
	Candidates  float64 // candidate stories scored per Add, over the window
	Postings    float64 // story postings read per Add, over the window
	Stories     int     // stories started so far
	OpenStories int     // with a profile in memory
	HeapMB      float64 // live heap after GC, the index's docs included
}

// scaleWindow is how many Adds before each size are timed.
const scaleWindow = 10000

// scale measures the cost of an Add as an index grows to each of sizes,
// on a corpus made from the 31,525 ANT articles (title and first 300
// characters through the same extraction as the accuracy runs): replica r
// is the corpus again with every time shifted by r times its span and new
// ids, so the index grows as a news desk's would over years, with the same
// vocabulary and entities recurring, and each replica's stories within
// the window of its own reports only.
func scale(w io.Writer, x *extractor, dataDir string, o Options, sizes []int) ([]ScaleRow, error) {
	slices.Sort(sizes)
	t0 := time.Now()
	as, err := readANT(dataDir, nil)
	if err != nil {
		return nil, err
	}
	sort.SliceStable(as, func(i, j int) bool { return as[i].Time.Before(as[j].Time) })
	// A few articles carry a wrong year; the replicas are cut at the 1st
	// and 99th percentile of time so that they follow one another.
	lo, hi := as[len(as)/100].Time, as[len(as)*99/100].Time
	xs := *x
	xs.leadRunes = 300
	base := make([]Doc, 0, len(as))
	for i := range as {
		if as[i].Time.Before(lo) || as[i].Time.After(hi) {
			continue
		}
		base = append(base, xs.doc(int64(i+1), &as[i]))
	}
	as = nil
	span := hi.Sub(lo) + 24*time.Hour
	fmt.Fprintf(w, "\nCost of an Add (%d ANT articles of %s to %s, title and first 300 characters extracted in %s, replicated with times shifted by %.0f days per replica; one goroutine; GOMAXPROCS %d):\n\n",
		len(base), lo.Format("2006-01-02"), hi.Format("2006-01-02"), time.Since(t0).Round(time.Second), span.Hours()/24, runtime.GOMAXPROCS(0))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "reports\tdocs/s\tµs/Add mean\tp99\tover last\tcandidates/Add\tpostings read/Add\tstories\topen\theap MB\t\n")
	ix := NewIndex(o)
	var rows []ScaleRow
	lat := make([]float64, 0, scaleWindow)
	var c0, p0 uint64
	var tw0 time.Time
	last := sizes[len(sizes)-1]
	next := 0
	for n := 0; n < last; n++ {
		r, i := n/len(base), n%len(base)
		d := base[i]
		d.ID = int64(n + 1)
		d.Time = d.Time.Add(time.Duration(r) * span)
		target := sizes[next]
		if n == target-scaleWindow || n == 0 && target <= scaleWindow {
			st := ix.Stats()
			c0, p0, tw0, lat = st.Candidates, st.Postings, time.Now(), lat[:0]
		}
		t := time.Now()
		ix.Add(d)
		lat = append(lat, float64(time.Since(t).Nanoseconds())/1e3)
		if n+1 == target {
			el := time.Since(tw0)
			st := ix.Stats()
			k := len(lat)
			runtime.GC()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			slices.Sort(lat)
			row := ScaleRow{Reports: target, DocsPerSec: float64(k) / el.Seconds(), MeanMicros: mean(lat), P99Micros: lat[k*99/100],
				Window: k, Candidates: float64(st.Candidates-c0) / float64(k), Postings: float64(st.Postings-p0) / float64(k),
				Stories: st.Stories, OpenStories: st.Open, HeapMB: float64(ms.HeapAlloc) / (1 << 20)}
			rows = append(rows, row)
			fmt.Fprintf(tw, "%d\t%.0f\t%.1f\t%.1f\t%d\t%.1f\t%.0f\t%d\t%d\t%.0f\t\n", row.Reports, row.DocsPerSec, row.MeanMicros, row.P99Micros,
				row.Window, row.Candidates, row.Postings, row.Stories, row.OpenStories, row.HeapMB)
			next++
		}
	}
	tw.Flush()
	return rows, nil
}

func mean(xs []float64) float64 {
	var s float64
	for _, x := range xs {
		s += x
	}
	return s / float64(max(1, len(xs)))
}
