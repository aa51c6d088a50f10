package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/jic-center/jic"
)

// CreateSource validates and stores src. ECONFLICT if the name is taken.
func (s *Store) CreateSource(ctx context.Context, src *jic.Source) error {
	if err := src.Validate(); err != nil {
		return err
	}
	if src.CreatedAt.IsZero() {
		src.CreatedAt = s.Now()
	}
	src.CreatedAt = src.CreatedAt.UTC().Truncate(1e6)
	owner := sql.NullInt64{Int64: src.OwnerMemberID, Valid: src.OwnerMemberID != 0}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, s.q(`INSERT INTO sources
			(name, kind, url, reliability, language, country, owner_member_id, default_marking, republishes, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
			src.Name, string(src.Kind), src.URL, string(src.Reliability), src.Language, src.Country, owner,
			string(src.DefaultMarking), src.Republishes, ms(src.CreatedAt)).Scan(&src.ID)
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, "source.create", fmt.Sprintf("source/%d", src.ID), src)
	})
	switch jic.ErrorCode(s.wrap(err, "")) {
	case jic.ECONFLICT:
		return jic.Errorf(jic.ECONFLICT, "a source named %q already exists", src.Name)
	case jic.EINVALID:
		return jic.FieldErrorf(jic.EINVALID, "owner_member_id", "no member %d", src.OwnerMemberID)
	}
	return s.wrap(err, "create source")
}

const sourceCols = `id, name, kind, url, reliability, language, country, owner_member_id, default_marking, republishes, created_at`

func scanSource(row interface{ Scan(...any) error }) (*jic.Source, error) {
	var src jic.Source
	var kind, rel, marking string
	var owner sql.NullInt64
	var created int64
	err := row.Scan(&src.ID, &src.Name, &kind, &src.URL, &rel, &src.Language, &src.Country, &owner, &marking, &src.Republishes, &created)
	if err != nil {
		return nil, err
	}
	src.Kind, src.Reliability, src.DefaultMarking = jic.SourceKind(kind), jic.Reliability(rel), jic.Marking(marking)
	src.OwnerMemberID, src.CreatedAt = owner.Int64, fromMS(created)
	return &src, nil
}

// Source returns ENOTFOUND if there is no source with that id.
func (s *Store) Source(ctx context.Context, id int64) (*jic.Source, error) {
	src, err := scanSource(s.ReadDB.QueryRowContext(ctx, s.q(`SELECT `+sourceCols+` FROM sources WHERE id = ?`), id))
	return src, s.notFound(err, "source %d", id)
}

// SourceByName returns ENOTFOUND if there is no source with that name.
func (s *Store) SourceByName(ctx context.Context, name string) (*jic.Source, error) {
	src, err := scanSource(s.ReadDB.QueryRowContext(ctx, s.q(`SELECT `+sourceCols+` FROM sources WHERE name = ?`), name))
	return src, s.notFound(err, "source %q", name)
}

// Sources lists every source by name.
func (s *Store) Sources(ctx context.Context) ([]*jic.Source, error) {
	rows, err := s.ReadDB.QueryContext(ctx, `SELECT `+sourceCols+` FROM sources ORDER BY name`)
	if err != nil {
		return nil, s.wrap(err, "list sources")
	}
	defer rows.Close()
	var out []*jic.Source
	for rows.Next() {
		src, err := scanSource(rows)
		if err != nil {
			return nil, s.wrap(err, "scan source")
		}
		out = append(out, src)
	}
	return out, s.wrap(rows.Err(), "list sources")
}
