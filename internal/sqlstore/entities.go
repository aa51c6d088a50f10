package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/scope"
)

// maxAliases bounds the aliases Entity returns: the most used surfaces of
// an entity named in a million reports.
const maxAliases = 200

// dayKeys is the sort keys in a day: the Unix second sits above
// SortKeyIDBits bits of id, so a sort key divided by it is the Unix day.
const dayKeys = int64(86400) << SortKeyIDBits

// Entity returns an entity with its aliases in the reports v may see; see
// jic.EntityStore.
func (s *Store) Entity(ctx context.Context, v jic.Viewer, id int64) (*jic.Entity, error) {
	where, args := scope.Reports(v, "r")
	rows, err := s.reader(ctx).QueryContext(ctx, s.q(`SELECT r.language, m.surface, count(*) n
		FROM mentions m JOIN reports r ON r.id = m.report_id
		WHERE m.entity_id = ? AND r.id IN (`+latestNaming(where, jic.AliasWindow)+`)
		GROUP BY r.language, m.surface ORDER BY n DESC, r.language, m.surface LIMIT `+fmt.Sprint(maxAliases)),
		append([]any{id, id}, args...)...)
	if err != nil {
		return nil, s.wrap(err, "read aliases")
	}
	defer rows.Close()
	aliases := map[string][]string{}
	for rows.Next() {
		var lang, surface string
		var n int
		if err := rows.Scan(&lang, &surface, &n); err != nil {
			return nil, s.wrap(err, "scan alias")
		}
		aliases[lang] = append(aliases[lang], surface)
	}
	if err := rows.Err(); err != nil {
		return nil, s.wrap(err, "read aliases")
	}
	if len(aliases) == 0 {
		return nil, jic.Errorf(jic.ENOTFOUND, "no entity %d", id)
	}
	e, err := scanEntity(s.reader(ctx).QueryRowContext(ctx, s.q(`SELECT `+entityCols+` FROM entities e WHERE e.id = ?`), id))
	if err != nil {
		return nil, s.notFound(err, "entity %d", id)
	}
	e.Aliases = aliases
	return e, nil
}

// latestNaming returns a query of the ids of the n reports stored last
// that name the entity of the first argument and match where (over
// reports r, arguments after it). It walks the entity's mentions by
// report, newest first, and stops after n: the work is the same for an
// entity named in a hundred reports and in a third of a million, where
// taking the newest by publication would sort them all.
func latestNaming(where string, n int) string {
	return `SELECT m.report_id FROM mentions m JOIN reports r ON r.id = m.report_id WHERE m.entity_id = ? AND ` + where +
		fmt.Sprintf(` GROUP BY m.report_id ORDER BY m.report_id DESC LIMIT %d`, n)
}

// listCols are reportCols with an empty text, for lists.
var listCols = strings.Replace(reportCols, "r.body", "''", 1)

const entityCols = `e.id, e.kind, e.key, e.name, e.country, e.lat, e.lon, e.geoname_id, e.precision`

func scanEntity(row interface{ Scan(...any) error }, more ...any) (*jic.Entity, error) {
	var e jic.Entity
	var kind string
	var lat, lon sql.NullFloat64
	var geo sql.NullInt64
	err := row.Scan(append([]any{&e.ID, &kind, &e.Key, &e.CanonicalName, &e.Country, &lat, &lon, &geo, &e.Precision}, more...)...)
	e.Kind, e.Lat, e.Lon, e.GeonameID = jic.EntityKind(kind), lat.Float64, lon.Float64, geo.Int64
	return &e, err
}

