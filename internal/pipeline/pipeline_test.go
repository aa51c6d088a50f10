package pipeline_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/pipeline"
	"github.com/jic-center/jic/internal/postgres"
	"github.com/jic-center/jic/internal/sqlite"
)

// backend opens a store and a queue with workers on it.
type backend func(t *testing.T, deps func(jic.Store) pipeline.Deps) (jic.Store, *pipeline.Queue)

func sqliteBackend(t *testing.T, deps func(jic.Store) pipeline.Deps) (jic.Store, *pipeline.Queue) {
	s, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "jic.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	q, err := pipeline.NewSQLite(t.Context(), s.DB, deps(s), pipeline.Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, q
}

func postgresBackend(t *testing.T, deps func(jic.Store) pipeline.Deps) (jic.Store, *pipeline.Queue) {
	url := os.Getenv("JIC_TEST_POSTGRES_URL")
	if url == "" {
		t.Skip("JIC_TEST_POSTGRES_URL is not set: PostgreSQL tests skipped")
	}
	schema := fmt.Sprintf("jic_test_%d_%08x", os.Getpid(), rand.Uint32())
	s, pool, err := postgres.Open(t.Context(), url, postgres.Options{Schema: schema, MaxConns: 6})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		s.Close()
		conn, err := pgx.Connect(context.Background(), url)
		if err != nil {
			t.Errorf("drop schema: %v", err)
			return
		}
		defer conn.Close(context.Background())
		conn.Exec(context.Background(), `DROP SCHEMA `+pgx.Identifier{schema}.Sanitize()+` CASCADE`)
	})
	q, err := pipeline.NewPostgres(t.Context(), pool, deps(s), pipeline.Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	return s, q
}

