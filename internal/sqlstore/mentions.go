package sqlstore

import (
	"context"
	"database/sql"
	"slices"

	"github.com/jic-center/jic"
)

// SetMentions replaces a report's mentions of one kind; see jic.ReportStore.
func (s *Store) SetMentions(ctx context.Context, reportID int64, kind jic.EntityKind, ms []jic.Mention) error {
	if err := validMentions(ms); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error { return s.setMentions(ctx, tx, reportID, kind, ms) })
}

func validMentions(ms []jic.Mention) error {
	for i, m := range ms {
		if m.Entity == nil || m.Entity.Key == "" || m.Start < 0 || m.End < m.Start || (m.Field != "title" && m.Field != "text") {
			return jic.Errorf(jic.EINVALID, "mention %d: needs an entity with a key, a field (title or text) and a span", i)
		}
	}
	return nil
}

func (s *Store) setMentions(ctx context.Context, tx *sql.Tx, reportID int64, kind jic.EntityKind, ms []jic.Mention) error {
	if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM mentions WHERE report_id = ? AND kind = ?`), reportID, string(kind)); err != nil {
		return s.wrap(err, "replace mentions")
	}
	if len(ms) == 0 {
		return nil
	}
	ids, err := s.entityIDs(ctx, tx, kind, ms)
	if err != nil {
		return err
	}
	return chunks(ms, 100, func(part []jic.Mention) error {
		args := make([]any, 0, 8*len(part))
		for _, m := range part {
			args = append(args, reportID, m.Field, m.Start, m.End, ids[m.Entity.Key], string(kind), truncateUTF8(m.Surface, 500), m.Confidence)
		}
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO mentions (report_id, field, span_start, span_end, entity_id, kind, surface, confidence)
			VALUES `+valueRows(len(part), 8)+` ON CONFLICT (report_id, field, span_start) DO NOTHING`), args...)
		if jic.ErrorCode(s.wrap(err, "")) == jic.EINVALID {
			return jic.Errorf(jic.ENOTFOUND, "no report %d", reportID)
		}
		return s.wrap(err, "add mentions")
	})
}

// entityIDs returns the ids of the entities of mentions by key, storing
// those not stored yet (as the first mention of each describes it). Keys
// are written in order, so that two transactions adding the same new
// entities wait for each other instead of deadlocking.
func (s *Store) entityIDs(ctx context.Context, tx *sql.Tx, kind jic.EntityKind, mentions []jic.Mention) (map[string]int64, error) {
	first := map[string]*jic.Entity{}
	var keys []string
	for _, m := range mentions {
		if first[m.Entity.Key] == nil {
			first[m.Entity.Key] = m.Entity
			keys = append(keys, m.Entity.Key)
		}
	}
	slices.Sort(keys)
	ids := map[string]int64{}
	read := func(keys []string) error {
		return chunks(keys, 500, func(part []string) error {
			rows, err := tx.QueryContext(ctx, s.q(`SELECT id, key FROM entities WHERE key IN (`+placeholders(len(part))+`)`), anys(part)...)
			if err != nil {
				return s.wrap(err, "find entities")
			}
			defer rows.Close()
			for rows.Next() {
				var id int64
				var key string
				if err := rows.Scan(&id, &key); err != nil {
					return s.wrap(err, "find entities")
				}
				ids[key] = id
			}
			return s.wrap(rows.Err(), "find entities")
		})
	}
	if err := read(keys); err != nil {
		return nil, err
	}
	var missing []string
	for _, k := range keys {
		if _, ok := ids[k]; !ok {
			missing = append(missing, k)
		}
	}
	if len(missing) == 0 {
		return ids, nil
	}
	now := ms(s.Now())
	err := chunks(missing, 100, func(part []string) error {
		args := make([]any, 0, 9*len(part))
		for _, k := range part {
			e := first[k]
			geo := sql.NullInt64{Int64: e.GeonameID, Valid: e.GeonameID != 0}
			lat := sql.NullFloat64{Float64: e.Lat, Valid: e.Lat != 0 || e.Lon != 0}
			lon := sql.NullFloat64{Float64: e.Lon, Valid: lat.Valid}
			args = append(args, string(kind), e.Key, e.CanonicalName, e.Country, lat, lon, geo, e.Precision, now)
		}
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO entities (kind, key, name, country, lat, lon, geoname_id, precision, created_at)
			VALUES `+valueRows(len(part), 9)+` ON CONFLICT (key) DO NOTHING`), args...)
		return s.wrap(err, "add entities")
	})
	if err != nil {
		return nil, err
	}
	return ids, read(missing)
}

// Mentions returns a report's mentions in text order with their entities.
func (s *Store) Mentions(ctx context.Context, reportID int64) ([]jic.Mention, error) {
	rows, err := s.reader(ctx).QueryContext(ctx, s.q(`SELECT m.report_id, m.field, m.span_start, m.span_end, m.kind, m.surface, m.confidence,
		e.id, e.kind, e.key, e.name, e.country, e.lat, e.lon, e.geoname_id, e.precision
		FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE m.report_id = ?
		ORDER BY CASE m.field WHEN 'title' THEN 0 ELSE 1 END, m.span_start`), reportID)
	if err != nil {
		return nil, s.wrap(err, "read mentions")
	}
	defer rows.Close()
	out := []jic.Mention{}
	for rows.Next() {
		var m jic.Mention
		var e jic.Entity
		var kind, ekind string
		var lat, lon sql.NullFloat64
		var geo sql.NullInt64
		if err := rows.Scan(&m.ReportID, &m.Field, &m.Start, &m.End, &kind, &m.Surface, &m.Confidence,
			&e.ID, &ekind, &e.Key, &e.CanonicalName, &e.Country, &lat, &lon, &geo, &e.Precision); err != nil {
			return nil, s.wrap(err, "scan mention")
		}
		e.Kind, e.Lat, e.Lon, e.GeonameID = jic.EntityKind(ekind), lat.Float64, lon.Float64, geo.Int64
		m.Kind, m.EntityID, m.Name, m.Entity = jic.EntityKind(kind), e.ID, e.CanonicalName, &e
		out = append(out, m)
	}
	return out, s.wrap(rows.Err(), "read mentions")
}
