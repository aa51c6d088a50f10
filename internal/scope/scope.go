// Package scope writes the SQL predicate that limits a query to the items a
// viewer may see under TLP 2.0 markings and member scope. Both stores put it
// in every read query, so the rule is enforced by the database and written
// once (jic.Viewer.CanSee states the same rule in Go).
package scope

import (
	"fmt"

	"github.com/jic-center/jic"
)

// Reports returns a boolean SQL expression over the reports row aliased as
// alias, and its arguments, with ? placeholders.
func Reports(v jic.Viewer, alias string) (string, []any) {
	switch {
	case v.System:
		return "TRUE", nil
	case v.MemberID == 0:
		return fmt.Sprintf("%s.marking = 'CLEAR'", alias), nil
	}
	sql := fmt.Sprintf(`(%[1]s.marking IN ('CLEAR', 'GREEN')
	OR (%[1]s.marking IN ('AMBER', 'AMBER+STRICT') AND %[1]s.owner_member_id = ?)
	OR (%[1]s.marking = 'AMBER' AND EXISTS (SELECT 1 FROM report_shares sh WHERE sh.report_id = %[1]s.id AND sh.member_id = ?))
	OR (%[1]s.marking = 'RED' AND EXISTS (SELECT 1 FROM report_recipients rc WHERE rc.report_id = %[1]s.id AND rc.user_id = ?)))`,
		alias)
	return sql, []any{v.MemberID, v.MemberID, v.UserID}
}
