package sqlstore

import (
	"context"
	"database/sql"

	"github.com/jic-center/jic"
)

// datePrecisions are the precisions a date mention may have.
var datePrecisions = map[string]bool{"day": true, "week": true, "month": true, "year": true}

// SetDates replaces a report's date mentions.
func (s *Store) SetDates(ctx context.Context, reportID int64, ds []jic.DateMention) error {
	if err := validDates(ds); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error { return s.setDates(ctx, tx, reportID, ds) })
}

func validDates(ds []jic.DateMention) error {
	for i, d := range ds {
		if (d.Field != "title" && d.Field != "text") || d.Start < 0 || d.End < d.Start || d.First.IsZero() ||
			d.Last.Before(d.First) || !datePrecisions[d.Precision] {
			return jic.Errorf(jic.EINVALID, "date %d: needs a field (title or text), a span, first and last days in order and a precision (day, week, month or year)", i)
		}
	}
	return nil
}

func (s *Store) setDates(ctx context.Context, tx *sql.Tx, reportID int64, ds []jic.DateMention) error {
	if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM report_dates WHERE report_id = ?`), reportID); err != nil {
		return s.wrap(err, "replace dates")
	}
	for _, d := range ds {
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO report_dates (report_id, field, span_start, span_end, surface, first_day, last_day, precision, relative)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (report_id, field, span_start) DO NOTHING`),
			reportID, d.Field, d.Start, d.End, truncateUTF8(d.Surface, 500), ms(d.First), ms(d.Last), d.Precision, boolInt(d.Relative))
		if err != nil {
			if jic.ErrorCode(s.wrap(err, "")) == jic.EINVALID {
				return jic.Errorf(jic.ENOTFOUND, "no report %d", reportID)
			}
			return s.wrap(err, "add date")
		}
	}
	return nil
}

// Dates returns a report's date mentions in text order.
func (s *Store) Dates(ctx context.Context, reportID int64) ([]jic.DateMention, error) {
	rows, err := s.reader(ctx).QueryContext(ctx, s.q(`SELECT field, span_start, span_end, surface, first_day, last_day, precision, relative
		FROM report_dates WHERE report_id = ? ORDER BY CASE field WHEN 'title' THEN 0 ELSE 1 END, span_start`), reportID)
	if err != nil {
		return nil, s.wrap(err, "read dates")
	}
	defer rows.Close()
	out := []jic.DateMention{}
	for rows.Next() {
		var d jic.DateMention
		var first, last int64
		var relative int
		if err := rows.Scan(&d.Field, &d.Start, &d.End, &d.Surface, &first, &last, &d.Precision, &relative); err != nil {
			return nil, s.wrap(err, "scan date")
		}
		d.First, d.Last, d.Relative = fromMS(first), fromMS(last), relative != 0
		out = append(out, d)
	}
	return out, s.wrap(rows.Err(), "read dates")
}
