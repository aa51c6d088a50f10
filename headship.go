package jic

import (
	"slices"
	"time"
)

// Center is the founding record of the joint center: when it was founded
// and how long each head's term lasts. The rotation order is the founding
// members' RotationOrder.
type Center struct {
	Founded    time.Time `json:"founded"`
	TermMonths int       `json:"term_months"`
}

// DefaultTermMonths is a term's length when the founders do not say.
const DefaultTermMonths = 3

// Term is one head's turn: term number No (0 is the first) runs from
// Starts, inclusive, to Ends, exclusive, headed by UserID of MemberID.
type Term struct {
	No       int64     `json:"no"`
	MemberID int64     `json:"member_id"`
	UserID   int64     `json:"user_id"`
	Starts   time.Time `json:"starts"`
	Ends     time.Time `json:"ends"`
}

// TermStart returns when term k starts: k terms of TermMonths calendar
// months after the founding, in UTC, so that time zones and daylight saving
// cannot move a handover.
func (c Center) TermStart(k int64) time.Time {
	return c.Founded.UTC().AddDate(0, int(k)*c.TermMonths, 0)
}

// TermAt returns the number of the term running at t; -1 before founding.
func (c Center) TermAt(t time.Time) int64 {
	if c.TermMonths <= 0 || t.Before(c.Founded) {
		return -1
	}
	t = t.UTC()
	months := (t.Year()-c.Founded.UTC().Year())*12 + int(t.Month()-c.Founded.UTC().Month())
	k := int64(months / c.TermMonths)
	for k > 0 && c.TermStart(k).After(t) {
		k--
	}
	for !c.TermStart(k + 1).After(t) {
		k++
	}
	return k
}

// Rotation returns the members that head term k and the ones after it:
// the founding members by rotation order, starting from term k's turn and
// skipping suspended members, who lose their turn.
func Rotation(members []*Member, k int64) []*Member {
	var order []*Member
	for _, m := range members {
		if m.Founding {
			order = append(order, m)
		}
	}
	slices.SortStableFunc(order, func(a, b *Member) int { return a.RotationOrder - b.RotationOrder })
	if len(order) == 0 || k < 0 {
		return nil
	}
	var out []*Member
	start := int(k % int64(len(order)))
	for i := range order {
		if m := order[(start+i)%len(order)]; !m.Suspended {
			out = append(out, m)
		}
	}
	return out
}
