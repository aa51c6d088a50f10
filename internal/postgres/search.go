package postgres

import (
	"context"
	"database/sql"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jic-center/jic/internal/sqlstore"
	"github.com/jic-center/jic/internal/textindex"
)

// Search keeps one GIN index over every report's tsvector. GIN answers
// "which reports hold these terms" but not "which are the newest", so a
// term in half the reports would make PostgreSQL read half the table to
// sort it. jic therefore searches newest first in slices:
//
//  1. Walk the newest walkRows reports of the range in sort-key order and
//     test each one's tsvector, kept inline and lz4-compressed. A term in
//     more than about one report in a hundred has its page here.
//  2. Otherwise ask the GIN index for the matches inside a slice of the
//     reports just older, as many reports as should hold one and a half
//     times the matches still wanted at the rate seen so far, but at most
//     twice the reports seen, since news about a subject comes in waves
//     and one slice too many costs less than reading thousands of matches;
//     eight times the reports seen when none matched. Repeat with the next
//     older slice until the page is full or the range is exhausted. Slices are counted
//     in reports, not in time, because news is unevenly spread in time;
//     PostgreSQL's statistics of the sort key (an equi-depth histogram kept
//     by ANALYZE, with 1,000 buckets) say where a slice of N reports starts.
//
// GIN restricts a query to a slice through slice terms: every tsvector also
// holds one term per level of a hierarchy of time blocks (2^12 s ≈ 68 min,
// 2^16, 2^20, 2^24 and 2^28 s ≈ 8.5 years) naming the block its report
// falls in, and the query ANDs the search with the blocks covering the
// slice. PostgreSQL's GIN then intersects the posting lists, skipping
// through the longer one, and reads from the table only the matches inside
// the slice, so the rows read stay near the page size whatever the term's
// frequency. Relevance ranks the newest jic.RelevanceWindow matches with
// ts_rank, title weighted 10:1, found the same way.
const (
	walkRows    = 1000 // reports the first step walks
	sliceMargin = 1.5  // a slice is sized to hold this many times the matches wanted
	maxBlocks   = 16   // blocks of one level a slice may span before the next level is used
	sliceMark   = "~"  // prefix of slice terms; the analyzer never emits it
)

// sliceLevels are the block sizes, as powers of two seconds.
var sliceLevels = []uint{12, 16, 20, 24, 28}

// walk is walkRows, changeable by tests.
var walk = walkRows

// sliceTerm names the block of 2^level seconds that holds second s.
func sliceTerm(level uint, s int64) string {
	return sliceMark + strconv.Itoa(int(level)) + "." + strconv.FormatInt(s>>level, 10)
}

// seconds returns the Unix second of a sort key.
func seconds(skey int64) int64 { return skey >> sqlstore.SortKeyIDBits }

// tsvector is the literal stored for a report: its terms and its slice terms.
func tsvector(r sqlstore.IndexRow) string {
	var b strings.Builder
	b.WriteString(textindex.TSVector(r.Title, r.Text, r.Language))
	for _, l := range sliceLevels {
		b.WriteString(" '")
		b.WriteString(sliceTerm(l, seconds(r.SortKey)))
		b.WriteByte('\'')
	}
	return b.String()
}

// sliceQuery restricts a tsquery to the blocks of the finest level that
// covers seconds lo..hi in at most maxBlocks blocks; ok is false when the
// range is too wide for any level.
func sliceQuery(tsquery string, lo, hi int64) (q string, ok bool) {
	for _, l := range sliceLevels {
		a, b := lo>>l, hi>>l
		if b-a >= maxBlocks {
			continue
		}
		terms := make([]string, 0, b-a+1)
		for x := a; x <= b; x++ {
			terms = append(terms, "'"+sliceTerm(l, x<<l)+"'")
		}
		return "(" + tsquery + ") & (" + strings.Join(terms, " | ") + ")", true
	}
	return "", false
}

