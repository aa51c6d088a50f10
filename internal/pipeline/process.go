package pipeline

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/riverqueue/river"
	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/dates"
	"github.com/jic-center/jic/internal/gazetteer"
	"github.com/jic-center/jic/internal/lang"
)

// ProcessArgs asks for the processing of one report.
type ProcessArgs struct {
	ReportID int64 `json:"report_id" river:"unique"`
}

// Kind names the job.
func (ProcessArgs) Kind() string { return "process_report" }

// SweepArgs asks for a look for reports that were never processed.
type SweepArgs struct{}

// Kind names the job.
func (SweepArgs) Kind() string { return "sweep_unprocessed" }

// Stage names, in the order they run.
const (
	StageLanguage = "language"
	StagePlaces   = "places"
	StageEntities = "entities"
	StageDates    = "dates"
)

type processWorker struct {
	river.WorkerDefaults[ProcessArgs]
	deps Deps
}

// Work runs the process stages on a report. Each stage records what it did
// or could not do; a stage that fails on odd input marks the report and the
// others still run, and the report stays stored and searchable.
func (w *processWorker) Work(ctx context.Context, job *river.Job[ProcessArgs]) error {
	r, err := w.deps.Store.Report(ctx, jic.SystemViewer, job.Args.ReportID)
	if jic.ErrorCode(err) == jic.ENOTFOUND {
		return river.JobCancel(err) // deleted, or a restore replaced the database
	}
	if err != nil {
		return err
	}
	if err := languageStage(ctx, w.deps.Store, r); err != nil {
		return err
	}
	if err := placesStage(ctx, w.deps, r); err != nil {
		return err
	}
	if err := entitiesStage(ctx, w.deps, r); err != nil {
		return err
	}
	return datesStage(ctx, w.deps.Store, r)
}

// languageStage identifies the language of a report that came without one
// and re-indexes it in that language.
func languageStage(ctx context.Context, s jic.Store, r *jic.Report) error {
	st := jic.Stage{Name: StageLanguage, OK: true, Detail: r.Language}
	if r.Language == "" {
		switch d := lang.Detect(r.Title + "\n" + r.Text); d.Lang {
		case "":
			st.OK, st.Detail = false, "no letters to identify a language by"
		case "other":
			st.OK, st.Detail = false, "a language jic does not analyze; indexed by the default for each script"
		default:
			if err := s.SetReportLanguage(ctx, r.ID, d.Lang); err != nil {
				return err
			}
			r.Language = d.Lang // for the stages after this one
			st.Detail = fmt.Sprintf("%s (identified, confidence %.2f)", d.Lang, d.Confidence)
		}
	} else {
		st.Detail += " (given)"
	}
	return s.RecordStage(ctx, r.ID, st)
}

type sweepWorker struct {
	river.WorkerDefaults[SweepArgs]
	deps  Deps
	queue *Queue
}

// Work enqueues reports older than a minute that no stage has seen: those
// whose process job was lost between their commit and the enqueue.
func (w *sweepWorker) Work(ctx context.Context, _ *river.Job[SweepArgs]) error {
	ids, err := w.deps.Store.ReportsWithoutStage(ctx, StageLanguage, w.deps.Now().Add(-time.Minute), 1000)
	if err != nil || len(ids) == 0 {
		return err
	}
	w.deps.Log.Info("sweep: processing reports left unprocessed", "reports", len(ids))
	return w.queue.Process(ctx, ids...)
}

