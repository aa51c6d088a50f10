package pipeline

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/riverqueue/river"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/claims"
	"github.com/jic-center/jic/internal/dates"
	"github.com/jic-center/jic/internal/dedup"
	"github.com/jic-center/jic/internal/gazetteer"
	"github.com/jic-center/jic/internal/lang"
	"github.com/jic-center/jic/internal/ner"
	"github.com/jic-center/jic/internal/stories"
)

// ProcessArgs asks for the processing of reports: up to ProcessBatch of
// them stored together (ReportIDs), or one (ReportID: jobs enqueued before
// reports were processed in batches).
type ProcessArgs struct {
	ReportID  int64   `json:"report_id,omitempty" river:"unique"`
	ReportIDs []int64 `json:"report_ids,omitempty" river:"unique"`
}

// ProcessBatch is the most reports one process job carries. A job computes
// each stage for all its reports before the next stage, which keeps each
// stage's tables in the processor's caches (about a tenth faster than
// report after report), and saves them in one transaction.
const ProcessBatch = 16

func (a ProcessArgs) ids() []int64 {
	if a.ReportID != 0 {
		return append([]int64{a.ReportID}, a.ReportIDs...)
	}
	return a.ReportIDs
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
	StageStory    = "story"
)

type processWorker struct {
	river.WorkerDefaults[ProcessArgs]
	deps Deps
}

// Work runs the process stages on the reports of a job. Each stage records
// what it did or could not do; a stage that fails on odd input marks the
// report and the others still run, and the report stays stored and
// searchable. What the stages find is computed first, stage by stage for
// all the reports, then saved with the decisions that must see every
// report before it (claim links, copies, story), report after report; the
// serialized decisions come last, so that the locks they take are held for
// as short a time as possible. A report processed before (enqueued twice)
// is skipped.
func (w *processWorker) Work(ctx context.Context, job *river.Job[ProcessArgs]) error {
	s := w.deps.Store
	var rs []*processing
	for _, id := range job.Args.ids() {
		r, err := s.Report(ctx, jic.SystemViewer, id)
		if jic.ErrorCode(err) == jic.ENOTFOUND {
			continue // deleted, or a restore replaced the database
		}
		if err != nil {
			return err
		}
		done, err := processed(ctx, s, id)
		if err != nil {
			return err
		}
		if !done {
			rs = append(rs, &processing{r: r, p: &jic.Processed{Mentions: map[jic.EntityKind][]jic.Mention{}}})
		}
	}
	if len(rs) == 0 {
		return nil
	}
	if err := w.compute(ctx, rs); err != nil {
		return err
	}
	// SQLite has one writer: a job's reports are saved in one transaction,
	// one commit instead of one each. PostgreSQL's writers overlap, and the
	// decisions' locks must be held briefly: a transaction per report.
	if w.deps.oneWriter && len(rs) > 1 {
		err := s.Batch(ctx, func(ctx context.Context) error {
			for _, x := range rs {
				if err := decide(ctx, s, x); err != nil {
					return fmt.Errorf("report %d: %w", x.r.ID, err)
				}
			}
			return nil
		})
		if err == nil {
			return nil
		}
		// Then each in its own, so that one report's failure holds none of
		// the others back.
	}
	var errs []error
	for _, x := range rs {
		if err := s.Batch(ctx, func(ctx context.Context) error { return decide(ctx, s, x) }); err != nil {
			errs = append(errs, fmt.Errorf("report %d: %w", x.r.ID, err))
		}
	}
	return errors.Join(errs...)
}

// processing is one report of a job and what its stages found.
type processing struct {
	r     *jic.Report
	p     *jic.Processed
	print dedup.Print
	found int // claims found, of which at most maxClaims are in p
	story storyInput
}

