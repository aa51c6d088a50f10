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
	"github.com/jic-center/jic/internal/corroborate"
	"github.com/jic-center/jic/internal/scope"
)

// storyWalk bounds the newest reports Stories reads to fill a page.
const storyWalk = 2000

// Story returns a story as v may see it; see jic.StoryStore.
func (s *Store) Story(ctx context.Context, v jic.Viewer, id int64) (*jic.Story, error) {
	st, _, err := s.storyView(ctx, v, id)
	return st, err
}

// markingRank orders markings from the least to the most restrictive.
var markingRank = map[jic.Marking]int{jic.TLPClear: 0, jic.TLPGreen: 1, jic.TLPAmber: 2, jic.TLPAmberStrict: 3, jic.TLPRed: 4}

// storyView builds the story from the reports v may see, and returns the
// sort key of the newest of them too.
func (s *Store) storyView(ctx context.Context, v jic.Viewer, id int64) (*jic.Story, int64, error) {
	where, args := scope.Reports(v, "r")
	st := &jic.Story{ID: id, ReportIDs: []int64{}, Timeline: []jic.StoryReport{}, Languages: []string{}, Sources: []string{}, Entities: []jic.StoryEntity{}}
	if err := s.reader(ctx).QueryRowContext(ctx, s.q(`SELECT count(*) FROM story_reports sr JOIN reports r ON r.id = sr.report_id
		WHERE sr.story_id = ? AND `+where), append([]any{id}, args...)...).Scan(&st.Reports); err != nil {
		return nil, 0, s.wrap(err, "count story reports")
	}
	if st.Reports == 0 {
		return nil, 0, jic.Errorf(jic.ENOTFOUND, "no story %d", id)
	}
	rows, err := s.reader(ctx).QueryContext(ctx, s.q(`SELECT r.id, r.skey, r.title, r.published_at, r.collected_at, r.language, r.marking,
			COALESCE(src.name, ''), COALESCE(src.reliability, ''), m.name, sr.group_id
		FROM story_reports sr JOIN reports r ON r.id = sr.report_id LEFT JOIN sources src ON src.id = r.source_id
		JOIN members m ON m.id = r.owner_member_id
		WHERE sr.story_id = ? AND `+where+fmt.Sprintf(` ORDER BY r.skey, r.id LIMIT %d`, jic.MaxStoryReports)), append([]any{id}, args...)...)
	if err != nil {
		return nil, 0, s.wrap(err, "read story reports")
	}
	var members []corroborate.Member
	groups := map[int64]bool{}
	var newest int64
	for rows.Next() {
		var rid, skey, collected, group int64
		var published sql.NullInt64
		var title, lang, marking, source, reliability, member string
		if err := rows.Scan(&rid, &skey, &title, &published, &collected, &lang, &marking, &source, &reliability, &member, &group); err != nil {
			rows.Close()
			return nil, 0, s.wrap(err, "scan story report")
		}
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
		groups[group] = true
		newest = max(newest, skey)
		if source == "" {
			source = member // a member's own submission: the member is the source
		}
		members = append(members, corroborate.Member{Report: rid, Group: group, Source: source, Reliability: jic.Reliability(reliability)})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, s.wrap(err, "read story reports")
	}
	st.Groups = len(groups)
	sources := corroborate.Sources(members)
	st.IndependentSources = len(sources)
	for _, src := range sources {
		st.Sources = append(st.Sources, src.Name)
	}
	if st.Entities, err = s.storyEntities(ctx, st.ReportIDs); err != nil {
		return nil, 0, err
	}
	cs, err := s.Contradictions(ctx, v, st.ReportIDs, 1000)
	if err != nil {
		return nil, 0, err
	}
	st.Contradictions = len(cs)
	var deniers []string
	for _, c := range cs {
		name := c.Denial.Speaker
		if name == "" {
			name = fmt.Sprintf("an unnamed speaker in report %d", c.Denial.ReportID)
		}
		if !slices.Contains(deniers, name) {
			deniers = append(deniers, name)
		}
	}
	rating := corroborate.Rate(sources, deniers)
	st.Credibility, st.CredibilityWhy, st.RuleCredibility = rating.Credibility, rating.Why, rating.Credibility
	var o jic.CredibilityOverride
	var at int64
	err = s.reader(ctx).QueryRowContext(ctx, s.q(`SELECT credibility, reason, user_id, at FROM story_ratings WHERE story_id = ? ORDER BY at DESC LIMIT 1`), id).
		Scan(&o.Credibility, &o.Reason, &o.UserID, &at)
	switch {
	case err == nil:
		o.At = fromMS(at)
		st.Override = &o
		st.Credibility = o.Credibility
		st.CredibilityWhy = fmt.Sprintf("%d: set by an analyst (user %d) on %s: %s. The rule gives %s", o.Credibility, o.UserID,
			o.At.Format("2006-01-02"), o.Reason, rating.Why)
	case !errors.Is(err, sql.ErrNoRows):
		return nil, 0, s.wrap(err, "read story rating")
	}
	return st, newest, nil
}

// storyEntities returns the entities most of the reports name.
func (s *Store) storyEntities(ctx context.Context, ids []int64) ([]jic.StoryEntity, error) {
	// Counted by entity id first, and only the top ones joined to their
	// entities.
	rows, err := s.reader(ctx).QueryContext(ctx, s.q(`SELECT e.id, e.kind, e.key, e.name, COALESCE(e.lat, 0), COALESCE(e.lon, 0), g.n FROM (
			SELECT m.entity_id, count(DISTINCT m.report_id) AS n FROM mentions m WHERE m.report_id IN (`+placeholders(len(ids))+`)
			GROUP BY m.entity_id ORDER BY n DESC, m.entity_id LIMIT 16) g
		JOIN entities e ON e.id = g.entity_id ORDER BY g.n DESC, e.id`), anys(ids)...)
	if err != nil {
		return nil, s.wrap(err, "read story entities")
	}
	defer rows.Close()
	out := []jic.StoryEntity{}
	for rows.Next() {
		var e jic.StoryEntity
		var kind string
		if err := rows.Scan(&e.ID, &kind, &e.Key, &e.Name, &e.Lat, &e.Lon, &e.Reports); err != nil {
			return nil, s.wrap(err, "scan story entity")
		}
		e.Kind = jic.EntityKind(kind)
		out = append(out, e)
	}
	return out, s.wrap(rows.Err(), "read story entities")
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
	page := &jic.StoryPage{Stories: []*jic.Story{}}
	seen := map[int64]bool{}
	for i, h := range hits {
		if seen[h.story] {
			continue
		}
		seen[h.story] = true
		st, newest, err := s.storyView(ctx, v, h.story)
		if err != nil {
			return nil, err
		}
		if newest != h.skey {
			continue // listed on an earlier page, at its newer report
		}
		if len(page.Stories) == f.Limit {
			page.Next = hits[i-1].skey
			break
		}
		page.Stories = append(page.Stories, st)
	}
	if page.Next == 0 && len(hits) == storyWalk {
		page.Next = hits[len(hits)-1].skey
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
	if _, _, err := s.storyView(ctx, v, storyID); err != nil {
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
