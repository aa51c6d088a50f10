package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/corroborate"
	"github.com/jic-center/jic/internal/scope"
)

var (
	claimStances = map[jic.Stance]bool{jic.StanceAsserts: true, jic.StanceConfirms: true, jic.StanceDenies: true, jic.StanceReports: true}
	speakerKinds = map[string]bool{jic.SpeakerPerson: true, jic.SpeakerOrganization: true, jic.SpeakerOutlet: true,
		jic.SpeakerAnonymous: true, jic.SpeakerUnknown: true}
)

// SetClaims replaces a report's claims and their links; see jic.ClaimStore.
func (s *Store) SetClaims(ctx context.Context, reportID int64, cs []jic.Claim) error {
	if err := validClaims(cs); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error { return s.setClaims(ctx, tx, reportID, cs) })
}

func validClaims(cs []jic.Claim) error {
	for i, c := range cs {
		switch {
		case c.Field != "title" && c.Field != "text" || c.Start < 0 || c.End < c.Start:
			return jic.Errorf(jic.EINVALID, "claim %d: needs a field (title or text) and a span", i)
		case !claimStances[c.Stance]:
			return jic.Errorf(jic.EINVALID, "claim %d: stance %q is not asserts, confirms, denies or reports", i, c.Stance)
		case !speakerKinds[c.SpeakerKind]:
			return jic.Errorf(jic.EINVALID, "claim %d: speaker kind %q is not person, organization, outlet, anonymous or unknown", i, c.SpeakerKind)
		case c.SpeakerKind == jic.SpeakerUnknown && c.SpeakerKey != "":
			return jic.Errorf(jic.EINVALID, "claim %d: an unknown speaker cannot be an entity", i)
		}
	}
	return nil
}

