package sqlstore

import (
	"cmp"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/scope"
)

// Sort keys order reports by the time they are filed under (published, else
// collected) and break ties by id: the Unix second in the high bits, the low
// 22 bits of the id below. Search indexes are keyed by it, so "newest first"
// and time ranges are index order.
const SortKeyIDBits = 22

// SortKey returns the sort key of a report with the given id and time in
// Unix seconds; times before 1970 file at 0.
func SortKey(unixSeconds, id int64) int64 {
	unixSeconds = max(0, min(unixSeconds, 1<<(62-SortKeyIDBits)-1))
	return unixSeconds<<SortKeyIDBits | id&(1<<SortKeyIDBits-1)
}

// SortKeyAt returns the smallest sort key of a report filed at or after the
// given Unix second.
func SortKeyAt(unixSeconds int64) int64 { return SortKey(unixSeconds, 0) }

const reportCols = `r.id, r.skey, r.source_id, COALESCE(s.name, ''), r.owner_member_id, r.submitted_by, r.title, r.body, r.url,
	r.published_at, r.collected_at, r.language, r.marking, r.content_hash, r.original_outlet`

const reportFrom = ` FROM reports r LEFT JOIN sources s ON s.id = r.source_id`

func scanReport(row interface{ Scan(...any) error }) (*jic.Report, int64, error) {
	var r jic.Report
	var skey int64
	var source, by, published sql.NullInt64
	var collected int64
	var marking string
	err := row.Scan(&r.ID, &skey, &source, &r.SourceName, &r.OwnerMemberID, &by, &r.Title, &r.Text, &r.URL,
		&published, &collected, &r.Language, &marking, &r.ContentHash, &r.OriginalOutlet)
	if err != nil {
		return nil, 0, err
	}
	r.SourceID, r.SubmittedBy = source.Int64, by.Int64
	r.Published, r.Collected, r.Marking = fromNullMS(published), fromMS(collected), jic.Marking(marking)
	return &r, skey, nil
}

// AddReports validates and stores reports in one transaction; see jic.ReportStore.
func (s *Store) AddReports(ctx context.Context, reports []*jic.Report) ([]jic.AddResult, error) {
	now := s.Now().UTC()
	for i, r := range reports {
		if r.Collected.IsZero() {
			r.Collected = now
		}
		if err := r.Validate(s.MaxRaw); err != nil {
			return nil, reportError(err, i, len(reports))
		}
		if r.Marking == jic.TLPRed && r.SubmittedBy != 0 && !containsID(r.Recipients, r.SubmittedBy) {
			r.Recipients = append(r.Recipients, r.SubmittedBy)
		}
	}
	results := make([]jic.AddResult, len(reports))
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var added []int64
		counts := map[ownerMarking]int{}
		digest := sha256.New()
		for i, r := range reports {
			res, err := s.addReport(ctx, tx, r)
			if err != nil {
				return reportError(s.wrap(err, "add report"), i, len(reports))
			}
			results[i] = res
			if !res.Duplicate {
				added = append(added, res.ID)
				counts[ownerMarking{r.OwnerMemberID, r.Marking}]++
				digest.Write([]byte(r.ContentHash))
			}
		}
		if len(added) == 0 {
			return nil
		}
		if err := s.addCounts(ctx, tx, counts); err != nil {
			return err
		}
		// One event per batch: it names the reports and a digest of their
		// content hashes, so a report edited later no longer matches it.
		return s.audit(ctx, tx, "report.add", "reports", map[string]any{
			"ids": idRanges(added), "count": len(added), "content_digest": hex.EncodeToString(digest.Sum(nil))})
	})
	if err != nil {
		return nil, err
	}
	return results, nil
}

// reportError names which report of a batch an error is about.
func reportError(err error, i, n int) error {
	if n == 1 {
		return err
	}
	if e, ok := err.(*jic.Error); ok {
		return &jic.Error{Code: e.Code, Field: fmt.Sprintf("reports[%d].%s", i, e.Field), Message: e.Message}
	}
	return fmt.Errorf("report %d: %w", i, err)
}

// idRanges writes sorted ids as [first, last] runs.
func idRanges(ids []int64) [][2]int64 {
	var out [][2]int64
	for _, id := range ids {
		if n := len(out); n > 0 && out[n-1][1]+1 == id {
			out[n-1][1] = id
			continue
		}
		out = append(out, [2]int64{id, id})
	}
	return out
}

