package jic

import (
	"strings"
	"time"
)

// Request kinds and statuses.
const (
	RequestRFI  = "rfi"  // a request for information
	RequestTask = "task" // a task one member gives another

	RequestOpen     = "open"
	RequestAccepted = "accepted"
	RequestAnswered = "answered"
	RequestClosed   = "closed"
	RequestDeclined = "declined"
)

// Request is a request for information or a task from one member (the
// owner, whose marking it carries) to another (the assignee).
type Request struct {
	ID               int64            `json:"id"`
	Kind             string           `json:"kind"`
	Title            string           `json:"title"`
	Body             string           `json:"body"`
	OwnerMemberID    int64            `json:"owner_member_id"` // the requesting member
	RequesterUserID  int64            `json:"requester_user_id"`
	AssigneeMemberID int64            `json:"assignee_member_id"`
	Due              time.Time        `json:"due,omitzero"`
	Priority         int              `json:"priority"` // 1 (urgent) to 5 (routine)
	Status           string           `json:"status"`
	Marking          Marking          `json:"marking"`
	ShareWith        []int64          `json:"share_with,omitempty"`
	Recipients       []int64          `json:"recipients,omitempty"`
	CreatedAt        time.Time        `json:"created_at"`
	UpdatedAt        time.Time        `json:"updated_at"`
	Overdue          bool             `json:"overdue"`
	Messages         []RequestMessage `json:"messages,omitempty"`
	Answers          []Ref            `json:"answers,omitempty"`
}

// RequestFilter narrows a listing of requests.
type RequestFilter struct {
	Status           string
	AssigneeMemberID int64
	Overdue          bool
	Limit            int
}

// RequestMessage is one entry of a request's discussion.
type RequestMessage struct {
	ID     int64     `json:"id"`
	UserID int64     `json:"user_id"`
	Body   string    `json:"body"`
	At     time.Time `json:"at"`
}

// Ref points at a report, product, story or claim. Read sides list only the
// refs the viewer may see.
type Ref struct {
	Kind string `json:"kind"` // report, product, story, claim
	ID   int64  `json:"id"`
}

// IsOverdue reports whether the request is past due and still waiting.
func (r *Request) IsOverdue(now time.Time) bool {
	return !r.Due.IsZero() && now.After(r.Due) && (r.Status == RequestOpen || r.Status == RequestAccepted)
}

// Validate fills defaults and returns EINVALID naming the first bad field.
func (r *Request) Validate() error {
	r.Title, r.Body = strings.TrimSpace(r.Title), strings.TrimSpace(r.Body)
	if r.Kind == "" {
		r.Kind = RequestRFI
	}
	if r.Priority == 0 {
		r.Priority = 3
	}
	if r.Marking == "" {
		r.Marking = TLPAmber
	}
	m, err := ParseMarking(string(r.Marking))
	if err != nil {
		return err
	}
	r.Marking = m
	switch {
	case r.Kind != RequestRFI && r.Kind != RequestTask:
		return FieldErrorf(EINVALID, "kind", "%q is not rfi or task", r.Kind)
	case r.Title == "" || len(r.Title) > MaxTitleBytes:
		return FieldErrorf(EINVALID, "title", "a request needs a title of at most %d bytes", MaxTitleBytes)
	case len(r.Body) > 1<<20:
		return FieldErrorf(ETOOLARGE, "body", "at most 1 MiB")
	case r.Priority < 1 || r.Priority > 5:
		return FieldErrorf(EINVALID, "priority", "must be 1 (urgent) to 5 (routine)")
	case r.AssigneeMemberID <= 0:
		return FieldErrorf(EINVALID, "assignee_member_id", "a request is addressed to a member")
	case r.Marking == TLPAmberStrict && r.AssigneeMemberID != r.OwnerMemberID:
		return FieldErrorf(EINVALID, "marking", "an AMBER+STRICT request could not be seen by the member it is addressed to; use AMBER")
	case r.Marking == TLPRed && len(r.Recipients) == 0:
		return FieldErrorf(EINVALID, "recipients", "a RED request must name the users it is for")
	}
	return nil
}

