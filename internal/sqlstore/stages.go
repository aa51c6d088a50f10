package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"github.com/jic-center/jic"
)

// RecordStage records that a processing stage ran on a report; running it
// again replaces the record.
func (s *Store) RecordStage(ctx context.Context, reportID int64, st jic.Stage) error {
	return s.recordStage(ctx, s.writer(ctx), reportID, st)
}

// execer is what runs a statement: the database or a transaction.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

func (s *Store) recordStage(ctx context.Context, ex execer, reportID int64, st jic.Stage) error {
	return s.recordStages(ctx, ex, reportID, []jic.Stage{st})
}

// recordStages records stages of different names in one statement.
func (s *Store) recordStages(ctx context.Context, ex execer, reportID int64, sts []jic.Stage) error {
	if len(sts) == 0 {
		return nil
	}
	now := s.Now()
	args := make([]any, 0, 5*len(sts))
	for _, st := range sts {
		if st.At.IsZero() {
			st.At = now
		}
		args = append(args, reportID, st.Name, boolInt(st.OK), truncateUTF8(st.Detail, 2000), ms(st.At))
	}
	_, err := ex.ExecContext(ctx, s.q(`INSERT INTO report_stages (report_id, stage, ok, detail, at) VALUES `+valueRows(len(sts), 5)+`
		ON CONFLICT (report_id, stage) DO UPDATE SET ok = excluded.ok, detail = excluded.detail, at = excluded.at`), args...)
	if jic.ErrorCode(s.wrap(err, "")) == jic.EINVALID {
		return jic.Errorf(jic.ENOTFOUND, "no report %d", reportID)
	}
	return s.wrap(err, "record stage")
}

// Stages returns the stages that ran on a report, in order.
func (s *Store) Stages(ctx context.Context, reportID int64) ([]jic.Stage, error) {
	rows, err := s.reader(ctx).QueryContext(ctx, s.q(`SELECT stage, ok, detail, at FROM report_stages WHERE report_id = ? ORDER BY at, stage`), reportID)
	if err != nil {
		return nil, s.wrap(err, "read stages")
	}
	defer rows.Close()
	out := []jic.Stage{}
	for rows.Next() {
		var st jic.Stage
		var ok int
		var at int64
		if err := rows.Scan(&st.Name, &ok, &st.Detail, &at); err != nil {
			return nil, s.wrap(err, "scan stage")
		}
		st.OK, st.At = ok != 0, fromMS(at)
		out = append(out, st)
	}
	return out, s.wrap(rows.Err(), "read stages")
}

// ReportsWithoutStage returns up to limit ids of reports collected before
// cutoff on which stage has not run, oldest first: the work a crash left.
func (s *Store) ReportsWithoutStage(ctx context.Context, stage string, before time.Time, limit int) ([]int64, error) {
	return s.ids(ctx, `SELECT r.id FROM reports r WHERE r.collected_at < ?
		AND NOT EXISTS (SELECT 1 FROM report_stages st WHERE st.report_id = r.id AND st.stage = ?) ORDER BY r.id LIMIT ?`,
		ms(before), stage, limit)
}

// SetReportLanguage sets a report's language and re-indexes it, since the
// language decides how its words are stemmed.
func (s *Store) SetReportLanguage(ctx context.Context, id int64, lang string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error { return s.setLanguage(ctx, tx, id, lang) })
}

func (s *Store) setLanguage(ctx context.Context, tx *sql.Tx, id int64, lang string) error {
	var ix IndexRow
	err := tx.QueryRowContext(ctx, s.q(`SELECT id, skey, title, body FROM reports WHERE id = ?`), id).Scan(&ix.ID, &ix.SortKey, &ix.Title, &ix.Text)
	if err != nil {
		return s.notFound(err, "report %d", id)
	}
	if _, err := tx.ExecContext(ctx, s.q(`UPDATE reports SET language = ? WHERE id = ?`), lang, id); err != nil {
		return s.wrap(err, "set language")
	}
	ix.Language = lang
	return s.wrap(s.Dialect.IndexReport(ctx, tx, ix, false), "re-index")
}
