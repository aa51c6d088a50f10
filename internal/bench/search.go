package bench

import (
	"context"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/textindex"
)

// The modes of the search bench. jic's modes call Store.Search with Limit
// 10; the raw modes issue one hand-written query on the raw engine's
// tables, returning the id, title and text of 10 hits.
const (
	ModeJicDate       = "jic date"             // Store.Search as the member viewer, newest first
	ModeJicRelevance  = "jic relevance"        // Store.Search as the member viewer, ranked within the newest RelevanceWindow
	ModeJicDateSystem = "jic date (system)"    // Store.Search as jic.SystemViewer: no marking filter
	ModeRawDate       = "raw date"             // the same match, ORDER BY skey DESC LIMIT 10, no scope
	ModeRawDateScope  = "raw date + scope"     // the same, with jic's scope predicate for the viewer
	ModeRawWindow     = "raw relevance window" // rank the newest RelevanceWindow matches with jic's scorer, no scope
	ModeRawRanked     = "raw naive ranked"     // ORDER BY bm25(report_fts) / ts_rank_cd(tsv, q) DESC LIMIT 10
	modeMaxID         = "max id"               // not a search: the largest id, for resuming a load
)

// Modes lists the search modes in the order they run and print.
var Modes = []string{ModeJicDate, ModeJicRelevance, ModeJicDateSystem, ModeRawDate, ModeRawDateScope, ModeRawWindow, ModeRawRanked}

// jicMode is how one of jic's modes calls Store.Search.
type jicMode struct {
	sort   string
	system bool
}

func (m jicMode) viewer(member jic.Viewer) jic.Viewer {
	if m.system {
		return jic.SystemViewer
	}
	return member
}

// limit is the candidate limit jic's dialect is asked for.
func (m jicMode) limit() int {
	if m.sort == jic.SortRelevance {
		return jic.RelevanceWindow
	}
	return searchLimit + 1
}

var jicModes = map[string]jicMode{
	ModeJicDate:       {sort: jic.SortDate},
	ModeJicRelevance:  {sort: jic.SortRelevance},
	ModeJicDateSystem: {sort: jic.SortDate, system: true},
}

// reference is the mode each mode's latency is divided by in the ratio
// column: the raw engine doing the same work.
var reference = map[string]string{
	ModeJicDate:       ModeRawDate,
	ModeJicRelevance:  ModeRawWindow,
	ModeJicDateSystem: ModeRawDate,
	ModeRawDate:       ModeRawDate,
	ModeRawDateScope:  ModeRawDate,
	ModeRawWindow:     ModeRawDate,
	ModeRawRanked:     ModeRawDate,
}

const searchLimit = 10

// SearchOptions configure Search.
type SearchOptions struct {
	Target
	Queries  []Query   // nil = the committed 200 (see Queries)
	Passes   int       // timed passes over the queries after one warm-up pass; 0 = 3
	Modes    []string  // nil = Modes
	Slowest  int       // print the plans of this many slowest queries of each of jic's modes; 0 = none
	Progress io.Writer // a line per mode; nil = none
}

