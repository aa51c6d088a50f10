package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/corroborate"
	"github.com/jic-center/jic/internal/scope"
)

// storyWalk bounds the newest reports Stories reads to fill a page.
const storyWalk = 2000

// Story returns a story as v may see it; see jic.StoryStore.
func (s *Store) Story(ctx context.Context, v jic.Viewer, id int64) (*jic.Story, error) {
	heads, err := s.storyHeads(ctx, v, []int64{id})
	if err != nil {
		return nil, err
	}
	if heads[id].reports == 0 {
		return nil, jic.Errorf(jic.ENOTFOUND, "no story %d", id)
	}
	views, err := s.storyViews(ctx, v, []int64{id}, heads)
	if err != nil {
		return nil, err
	}
	return views[id], nil
}

// markingRank orders markings from the least to the most restrictive.
var markingRank = map[jic.Marking]int{jic.TLPClear: 0, jic.TLPGreen: 1, jic.TLPAmber: 2, jic.TLPAmberStrict: 3, jic.TLPRed: 4}

// storyHead is what listing a story needs before its view: how many of its
// reports v may see, and the sort key of the newest.
type storyHead struct {
	reports int
	newest  int64
}

// storyHeads returns the heads of the stories v sees a report of.
func (s *Store) storyHeads(ctx context.Context, v jic.Viewer, ids []int64) (map[int64]storyHead, error) {
	where, args := scope.Reports(v, "r")
	rows, err := s.reader(ctx).QueryContext(ctx, s.q(`SELECT sr.story_id, count(*), max(r.skey) FROM story_reports sr JOIN reports r ON r.id = sr.report_id
		WHERE sr.story_id IN (`+placeholders(len(ids))+`) AND `+where+` GROUP BY sr.story_id`), append(anys(ids), args...)...)
	if err != nil {
		return nil, s.wrap(err, "count story reports")
	}
	defer rows.Close()
	out := map[int64]storyHead{}
	for rows.Next() {
		var id int64
		var h storyHead
		if err := rows.Scan(&id, &h.reports, &h.newest); err != nil {
			return nil, s.wrap(err, "scan story count")
		}
		out[id] = h
	}
	return out, s.wrap(rows.Err(), "count story reports")
}

// firstStoryReports returns a subquery of the reports v may see of the
// stories, with their story_id, id, the columns cols of story_reports sr
// and reports r, and rn, their rank in the story (earliest first): those
// with rn <= jic.MaxStoryReports are the reports a story view is built
// from.
func firstStoryReports(v jic.Viewer, ids []int64, cols string) (string, []any) {
	where, args := scope.Reports(v, "r")
	return `(SELECT sr.story_id, r.id` + cols + `, row_number() OVER (PARTITION BY sr.story_id ORDER BY r.skey, r.id) AS rn
		FROM story_reports sr JOIN reports r ON r.id = sr.report_id
		WHERE sr.story_id IN (` + placeholders(len(ids)) + `) AND ` + where + `)`, append(anys(ids), args...)
}

// storyViews builds the stories ids, whose heads are given, from the
// reports v may see, with a few statements for all of them: their
// timelines, entities, contradictions and ratings.
func (s *Store) storyViews(ctx context.Context, v jic.Viewer, ids []int64, heads map[int64]storyHead) (map[int64]*jic.Story, error) {
	views := make(map[int64]*jic.Story, len(ids))
	for _, id := range ids {
		views[id] = &jic.Story{ID: id, Reports: heads[id].reports, ReportIDs: []int64{}, Timeline: []jic.StoryReport{}, Languages: []string{},
			Sources: []string{}, Entities: []jic.StoryEntity{}}
	}
	members, err := s.storyTimelines(ctx, v, ids, views)
	if err != nil {
		return nil, err
	}
	if err := s.storyEntities(ctx, v, ids, views); err != nil {
		return nil, err
	}
	deniers, err := s.storyDeniers(ctx, v, ids, views)
	if err != nil {
		return nil, err
	}
	overrides, err := s.storyOverrides(ctx, ids)
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		st := views[id]
		sources := corroborate.Sources(members[id])
		st.IndependentSources = len(sources)
		for _, src := range sources {
			st.Sources = append(st.Sources, src.Name)
		}
		rating := corroborate.Rate(sources, deniers[id])
		st.Credibility, st.CredibilityWhy, st.RuleCredibility = rating.Credibility, rating.Why, rating.Credibility
		if o := overrides[id]; o != nil {
			st.Override = o
			st.Credibility = o.Credibility
			st.CredibilityWhy = fmt.Sprintf("%d: set by an analyst (user %d) on %s: %s. The rule gives %s", o.Credibility, o.UserID,
				o.At.Format("2006-01-02"), o.Reason, rating.Why)
		}
	}
	return views, nil
}