// CanMove returns EFORBIDDEN or ECONFLICT unless v may move r to status to:
// the assignee member accepts, declines and answers; the requesting member
// closes; a viewer may do none of it.
func (r *Request) CanMove(v Viewer, to string) error {
	if !v.System && !v.Role.AtLeast(RoleAnalyst) {
		return Errorf(EFORBIDDEN, "changing a request needs the analyst role")
	}
	assignee := v.System || v.MemberID == r.AssigneeMemberID
	owner := v.System || v.MemberID == r.OwnerMemberID
	from := r.Status
	switch {
	case to == RequestAccepted && from == RequestOpen, to == RequestDeclined && from == RequestOpen,
		to == RequestAnswered && (from == RequestAccepted || from == RequestOpen):
		if !assignee {
			return Errorf(EFORBIDDEN, "only the member the request is addressed to may mark it %s", to)
		}
	case to == RequestClosed && from != RequestClosed && from != RequestDeclined:
		if !owner {
			return Errorf(EFORBIDDEN, "only the requesting member may close the request")
		}
	default:
		return Errorf(ECONFLICT, "a request that is %s cannot become %s", from, to)
	}
	return nil
}

// Product states.
const (
	ProductDraft    = "draft"
	ProductReview   = "review"
	ProductReleased = "released"
)

// Product is a written assessment or situation report (Markdown) citing
// stories, claims and reports. A released product is immutable; a new
// version is a new record whose PreviousID points at it.
type Product struct {
	ID            int64     `json:"id"`
	Title         string    `json:"title"`
	Body          string    `json:"body"`
	State         string    `json:"state"`
	Version       int       `json:"version"`
	PreviousID    int64     `json:"previous_id,omitempty"`
	OwnerMemberID int64     `json:"owner_member_id"`
	AuthorUserID  int64     `json:"author_user_id"`
	Marking       Marking   `json:"marking"`
	ShareWith     []int64   `json:"share_with,omitempty"`
	Recipients    []int64   `json:"recipients,omitempty"`
	Cites         []Ref     `json:"cites"`
	CreatedAt     time.Time `json:"created_at"`
	UpdatedAt     time.Time `json:"updated_at"`
	ReleasedAt    time.Time `json:"released_at,omitzero"`
	ReleasedBy    int64     `json:"released_by,omitempty"`
}

// Validate fills defaults and returns EINVALID naming the first bad field.
func (p *Product) Validate() error {
	p.Title = strings.TrimSpace(p.Title)
	if p.Marking == "" {
		p.Marking = TLPGreen
	}
	m, err := ParseMarking(string(p.Marking))
	if err != nil {
		return err
	}
	p.Marking = m
	for _, c := range p.Cites {
		switch c.Kind {
		case "report", "product", "story", "claim":
		default:
			return FieldErrorf(EINVALID, "cites", "%q is not report, product, story or claim", c.Kind)
		}
	}
	switch {
	case p.Title == "" || len(p.Title) > MaxTitleBytes:
		return FieldErrorf(EINVALID, "title", "a product needs a title of at most %d bytes", MaxTitleBytes)
	case len(p.Body) > 4<<20:
		return FieldErrorf(ETOOLARGE, "body", "at most 4 MiB")
	case p.Marking == TLPRed && len(p.Recipients) == 0:
		return FieldErrorf(EINVALID, "recipients", "a RED product must name the users it is for")
	}
	return nil
}

// CanMove returns an error unless v may move p to state to: analysts of the
// owning member move drafts to review and back; only the head releases a
// product in review (head says v heads the center now; see internal/access).
func (p *Product) CanMove(v Viewer, to string, head bool) error {
	switch {
	case p.State == ProductReview && to == ProductReleased:
		if !v.System && !head {
			return Errorf(EFORBIDDEN, "only the head of the center may release a product")
		}
	case p.State == ProductDraft && to == ProductReview, p.State == ProductReview && to == ProductDraft:
		if !v.System && (v.MemberID != p.OwnerMemberID || !v.Role.AtLeast(RoleAnalyst)) {
			return Errorf(EFORBIDDEN, "only analysts of the owning member may move the product")
		}
	default:
		return Errorf(ECONFLICT, "a %s product cannot become %s", p.State, to)
	}
	return nil
}