// processed reports whether the last stage has run on a report.
func processed(ctx context.Context, s jic.Store, id int64) (bool, error) {
	sts, err := s.Stages(ctx, id)
	if err != nil {
		return false, err
	}
	return slices.ContainsFunc(sts, func(st jic.Stage) bool { return st.Name == StageStory }), nil
}

// compute runs the stages that need no store but the report's source, each
// for every report before the next.
func (w *processWorker) compute(ctx context.Context, rs []*processing) error {
	for _, x := range rs {
		x.p.Stages = append(x.p.Stages, languageStage(x.r, x.p))
	}
	for _, x := range rs {
		x.print = dedup.Fingerprint(x.r.Title, x.r.Text, x.r.Language)
	}
	for _, x := range rs {
		st, err := placesStage(ctx, w.deps, x.r, x.p)
		if err != nil {
			return err
		}
		x.p.Stages = append(x.p.Stages, st)
	}
	for _, x := range rs {
		st, err := entitiesStage(w.deps, x.r, x.p)
		if err != nil {
			return err
		}
		x.p.Stages = append(x.p.Stages, st)
	}
	for _, x := range rs {
		x.p.Stages = append(x.p.Stages, datesStage(x.r, x.p))
		x.found = findClaims(x.r, x.p)
		x.story = newStoryInput(x.r, x.p)
	}
	return nil
}

// decide saves a report's facts and makes its decisions. The claims it may
// link to are read here, through the batch, so that they include those of
// the reports of the same job saved before it.
func decide(ctx context.Context, s jic.Store, x *processing) error {
	if err := s.SaveProcessed(ctx, x.r.ID, x.p); err != nil {
		return err
	}
	cands, err := claimCandidates(ctx, s, x.r, x.p.Claims)
	if err != nil {
		return err
	}
	if err := linkClaims(ctx, s, x.r, x.p.Claims, cands, x.found); err != nil {
		return err
	}
	if err := copiesStage(ctx, s, x.r, &x.print); err != nil {
		return err
	}
	return storyStage(ctx, s, x.r, x.story)
}

// languageStage identifies the language of a report that came without one;
// saving it re-indexes the report in that language.
func languageStage(r *jic.Report, p *jic.Processed) jic.Stage {
	st := jic.Stage{Name: StageLanguage, OK: true, Detail: r.Language}
	if r.Language != "" {
		st.Detail += " (given)"
		return st
	}
	switch d := lang.Detect(lang.Head(r.Title, r.Text)); d.Lang {
	case "":
		st.OK, st.Detail = false, "no letters to identify a language by"
	case "other":
		st.OK, st.Detail = false, "a language jic does not analyze; indexed by the default for each script"
	default:
		p.Language, r.Language = d.Lang, d.Lang // for the stages after this one
		st.Detail = fmt.Sprintf("%s (identified, confidence %.2f)", d.Lang, d.Confidence)
	}
	return st
}