// Candidates returns the newest c.Limit matches in sort-key order, each
// scored when c.Scored; see the comment at the top of this file.
func (d dialect) Candidates(ctx context.Context, db *sql.DB, c sqlstore.CandidateQuery) ([]sqlstore.Candidate, error) {
	before := c.Before
	if before == 0 {
		before = math.MaxInt64
	}
	score := "0::float8"
	var scoreArgs []any
	if c.Scored {
		score = "ts_rank('{0.1, 0.2, 0.4, 1.0}', r.tsv, ?::tsquery)::float8"
		scoreArgs = []any{c.Match.TSQuery}
	}
	filter, fargs := "", []any(nil)
	if c.Filter != "" {
		filter, fargs = " AND "+c.Filter, c.Args
	}

	// Step 1: the walk, and what it covered.
	recent := `SELECT r.id, r.skey, ` + score + ` FROM (SELECT id, skey, tsv, marking, owner_member_id, language, source_id
		FROM reports WHERE skey < ? AND skey >= ? ORDER BY skey DESC LIMIT ` + strconv.Itoa(walk) + `) r
		WHERE r.tsv @@ ?::tsquery` + filter + ` ORDER BY r.skey DESC LIMIT ` + strconv.Itoa(c.Limit)
	args := append(append(append(scoreArgs, before, c.After), c.Match.TSQuery), fargs...)
	out, err := d.candidates(ctx, db, d.Rebind(recent), args)
	if err != nil || len(out) >= c.Limit {
		return out, err
	}
	var walked int
	var oldest sql.NullInt64
	err = db.QueryRowContext(ctx, `SELECT count(*), min(skey) FROM (SELECT skey FROM reports
		WHERE skey < $1 AND skey >= $2 ORDER BY skey DESC LIMIT $3) w`, before, c.After, walk).Scan(&walked, &oldest)
	if err != nil || walked < walk {
		return out, err // the walk saw the whole range
	}

	// Step 2: slices older than the walk.
	hist, err := d.hist.get(ctx, db)
	if err != nil {
		return nil, err
	}
	seen := float64(walked) // reports looked at so far
	hi := oldest.Int64      // exclusive
	for hi > c.After {
		rows := 8 * seen
		if len(out) > 0 {
			rows = min(sliceMargin*float64(c.Limit-len(out))*seen/float64(len(out)), 2*seen)
		}
		lo, n := hist.below(hi, rows)
		lo = max(lo, c.After)
		// Within a slice, the slice terms restrict GIN and the sort key
		// is only checked on the rows read ("+ 0" keeps PostgreSQL from
		// also scanning its index for the whole range).
		tsq, sliced := sliceQuery(c.Match.TSQuery, seconds(lo), seconds(hi))
		key := "r.skey + 0"
		if !sliced {
			tsq, key = c.Match.TSQuery, "r.skey"
		}
		older := `SELECT r.id, r.skey, ` + score + ` FROM reports r WHERE r.tsv @@ ?::tsquery AND ` + key + ` < ? AND ` + key + ` >= ?` +
			filter + ` ORDER BY r.skey DESC LIMIT ` + strconv.Itoa(c.Limit-len(out))
		args = append(append(scoreArgs, tsq, hi, lo), fargs...)
		more, err := d.indexOnly(ctx, db, d.Rebind(older), args)
		if err != nil {
			return nil, err
		}
		out = append(out, more...)
		if len(out) >= c.Limit {
			break
		}
		hi, seen = lo, seen+n
	}
	return out, nil
}

// histogram is the distribution of the sort keys: bounds splits them into
// intervals of about perInterval reports each (PostgreSQL's statistics).
type histogram struct {
	bounds      []int64
	perInterval float64
}

// below returns where a slice of about rows reports ending at hi
// (exclusive) starts, and how many reports it holds by the statistics.
// With no statistics (a new table) the slice is everything below hi.
func (h histogram) below(hi int64, rows float64) (lo int64, n float64) {
	if len(h.bounds) < 2 || h.perInterval <= 0 {
		return 0, math.Inf(1)
	}
	// i: the first bound at or above hi; the slice takes whole intervals
	// down from there.
	i := sort.Search(len(h.bounds), func(i int) bool { return h.bounds[i] >= hi })
	steps := max(1, int(math.Ceil(rows/h.perInterval)))
	if i-steps <= 0 {
		return 0, math.Inf(1)
	}
	return h.bounds[i-steps], float64(steps) * h.perInterval
}

// histCache keeps a store's histogram for a minute, as reading it costs
// about a millisecond.
type histCache struct {
	mu   sync.Mutex
	h    histogram
	read time.Time
}

func (c *histCache) get(ctx context.Context, db *sql.DB) (histogram, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if time.Since(c.read) < time.Minute {
		return c.h, nil
	}
	var bounds sql.NullString
	var tuples float64
	err := db.QueryRowContext(ctx, `SELECT s.histogram_bounds::text, c.reltuples FROM pg_stats s
		JOIN pg_namespace n ON n.nspname = s.schemaname JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = s.tablename
		WHERE s.schemaname = current_schema() AND s.tablename = 'reports' AND s.attname = 'skey'`).Scan(&bounds, &tuples)
	if err != nil && err != sql.ErrNoRows {
		return histogram{}, err
	}
	var h histogram
	for _, f := range strings.Split(strings.Trim(bounds.String, "{}"), ",") {
		if v, err := strconv.ParseInt(f, 10, 64); err == nil {
			h.bounds = append(h.bounds, v)
		}
	}
	if len(h.bounds) > 1 {
		h.perInterval = tuples / float64(len(h.bounds)-1)
	}
	if len(h.bounds) > 1 {
		c.h, c.read = h, time.Now() // without statistics, ask again next time
	}
	return h, nil
}

// indexOnly runs a query with PostgreSQL's plain index scans and sequential
// scans turned off, so that it answers from the GIN index (a bitmap of the
// matches) instead of walking the sort-key index or the table and testing
// every older report; and without JIT compilation, which the large cost
// estimates of such plans would start and which takes longer than the query.
func (d dialect) indexOnly(ctx context.Context, db *sql.DB, query string, args []any) ([]sqlstore.Candidate, error) {
	tx, err := db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `SELECT set_config('enable_indexscan', 'off', true), set_config('enable_seqscan', 'off', true),
		set_config('jit', 'off', true)`); err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return sqlstore.ScanCandidates(rows)
}

func (d dialect) candidates(ctx context.Context, db *sql.DB, query string, args []any) ([]sqlstore.Candidate, error) {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return sqlstore.ScanCandidates(rows)
}
