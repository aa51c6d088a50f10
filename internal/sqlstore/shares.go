package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/scope"
)

// writeShares stores whom an item is shared with (AMBER) and addressed to
// (RED), for any kind of marked item.
func (s *Store) writeShares(ctx context.Context, tx *sql.Tx, k scope.Kind, id int64, members, users []int64) error {
	for _, m := range dedupeIDs(members) {
		if _, err := tx.ExecContext(ctx, s.q(fmt.Sprintf(`INSERT INTO %s (%s, member_id) VALUES (?, ?)`, k.Shares, k.FK)), id, m); err != nil {
			return err
		}
	}
	for _, u := range dedupeIDs(users) {
		if _, err := tx.ExecContext(ctx, s.q(fmt.Sprintf(`INSERT INTO %s (%s, user_id) VALUES (?, ?)`, k.Recipients, k.FK)), id, u); err != nil {
			return err
		}
	}
	return nil
}

// readShares returns the members and users an item is shared with.
func (s *Store) readShares(ctx context.Context, k scope.Kind, id int64) (members, users []int64, err error) {
	if members, err = s.ids(ctx, fmt.Sprintf(`SELECT member_id FROM %s WHERE %s = ? ORDER BY member_id`, k.Shares, k.FK), id); err != nil {
		return nil, nil, err
	}
	users, err = s.ids(ctx, fmt.Sprintf(`SELECT user_id FROM %s WHERE %s = ? ORDER BY user_id`, k.Recipients, k.FK), id)
	return members, users, err
}

// visibleRefs keeps the refs v may see: reports and products by their
// markings; stories and claims have no table yet and are kept out.
func (s *Store) visibleRefs(ctx context.Context, v jic.Viewer, refs []jic.Ref) ([]jic.Ref, error) {
	out := []jic.Ref{}
	for _, r := range refs {
		var table string
		var k scope.Kind
		switch r.Kind {
		case "report":
			table, k = "reports", scope.ReportKind
		case "product":
			table, k = "products", scope.ProductKind
		default:
			continue
		}
		where, args := scope.Items(v, "x", k)
		var n int
		err := s.reader(ctx).QueryRowContext(ctx, s.q(`SELECT count(*) FROM `+table+` x WHERE x.id = ? AND `+where), append([]any{r.ID}, args...)...).Scan(&n)
		if err != nil {
			return nil, s.wrap(err, "check ref")
		}
		if n > 0 {
			out = append(out, r)
		}
	}
	return out, nil
}
