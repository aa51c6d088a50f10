package pipeline

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/riverqueue/river"
	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/claims"
	"github.com/jic-center/jic/internal/dates"
	"github.com/jic-center/jic/internal/dedup"
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
	StageCopies   = "copies"
	StagePlaces   = "places"
	StageEntities = "entities"
	StageDates    = "dates"
	StageClaims   = "claims"
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
	if err := copiesStage(ctx, w.deps.Store, r); err != nil {
		return err
	}
	if err := placesStage(ctx, w.deps, r); err != nil {
		return err
	}
	if err := entitiesStage(ctx, w.deps, r); err != nil {
		return err
	}
	if err := datesStage(ctx, w.deps.Store, r); err != nil {
		return err
	}
	return claimsStage(ctx, w.deps.Store, r)
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

// copiesStage finds whether a report is an exact or near copy of one
// processed before it and files it in its syndication group.
func copiesStage(ctx context.Context, s jic.Store, r *jic.Report) error {
	p := dedup.Fingerprint(r.Title, r.Text, r.Language)
	b, err := p.MarshalBinary()
	if err != nil {
		return err
	}
	sy, err := s.Deduplicate(ctx, r.ID, b)
	if err != nil {
		return err
	}
	st := jic.Stage{Name: StageCopies, OK: true, Detail: sy.Explanation}
	if p.Empty() {
		st.OK, st.Detail = false, "no text to compare with other reports"
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

// Claim linking: claims of other reports said within claimWindow of a
// claim and naming one of its entities (or said by its speaker) are
// candidates, at most maxClaimCandidates of them, the newest first; a
// candidate scoring at least minClaimLink with claims.Related is linked,
// and across languages only when two or more entities are shared (the
// words of the statements cannot be compared there).
const (
	claimWindow        = 3 * 24 * time.Hour
	maxClaimCandidates = 100
	minClaimLink       = 0.5
)

// claimsStage finds who said what in a report, stores the claims, and
// links them to claims of other reports about the same thing, marking a
// denial linked to an assertion as a contradiction.
func claimsStage(ctx context.Context, s jic.Store, r *jic.Report) error {
	ms, err := s.Mentions(ctx, r.ID)
	if err != nil {
		return err
	}
	var cs []jic.Claim
	for _, part := range []struct{ field, text string }{{"title", r.Title}, {"text", r.Text}} {
		var ents []claims.Entity
		for _, m := range ms {
			if m.Field == part.field && m.Entity != nil {
				ents = append(ents, claims.Entity{Start: m.Start, End: m.End, Kind: string(m.Kind), Key: m.Entity.Key, Name: m.Name})
			}
		}
		for _, c := range claims.Extract(part.text, r.Language, ents) {
			cs = append(cs, jic.Claim{Speaker: c.Speaker.Text, SpeakerKind: c.Speaker.Kind, SpeakerKey: c.Speaker.Key, Stance: jic.Stance(c.Stance),
				Cue: c.Cue, Quote: c.Quote, Field: part.field, Start: c.Start, End: c.End, AboutKeys: c.About, Via: c.Via})
		}
	}
	if err := s.SetClaims(ctx, r.ID, cs); err != nil {
		return err
	}
	stored, err := s.ReportClaims(ctx, r.ID)
	if err != nil {
		return err
	}
	var links []jic.ClaimLink
	contradictions := 0
	at := r.When()
	for i := range stored {
		a := &stored[i]
		keys := a.AboutKeys
		if a.SpeakerKey != "" {
			keys = append(slices.Clone(keys), a.SpeakerKey)
		}
		cands, err := s.ClaimsAbout(ctx, keys, r.ID, at.Add(-claimWindow), at.Add(claimWindow), maxClaimCandidates)
		if err != nil {
			return err
		}
		ca := asClaim(a)
		for j := range cands {
			b := &cands[j]
			cb := asClaim(b)
			score := claims.Related(&ca, &cb, a.Language, b.Language)
			if score < minClaimLink || a.Language != b.Language && shared(a.AboutKeys, b.AboutKeys) < 2 {
				continue
			}
			l := jic.ClaimLink{A: a.ID, B: b.ID, Score: min(score, 1), Contradiction: (a.Stance == jic.StanceDenies) != (b.Stance == jic.StanceDenies)}
			if l.Contradiction {
				contradictions++
			}
			links = append(links, l)
		}
	}
	if err := s.LinkClaims(ctx, links); err != nil {
		return err
	}
	return s.RecordStage(ctx, r.ID, jic.Stage{Name: StageClaims, OK: true,
		Detail: fmt.Sprintf("%d claims, %d links to claims of other reports, %d contradictions", len(stored), len(links), contradictions)})
}

// asClaim turns a stored claim back into what claims.Related compares.
func asClaim(c *jic.Claim) claims.Claim {
	return claims.Claim{Speaker: claims.Speaker{Text: c.Speaker, Kind: c.SpeakerKind, Key: c.SpeakerKey}, Stance: string(c.Stance),
		Cue: c.Cue, Quote: c.Quote, About: c.AboutKeys, Via: c.Via}
}

// shared counts the keys two lists have in common.
func shared(a, b []string) int {
	n := 0
	for _, k := range a {
		if slices.Contains(b, k) {
			n++
		}
	}
	return n
}