// Search runs the queries over a store loaded by Ingest, in each mode: a
// warm-up pass, then opt.Passes timed passes, each query timed alone with
// time.Now. jic's modes search as a user of MemberAlpha (who may not see
// the AMBER reports of MemberBeta) unless they say system. It prints a
// table of latency percentiles (nearest rank) per mode, p95 per language,
// whether jic as the system viewer and the raw date query found the same
// ids, and the slowest queries with their plans. It returns ENOTFOUND if
// the target holds no reports.
func Search(ctx context.Context, opt SearchOptions, out io.Writer) error {
	if opt.Passes <= 0 {
		opt.Passes = 3
	}
	if opt.Modes == nil {
		opt.Modes = Modes
	}
	for _, m := range opt.Modes {
		if _, ok := reference[m]; !ok {
			return jic.FieldErrorf(jic.EINVALID, "modes", "%q is not a search mode (%s)", m, strings.Join(Modes, ", "))
		}
	}
	queries := opt.Queries
	if queries == nil {
		var err error
		if queries, err = Queries(); err != nil {
			return err
		}
	}
	b, err := openBench(ctx, opt.Target)
	if err != nil {
		return err
	}
	defer b.Close()
	st, ok, err := b.raw.state(ctx)
	if err != nil {
		return err
	}
	if !ok || st.Done == 0 {
		return jic.Errorf(jic.ENOTFOUND, "the %s target holds no bench load; run the ingest bench first", opt.Backend)
	}
	viewer, err := viewerUser(ctx, b.store)
	if err != nil {
		return err
	}
	parsed := make([]rawQuery, len(queries))
	for i, q := range queries {
		p, err := textindex.ParseQuery(q.Q, nil)
		if err != nil {
			return fmt.Errorf("query %d %q: %w", i+1, q.Q, err)
		}
		parsed[i] = rawQuery{fts5: p.FTS5(), tsquery: p.TSQuery(), viewer: viewer}
	}
	r := &searchRun{b: b, queries: queries, parsed: parsed, viewer: viewer, passes: opt.Passes}
	results := map[string]*modeResult{}
	for _, mode := range opt.Modes {
		start := time.Now()
		res, err := r.run(ctx, mode)
		if err != nil {
			return fmt.Errorf("%s: %w", mode, err)
		}
		results[mode] = res
		if opt.Progress != nil {
			fmt.Fprintf(opt.Progress, "search %s: %s done in %s (p95 %.1f ms)\n", opt.Backend, mode,
				time.Since(start).Round(time.Second), ms(res.percentile(95)))
		}
	}
	fmt.Fprintf(out, "Search on %s: %d reports (corpus seed %d), %d queries (%s), 1 warm-up + %d timed passes, limit %d, viewer: user %d of member %d\n",
		opt.Backend, st.Done, st.Seed, len(queries), langCounts(queries), opt.Passes, searchLimit, viewer.UserID, viewer.MemberID)
	if err := writeLatencyTable(out, opt.Backend, opt.Modes, results); err != nil {
		return err
	}
	fmt.Fprintln(out)
	if err := writeLanguageTable(out, opt.Modes, results, queries); err != nil {
		return err
	}
	if a, b := results[ModeJicDateSystem], results[ModeRawDate]; a != nil && b != nil {
		same := 0
		for i := range queries {
			if slices.Equal(a.ids[i], b.ids[i]) {
				same++
			}
		}
		fmt.Fprintf(out, "\n%s and %s returned the same ids for %d of %d queries.\n", ModeJicDateSystem, ModeRawDate, same, len(queries))
	}
	if opt.Slowest > 0 {
		return r.writeSlowest(ctx, out, opt.Modes, results, opt.Slowest)
	}
	return nil
}

// searchRun is one run of the search bench.
type searchRun struct {
	b       *bench
	queries []Query
	parsed  []rawQuery
	viewer  jic.Viewer
	passes  int
}

// modeResult holds what one mode measured.
type modeResult struct {
	lat  [][]time.Duration // per query, per timed pass
	ids  [][]int64         // per query, from the warm-up pass
	hits int               // hits returned over the warm-up pass
}

func (r *searchRun) run(ctx context.Context, mode string) (*modeResult, error) {
	res := &modeResult{lat: make([][]time.Duration, len(r.queries)), ids: make([][]int64, len(r.queries))}
	for pass := 0; pass <= r.passes; pass++ {
		for i := range r.queries {
			start := time.Now()
			ids, err := r.once(ctx, mode, i)
			d := time.Since(start)
			if err != nil {
				return nil, fmt.Errorf("query %q: %w", r.queries[i].Q, err)
			}
			if pass == 0 {
				res.ids[i], res.hits = ids, res.hits+len(ids)
				continue
			}
			res.lat[i] = append(res.lat[i], d)
		}
	}
	return res, nil
}

// once runs query i in a mode and returns the ids of its hits.
func (r *searchRun) once(ctx context.Context, mode string, i int) ([]int64, error) {
	m, ok := jicModes[mode]
	if !ok {
		return r.b.raw.search(ctx, mode, r.parsed[i])
	}
	sr, err := r.b.store.Search(ctx, m.viewer(r.viewer), jic.SearchQuery{Q: r.queries[i].Q, Sort: m.sort, Limit: searchLimit})
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(sr.Hits))
	for j, h := range sr.Hits {
		ids[j] = h.Report.ID
	}
	return ids, nil
}

// all returns every timed latency, sorted; only queries whose index keep
// accepts count.
func (m *modeResult) all(keep func(i int) bool) []time.Duration {
	var out []time.Duration
	for i, l := range m.lat {
		if keep == nil || keep(i) {
			out = append(out, l...)
		}
	}
	slices.Sort(out)
	return out
}

func (m *modeResult) percentile(p float64) time.Duration { return percentile(m.all(nil), p) }

// percentile returns the nearest-rank percentile p of sorted latencies.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(math.Ceil(p / 100 * float64(len(sorted))))
	return sorted[max(0, min(len(sorted), rank)-1)]
}

func ms(d time.Duration) float64 { return float64(d) / 1e6 }