func containsID(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

func (s *Store) addReport(ctx context.Context, tx *sql.Tx, r *jic.Report) (jic.AddResult, error) {
	var existing int64
	err := tx.QueryRowContext(ctx, s.q(`SELECT id FROM reports WHERE owner_member_id = ? AND content_hash = ?`),
		r.OwnerMemberID, r.ContentHash).Scan(&existing)
	switch {
	case err == nil:
		r.ID = existing
		return jic.AddResult{ID: existing, Duplicate: true}, s.recordItem(ctx, tx, r)
	case err != sql.ErrNoRows:
		return jic.AddResult{}, err
	}
	id, err := s.Dialect.NextReportID(ctx, tx)
	if err != nil {
		return jic.AddResult{}, err
	}
	skey, err := s.freeSortKey(ctx, tx, SortKey(r.When().Unix(), id))
	if err != nil {
		return jic.AddResult{}, err
	}
	source := sql.NullInt64{Int64: r.SourceID, Valid: r.SourceID != 0}
	by := sql.NullInt64{Int64: r.SubmittedBy, Valid: r.SubmittedBy != 0}
	ix := IndexRow{ID: id, SortKey: skey, Title: r.Title, Text: r.Text, Language: r.Language}
	cols, exprs, vals := s.Dialect.InsertColumns(ix)
	_, err = tx.ExecContext(ctx, s.q(`INSERT INTO reports
		(id, skey, source_id, owner_member_id, submitted_by, title, body, url, published_at, collected_at, language, marking, content_hash, original_outlet`+cols+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?`+exprs+`)`),
		append([]any{id, skey, source, r.OwnerMemberID, by, r.Title, r.Text, r.URL, nullMS(r.Published), ms(r.Collected),
			r.Language, string(r.Marking), r.ContentHash, truncateUTF8(strings.TrimSpace(r.OriginalOutlet), 200)}, vals...)...)
	if err != nil {
		return jic.AddResult{}, err
	}
	if len(r.Raw) > 0 {
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO report_raw (report_id, media_type, payload) VALUES (?, ?, ?)`),
			id, r.RawType, r.Raw); err != nil {
			return jic.AddResult{}, err
		}
	}
	if err := s.writeShares(ctx, tx, scope.ReportKind, id, r.ShareWith, r.Recipients); err != nil {
		return jic.AddResult{}, err
	}
	if err := s.Dialect.IndexReport(ctx, tx, ix, true); err != nil {
		return jic.AddResult{}, err
	}
	r.ID = id
	return jic.AddResult{ID: id}, s.recordItem(ctx, tx, r)
}

// recordItem remembers, in the report's transaction, that its source
// yielded its item key, so the item is never gathered twice.
func (s *Store) recordItem(ctx context.Context, tx *sql.Tx, r *jic.Report) error {
	if r.SourceID == 0 || r.ItemKey == "" {
		return nil
	}
	_, err := tx.ExecContext(ctx, s.q(`INSERT INTO source_items (source_id, item_key, report_id, first_seen) VALUES (?, ?, ?, ?)
		ON CONFLICT (source_id, item_key) DO NOTHING`), r.SourceID, truncateUTF8(r.ItemKey, 2000), r.ID, ms(s.Now()))
	return err
}

// freeSortKey returns key, or the next free one if another report holds it
// (two reports filed in the same second whose ids agree in their low bits).
func (s *Store) freeSortKey(ctx context.Context, tx *sql.Tx, key int64) (int64, error) {
	for {
		var n int
		if err := tx.QueryRowContext(ctx, s.q(`SELECT count(*) FROM reports WHERE skey = ?`), key).Scan(&n); err != nil {
			return 0, err
		}
		if n == 0 {
			return key, nil
		}
		key++
	}
}

func dedupeIDs(ids []int64) []int64 {
	seen := map[int64]bool{}
	var out []int64
	for _, id := range ids {
		if id > 0 && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// Report returns the report with its raw payload; see jic.ReportStore.
func (s *Store) Report(ctx context.Context, v jic.Viewer, id int64) (*jic.Report, error) {
	where, args := scope.Reports(v, "r")
	row := s.reader(ctx).QueryRowContext(ctx, s.q(`SELECT `+reportCols+reportFrom+` WHERE r.id = ? AND `+where),
		append([]any{id}, args...)...)
	r, _, err := scanReport(row)
	if err != nil {
		return nil, s.notFound(err, "report %d", id)
	}
	var raw []byte
	var mediaType string
	err = s.reader(ctx).QueryRowContext(ctx, s.q(`SELECT media_type, payload FROM report_raw WHERE report_id = ?`), id).Scan(&mediaType, &raw)
	if err != nil && err != sql.ErrNoRows {
		return nil, s.wrap(err, "read raw payload")
	}
	r.Raw, r.RawType = raw, mediaType
	if r.ShareWith, r.Recipients, err = s.readShares(ctx, scope.ReportKind, id); err != nil {
		return nil, err
	}
	return r, nil
}

func (s *Store) ids(ctx context.Context, query string, args ...any) ([]int64, error) {
	rows, err := s.reader(ctx).QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, s.wrap(err, "read ids")
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, s.wrap(err, "scan id")
		}
		out = append(out, id)
	}
	return out, s.wrap(rows.Err(), "read ids")
}