func TestProcess(t *testing.T) {
	for name, open := range map[string]backend{"sqlite": sqliteBackend, "postgres": postgresBackend} {
		t.Run(name, func(t *testing.T) {
			// The clock runs two minutes ahead, so the sweep on start finds
			// the report that was never enqueued.
			deps := func(s jic.Store) pipeline.Deps {
				return pipeline.Deps{Store: s, Now: func() time.Time { return time.Now().Add(2 * time.Minute) }}
			}
			s, q := open(t, deps)
			m := &jic.Member{Name: "Alpha"}
			if err := s.CreateMember(t.Context(), m); err != nil {
				t.Fatal(err)
			}
			enqueued := &jic.Report{OwnerMemberID: m.ID, Title: "Floods in Baghdad", Text: "Heavy rains flooded the Iraqi capital on Sunday, officials in Basra and Mosul said.", Marking: jic.TLPGreen}
			forgotten := &jic.Report{OwnerMemberID: m.ID, Title: "Выборы в Москве", Text: "Избиратели пришли на участки в субботу, сообщил Интерфакс.", Marking: jic.TLPGreen}
			given := &jic.Report{OwnerMemberID: m.ID, Title: "Already labelled", Text: "A text.", Language: "fr", Marking: jic.TLPGreen}
			copied := &jic.Report{OwnerMemberID: m.ID, Title: enqueued.Title, Text: enqueued.Text, URL: "https://example.org/copy", Marking: jic.TLPGreen}
			if _, err := s.AddReports(t.Context(), []*jic.Report{enqueued, forgotten, given, copied}); err != nil {
				t.Fatal(err)
			}
			if err := q.Process(t.Context(), enqueued.ID, given.ID, enqueued.ID, copied.ID); err != nil {
				t.Fatal(err)
			}
			if err := q.Start(t.Context()); err != nil {
				t.Fatal(err)
			}
			defer q.Stop(context.Background())
			want := map[int64]string{enqueued.ID: "en (identified", forgotten.ID: "ru (identified", given.ID: "fr (given)", copied.ID: "en (identified"}
			deadline := time.Now().Add(30 * time.Second)
			for id, detail := range want {
				for {
					st, err := s.Stages(t.Context(), id)
					if err != nil {
						t.Fatal(err)
					}
					if len(st) == 7 {
						// Stages recorded in the same millisecond come back by name.
						order := []string{pipeline.StageLanguage, pipeline.StageCopies, pipeline.StagePlaces, pipeline.StageEntities, pipeline.StageDates, pipeline.StageClaims, pipeline.StageStory}
						slices.SortStableFunc(st, func(a, b jic.Stage) int { return slices.Index(order, a.Name) - slices.Index(order, b.Name) })
						var names []string
						for _, x := range st {
							names = append(names, x.Name)
						}
						if !slices.Equal(names, order) || !strings.HasPrefix(st[0].Detail, detail) {
							t.Errorf("report %d stages = %+v, want language %q, copies, places, entities, dates, claims, story", id, st, detail)
						}
						break
					}
					if time.Now().After(deadline) {
						t.Fatalf("report %d not processed in 30s", id)
					}
					time.Sleep(100 * time.Millisecond)
				}
			}
			a, errA := s.Syndication(t.Context(), jic.SystemViewer, enqueued.ID)
			b, errB := s.Syndication(t.Context(), jic.SystemViewer, copied.ID)
			if errA != nil || errB != nil || a.Group != b.Group || len(a.Members) != 2 || a.Original != enqueued.ID {
				t.Errorf("the copy and its original: %+v %v and %+v %v, want one group of two with report %d the original", a, errA, b, errB, enqueued.ID)
			}
			cs, err := s.ReportClaims(t.Context(), enqueued.ID)
			if err != nil || len(cs) != 1 || cs[0].SpeakerKind != jic.SpeakerAnonymous || !strings.HasPrefix(cs[0].Speaker, "officials") || cs[0].Stance != jic.StanceAsserts {
				t.Errorf("claims of the English report = %+v, %v; want the officials' assertion", cs, err)
			}
			sa, errA := s.StoryOf(t.Context(), jic.SystemViewer, enqueued.ID)
			sb, errB := s.StoryOf(t.Context(), jic.SystemViewer, copied.ID)
			if errA != nil || errB != nil || sa != sb {
				t.Errorf("the copy and its original are in stories %d (%v) and %d (%v), want one", sa, errA, sb, errB)
			}
			r, _ := s.Report(t.Context(), jic.SystemViewer, forgotten.ID)
			if r.Language != "ru" {
				t.Errorf("swept report language = %q, want ru", r.Language)
			}
			ms, err := s.Mentions(t.Context(), forgotten.ID)
			if err != nil {
				t.Fatal(err)
			}
			var found bool
			for _, m := range ms {
				found = found || (m.Kind == jic.EntityOrganization && m.Surface == "Интерфакс" && m.Entity != nil && m.Entity.Key == "org:interfax")
			}
			if !found {
				t.Errorf("mentions of the Russian report = %+v, want Интерфакс as the registry's org:interfax", ms)
			}
			ds, err := s.Dates(t.Context(), forgotten.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(ds) != 1 || ds[0].Surface != "в субботу" || ds[0].First.Weekday() != time.Saturday || !ds[0].Relative ||
				ds[0].First.After(r.Collected) || r.Collected.Sub(ds[0].First) > 7*24*time.Hour {
				t.Errorf("dates of the Russian report = %+v, want в субботу as the Saturday before it was collected (%v)", ds, r.Collected)
			}
			places, err := s.Mentions(t.Context(), enqueued.ID)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, p := range places {
				if p.Kind != jic.EntityPlace {
					continue
				}
				names = append(names, p.Field+":"+p.Surface+"="+p.Name)
				if p.Entity == nil || p.Entity.Lat == 0 {
					t.Errorf("place %s has no coordinates", p.Surface)
				}
			}
			if got := strings.Join(names, " "); !strings.Contains(got, "title:Baghdad=Baghdad") || !strings.Contains(got, "text:Basra=Basra") || !strings.Contains(got, "text:Iraqi=Iraq") {
				t.Errorf("places = %s, want Baghdad in the title, Basra in the text and Iraqi as Iraq", got)
			}
			res, err := s.Search(t.Context(), jic.SystemViewer, jic.SearchQuery{Q: "выборах", Languages: []string{"ru"}})
			if err != nil || len(res.Hits) != 1 {
				t.Errorf("the identified report is not searchable in its language: %v %v", res, err)
			}

			// A report enqueued again, in a job with a new one, is not
			// processed twice: its stages keep their times.
			before, err := s.Stages(t.Context(), enqueued.ID)
			if err != nil {
				t.Fatal(err)
			}
			late := &jic.Report{OwnerMemberID: m.ID, Title: "Late report", Text: "Officials in Basra said the roads were open again.", Marking: jic.TLPGreen}
			if _, err := s.AddReports(t.Context(), []*jic.Report{late}); err != nil {
				t.Fatal(err)
			}
			if err := q.Process(t.Context(), enqueued.ID, late.ID); err != nil {
				t.Fatal(err)
			}
			for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(100 * time.Millisecond) {
				if st, err := s.Stages(t.Context(), late.ID); err != nil || len(st) == 7 {
					break
				}
				if time.Now().After(deadline) {
					t.Fatal("the late report was not processed in 30s")
				}
			}
			after, err := s.Stages(t.Context(), enqueued.ID)
			if err != nil || !slices.EqualFunc(before, after, func(a, b jic.Stage) bool { return a.Name == b.Name && a.At.Equal(b.At) }) {
				t.Errorf("stages of a report processed twice: %+v, then %+v (%v)", before, after, err)
			}
		})
	}
}

// TestProcessOddInput runs the stages on reports no stage expects: one
// word of 2 MB, no letters at all, mixed scripts, a 5,000-sentence report
// that opens a quote it never closes. Every stage runs and records itself,
// nothing panics, and each report stays searchable.
func TestProcessOddInput(t *testing.T) {
	s, q := sqliteBackend(t, func(s jic.Store) pipeline.Deps { return pipeline.Deps{Store: s} })
	m := &jic.Member{Name: "Alpha"}
	if err := s.CreateMember(t.Context(), m); err != nil {
		t.Fatal(err)
	}
	var long strings.Builder
	long.WriteString("«The minister said ")
	for i := range 5000 {
		fmt.Fprintf(&long, "Officials said the talks in Geneva went on for day %d, he added. ", i)
	}
	reports := []*jic.Report{
		{Title: "oneword", Text: strings.Repeat("x", 2<<20)},
		{Title: "1234 5678", Text: "!!! ??? 42 --- 3.14 ### ١٢٣ ۴۵۶"},
		{Title: "Mixed Смесь مزيج", Text: "Baghdad بغداد Багдад: the talks «переговоры» \"ended\" انتهت"},
		{Title: "Long transcript", Text: long.String()},
	}
	for _, r := range reports {
		r.OwnerMemberID, r.Marking = m.ID, jic.TLPGreen
	}
	if _, err := s.AddReports(t.Context(), reports); err != nil {
		t.Fatal(err)
	}
	ids := make([]int64, len(reports))
	for i, r := range reports {
		ids[i] = r.ID
	}
	if err := q.Process(t.Context(), ids...); err != nil {
		t.Fatal(err)
	}
	if err := q.Start(t.Context()); err != nil {
		t.Fatal(err)
	}
	defer q.Stop(context.Background())
	deadline := time.Now().Add(3 * time.Minute)
	for _, r := range reports {
		for {
			st, err := s.Stages(t.Context(), r.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(st) == 7 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("report %q: %d of 7 stages after 3 minutes: %+v", r.Title, len(st), st)
			}
			time.Sleep(200 * time.Millisecond)
		}
	}
	if res, err := s.Search(t.Context(), jic.SystemViewer, jic.SearchQuery{Q: "oneword"}); err != nil || len(res.Hits) != 1 {
		t.Errorf("the 2 MB word report is not searchable: %v %v", res, err)
	}
	cs, err := s.ReportClaims(t.Context(), reports[3].ID)
	if err != nil || len(cs) == 0 || len(cs) > 500 {
		t.Errorf("the long transcript has %d claims (%v), want some and at most 500", len(cs), err)
	}
	for _, c := range cs {
		if !strings.Contains(reports[3].Text, c.Speaker) || c.SpeakerKind == jic.SpeakerUnknown && c.SpeakerKey != "" {
			t.Errorf("a claim's speaker is not in the text: %+v", c)
		}
	}
}

// refusing is a store that refuses to save the facts of one report.
type refusing struct {
	jic.Store
	bad int64
}

func (s *refusing) SaveProcessed(ctx context.Context, id int64, p *jic.Processed) error {
	if id == s.bad {
		return jic.Errorf(jic.EINVALID, "report %d refused by the test", id)
	}
	return s.Store.SaveProcessed(ctx, id, p)
}

// TestProcessBatchFailure: a report whose facts cannot be saved holds back
// none of the other reports of its job.
func TestProcessBatchFailure(t *testing.T) {
	for name, open := range map[string]backend{"sqlite": sqliteBackend, "postgres": postgresBackend} {
		t.Run(name, func(t *testing.T) {
			st := &refusing{}
			s, q := open(t, func(s jic.Store) pipeline.Deps {
				st.Store = s
				return pipeline.Deps{Store: st}
			})
			m := &jic.Member{Name: "Alpha"}
			if err := s.CreateMember(t.Context(), m); err != nil {
				t.Fatal(err)
			}
			var rs []*jic.Report
			for i, title := range []string{"Floods in Baghdad", "Talks in Geneva", "Strike in Paris"} {
				rs = append(rs, &jic.Report{OwnerMemberID: m.ID, Title: title, Text: fmt.Sprintf("Report %d: officials said on Sunday that work goes on.", i), Marking: jic.TLPGreen})
			}
			if _, err := s.AddReports(t.Context(), rs); err != nil {
				t.Fatal(err)
			}
			st.bad = rs[1].ID
			if err := q.Process(t.Context(), rs[0].ID, rs[1].ID, rs[2].ID); err != nil {
				t.Fatal(err)
			}
			if err := q.Start(t.Context()); err != nil {
				t.Fatal(err)
			}
			defer q.Stop(context.Background())
			for _, r := range []*jic.Report{rs[0], rs[2]} {
				for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(100 * time.Millisecond) {
					if st, err := s.Stages(t.Context(), r.ID); err != nil || len(st) == 7 {
						break
					}
					if time.Now().After(deadline) {
						t.Fatalf("report %d not processed in 30s beside a refused one", r.ID)
					}
				}
			}
			if st, err := s.Stages(t.Context(), rs[1].ID); err != nil || len(st) != 0 {
				t.Errorf("stages of the refused report = %+v, %v; want none", st, err)
			}
		})
	}
}
