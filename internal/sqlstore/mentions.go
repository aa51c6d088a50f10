package sqlstore

import (
	"context"
	"database/sql"

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
	ids := map[string]int64{}
	for _, m := range ms {
		id, ok := ids[m.Entity.Key]
		if !ok {
			var err error
			if id, err = s.entityID(ctx, tx, kind, m.Entity); err != nil {
				return err
			}
			ids[m.Entity.Key] = id
		}
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO mentions (report_id, field, span_start, span_end, entity_id, kind, surface, confidence)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (report_id, field, span_start) DO NOTHING`),
			reportID, m.Field, m.Start, m.End, id, string(kind), truncateUTF8(m.Surface, 500), m.Confidence)
		if err != nil {
			if jic.ErrorCode(s.wrap(err, "")) == jic.EINVALID {
				return jic.Errorf(jic.ENOTFOUND, "no report %d", reportID)
			}
			return s.wrap(err, "add mention")
		}
	}
	return nil
}

// entityID finds an entity by key or stores it.
func (s *Store) entityID(ctx context.Context, tx *sql.Tx, kind jic.EntityKind, e *jic.Entity) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, s.q(`SELECT id FROM entities WHERE key = ?`), e.Key).Scan(&id)
	if err == nil || err != sql.ErrNoRows {
		return id, s.wrap(err, "find entity")
	}
	geo := sql.NullInt64{Int64: e.GeonameID, Valid: e.GeonameID != 0}
	lat := sql.NullFloat64{Float64: e.Lat, Valid: e.Lat != 0 || e.Lon != 0}
	lon := sql.NullFloat64{Float64: e.Lon, Valid: lat.Valid}
	err = tx.QueryRowContext(ctx, s.q(`INSERT INTO entities (kind, key, name, country, lat, lon, geoname_id, precision, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
		string(kind), e.Key, e.CanonicalName, e.Country, lat, lon, geo, e.Precision, ms(s.Now())).Scan(&id)
	return id, s.wrap(err, "add entity")
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