// setClaims replaces a report's claims inside tx and sets their IDs.
func (s *Store) setClaims(ctx context.Context, tx *sql.Tx, reportID int64, cs []jic.Claim) error {
	var said int64
	err := tx.QueryRowContext(ctx, s.q(`SELECT COALESCE(published_at, collected_at) FROM reports WHERE id = ?`), reportID).Scan(&said)
	if err != nil {
		return s.notFound(err, "report %d", reportID)
	}
	if err := s.deleteClaims(ctx, tx, reportID); err != nil {
		return err
	}
	keys := map[string]sql.NullInt64{}
	entity := func(key string) (sql.NullInt64, error) {
		if key == "" {
			return sql.NullInt64{}, nil
		}
		if id, ok := keys[key]; ok {
			return id, nil
		}
		var id sql.NullInt64
		err := tx.QueryRowContext(ctx, s.q(`SELECT id FROM entities WHERE key = ?`), key).Scan(&id)
		if err != nil && err != sql.ErrNoRows {
			return id, s.wrap(err, "find entity")
		}
		keys[key] = id
		return id, nil
	}
	for i := range cs {
		c := &cs[i]
		speaker, err := entity(c.SpeakerKey)
		if err != nil {
			return err
		}
		via, _ := json.Marshal(c.Via)
		if c.Via == nil {
			via = []byte("[]")
		}
		err = tx.QueryRowContext(ctx, s.q(`INSERT INTO claims (report_id, field, span_start, span_end, speaker, speaker_kind, speaker_entity_id, stance, cue, quote, via, said_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`), reportID, c.Field, c.Start, c.End, truncateUTF8(c.Speaker, 500), c.SpeakerKind,
			speaker, string(c.Stance), truncateUTF8(c.Cue, 100), truncateUTF8(c.Quote, 4000), string(via), said).Scan(&c.ID)
		if err != nil {
			return s.wrap(err, "add claim")
		}
		seen := map[int64]bool{}
		for _, k := range c.AboutKeys {
			e, err := entity(k)
			if err != nil {
				return err
			}
			if !e.Valid || seen[e.Int64] {
				continue
			}
			seen[e.Int64] = true
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO claim_about (entity_id, claim_id, said_at) VALUES (?, ?, ?)`), e.Int64, c.ID, said); err != nil {
				return s.wrap(err, "add claim entity")
			}
		}
	}
	return nil
}

// deleteClaims removes a report's claims with their entities and links.
func (s *Store) deleteClaims(ctx context.Context, tx *sql.Tx, reportID int64) error {
	const ofReport = `SELECT id FROM claims WHERE report_id = ?`
	for _, d := range []struct {
		q    string
		args []any
	}{
		{`DELETE FROM claim_links WHERE claim_a IN (` + ofReport + `) OR claim_b IN (` + ofReport + `)`, []any{reportID, reportID}},
		{`DELETE FROM claim_about WHERE claim_id IN (` + ofReport + `)`, []any{reportID}},
		{`DELETE FROM claims WHERE report_id = ?`, []any{reportID}},
	} {
		if _, err := tx.ExecContext(ctx, s.q(d.q), d.args...); err != nil {
			return s.wrap(err, "replace claims")
		}
	}
	return nil
}

const claimCols = `c.id, c.report_id, c.field, c.span_start, c.span_end, c.speaker, c.speaker_kind, COALESCE(c.speaker_entity_id, 0),
	COALESCE(se.key, ''), c.stance, c.cue, c.quote, c.via, c.said_at, r.language, r.marking, COALESCE(src.name, rm.name)`

const claimFrom = ` FROM claims c JOIN reports r ON r.id = c.report_id LEFT JOIN entities se ON se.id = c.speaker_entity_id
	LEFT JOIN sources src ON src.id = r.source_id JOIN members rm ON rm.id = r.owner_member_id`

// readClaims runs a query over claimCols and claimFrom and adds each
// claim's About entities.
func (s *Store) readClaims(ctx context.Context, query string, args ...any) ([]jic.Claim, error) {
	rows, err := s.reader(ctx).QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, s.wrap(err, "read claims")
	}
	out := []jic.Claim{}
	byID := map[int64]int{}
	for rows.Next() {
		var c jic.Claim
		var stance, via, marking string
		var said int64
		if err := rows.Scan(&c.ID, &c.ReportID, &c.Field, &c.Start, &c.End, &c.Speaker, &c.SpeakerKind, &c.SpeakerID, &c.SpeakerKey,
			&stance, &c.Cue, &c.Quote, &via, &said, &c.Language, &marking, &c.Source); err != nil {
			rows.Close()
			return nil, s.wrap(err, "scan claim")
		}
		c.Stance, c.Said, c.Marking = jic.Stance(stance), fromMS(said), jic.Marking(marking)
		_ = json.Unmarshal([]byte(via), &c.Via)
		byID[c.ID] = len(out)
		out = append(out, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, s.wrap(err, "read claims")
	}
	if len(out) == 0 {
		return out, nil
	}
	ids := make([]any, 0, len(out))
	for _, c := range out {
		ids = append(ids, c.ID)
	}
	rows, err = s.reader(ctx).QueryContext(ctx, s.q(`SELECT a.claim_id, e.id, e.key FROM claim_about a JOIN entities e ON e.id = a.entity_id
		WHERE a.claim_id IN (`+placeholders(len(ids))+`) ORDER BY a.claim_id, e.id`), ids...)
	if err != nil {
		return nil, s.wrap(err, "read claim entities")
	}
	defer rows.Close()
	for rows.Next() {
		var cid, eid int64
		var key string
		if err := rows.Scan(&cid, &eid, &key); err != nil {
			return nil, s.wrap(err, "scan claim entity")
		}
		c := &out[byID[cid]]
		c.About, c.AboutKeys = append(c.About, eid), append(c.AboutKeys, key)
	}
	return out, s.wrap(rows.Err(), "read claim entities")
}

// ReportClaims returns the claims of reports, in the order given, each
// in text order.
func (s *Store) ReportClaims(ctx context.Context, reportIDs ...int64) ([]jic.Claim, error) {
	if len(reportIDs) == 0 {
		return []jic.Claim{}, nil
	}
	cs, err := s.readClaims(ctx, `SELECT `+claimCols+claimFrom+` WHERE c.report_id IN (`+placeholders(len(reportIDs))+`)
		ORDER BY c.report_id, CASE c.field WHEN 'title' THEN 0 ELSE 1 END, c.span_start, c.id`, anys(reportIDs)...)
	if err != nil || len(reportIDs) == 1 {
		return cs, err
	}
	at := make(map[int64]int, len(reportIDs))
	for i, id := range reportIDs {
		if _, ok := at[id]; !ok {
			at[id] = i
		}
	}
	slices.SortStableFunc(cs, func(a, b jic.Claim) int { return cmp.Compare(at[a.ReportID], at[b.ReportID]) })
	return cs, nil
}

// ClaimsAbout returns claims of other reports naming or said by one of
// the entity keys in a time window, for linking.
func (s *Store) ClaimsAbout(ctx context.Context, keys []string, reportID int64, since, until time.Time, limit int) ([]jic.Claim, error) {
	if len(keys) == 0 || limit <= 0 {
		return []jic.Claim{}, nil
	}
	ids, err := s.ids(ctx, `SELECT id FROM entities WHERE key IN (`+placeholders(len(keys))+`)`, anys(keys)...)
	if err != nil || len(ids) == 0 {
		return []jic.Claim{}, err
	}
	in := placeholders(len(ids))
	args := append(anys(ids), ms(since), ms(until), reportID)
	args = append(append(args, anys(ids)...), ms(since), ms(until), reportID)
	return s.readClaims(ctx, `SELECT `+claimCols+claimFrom+` WHERE c.id IN (
			SELECT a.claim_id FROM claim_about a JOIN claims x ON x.id = a.claim_id
			WHERE a.entity_id IN (`+in+`) AND a.said_at BETWEEN ? AND ? AND x.report_id <> ?
			UNION
			SELECT x.id FROM claims x WHERE x.speaker_entity_id IN (`+in+`) AND x.said_at BETWEEN ? AND ? AND x.report_id <> ?)
		ORDER BY c.said_at DESC, c.id DESC`+fmt.Sprintf(` LIMIT %d`, limit), args...)
}

func anys[T any](xs []T) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

// LinkClaims records links between claims, the lower id first.
func (s *Store) LinkClaims(ctx context.Context, links []jic.ClaimLink) error {
	for i, l := range links {
		if l.A == l.B || l.A <= 0 || l.B <= 0 || l.Score < 0 || l.Score > 1 {
			return jic.Errorf(jic.EINVALID, "link %d: needs two different claims and a score from 0 to 1", i)
		}
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		for _, l := range links {
			a, b := min(l.A, l.B), max(l.A, l.B)
			// A contradiction keeps its time, that of its later claim.
			_, err := tx.ExecContext(ctx, s.q(`INSERT INTO claim_links (claim_a, claim_b, score, contradiction, later_at)
				VALUES (?, ?, ?, ?, CASE WHEN ? = 1 THEN (SELECT max(said_at) FROM claims WHERE id IN (?, ?)) END)
				ON CONFLICT (claim_a, claim_b) DO UPDATE SET score = excluded.score, contradiction = excluded.contradiction, later_at = excluded.later_at`),
				a, b, l.Score, boolInt(l.Contradiction), boolInt(l.Contradiction), a, b)
			if err != nil {
				if jic.ErrorCode(s.wrap(err, "")) == jic.EINVALID {
					return jic.Errorf(jic.ENOTFOUND, "no claim %d or %d", a, b)
				}
				return s.wrap(err, "link claims")
			}
		}
		return nil
	})
}

// Contradictions lists contradictions whose two claims v may see.
func (s *Store) Contradictions(ctx context.Context, v jic.Viewer, reportIDs []int64, limit int) ([]jic.Contradiction, error) {
	if limit <= 0 || limit > 1000 {
		limit = 50
	}
	var pairs []linkPair
	var err error
	if len(reportIDs) > 0 {
		pairs, err = s.reportContradictions(ctx, v, reportIDs, limit)
	} else {
		pairs, err = s.newestContradictions(ctx, v, limit)
	}
	if err != nil || len(pairs) == 0 {
		return []jic.Contradiction{}, err
	}
	ids := make([]any, 0, 2*len(pairs))
	for _, p := range pairs {
		ids = append(ids, p.a, p.b)
	}
	cs, err := s.readClaims(ctx, `SELECT `+claimCols+claimFrom+` WHERE c.id IN (`+placeholders(len(ids))+`)`, ids...)
	if err != nil {
		return nil, err
	}
	byID := map[int64]*jic.Claim{}
	for i := range cs {
		byID[cs[i].ID] = &cs[i]
	}
	out := []jic.Contradiction{}
	for _, p := range pairs {
		a, b := byID[p.a], byID[p.b]
		if a == nil || b == nil {
			continue
		}
		if a.Stance == jic.StanceDenies && b.Stance != jic.StanceDenies {
			a, b = b, a
		}
		out = append(out, jic.Contradiction{Score: p.score, Claim: a, Denial: b})
	}
	return out, nil
}

// linkPair is a contradiction found: its claims, score and the time of the
// later claim.
type linkPair struct {
	a, b  int64
	score float64
	at    int64
}

// reportContradictions returns the contradictions with a side in one of
// the reports, newest first.
func (s *Store) reportContradictions(ctx context.Context, v jic.Viewer, reportIDs []int64, limit int) ([]linkPair, error) {
	wa, aa := scope.Reports(v, "ra")
	wb, ab := scope.Reports(v, "rb")
	// The contradictions of the reports' claims, found from either side,
	// stand for the table, so that the work follows the reports and not
	// every contradiction in the store. CROSS JOIN keeps SQLite's planner
	// from starting at the partial index of all contradictions;
	// PostgreSQL plans it as any join.
	in := placeholders(len(reportIDs))
	query := `SELECT l.claim_a, l.claim_b, l.score, CASE WHEN ca.said_at > cb.said_at THEN ca.said_at ELSE cb.said_at END AS later_at FROM (
			SELECT l.claim_a, l.claim_b, l.score FROM claims c CROSS JOIN claim_links l
			WHERE c.report_id IN (` + in + `) AND l.claim_a = c.id AND l.contradiction = 1
			UNION SELECT l.claim_a, l.claim_b, l.score FROM claims c CROSS JOIN claim_links l
			WHERE c.report_id IN (` + in + `) AND l.claim_b = c.id AND l.contradiction = 1) l
		JOIN claims ca ON ca.id = l.claim_a JOIN reports ra ON ra.id = ca.report_id
		JOIN claims cb ON cb.id = l.claim_b JOIN reports rb ON rb.id = cb.report_id
		WHERE ` + wa + ` AND ` + wb + fmt.Sprintf(` ORDER BY later_at DESC, l.claim_a DESC LIMIT %d`, limit)
	args := append(append(append(anys(reportIDs), anys(reportIDs)...), aa...), ab...)
	return s.linkPairs(ctx, query, args)
}

// newestContradictions returns the newest contradictions v may see: it
// walks the contradictions by their time (claim_links_newest: only
// contradictions have one; naming contradiction = 1 too would lead SQLite
// to another index and a sort of them all) and reads
// the claims and reports of each for the scope, so the work grows with
// how many it passes that v may not see, not with how many there are.
func (s *Store) newestContradictions(ctx context.Context, v jic.Viewer, limit int) ([]linkPair, error) {
	wa, aa := scope.Reports(v, "ra")
	wb, ab := scope.Reports(v, "rb")
	// CROSS JOIN fixes SQLite's order: the index first.
	return s.linkPairs(ctx, `SELECT l.claim_a, l.claim_b, l.score, l.later_at
		FROM claim_links l CROSS JOIN claims ca CROSS JOIN reports ra CROSS JOIN claims cb CROSS JOIN reports rb
		WHERE l.later_at IS NOT NULL AND ca.id = l.claim_a AND ra.id = ca.report_id AND cb.id = l.claim_b AND rb.id = cb.report_id
		AND `+wa+` AND `+wb+fmt.Sprintf(` ORDER BY l.later_at DESC, l.claim_a DESC LIMIT %d`, limit), append(append([]any{}, aa...), ab...))
}

// recountContradictionTimes sets the time of contradictions loaded without
// LinkClaims (a restore).
func (s *Store) recountContradictionTimes(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `UPDATE claim_links SET later_at = (SELECT max(c.said_at) FROM claims c WHERE c.id IN (claim_links.claim_a, claim_links.claim_b))
		WHERE contradiction = 1`)
	return s.wrap(err, "recount contradiction times")
}

// idChunk is how many ids a statement takes in an IN list: SQLite takes
// 32,766 arguments, PostgreSQL 65,535.
const idChunk = 10000

// linkPairs runs a query of claim_a, claim_b, score and time.
func (s *Store) linkPairs(ctx context.Context, query string, args []any) ([]linkPair, error) {
	rows, err := s.reader(ctx).QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, s.wrap(err, "read contradictions")
	}
	defer rows.Close()
	var out []linkPair
	for rows.Next() {
		var p linkPair
		if err := rows.Scan(&p.a, &p.b, &p.score, &p.at); err != nil {
			return nil, s.wrap(err, "scan contradiction")
		}
		out = append(out, p)
	}
	return out, s.wrap(rows.Err(), "read contradictions")
}

// RateClaims rates each claim by what carries it and what denies it among
// the linked claims v may see: a claim's side is its report and the
// reports of linked claims of the same stance (a denial's side, the other
// denials), counted as independent sources by internal/corroborate; the
// linked claims of the other side are its deniers (or, for a denial, those
// it denies).
func (s *Store) RateClaims(ctx context.Context, v jic.Viewer, cs []jic.Claim) error {
	if len(cs) == 0 {
		return nil
	}
	ids := make([]any, len(cs))
	reports := map[int64]bool{}
	for i, c := range cs {
		ids[i] = c.ID
		reports[c.ReportID] = true
	}
	meta, err := s.reportSources(ctx, reports)
	if err != nil {
		return err
	}
	in := placeholders(len(ids))
	rows, err := s.reader(ctx).QueryContext(ctx, s.q(`SELECT claim_a, claim_b FROM claim_links WHERE claim_a IN (`+in+`) OR claim_b IN (`+in+`)
		ORDER BY claim_a, claim_b`), append(ids, ids...)...)
	if err != nil {
		return s.wrap(err, "read claim links")
	}
	linkedIDs := map[int64][]int64{}
	var others []int64
	for rows.Next() {
		var a, b int64
		if err := rows.Scan(&a, &b); err != nil {
			rows.Close()
			return s.wrap(err, "scan claim link")
		}
		linkedIDs[a], linkedIDs[b] = append(linkedIDs[a], b), append(linkedIDs[b], a)
		others = append(others, a, b)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return s.wrap(err, "read claim links")
	}
	// The linked claims v may see, with what corroborate needs of their
	// reports, by their ids: asked from the links in one statement,
	// PostgreSQL expected hundreds of links a claim and read every claim.
	type linkedClaim struct {
		denies  bool
		speaker string
		report  corroborate.Member
	}
	visible := map[int64]linkedClaim{}
	where, args := scope.Reports(v, "r")
	slices.Sort(others)
	err = chunks(slices.Compact(others), idChunk, func(part []int64) error {
		rows, err := s.reader(ctx).QueryContext(ctx, s.q(`SELECT o.id, o.report_id, o.stance, o.speaker,
				COALESCE(p.group_id, r.id), COALESCE(src.name, m.name), COALESCE(src.reliability, '')
			FROM claims o JOIN reports r ON r.id = o.report_id LEFT JOIN dedup_prints p ON p.report_id = r.id
			LEFT JOIN sources src ON src.id = r.source_id JOIN members m ON m.id = r.owner_member_id
			WHERE o.id IN (`+placeholders(len(part))+`) AND `+where), append(anys(part), args...)...)
		if err != nil {
			return s.wrap(err, "read linked claims")
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var o linkedClaim
			var stance, reliability string
			if err := rows.Scan(&id, &o.report.Report, &stance, &o.speaker, &o.report.Group, &o.report.Source, &reliability); err != nil {
				return s.wrap(err, "scan linked claim")
			}
			o.denies, o.report.Reliability = jic.Stance(stance) == jic.StanceDenies, jic.Reliability(reliability)
			visible[id] = o
		}
		return s.wrap(rows.Err(), "read linked claims")
	})
	if err != nil {
		return err
	}
	for i := range cs {
		c := &cs[i]
		side := []corroborate.Member{meta[c.ReportID]}
		var deniers []string
		for _, id := range linkedIDs[c.ID] {
			o, ok := visible[id]
			if !ok {
				continue // a claim of a report v may not see
			}
			if o.denies == (c.Stance == jic.StanceDenies) {
				side = append(side, o.report)
			} else if name := cmp.Or(o.speaker, fmt.Sprintf("an unnamed speaker in report %d", o.report.Report)); !slices.Contains(deniers, name) {
				deniers = append(deniers, name)
			}
		}
		r := corroborate.Rate(corroborate.Sources(side), deniers)
		c.Credibility, c.CredibilityWhy = r.Credibility, r.Why
	}
	return nil
}

// reportSources reads what corroborate needs of each report: its
// syndication group and its source (or the member that submitted it).
func (s *Store) reportSources(ctx context.Context, reports map[int64]bool) (map[int64]corroborate.Member, error) {
	ids := make([]any, 0, len(reports))
	for id := range reports {
		ids = append(ids, id)
	}
	out := map[int64]corroborate.Member{}
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := s.reader(ctx).QueryContext(ctx, s.q(`SELECT r.id, COALESCE(p.group_id, r.id), COALESCE(src.name, m.name), COALESCE(src.reliability, '')
		FROM reports r LEFT JOIN dedup_prints p ON p.report_id = r.id LEFT JOIN sources src ON src.id = r.source_id
		JOIN members m ON m.id = r.owner_member_id WHERE r.id IN (`+placeholders(len(ids))+`)`), ids...)
	if err != nil {
		return nil, s.wrap(err, "read report sources")
	}
	defer rows.Close()
	for rows.Next() {
		var m corroborate.Member
		var reliability string
		if err := rows.Scan(&m.Report, &m.Group, &m.Source, &reliability); err != nil {
			return nil, s.wrap(err, "scan report source")
		}
		m.Reliability = jic.Reliability(reliability)
		out[m.Report] = m
	}
	return out, s.wrap(rows.Err(), "read report sources")
}
