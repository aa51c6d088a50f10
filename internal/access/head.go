package access

import (
	"context"
	"time"

	"github.com/jic-center/jic"
)

// HeadStore is what the headship rules read.
type HeadStore interface {
	RecordTerms(ctx context.Context, now time.Time) ([]jic.Term, error)
	Terms(ctx context.Context, limit int) ([]jic.Term, error)
	Members(ctx context.Context) ([]*jic.Member, error)
	User(ctx context.Context, id int64) (*jic.User, error)
}

// HeadInfo says who heads the center now and who comes next.
type HeadInfo struct {
	Term     jic.Term  `json:"term"`
	Member   string    `json:"member"`
	User     string    `json:"user,omitempty"`
	TermEnds time.Time `json:"term_ends"`
	Next     []string  `json:"next"` // the members in turn after this one
}

// Head records any handover that is due and describes the term running at
// now. ENOTFOUND before the center is founded.
func Head(ctx context.Context, s HeadStore, now time.Time) (*HeadInfo, error) {
	if _, err := s.RecordTerms(ctx, now); err != nil {
		return nil, err
	}
	terms, err := s.Terms(ctx, 1)
	if err != nil {
		return nil, err
	}
	if len(terms) == 0 {
		return nil, jic.Errorf(jic.ENOTFOUND, "no term has started yet")
	}
	t := terms[0]
	members, err := s.Members(ctx)
	if err != nil {
		return nil, err
	}
	h := &HeadInfo{Term: t, TermEnds: t.Ends, Next: []string{}}
	for _, m := range members {
		if m.ID == t.MemberID {
			h.Member = m.Name
		}
	}
	if t.UserID != 0 {
		u, err := s.User(ctx, t.UserID)
		if err != nil {
			return nil, err
		}
		h.User = u.Name
	}
	for _, m := range jic.Rotation(members, t.No+1) {
		if m.ID != t.MemberID {
			h.Next = append(h.Next, m.Name)
		}
	}
	return h, nil
}

// RequireHead returns nil if v may use the head's powers now: the head of
// the current term, or the operator at the console. Otherwise EFORBIDDEN.
func RequireHead(ctx context.Context, s HeadStore, v jic.Viewer, now time.Time, what string) error {
	if v.System {
		return nil
	}
	h, err := Head(ctx, s, now)
	if err != nil {
		return err
	}
	if v.UserID == 0 || h.Term.UserID != v.UserID {
		return jic.Errorf(jic.EFORBIDDEN, "only the head of the center (%s of %s, until %s) may %s",
			h.User, h.Member, h.TermEnds.Format(time.DateOnly), what)
	}
	return nil
}
