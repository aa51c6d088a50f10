package sqlstore

import (
	"context"
	"database/sql"
	"slices"

	"github.com/jic-center/jic"
)

// SaveProcessed saves what the processing stages found in one
// transaction; see jic.ProcessingStore.
func (s *Store) SaveProcessed(ctx context.Context, reportID int64, p *jic.Processed) error {
	kinds := make([]jic.EntityKind, 0, len(p.Mentions))
	for k, ms := range p.Mentions {
		if err := validMentions(ms); err != nil {
			return err
		}
		kinds = append(kinds, k)
	}
	slices.Sort(kinds) // the same order of writes every time
	if err := validDates(p.Dates); err != nil {
		return err
	}
	if err := validClaims(p.Claims); err != nil {
		return err
	}
	for i, st := range p.Stages {
		if st.Name == "" || slices.ContainsFunc(p.Stages[:i], func(o jic.Stage) bool { return o.Name == st.Name }) {
			return jic.Errorf(jic.EINVALID, "stage %d: needs a name of its own", i)
		}
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, s.q(`SELECT count(*) FROM reports WHERE id = ?`), reportID).Scan(&n); err != nil {
			return s.wrap(err, "read report")
		}
		if n == 0 {
			return jic.Errorf(jic.ENOTFOUND, "no report %d", reportID)
		}
		if p.Language != "" {
			if err := s.setLanguage(ctx, tx, reportID, p.Language); err != nil {
				return err
			}
		}
		for _, k := range kinds {
			if err := s.setMentions(ctx, tx, reportID, k, p.Mentions[k]); err != nil {
				return err
			}
		}
		if p.Dates != nil {
			if err := s.setDates(ctx, tx, reportID, p.Dates); err != nil {
				return err
			}
		}
		if p.Claims != nil {
			if err := s.setClaims(ctx, tx, reportID, p.Claims); err != nil {
				return err
			}
		}
		return s.recordStages(ctx, tx, reportID, p.Stages)
	})
}