// placesStage finds the places a report names, resolves each to one
// gazetteer place (using the country of the report's source as context),
// and stores them as mentions.
func placesStage(ctx context.Context, deps Deps, r *jic.Report) error {
	g, err := deps.Gazetteer()
	if err != nil {
		return fmt.Errorf("load gazetteer: %w", err)
	}
	var country string
	if r.SourceID != 0 {
		if src, err := deps.Store.Source(ctx, r.SourceID); err == nil {
			country = src.Country
		}
	}
	// One text, so that context runs across title and body; spans are then
	// put back into their field.
	text := r.Title + "\n\n" + r.Text
	found := g.Resolve(g.Find(text, r.Language), gazetteer.Context{SourceCountry: country})
	var ms []jic.Mention
	for _, f := range found {
		field, start, end := "title", f.Start, f.End
		if f.Start >= len(r.Title) {
			field, start, end = "text", f.Start-len(r.Title)-2, f.End-len(r.Title)-2
		}
		if start < 0 {
			continue // straddles the join
		}
		p := f.Place
		ms = append(ms, jic.Mention{ReportID: r.ID, Kind: jic.EntityPlace, Name: p.Name, Field: field, Start: start, End: end,
			Surface: f.Text, Confidence: f.Confidence, Entity: &jic.Entity{Kind: jic.EntityPlace, Key: p.Key(), CanonicalName: p.Name,
				Country: p.Country, Lat: p.Lat, Lon: p.Lon, GeonameID: int64(p.GeoNameID), Precision: p.Kind.String()}})
	}
	if err := deps.Store.SetMentions(ctx, r.ID, jic.EntityPlace, ms); err != nil {
		return err
	}
	return deps.Store.RecordStage(ctx, r.ID, jic.Stage{Name: StagePlaces, OK: true, Detail: fmt.Sprintf("%d place mentions", len(ms))})
}

// entitiesStage finds the people, organizations and groups a report names
// and stores them as mentions: one in the alias registry under the
// registry's entity, any other under its kind and folded name, so that the
// same name in two reports is one entity.
func entitiesStage(ctx context.Context, deps Deps, r *jic.Report) error {
	f, err := deps.finder()
	if err != nil {
		return fmt.Errorf("load entity finder: %w", err)
	}
	byKind := map[jic.EntityKind][]jic.Mention{}
	for _, part := range []struct{ field, text string }{{"title", r.Title}, {"text", r.Text}} {
		for _, m := range f.Find(part.text, r.Language) {
			dm := m.Domain(part.field, deps.Names)
			if dm.Entity == nil {
				dm.Entity = &jic.Entity{Kind: m.Kind, Key: nameKey(m.Kind, m.Name), CanonicalName: m.Name}
			}
			dm.ReportID = r.ID
			byKind[m.Kind] = append(byKind[m.Kind], dm)
		}
	}
	kinds := []jic.EntityKind{jic.EntityPerson, jic.EntityOrganization, jic.EntityGroup}
	for _, k := range kinds {
		if err := deps.Store.SetMentions(ctx, r.ID, k, byKind[k]); err != nil {
			return err
		}
	}
	return deps.Store.RecordStage(ctx, r.ID, jic.Stage{Name: StageEntities, OK: true, Detail: fmt.Sprintf("%d people, %d organizations, %d groups",
		len(byKind[jic.EntityPerson]), len(byKind[jic.EntityOrganization]), len(byKind[jic.EntityGroup]))})
}

// nameKey is the key of an entity known only by a name: its kind and the
// name case-folded, NFKC-normalized and with its spaces collapsed.
func nameKey(kind jic.EntityKind, name string) string {
	return "name:" + string(kind) + ":" + strings.Join(strings.Fields(cases.Fold().String(norm.NFKC.String(name))), " ")
}

// datesStage finds the dates a report names and resolves them against its
// publication time, or its collection time when it has none.
func datesStage(ctx context.Context, s jic.Store, r *jic.Report) error {
	at := r.Collected
	if !r.Published.IsZero() {
		at = r.Published
	}
	var ds []jic.DateMention
	for _, part := range []struct{ field, text string }{{"title", r.Title}, {"text", r.Text}} {
		for _, m := range dates.Find(part.text, r.Language, at) {
			ds = append(ds, jic.DateMention{Field: part.field, Start: m.Start, End: m.End, Surface: m.Text,
				First: m.Date, Last: m.Last, Precision: m.Precision.String(), Relative: m.Relative})
		}
	}
	if err := s.SetDates(ctx, r.ID, ds); err != nil {
		return err
	}
	return s.RecordStage(ctx, r.ID, jic.Stage{Name: StageDates, OK: true, Detail: fmt.Sprintf("%d dates", len(ds))})
}
