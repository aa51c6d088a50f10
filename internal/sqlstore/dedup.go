package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/dedup"
	"github.com/jic-center/jic/internal/scope"
)

// dedupOptions are the detection thresholds; the tie between publication
// times is none, as in dedup's evaluation.
var dedupOptions = dedup.DefaultOptions()

// maxGroupRead bounds the members read to pick a group's original or to
// show a group: a wire story carried by more outlets than that is rare, and
// the first ones are enough to pick from.
const maxGroupRead = 5000

// Deduplicate runs internal/dedup's Find on the tables described in its
// doc.go and records the decision; see jic.ReportStore.
func (s *Store) Deduplicate(ctx context.Context, reportID int64, print []byte) (*jic.Syndication, error) {
	var p dedup.Print
	if err := p.UnmarshalBinary(print); err != nil {
		return nil, jic.FieldErrorf(jic.EINVALID, "print", "%v", err)
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		// The UPDATE takes the write lock at once on SQLite and locks the one
		// row on PostgreSQL: decisions are serialized across workers and nodes.
		if _, err := tx.ExecContext(ctx, `UPDATE dedup_lock SET decisions = decisions + 1 WHERE id = 1`); err != nil {
			return s.wrap(err, "lock duplicate detection")
		}
		var n int
		if err := tx.QueryRowContext(ctx, s.q(`SELECT count(*) FROM reports WHERE id = ?`), reportID).Scan(&n); err != nil {
			return s.wrap(err, "read report")
		}
		if n == 0 {
			return jic.Errorf(jic.ENOTFOUND, "no report %d", reportID)
		}
		if err := tx.QueryRowContext(ctx, s.q(`SELECT count(*) FROM dedup_prints WHERE report_id = ?`), reportID).Scan(&n); err != nil {
			return s.wrap(err, "read print")
		}
		if n > 0 {
			return nil // decided before
		}
		f := &txFinder{ctx: ctx, s: s, tx: tx, prints: map[int64]*dedup.Print{}, full: map[uint64]int{}}
		found := dedup.Find(f, &p, dedupOptions)
		if f.err != nil {
			return f.err
		}
		group := reportID
		if found.Kind != dedup.New {
			group = f.GroupOf(found.Of)
		}
		var of sql.NullInt64
		if found.Of != 0 {
			of = sql.NullInt64{Int64: found.Of, Valid: true}
		}
		sim := found.Similarity
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO dedup_prints (report_id, version, exact_hash, print, group_id, kind, of_report, jaccard, containment, numbers)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`), reportID, dedup.Version, p.Exact[:], print, group, found.Kind.String(), of, sim.Jaccard, sim.Containment, sim.Numbers); err != nil {
			return s.wrap(err, "add print")
		}
		if found.Kind != dedup.Exact { // an exact copy is found through its original's keys
			if err := f.fileBands(reportID, p.BandKeys()); err != nil {
				return err
			}
		}
		return s.pickOriginal(ctx, tx, group)
	})
	if err != nil {
		return nil, err
	}
	return s.Syndication(ctx, jic.SystemViewer, reportID)
}

// pickOriginal runs dedup.PickOriginal over a group's members and records
// the result.
func (s *Store) pickOriginal(ctx context.Context, tx *sql.Tx, group int64) error {
	members, err := s.groupMembers(ctx, tx, group, "1 = 1", nil)
	if err != nil {
		return err
	}
	if len(members) == 0 {
		return fmt.Errorf("syndication group %d has no members", group)
	}
	orig, rule := dedup.PickOriginal(members, 0)
	var total int
	if err := tx.QueryRowContext(ctx, s.q(`SELECT count(*) FROM dedup_prints WHERE group_id = ?`), group).Scan(&total); err != nil {
		return s.wrap(err, "count group")
	}
	_, err = tx.ExecContext(ctx, s.q(`INSERT INTO dedup_groups (group_id, original_id, rule, members) VALUES (?, ?, ?, ?)
		ON CONFLICT (group_id) DO UPDATE SET original_id = excluded.original_id, rule = excluded.rule, members = excluded.members`),
		group, orig, rule.String(), total)
	return s.wrap(err, "record group")
}

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// groupMembers reads up to maxGroupRead members of a group that pass the
// predicate over reports r, with what PickOriginal weighs, in id order.
func (s *Store) groupMembers(ctx context.Context, q querier, group int64, where string, args []any) ([]dedup.Member, error) {
	rows, err := q.QueryContext(ctx, s.q(`SELECT r.id, r.published_at, r.collected_at, COALESCE(r.source_id, 0), COALESCE(s.name, ''),
			COALESCE(s.reliability, ''), r.original_outlet, COALESCE(s.republishes, '')
		FROM dedup_prints p JOIN reports r ON r.id = p.report_id LEFT JOIN sources s ON s.id = r.source_id
		WHERE p.group_id = ? AND `+where+fmt.Sprintf(` ORDER BY r.id LIMIT %d`, maxGroupRead)), append([]any{group}, args...)...)
	if err != nil {
		return nil, s.wrap(err, "read group")
	}
	defer rows.Close()
	var out []dedup.Member
	for rows.Next() {
		var m dedup.Member
		var published sql.NullInt64
		var collected int64
		var reliability, original, republishes string
		if err := rows.Scan(&m.ID, &published, &collected, &m.Meta.Source, &m.Meta.Outlet, &reliability, &original, &republishes); err != nil {
			return nil, s.wrap(err, "scan group member")
		}
		m.Meta.Published = fromMS(collected)
		if published.Valid {
			m.Meta.Published = fromMS(published.Int64)
		}
		m.Meta.Reliability = jic.Reliability(reliability)
		m.Meta.Republishes = cmp.Or(original, republishes)
		out = append(out, m)
	}
	return out, s.wrap(rows.Err(), "read group")
}

// Syndication returns a report's group as v may see it: the members v may
// see, and the original picked among them by the same rules, so that
// nothing tells v of a report it may not see.
func (s *Store) Syndication(ctx context.Context, v jic.Viewer, reportID int64) (*jic.Syndication, error) {
	where, args := scope.Reports(v, "r")
	var kind string
	var of sql.NullInt64
	var group int64
	sy := &jic.Syndication{ReportID: reportID}
	err := s.reader(ctx).QueryRowContext(ctx, s.q(`SELECT p.kind, p.of_report, p.group_id, p.jaccard, p.containment
		FROM dedup_prints p JOIN reports r ON r.id = p.report_id WHERE p.report_id = ? AND `+where), append([]any{reportID}, args...)...).
		Scan(&kind, &of, &group, &sy.Jaccard, &sy.Containment)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, jic.Errorf(jic.ENOTFOUND, "no duplicate detection result for report %d", reportID)
	}
	if err != nil {
		return nil, s.wrap(err, "read syndication")
	}
	members, err := s.groupMembers(ctx, s.reader(ctx), group, where, args)
	if err != nil {
		return nil, err
	}
	visible := map[int64]bool{}
	for _, m := range members {
		sy.Members = append(sy.Members, m.ID)
		visible[m.ID] = true
	}
	sy.Kind, sy.Group = kind, group
	if of.Valid && visible[of.Int64] {
		sy.Of = of.Int64
	} else {
		sy.Kind, sy.Jaccard, sy.Containment = jic.SyndicationNew, 0, 0
	}
	if !visible[group] {
		sy.Group = sy.Members[0]
	}
	orig, rule := dedup.PickOriginal(members, 0)
	sy.Original, sy.Rule = orig, rule.String()
	sy.Explanation = explainSyndication(sy)
	return sy, nil
}

// explainSyndication says in one sentence why a report is in its group and
// which is the original, naming only reports the viewer may see.
func explainSyndication(sy *jic.Syndication) string {
	var b strings.Builder
	switch sy.Kind {
	case jic.SyndicationExact:
		fmt.Fprintf(&b, "report %d has the same text as report %d", sy.ReportID, sy.Of)
	case jic.SyndicationNear:
		fmt.Fprintf(&b, "report %d is a near copy of report %d (estimated Jaccard %.2f, containment %.2f)", sy.ReportID, sy.Of, sy.Jaccard, sy.Containment)
	default:
		fmt.Fprintf(&b, "report %d copies no earlier report", sy.ReportID)
	}
	if len(sy.Members) == 1 {
		b.WriteString("; it has no copies")
		return b.String()
	}
	fmt.Fprintf(&b, "; its syndication group has %d reports, counted as one source; the original is report %d (%s)", len(sy.Members), sy.Original, sy.Rule)
	return b.String()
}

// txFinder is dedup.Finder over the dedup tables inside the transaction of
// one decision. The first error stops the lookups and is kept in err.
type txFinder struct {
	ctx    context.Context
	s      *Store
	tx     *sql.Tx
	err    error
	prints map[int64]*dedup.Print
	full   map[uint64]int // reports filed under each band key looked up
}

func (f *txFinder) fail(err error, what string) {
	if f.err == nil {
		f.err = f.s.wrap(err, what)
	}
}

// ExactOf returns the first report with the exact hash.
func (f *txFinder) ExactOf(h dedup.Hash) (int64, bool) {
	if f.err != nil {
		return 0, false
	}
	var id int64
	err := f.tx.QueryRowContext(f.ctx, f.s.q(`SELECT report_id FROM dedup_prints WHERE exact_hash = ? ORDER BY report_id LIMIT 1`), h[:]).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false
	}
	if err != nil {
		f.fail(err, "find exact duplicate")
		return 0, false
	}
	return id, true
}

// Candidates returns the reports filed under the most of keys, and counts
// each key's reports for fileBands.
func (f *txFinder) Candidates(keys []uint64, limit int) []int64 {
	if f.err != nil || len(keys) == 0 {
		return nil
	}
	args := make([]any, len(keys))
	for i, k := range keys {
		args[i] = int64(k)
		f.full[k] = 0
	}
	rows, err := f.tx.QueryContext(f.ctx, f.s.q(`SELECT band_key, report_id FROM dedup_bands WHERE band_key IN (`+placeholders(len(keys))+`)`), args...)
	if err != nil {
		f.fail(err, "find candidates")
		return nil
	}
	defer rows.Close()
	shared := map[int64]int{}
	for rows.Next() {
		var key, id int64
		if err := rows.Scan(&key, &id); err != nil {
			f.fail(err, "scan candidate")
			return nil
		}
		f.full[uint64(key)]++
		shared[id]++
	}
	if err := rows.Err(); err != nil {
		f.fail(err, "find candidates")
		return nil
	}
	ids := make([]int64, 0, len(shared))
	for id := range shared {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b int64) int {
		return cmp.Or(cmp.Compare(shared[b], shared[a]), cmp.Compare(a, b))
	})
	return ids[:min(limit, len(ids))]
}

// Similarity compares p with a stored print. A print of another dedup
// version is not compared: its report is refiled when it is processed
// again.
func (f *txFinder) Similarity(id int64, p *dedup.Print) (dedup.Similarity, bool) {
	if f.err != nil {
		return dedup.Similarity{}, false
	}
	q, ok := f.prints[id]
	if !ok {
		var version int
		var b []byte
		err := f.tx.QueryRowContext(f.ctx, f.s.q(`SELECT version, print FROM dedup_prints WHERE report_id = ?`), id).Scan(&version, &b)
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			f.fail(err, "read print")
		case version == dedup.Version:
			q = new(dedup.Print)
			if err := q.UnmarshalBinary(b); err != nil {
				q = nil
			}
		}
		f.prints[id] = q
	}
	if q == nil {
		return dedup.Similarity{}, false
	}
	return dedup.Compare(q, p), true
}

// GroupOf reads a report's group.
func (f *txFinder) GroupOf(id int64) int64 {
	if f.err != nil {
		return id
	}
	var g int64
	if err := f.tx.QueryRowContext(f.ctx, f.s.q(`SELECT group_id FROM dedup_prints WHERE report_id = ?`), id).Scan(&g); err != nil {
		f.fail(err, "read group")
		return id
	}
	return g
}

// fileBands files a report under each of its band keys that holds fewer
// than MaxBucket reports.
func (f *txFinder) fileBands(id int64, keys []uint64) error {
	if len(keys) == 0 {
		return nil
	}
	if _, counted := f.full[keys[0]]; !counted {
		f.Candidates(keys, 0)
		if f.err != nil {
			return f.err
		}
	}
	var args []any
	for _, k := range keys {
		if f.full[k] < dedupOptions.MaxBucket {
			args = append(args, int64(k), id)
		}
	}
	if len(args) == 0 {
		return nil
	}
	values := strings.TrimSuffix(strings.Repeat("(?, ?), ", len(args)/2), ", ")
	_, err := f.tx.ExecContext(f.ctx, f.s.q(`INSERT INTO dedup_bands (band_key, report_id) VALUES `+values+` ON CONFLICT DO NOTHING`), args...)
	return f.s.wrap(err, "file band keys")
}
