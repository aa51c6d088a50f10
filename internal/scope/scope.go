// Package scope writes the SQL predicate that limits a query to the items a
// viewer may see under TLP 2.0 markings and member scope. Both stores put it
// in every read query, so the rule is enforced by the database and written
// once (jic.Viewer.CanSee states the same rule in Go).
package scope

import (
	"fmt"

	"github.com/jic-center/jic"
)

// Kind names the tables that hold a kind of item's sharing: the members an
// AMBER item is shared with and the users a RED item is addressed to. Each
// item table has id, marking and owner_member_id columns.
type Kind struct {
	Shares, Recipients string // tables with (<fk>, member_id) and (<fk>, user_id)
	FK                 string // their column that refers to the item
}

// The kinds of items with markings.
var (
	ReportKind  = Kind{Shares: "report_shares", Recipients: "report_recipients", FK: "report_id"}
	RequestKind = Kind{Shares: "request_shares", Recipients: "request_recipients", FK: "request_id"}
	ProductKind = Kind{Shares: "product_shares", Recipients: "product_recipients", FK: "product_id"}
)

// Reports returns a boolean SQL expression over the reports row aliased as
// alias, and its arguments, with ? placeholders.
func Reports(v jic.Viewer, alias string) (string, []any) { return Items(v, alias, ReportKind) }

// Items returns the predicate for any kind of marked item.
func Items(v jic.Viewer, alias string, k Kind) (string, []any) {
	switch {
	case v.System:
		return "TRUE", nil
	case v.MemberID == 0:
		return fmt.Sprintf("%s.marking = 'CLEAR'", alias), nil
	}
	sql := fmt.Sprintf(`(%[1]s.marking IN ('CLEAR', 'GREEN')
	OR (%[1]s.marking IN ('AMBER', 'AMBER+STRICT') AND %[1]s.owner_member_id = ?)
	OR (%[1]s.marking = 'AMBER' AND EXISTS (SELECT 1 FROM %[2]s sh WHERE sh.%[4]s = %[1]s.id AND sh.member_id = ?))
	OR (%[1]s.marking = 'RED' AND EXISTS (SELECT 1 FROM %[3]s rc WHERE rc.%[4]s = %[1]s.id AND rc.user_id = ?)))`,
		alias, k.Shares, k.Recipients, k.FK)
	return sql, []any{v.MemberID, v.MemberID, v.UserID}
}

// ReportCount returns a query of one row and column: how many reports v
// may see, by the rule of Reports, read from report_counts (the reports
// of each owner and marking) and the shares and recipients that reach v,
// so that it costs a few rows however many reports there are.
func ReportCount(v jic.Viewer) (string, []any) {
	switch {
	case v.System:
		return `SELECT CAST(COALESCE(sum(n), 0) AS BIGINT) FROM report_counts`, nil
	case v.MemberID == 0:
		return `SELECT CAST(COALESCE(sum(n), 0) AS BIGINT) FROM report_counts WHERE marking = 'CLEAR'`, nil
	}
	// Each term counts reports the others do not: the member's own AMBER
	// reports are in the first, not again as shared; RED reports only
	// through their recipients.
	return `SELECT CAST((SELECT COALESCE(sum(n), 0) FROM report_counts
			WHERE marking IN ('CLEAR', 'GREEN') OR (marking IN ('AMBER', 'AMBER+STRICT') AND owner_member_id = ?))
		+ (SELECT count(*) FROM report_shares sh JOIN reports r ON r.id = sh.report_id
			WHERE sh.member_id = ? AND r.marking = 'AMBER' AND r.owner_member_id <> ?)
		+ (SELECT count(*) FROM report_recipients rc JOIN reports r ON r.id = rc.report_id
			WHERE rc.user_id = ? AND r.marking = 'RED') AS BIGINT)`, []any{v.MemberID, v.MemberID, v.MemberID, v.UserID}
}