// EntityMentions returns the reports, days and co-mentions of an entity as
// v may see them; see jic.EntityStore. It runs four queries whatever the
// number of reports: how often the entity is named, the page, the days,
// and the co-mentions.
func (s *Store) EntityMentions(ctx context.Context, v jic.Viewer, id int64, f jic.ReportFilter) (*jic.EntityMentions, error) {
	if f.Limit <= 0 || f.Limit > 1000 {
		f.Limit = 50
	}
	f.EntityID, f.AfterID = 0, 0
	out := &jic.EntityMentions{Reports: []*jic.Report{}, Days: []jic.DayCount{}}
	conds, args := reportConds(v, f)
	named, err := s.namingCond(ctx, id)
	if err != nil {
		return nil, err
	}
	pconds, pargs := append([]string{named}, conds...), append([]any{id}, args...)
	if f.Before > 0 {
		pconds, pargs = append(pconds, "r.skey < ?"), append(pargs, f.Before)
	}
	// The page's ids first, then their rows without the text: sorting the
	// matches with their columns would read every match's text.
	rows, err := s.reader(ctx).QueryContext(ctx, s.q(`SELECT `+listCols+reportFrom+` WHERE r.id IN (SELECT r.id FROM reports r WHERE `+
		strings.Join(pconds, " AND ")+fmt.Sprintf(` ORDER BY r.skey DESC LIMIT %d) ORDER BY r.skey DESC`, f.Limit+1)), pargs...)
	if err != nil {
		return nil, s.wrap(err, "list entity reports")
	}
	defer rows.Close()
	var last int64
	for rows.Next() {
		r, skey, err := scanReport(rows)
		if err != nil {
			return nil, s.wrap(err, "scan report")
		}
		if len(out.Reports) == f.Limit {
			out.Next = last
			break
		}
		last = skey
		out.Reports = append(out.Reports, r)
	}
	if err := rows.Err(); err != nil {
		return nil, s.wrap(err, "list entity reports")
	}
	rows.Close()
	// The days and the co-mentions are counted in the reports stored last,
	// found from the entity's mentions.
	where := strings.Join(conds, " AND ")
	args = append([]any{id}, args...)
	if out.Days, err = s.days(ctx, where, args); err != nil {
		return nil, err
	}
	if out.Entities, out.Places, err = s.coMentions(ctx, id, where, args); err != nil {
		return nil, err
	}
	for _, d := range out.Days {
		out.DayReports += d.Reports
	}
	out.Window = min(out.DayReports, jic.CoMentionWindow)
	return out, nil
}

// frequentMentions is how many mentions make an entity frequent enough
// that the newest reports naming it are found by walking the newest
// reports: with 20,000 in a million reports, about one in fifty names it.
const frequentMentions = 20000

// namingCond returns a predicate over reports r, taking the entity's id,
// that keeps the reports naming entity id, in the form that finds the
// newest of them fastest: for an entity named often, a test of each report
// walked newest first; for a rarer one, the list of its reports, sorted.
// (The first would read a million reports to find a rare entity's few;
// the second sorts a third of a million for a country.)
func (s *Store) namingCond(ctx context.Context, id int64) (string, error) {
	var n int
	err := s.reader(ctx).QueryRowContext(ctx, s.q(fmt.Sprintf(`SELECT count(*) FROM (SELECT 1 FROM mentions WHERE entity_id = ? LIMIT %d) m`, frequentMentions)), id).Scan(&n)
	if err != nil {
		return "", s.wrap(err, "count mentions")
	}
	if n < frequentMentions {
		return "r.id IN (SELECT report_id FROM mentions WHERE entity_id = ?)", nil
	}
	return "EXISTS (SELECT 1 FROM mentions m WHERE m.entity_id = ? AND m.report_id = r.id)", nil
}

// days counts the DayWindow reports stored last that name the entity
// and match where by the UTC day they are filed under; args are the
// entity's id, then where's.
func (s *Store) days(ctx context.Context, where string, args []any) ([]jic.DayCount, error) {
	rows, err := s.reader(ctx).QueryContext(ctx, s.q(fmt.Sprintf(`SELECT r.skey / %d AS day, count(*) FROM reports r WHERE r.id IN (%s) GROUP BY r.skey / %d ORDER BY day`,
		dayKeys, latestNaming(where, jic.DayWindow), dayKeys)), args...)
	if err != nil {
		return nil, s.wrap(err, "count mentions by day")
	}
	defer rows.Close()
	out := []jic.DayCount{}
	for rows.Next() {
		var day int64
		var n int
		if err := rows.Scan(&day, &n); err != nil {
			return nil, s.wrap(err, "scan day")
		}
		out = append(out, jic.DayCount{Day: time.Unix(day*86400, 0).UTC(), Reports: n})
	}
	return out, s.wrap(rows.Err(), "count mentions by day")
}