// Reports lists reports v may see, newest first; see jic.ReportStore.
func (s *Store) Reports(ctx context.Context, v jic.Viewer, f jic.ReportFilter) ([]*jic.Report, error) {
	if f.Limit <= 0 || f.Limit > 1000 {
		f.Limit = 50
	}
	conds, args := reportConds(v, f)
	if f.Before > 0 {
		conds = append(conds, "r.skey < ?")
		args = append(args, f.Before)
	}
	order := "r.skey DESC"
	if f.AfterID > 0 {
		order = "r.id"
	}
	query := `SELECT ` + reportCols + reportFrom + ` WHERE ` + strings.Join(conds, " AND ") + fmt.Sprintf(` ORDER BY %s LIMIT %d`, order, f.Limit)
	rows, err := s.reader(ctx).QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, s.wrap(err, "list reports")
	}
	defer rows.Close()
	var out []*jic.Report
	for rows.Next() {
		r, _, err := scanReport(rows)
		if err != nil {
			return nil, s.wrap(err, "scan report")
		}
		out = append(out, r)
	}
	return out, s.wrap(rows.Err(), "list reports")
}

// reportConds returns the predicates of f but its cursor (Before), and v's
// scope, over reports aliased r.
func reportConds(v jic.Viewer, f jic.ReportFilter) ([]string, []any) {
	conds, args := filterSQL(f.Since, f.Until, langs(f.Language), sourceIDs(f.SourceID), markings(f.Marking), "r.skey")
	if f.AfterID > 0 {
		conds, args = append(conds, "r.id > ?"), append(args, f.AfterID)
	}
	if f.EntityID > 0 {
		conds, args = append(conds, "r.id IN (SELECT report_id FROM mentions WHERE entity_id = ?)"), append(args, f.EntityID)
	}
	where, sargs := scope.Reports(v, "r")
	return append(conds, where), append(args, sargs...)
}

// CountReports returns how many reports v may see, from the counts the
// store keeps (scope.ReportCount).
func (s *Store) CountReports(ctx context.Context, v jic.Viewer) (int, error) {
	query, args := scope.ReportCount(v)
	var n int
	err := s.reader(ctx).QueryRowContext(ctx, s.q(query), args...).Scan(&n)
	return n, s.wrap(err, "count reports")
}

// ownerMarking is a row of report_counts.
type ownerMarking struct {
	owner   int64
	marking jic.Marking
}

// addCounts adds reports to their owners' counts, in the transaction that
// adds them. The rows are written in one order, so that two transactions
// adding reports of the same owners and markings queue instead of
// deadlocking, and last, so that they hold the rows' locks briefly.
func (s *Store) addCounts(ctx context.Context, tx *sql.Tx, counts map[ownerMarking]int) error {
	keys := slices.SortedFunc(maps.Keys(counts), func(a, b ownerMarking) int {
		return cmp.Or(cmp.Compare(a.owner, b.owner), strings.Compare(string(a.marking), string(b.marking)))
	})
	for _, k := range keys {
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO report_counts (owner_member_id, marking, n) VALUES (?, ?, ?)
			ON CONFLICT (owner_member_id, marking) DO UPDATE SET n = report_counts.n + excluded.n`), k.owner, string(k.marking), counts[k]); err != nil {
			return s.wrap(err, "count reports")
		}
	}
	return nil
}

// recountReports sets report_counts from the reports stored, after rows
// were loaded without AddReports (a restore).
func (s *Store) recountReports(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM report_counts`); err != nil {
		return s.wrap(err, "recount reports")
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO report_counts (owner_member_id, marking, n)
		SELECT owner_member_id, marking, count(*) FROM reports GROUP BY owner_member_id, marking`)
	return s.wrap(err, "recount reports")
}