// storyTimelines fills the views' reports, timelines, spans, languages,
// groups and markings, and returns what corroborate needs of each report.
func (s *Store) storyTimelines(ctx context.Context, v jic.Viewer, ids []int64, views map[int64]*jic.Story) (map[int64][]corroborate.Member, error) {
	first, args := firstStoryReports(v, ids, `, sr.group_id, r.title, r.published_at, r.collected_at, r.language, r.marking, r.source_id, r.owner_member_id`)
	rows, err := s.reader(ctx).QueryContext(ctx, s.q(`SELECT x.story_id, x.id, x.title, x.published_at, x.collected_at, x.language, x.marking,
			COALESCE(src.name, ''), COALESCE(src.reliability, ''), m.name, x.group_id
		FROM `+first+` x LEFT JOIN sources src ON src.id = x.source_id JOIN members m ON m.id = x.owner_member_id
		WHERE x.rn <= `+fmt.Sprint(jic.MaxStoryReports)+` ORDER BY x.story_id, x.rn`), args...)
	if err != nil {
		return nil, s.wrap(err, "read story reports")
	}
	defer rows.Close()
	members := map[int64][]corroborate.Member{}
	groups := map[[2]int64]bool{}
	for rows.Next() {
		var story, rid, collected, group int64
		var published sql.NullInt64
		var title, lang, marking, source, reliability, member string
		if err := rows.Scan(&story, &rid, &title, &published, &collected, &lang, &marking, &source, &reliability, &member, &group); err != nil {
			return nil, s.wrap(err, "scan story report")
		}
		st := views[story]
		at := fromMS(cmp.Or(published.Int64, collected))
		if len(st.ReportIDs) == 0 {
			st.Title, st.First, st.Last = title, at, at
		}
		if at.Before(st.First) {
			st.First = at
		}
		if at.After(st.Last) {
			st.Last = at
		}
		st.ReportIDs = append(st.ReportIDs, rid)
		st.Timeline = append(st.Timeline, jic.StoryReport{ID: rid, Title: title, At: at, Language: lang, Source: cmp.Or(source, member),
			Group: group, Marking: jic.Marking(marking)})
		if lang != "" && !slices.Contains(st.Languages, lang) {
			st.Languages = append(st.Languages, lang)
		}
		if st.Marking == "" || markingRank[jic.Marking(marking)] > markingRank[st.Marking] {
			st.Marking = jic.Marking(marking)
		}
		if !groups[[2]int64{story, group}] {
			groups[[2]int64{story, group}] = true
			st.Groups++
		}
		if source == "" {
			source = member // a member's own submission: the member is the source
		}
		members[story] = append(members[story], corroborate.Member{Report: rid, Group: group, Source: source, Reliability: jic.Reliability(reliability)})
	}
	return members, s.wrap(rows.Err(), "read story reports")
}