// coMentions returns the entities and the places named most in the
// CoMentionWindow reports stored last that name entity id and match where
// (args: the entity's id, then where's), besides the entity, in one query:
// mentions are counted by entity id first and ranked within the two kinds,
// and only the top ones are joined to their entities.
func (s *Store) coMentions(ctx context.Context, id int64, where string, args []any) (entities, places []jic.EntityCount, err error) {
	rows, err := s.reader(ctx).QueryContext(ctx, s.q(`SELECT `+entityCols+`, c.n FROM (
		SELECT g.entity_id, g.n, ROW_NUMBER() OVER (PARTITION BY g.kind = 'place' ORDER BY g.n DESC, g.entity_id) rk FROM (
			SELECT m.entity_id, min(m.kind) kind, count(DISTINCT m.report_id) n FROM mentions m
			WHERE m.report_id IN (`+latestNaming(where, jic.CoMentionWindow)+`)
			AND m.entity_id <> ? GROUP BY m.entity_id) g) c
		JOIN entities e ON e.id = c.entity_id WHERE c.rk <= `+fmt.Sprint(jic.CoMentionLimit)+` ORDER BY c.n DESC, e.name, e.id`),
		append(append([]any{}, args...), id)...)
	if err != nil {
		return nil, nil, s.wrap(err, "count co-mentions")
	}
	defer rows.Close()
	entities, places = []jic.EntityCount{}, []jic.EntityCount{}
	for rows.Next() {
		var n int
		e, err := scanEntity(rows, &n)
		if err != nil {
			return nil, nil, s.wrap(err, "scan co-mention")
		}
		if e.Kind == jic.EntityPlace {
			places = append(places, jic.EntityCount{Entity: *e, Reports: n})
		} else {
			entities = append(entities, jic.EntityCount{Entity: *e, Reports: n})
		}
	}
	return entities, places, s.wrap(rows.Err(), "count co-mentions")
}

// PlaceCounts counts the places named in the newest reports v may see
// under f in one grouped query; see jic.EntityStore.
func (s *Store) PlaceCounts(ctx context.Context, v jic.Viewer, f jic.ReportFilter) ([]jic.PlaceCount, error) {
	if f.Limit <= 0 {
		f.Limit = jic.DefaultPlaceReports
	}
	f.Limit = min(f.Limit, jic.PlaceWindow)
	f.AfterID = 0
	conds, args := reportConds(v, f)
	if f.Before > 0 {
		conds, args = append(conds, "r.skey < ?"), append(args, f.Before)
	}
	// Counting by entity id before joining the entities halves the time.
	rows, err := s.reader(ctx).QueryContext(ctx, s.q(`SELECT e.id, e.name, e.country, e.lat, e.lon, g.n FROM (
			SELECT m.entity_id, count(DISTINCT m.report_id) n
			FROM (SELECT r.id FROM reports r WHERE `+strings.Join(conds, " AND ")+fmt.Sprintf(` ORDER BY r.skey DESC LIMIT %d`, f.Limit)+`) w
			JOIN mentions m ON m.report_id = w.id WHERE m.kind = 'place' GROUP BY m.entity_id) g
		JOIN entities e ON e.id = g.entity_id
		WHERE e.kind = 'place' AND e.lat IS NOT NULL AND e.lon IS NOT NULL ORDER BY g.n DESC, e.name, e.id`), args...)
	if err != nil {
		return nil, s.wrap(err, "count places")
	}
	defer rows.Close()
	out := []jic.PlaceCount{}
	for rows.Next() {
		var pc jic.PlaceCount
		if err := rows.Scan(&pc.ID, &pc.Name, &pc.Country, &pc.Lat, &pc.Lon, &pc.Reports); err != nil {
			return nil, s.wrap(err, "scan place count")
		}
		out = append(out, pc)
	}
	return out, s.wrap(rows.Err(), "count places")
}