// copiesStage finds whether a report is an exact or near copy of one
// processed before it, files it in its syndication group and records the
// stage.
func copiesStage(ctx context.Context, s jic.Store, r *jic.Report, p *dedup.Print) error {
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

// placesStage finds the places a report names and resolves each to one
// gazetteer place (using the country of the report's source as context).
func placesStage(ctx context.Context, deps Deps, r *jic.Report, p *jic.Processed) (jic.Stage, error) {
	g, err := deps.Gazetteer()
	if err != nil {
		return jic.Stage{}, fmt.Errorf("load gazetteer: %w", err)
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
	ms := []jic.Mention{}
	for _, f := range found {
		field, start, end := "title", f.Start, f.End
		if f.Start >= len(r.Title) {
			field, start, end = "text", f.Start-len(r.Title)-2, f.End-len(r.Title)-2
		}
		if start < 0 {
			continue // straddles the join
		}
		pl := f.Place
		ms = append(ms, jic.Mention{ReportID: r.ID, Kind: jic.EntityPlace, Name: pl.Name, Field: field, Start: start, End: end,
			Surface: f.Text, Confidence: f.Confidence, Entity: &jic.Entity{Kind: jic.EntityPlace, Key: pl.Key(), CanonicalName: pl.Name,
				Country: pl.Country, Lat: pl.Lat, Lon: pl.Lon, GeonameID: int64(pl.GeoNameID), Precision: pl.Kind.String()}})
	}
	p.Mentions[jic.EntityPlace] = ms
	return jic.Stage{Name: StagePlaces, OK: true, Detail: fmt.Sprintf("%d place mentions", len(ms))}, nil
}

// entitiesStage finds the people, organizations and groups a report
// names: one in the alias registry under the registry's entity, any other
// under its kind and folded name, so that the same name in two reports is
// one entity.
func entitiesStage(deps Deps, r *jic.Report, p *jic.Processed) (jic.Stage, error) {
	f, err := deps.finder()
	if err != nil {
		return jic.Stage{}, fmt.Errorf("load entity finder: %w", err)
	}
	kinds := []jic.EntityKind{jic.EntityPerson, jic.EntityOrganization, jic.EntityGroup}
	for _, k := range kinds {
		p.Mentions[k] = []jic.Mention{}
	}
	for _, part := range []struct{ field, text string }{{"title", r.Title}, {"text", r.Text}} {
		for _, m := range f.Find(part.text, r.Language) {
			dm := m.Domain(part.field, deps.Names)
			if dm.Entity == nil {
				dm.Entity = &jic.Entity{Kind: m.Kind, Key: ner.NameKey(m.Kind, m.Name), CanonicalName: m.Name}
			}
			dm.ReportID = r.ID
			p.Mentions[m.Kind] = append(p.Mentions[m.Kind], dm)
		}
	}
	return jic.Stage{Name: StageEntities, OK: true, Detail: fmt.Sprintf("%d people, %d organizations, %d groups",
		len(p.Mentions[jic.EntityPerson]), len(p.Mentions[jic.EntityOrganization]), len(p.Mentions[jic.EntityGroup]))}, nil
}

// datesStage finds the dates a report names and resolves them against its
// publication time, or its collection time when it has none.
func datesStage(r *jic.Report, p *jic.Processed) jic.Stage {
	p.Dates = []jic.DateMention{}
	for _, part := range []struct{ field, text string }{{"title", r.Title}, {"text", r.Text}} {
		for _, m := range dates.Find(part.text, r.Language, r.When()) {
			p.Dates = append(p.Dates, jic.DateMention{Field: part.field, Start: m.Start, End: m.End, Surface: m.Text,
				First: m.Date, Last: m.Last, Precision: m.Precision.String(), Relative: m.Relative})
		}
	}
	return jic.Stage{Name: StageDates, OK: true, Detail: fmt.Sprintf("%d dates", len(p.Dates))}
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
	// maxClaims bounds the claims kept of one report: a 5,000-sentence
	// transcript keeps its first ones, and says so.
	maxClaims = 500
)

// findClaims finds who said what in a report, among the entities found
// before, and returns how many it found (at most maxClaims are kept).
func findClaims(r *jic.Report, p *jic.Processed) int {
	p.Claims = []jic.Claim{}
	found := 0
	for _, part := range []struct{ field, text string }{{"title", r.Title}, {"text", r.Text}} {
		var ents []claims.Entity
		for _, ms := range p.Mentions {
			for _, m := range ms {
				if m.Field == part.field && m.Entity != nil {
					ents = append(ents, claims.Entity{Start: m.Start, End: m.End, Kind: string(m.Kind), Key: m.Entity.Key, Name: m.Name})
				}
			}
		}
		for _, c := range claims.Extract(part.text, r.Language, ents) {
			found++
			if len(p.Claims) < maxClaims {
				p.Claims = append(p.Claims, jic.Claim{Speaker: c.Speaker.Text, SpeakerKind: c.Speaker.Kind, SpeakerKey: c.Speaker.Key, Stance: jic.Stance(c.Stance),
					Cue: c.Cue, Quote: c.Quote, Field: part.field, Start: c.Start, End: c.End, AboutKeys: c.About, Via: c.Via})
			}
		}
	}
	return found
}

// claimCandidates reads, for each claim of a report, the claims of other
// reports it may be linked to.
func claimCandidates(ctx context.Context, s jic.Store, r *jic.Report, cs []jic.Claim) ([][]jic.Claim, error) {
	out := make([][]jic.Claim, len(cs))
	at := r.When()
	for i := range cs {
		keys := cs[i].AboutKeys
		if cs[i].SpeakerKey != "" {
			keys = append(slices.Clone(keys), cs[i].SpeakerKey)
		}
		cands, err := s.ClaimsAbout(ctx, keys, r.ID, at.Add(-claimWindow), at.Add(claimWindow), maxClaimCandidates)
		if err != nil {
			return nil, err
		}
		out[i] = cands
	}
	return out, nil
}

// linkClaims links a report's saved claims to the candidates about the
// same thing, marking a denial linked to an assertion as a contradiction,
// and records the claims stage.
func linkClaims(ctx context.Context, s jic.Store, r *jic.Report, stored []jic.Claim, cands [][]jic.Claim, found int) error {
	var links []jic.ClaimLink
	contradictions := 0
	for i := range stored {
		a := &stored[i]
		ca := asClaim(a)
		for j := range cands[i] {
			b := &cands[i][j]
			cb := asClaim(b)
			score := claims.Related(&ca, &cb, r.Language, b.Language)
			if score < minClaimLink || r.Language != b.Language && shared(a.AboutKeys, b.AboutKeys) < 2 {
				continue
			}
			l := jic.ClaimLink{A: a.ID, B: b.ID, Score: min(score, 1), Contradiction: (a.Stance == jic.StanceDenies) != (b.Stance == jic.StanceDenies)}
			if l.Contradiction {
				contradictions++
			}
			links = append(links, l)
		}
	}
	if len(links) > 0 {
		if err := s.LinkClaims(ctx, links); err != nil {
			return err
		}
	}
	detail := fmt.Sprintf("%d claims, %d links to claims of other reports, %d contradictions", len(stored), len(links), contradictions)
	if found > len(stored) {
		detail = fmt.Sprintf("the first %d of %d claims kept; ", len(stored), found) + detail
	}
	return s.RecordStage(ctx, r.ID, jic.Stage{Name: StageClaims, OK: true, Detail: detail})
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

// storyInput is what the story decision compares: the entities and places
// a report names in its title and lead, and the terms of its title
// (counted twice) and lead.
type storyInput struct {
	ents, terms []string
}

func newStoryInput(r *jic.Report, p *jic.Processed) storyInput {
	lead := stories.Lead(r.Text, stories.LeadRunes)
	var ents []string
	for _, ms := range p.Mentions {
		for _, m := range ms {
			if m.Entity != nil && (m.Field == "title" || m.Start < len(lead)) {
				ents = append(ents, m.Entity.Key)
			}
		}
	}
	slices.Sort(ents) // map order must not change the decision
	return storyInput{ents, stories.Terms(r.Title, lead, r.Language)}
}

// storyStage clusters a report into a story.
func storyStage(ctx context.Context, s jic.Store, r *jic.Report, in storyInput) error {
	a, err := s.AssignStory(ctx, r.ID, in.ents, in.terms)
	if err != nil {
		return err
	}
	detail := fmt.Sprintf("joined story %d (score %.2f): %s", a.Story, a.Score, a.Why)
	if a.New {
		detail = fmt.Sprintf("started story %d: %s", a.Story, a.Why)
	}
	return s.RecordStage(ctx, r.ID, jic.Stage{Name: StageStory, OK: true, Detail: detail})
}