// storyEntities fills the views' entities: those most of their reports
// name. They are counted by id first, and only the rows of the top ones of
// each story read.
func (s *Store) storyEntities(ctx context.Context, v jic.Viewer, ids []int64, views map[int64]*jic.Story) error {
	first, args := firstStoryReports(v, ids, "")
	rows, err := s.reader(ctx).QueryContext(ctx, s.q(`SELECT story_id, entity_id, n FROM (
			SELECT c.story_id, c.entity_id, c.n, row_number() OVER (PARTITION BY c.story_id ORDER BY c.n DESC, c.entity_id) AS pos FROM (
				SELECT x.story_id, m.entity_id, count(DISTINCT m.report_id) AS n FROM `+first+` x JOIN mentions m ON m.report_id = x.id
				WHERE x.rn <= `+fmt.Sprint(jic.MaxStoryReports)+` GROUP BY x.story_id, m.entity_id) c) g
		WHERE g.pos <= 16 ORDER BY story_id, pos`), args...)
	if err != nil {
		return s.wrap(err, "read story entities")
	}
	type top struct{ story, entity int64 }
	var tops []top
	var reports []int
	for rows.Next() {
		var t top
		var n int
		if err := rows.Scan(&t.story, &t.entity, &n); err != nil {
			rows.Close()
			return s.wrap(err, "scan story entity")
		}
		tops, reports = append(tops, t), append(reports, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(tops) == 0 {
		return s.wrap(err, "read story entities")
	}
	// Their rows by id, in a statement of their own: joined to the counts,
	// PostgreSQL read every entity.
	entities := map[int64]jic.StoryEntity{}
	eids := make([]int64, len(tops))
	for i, t := range tops {
		eids[i] = t.entity
	}
	slices.Sort(eids)
	eids = slices.Compact(eids)
	rows, err = s.reader(ctx).QueryContext(ctx, s.q(`SELECT id, kind, key, name, COALESCE(lat, 0), COALESCE(lon, 0) FROM entities
		WHERE id IN (`+placeholders(len(eids))+`)`), anys(eids)...)
	if err != nil {
		return s.wrap(err, "read story entities")
	}
	defer rows.Close()
	for rows.Next() {
		var e jic.StoryEntity
		var kind string
		if err := rows.Scan(&e.ID, &kind, &e.Key, &e.Name, &e.Lat, &e.Lon); err != nil {
			return s.wrap(err, "scan story entity")
		}
		e.Kind = jic.EntityKind(kind)
		entities[e.ID] = e
	}
	if err := rows.Err(); err != nil {
		return s.wrap(err, "read story entities")
	}
	for i, t := range tops {
		e := entities[t.entity]
		e.Reports = reports[i]
		views[t.story].Entities = append(views[t.story].Entities, e)
	}
	return nil
}

// maxStoryContradictions bounds the contradictions a story view counts.
const maxStoryContradictions = 1000

// storyDeniers counts the views' contradictions (the newest
// maxStoryContradictions whose two claims v may see, with a claim in one of
// the story's reports) and returns each story's deniers, newest first: the
// speaker of each contradiction's denial, or its report when unnamed.
func (s *Store) storyDeniers(ctx context.Context, v jic.Viewer, ids []int64, views map[int64]*jic.Story) (map[int64][]string, error) {
	first, args := firstStoryReports(v, ids, "")
	wa, aa := scope.Reports(v, "ra")
	wb, ab := scope.Reports(v, "rb")
	// As in reportContradictions: found from the reports' claims, either
	// side, CROSS JOIN keeping SQLite's planner off the index of all
	// contradictions.
	query := `WITH x AS (SELECT story_id, id FROM ` + first + ` f WHERE f.rn <= ` + fmt.Sprint(jic.MaxStoryReports) + `),
		pairs AS (SELECT x.story_id, l.claim_a, l.claim_b FROM x JOIN claims c ON c.report_id = x.id CROSS JOIN claim_links l
				WHERE l.claim_a = c.id AND l.contradiction = 1
			UNION SELECT x.story_id, l.claim_a, l.claim_b FROM x JOIN claims c ON c.report_id = x.id CROSS JOIN claim_links l
				WHERE l.claim_b = c.id AND l.contradiction = 1)
		SELECT story_id, a_stance, a_speaker, a_report, b_stance, b_speaker, b_report FROM (
			SELECT l.story_id, ca.stance AS a_stance, ca.speaker AS a_speaker, ca.report_id AS a_report,
				cb.stance AS b_stance, cb.speaker AS b_speaker, cb.report_id AS b_report,
				row_number() OVER (PARTITION BY l.story_id
					ORDER BY CASE WHEN ca.said_at > cb.said_at THEN ca.said_at ELSE cb.said_at END DESC, l.claim_a DESC) AS pos
			FROM pairs l JOIN claims ca ON ca.id = l.claim_a JOIN reports ra ON ra.id = ca.report_id
			JOIN claims cb ON cb.id = l.claim_b JOIN reports rb ON rb.id = cb.report_id
			WHERE ` + wa + ` AND ` + wb + `) p
		WHERE p.pos <= ` + fmt.Sprint(maxStoryContradictions) + ` ORDER BY story_id, pos`
	rows, err := s.reader(ctx).QueryContext(ctx, s.q(query), append(append(args, aa...), ab...)...)
	if err != nil {
		return nil, s.wrap(err, "read story contradictions")
	}
	defer rows.Close()
	out := map[int64][]string{}
	for rows.Next() {
		var story, aReport, bReport int64
		var aStance, aSpeaker, bStance, bSpeaker string
		if err := rows.Scan(&story, &aStance, &aSpeaker, &aReport, &bStance, &bSpeaker, &bReport); err != nil {
			return nil, s.wrap(err, "scan story contradiction")
		}
		views[story].Contradictions++
		// The denial is the second claim, unless only the first denies
		// (as Contradictions orders them).
		speaker, report := bSpeaker, bReport
		if jic.Stance(aStance) == jic.StanceDenies && jic.Stance(bStance) != jic.StanceDenies {
			speaker, report = aSpeaker, aReport
		}
		name := cmp.Or(speaker, fmt.Sprintf("an unnamed speaker in report %d", report))
		if !slices.Contains(out[story], name) {
			out[story] = append(out[story], name)
		}
	}
	return out, s.wrap(rows.Err(), "read story contradictions")
}

// storyOverrides returns the latest analyst's rating of each story that
// has one.
func (s *Store) storyOverrides(ctx context.Context, ids []int64) (map[int64]*jic.CredibilityOverride, error) {
	rows, err := s.reader(ctx).QueryContext(ctx, s.q(`SELECT story_id, credibility, reason, user_id, at FROM story_ratings
		WHERE story_id IN (`+placeholders(len(ids))+`) ORDER BY story_id, at DESC`), anys(ids)...)
	if err != nil {
		return nil, s.wrap(err, "read story ratings")
	}
	defer rows.Close()
	out := map[int64]*jic.CredibilityOverride{}
	for rows.Next() {
		var story, at int64
		var o jic.CredibilityOverride
		if err := rows.Scan(&story, &o.Credibility, &o.Reason, &o.UserID, &at); err != nil {
			return nil, s.wrap(err, "scan story rating")
		}
		if out[story] == nil {
			o.At = fromMS(at)
			out[story] = &o
		}
	}
	return out, s.wrap(rows.Err(), "read story ratings")
}

// Stories lists stories by their newest report v may see: it walks the
// newest reports v may see that are in a story, and lists each story at
// its newest report.
func (s *Store) Stories(ctx context.Context, v jic.Viewer, f jic.StoryFilter) (*jic.StoryPage, error) {
	if f.Limit <= 0 || f.Limit > 100 {
		f.Limit = 20
	}
	where, args := scope.Reports(v, "r")
	if f.Before > 0 {
		where += " AND r.skey < ?"
		args = append(args, f.Before)
	}
	rows, err := s.reader(ctx).QueryContext(ctx, s.q(`SELECT sr.story_id, r.skey FROM reports r JOIN story_reports sr ON sr.report_id = r.id
		WHERE `+where+fmt.Sprintf(` ORDER BY r.skey DESC LIMIT %d`, storyWalk)), args...)
	if err != nil {
		return nil, s.wrap(err, "list stories")
	}
	type hit struct{ story, skey int64 }
	var hits []hit
	for rows.Next() {
		var h hit
		if err := rows.Scan(&h.story, &h.skey); err != nil {
			rows.Close()
			return nil, s.wrap(err, "scan story")
		}
		hits = append(hits, h)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, s.wrap(err, "list stories")
	}
	// Each story at its first hit, the newest of its reports the walk
	// met; a story with a newer report was listed on an earlier page.
	// Heads are read for the page's worth of stories at a time, and views
	// built only for the stories listed.
	var at []int // the hits where a story is met first
	seen := map[int64]bool{}
	for i, h := range hits {
		if !seen[h.story] {
			seen[h.story] = true
			at = append(at, i)
		}
	}
	page := &jic.StoryPage{Stories: []*jic.Story{}}
	var listed []int64
	heads := map[int64]storyHead{}
	for len(at) > 0 && page.Next == 0 {
		chunk := at[:min(len(at), f.Limit+1)]
		at = at[len(chunk):]
		ids := make([]int64, len(chunk))
		for j, i := range chunk {
			ids[j] = hits[i].story
		}
		hs, err := s.storyHeads(ctx, v, ids)
		if err != nil {
			return nil, err
		}
		for _, i := range chunk {
			h := hits[i]
			if hs[h.story].newest != h.skey {
				continue // listed on an earlier page, at its newer report
			}
			if len(listed) == f.Limit {
				page.Next = hits[i-1].skey
				break
			}
			listed = append(listed, h.story)
			heads[h.story] = hs[h.story]
		}
	}
	if page.Next == 0 && len(hits) == storyWalk {
		page.Next = hits[len(hits)-1].skey
	}
	if len(listed) == 0 {
		return page, nil
	}
	views, err := s.storyViews(ctx, v, listed, heads)
	if err != nil {
		return nil, err
	}
	for _, id := range listed {
		page.Stories = append(page.Stories, views[id])
	}
	return page, nil
}

// StoryOf returns the story of a report v may see.
func (s *Store) StoryOf(ctx context.Context, v jic.Viewer, reportID int64) (int64, error) {
	where, args := scope.Reports(v, "r")
	var id int64
	err := s.reader(ctx).QueryRowContext(ctx, s.q(`SELECT sr.story_id FROM story_reports sr JOIN reports r ON r.id = sr.report_id
		WHERE sr.report_id = ? AND `+where), append([]any{reportID}, args...)...).Scan(&id)
	if err != nil {
		return 0, s.notFound(err, "story for report %d", reportID)
	}
	return id, nil
}

// OverrideCredibility records an analyst's rating of a story.
func (s *Store) OverrideCredibility(ctx context.Context, v jic.Viewer, storyID int64, c jic.Credibility, reason string, head bool) error {
	reason = strings.TrimSpace(reason)
	switch {
	case !head:
		return jic.Errorf(jic.EFORBIDDEN, "only the head of the center may override a credibility rating")
	case c < jic.Confirmed || c > jic.CannotJudge:
		return jic.FieldErrorf(jic.EINVALID, "credibility", "must be 1 (confirmed) to 6 (cannot be judged)")
	case reason == "":
		return jic.FieldErrorf(jic.EINVALID, "reason", "an override needs a reason")
	case len(reason) > 2000:
		return jic.FieldErrorf(jic.ETOOLARGE, "reason", "%d bytes is over the limit of 2000", len(reason))
	}
	if _, err := s.Story(ctx, v, storyID); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		at := ms(s.Now())
		var last sql.NullInt64
		if err := tx.QueryRowContext(ctx, s.q(`SELECT max(at) FROM story_ratings WHERE story_id = ?`), storyID).Scan(&last); err != nil {
			return s.wrap(err, "read story ratings")
		}
		if last.Valid && at <= last.Int64 {
			at = last.Int64 + 1
		}
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO story_ratings (story_id, at, credibility, reason, user_id) VALUES (?, ?, ?, ?, ?)`),
			storyID, at, int(c), reason, v.UserID); err != nil {
			return s.wrap(err, "record rating")
		}
		return s.audit(jic.WithActor(ctx, v), tx, "story.rate", fmt.Sprintf("story/%d", storyID), map[string]any{"credibility": c, "reason": reason})
	})
}