func writeLatencyTable(w io.Writer, backend string, modes []string, results map[string]*modeResult) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "backend\tmode\tp50 ms\tp95 ms\tp99 ms\tmax ms\tmean ms\tmean hits\tp95 / p95 of\t")
	for _, mode := range modes {
		res := results[mode]
		all := res.all(nil)
		var sum time.Duration
		for _, d := range all {
			sum += d
		}
		ratio := "-"
		if ref := results[reference[mode]]; ref != nil && reference[mode] != mode {
			ratio = fmt.Sprintf("%.2f %s", float64(res.percentile(95))/float64(ref.percentile(95)), reference[mode])
		}
		fmt.Fprintf(tw, "%s\t%s\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%s\t\n", backend, mode,
			ms(percentile(all, 50)), ms(percentile(all, 95)), ms(percentile(all, 99)), ms(all[len(all)-1]),
			ms(sum)/float64(len(all)), float64(res.hits)/float64(len(res.lat)), ratio)
	}
	return tw.Flush()
}

func writeLanguageTable(w io.Writer, modes []string, results map[string]*modeResult, queries []Query) error {
	langs := map[string]bool{}
	for _, q := range queries {
		langs[q.Lang] = true
	}
	order := sortedStrings(langs)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "p95 ms by query language\t%s\t\n", strings.Join(order, "\t"))
	for _, mode := range modes {
		var cells []string
		for _, l := range order {
			p := percentile(results[mode].all(func(i int) bool { return queries[i].Lang == l }), 95)
			cells = append(cells, fmt.Sprintf("%.2f", ms(p)))
		}
		fmt.Fprintf(tw, "%s\t%s\t\n", mode, strings.Join(cells, "\t"))
	}
	return tw.Flush()
}

func langCounts(queries []Query) string {
	n := map[string]int{}
	for _, q := range queries {
		n[q.Lang]++
	}
	var parts []string
	for _, l := range sortedKeys(n) {
		parts = append(parts, fmt.Sprintf("%s %d", l, n[l]))
	}
	return strings.Join(parts, ", ")
}

// writeSlowest prints, for each of jic's modes and the naive ranked query,
// the n queries with the largest median latency, how many reports match
// them, and the plan of the mode's query for the slowest.
func (r *searchRun) writeSlowest(ctx context.Context, w io.Writer, modes []string, results map[string]*modeResult, n int) error {
	for _, mode := range modes {
		if _, ok := jicModes[mode]; !ok && mode != ModeRawRanked {
			continue
		}
		res := results[mode]
		idx := make([]int, len(r.queries))
		med := make([]time.Duration, len(r.queries))
		for i := range idx {
			idx[i] = i
			l := slices.Clone(res.lat[i])
			slices.Sort(l)
			med[i] = l[len(l)/2]
		}
		sort.SliceStable(idx, func(a, b int) bool { return med[idx[a]] > med[idx[b]] })
		fmt.Fprintf(w, "\nSlowest queries, %s:\n", mode)
		for k, i := range idx[:min(n, len(idx))] {
			matches, err := r.b.raw.count(ctx, r.parsed[i])
			if err != nil {
				return err
			}
			fmt.Fprintf(w, "%d. [%s] %s — median %.1f ms, %d matching reports, %d hits\n   match: %s\n",
				k+1, r.queries[i].Lang, r.queries[i].Q, ms(med[i]), matches, len(res.ids[i]), r.matchOf(i))
			if k == 0 {
				plan, err := r.plan(ctx, mode, i)
				if err != nil {
					return fmt.Errorf("explain: %w", err)
				}
				fmt.Fprintf(w, "   plans of the statements it ran:\n%s", indent(plan, "     "))
			}
		}
	}
	return nil
}

// plan returns the plans of the statements query i runs in a mode: for
// jic's modes, those Store.Search sends, captured on their way to the
// database and explained there.
func (r *searchRun) plan(ctx context.Context, mode string, i int) (string, error) {
	if _, ok := jicModes[mode]; !ok {
		return r.b.raw.explain(ctx, mode, r.parsed[i])
	}
	c := &capture{}
	db := r.b.raw.captureJic(c)
	defer db.Close()
	orig := r.b.store.ReadDB
	r.b.store.ReadDB = db
	_, err := r.once(ctx, mode, i)
	r.b.store.ReadDB = orig
	if err != nil {
		return "", err
	}
	return r.b.raw.explainJic(ctx, c.statements())
}

func (r *searchRun) matchOf(i int) string {
	if r.b.store.Dialect.Name() == BackendPostgres {
		return r.parsed[i].tsquery
	}
	return r.parsed[i].fts5
}

func indent(s, prefix string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return prefix + strings.Join(lines, "\n"+prefix) + "\n"
}
