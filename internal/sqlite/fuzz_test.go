package sqlite_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/sqlite"
)

// FuzzSearch sends arbitrary queries to a real store: each must give hits
// or EINVALID, never a database error (a query FTS5 cannot parse) or a panic.
func FuzzSearch(f *testing.F) {
	s, err := sqlite.Open(f.Context(), filepath.Join(f.TempDir(), "jic.db"), sqlite.Options{})
	if err != nil {
		f.Fatal(err)
	}
	defer s.Close()
	m := &jic.Member{Name: "A"}
	if err := s.CreateMember(f.Context(), m); err != nil {
		f.Fatal(err)
	}
	_, err = s.AddReports(f.Context(), []*jic.Report{
		{OwnerMemberID: m.ID, Title: "Floods in Baghdad", Text: "Heavy rains flooded the capital.", Language: "en", Marking: jic.TLPClear, Published: time.Now()},
		{OwnerMemberID: m.ID, Title: "الفيضانات تجتاح بغداد", Text: "أغرقت الأمطار الشوارع", Language: "ar", Marking: jic.TLPGreen},
	})
	if err != nil {
		f.Fatal(err)
	}
	for _, q := range []string{"flood", "فيضان", `"heavy rains" OR x`, "-a b", "NEAR(a b)", `a"b`, "*", "^flood", "title:flood", "AND", "a OR OR b"} {
		f.Add(q, "")
	}
	f.Fuzz(func(t *testing.T, q, lang string) {
		res, err := s.Search(t.Context(), jic.Viewer{MemberID: m.ID, UserID: 1}, jic.SearchQuery{Q: q, Languages: []string{lang}})
		if err != nil && jic.ErrorCode(err) != jic.EINVALID {
			t.Fatalf("Search(%q) error %v, want hits or EINVALID", q, err)
		}
		if err == nil && len(res.Hits) > 2 {
			t.Fatalf("Search(%q) found %d hits in 2 reports", q, len(res.Hits))
		}
	})
}
