package server

import (
	"bytes"
	"cmp"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jic-center/jic"
)

// The live stream asks the store for new reports every streamEvery, per
// connection, with the connection's viewer; a connection ends after
// streamFor (within the server's write timeout) and the browser reconnects
// with Last-Event-ID, so nothing is missed.
const (
	streamEvery = time.Second
	streamFor   = 45 * time.Second
	streamPing  = 15 * time.Second
)

// maxListLimit caps the reports of one page of the stream.
const maxListLimit = 200

// reportFilter reads the filters of /reports and /reports/stream: 50
// reports unless a limit is given.
func reportFilter(vals url.Values, extra ...string) (jic.ReportFilter, *queryParams, error) {
	f, p, err := readFilter(vals, "lang", maxListLimit, append([]string{"entity"}, extra...)...)
	if err == nil && f.Limit == 0 {
		f.Limit = 50
	}
	return f, p, err
}

func (s *Server) reportsPage(r *http.Request, v jic.Viewer) (string, page, error) {
	f, _, err := reportFilter(r.URL.Query())
	if err != nil {
		return "", page{}, err
	}
	list, err := s.store.Reports(r.Context(), v, f)
	if err != nil {
		return "", page{}, err
	}
	var sources []*jic.Source
	if !v.Anonymous() { // as GET /api/sources: for those signed in
		if sources, err = s.store.Sources(r.Context()); err != nil {
			return "", page{}, err
		}
	}
	var entity *jic.Entity
	if f.EntityID != 0 {
		if entity, err = s.store.Entity(r.Context(), v, f.EntityID); err != nil {
			return "", page{}, err
		}
	}
	var after int64
	for _, rep := range list {
		after = max(after, rep.ID)
	}
	stream := r.URL.Query()
	stream.Set("after", strconv.FormatInt(after, 10))
	return "reports.html", page{Title: "Reports", Nav: "reports", Data: map[string]any{
		"Reports": list, "Filter": f, "Sources": sources, "Markings": jic.Markings, "Entity": entity,
		"Unfiltered": "/reports?" + withParam(r.URL.Query(), "entity", ""),
		"Stream":     "/reports/stream?" + stream.Encode(),
	}}, nil
}

// reportStream sends the reports that arrive after the id in "after" (or
// the Last-Event-ID of a reconnecting browser) as Server-Sent Events, each
// a rendered list item. It asks the store only for reports stored after the
// last one sent (ReportFilter.AfterID), and stops when the client goes away
// or the server closes.
func (s *Server) reportStream(w http.ResponseWriter, r *http.Request) {
	v, err := s.auth.Viewer(r)
	if err != nil {
		writeError(w, err)
		return
	}
	f, p, err := reportFilter(r.URL.Query(), "after")
	if err != nil {
		writeError(w, err)
		return
	}
	after := p.int("after")
	if id, err := strconv.ParseInt(r.Header.Get("Last-Event-ID"), 10, 64); err == nil && id > after {
		after = id
	}
	if err := p.err(); err != nil {
		writeError(w, err)
		return
	}
	flusher, ok := w.(http.Flusher)
	if !ok {
		writeError(w, jic.Errorf(jic.EINTERNAL, "streaming is not supported here"))
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Accel-Buffering", "no")
	fmt.Fprint(w, "retry: 1000\n\n")
	flusher.Flush()
	ctx := r.Context()
	tick, ping := time.NewTicker(streamEvery), time.NewTicker(streamPing)
	defer tick.Stop()
	defer ping.Stop()
	end := time.After(streamFor)
	for {
		select {
		case <-ctx.Done():
			return
		case <-s.stopping.Done():
			return
		case <-end:
			return
		case <-ping.C:
			fmt.Fprint(w, ": ping\n\n")
		case <-tick.C:
			f.AfterID = after
			list, err := s.store.Reports(ctx, v, f)
			if err != nil {
				if ctx.Err() == nil {
					s.log.Error("report stream", "err", err)
				}
				return
			}
			if after, err = s.sendReports(w, list, after); err != nil {
				return
			}
		}
		flusher.Flush()
	}
}

// sendReports writes the reports of list (stored after after, oldest
// first) and returns the last id sent.
func (s *Server) sendReports(w http.ResponseWriter, list []*jic.Report, after int64) (int64, error) {
	var buf bytes.Buffer
	// With no report sent yet (after 0) the store lists newest first.
	slices.SortFunc(list, func(a, b *jic.Report) int { return cmp.Compare(a.ID, b.ID) })
	for _, rep := range list {
		if rep.ID <= after {
			continue
		}
		buf.Reset()
		if err := pages.ExecuteTemplate(&buf, "reportline", rep); err != nil {
			return after, err
		}
		fmt.Fprintf(w, "id: %d\nevent: report\n", rep.ID)
		for line := range strings.Lines(buf.String()) {
			fmt.Fprintf(w, "data: %s\n", strings.TrimRight(line, "\r\n"))
		}
		if _, err := fmt.Fprint(w, "\n"); err != nil {
			return after, err
		}
		after = rep.ID
	}
	return after, nil
}

func (s *Server) reportPage(r *http.Request, v jic.Viewer) (string, page, error) {
	id, err := pathID(r)
	if err != nil {
		return "", page{}, err
	}
	rep, err := s.store.Report(r.Context(), v, id)
	if err != nil {
		return "", page{}, err
	}
	// The viewer may see the report; its facts follow it.
	stages, err := s.store.Stages(r.Context(), id)
	if err != nil {
		return "", page{}, err
	}
	mentions, err := s.store.Mentions(r.Context(), id)
	if err != nil {
		return "", page{}, err
	}
	dates, err := s.store.Dates(r.Context(), id)
	if err != nil {
		return "", page{}, err
	}
	claims, err := s.store.ReportClaims(r.Context(), id)
	if err != nil {
		return "", page{}, err
	}
	if err := s.store.RateClaims(r.Context(), v, claims); err != nil {
		return "", page{}, err
	}
	sy, err := s.store.Syndication(r.Context(), v, id)
	if err != nil && jic.ErrorCode(err) != jic.ENOTFOUND {
		return "", page{}, err
	}
	contra, err := s.store.Contradictions(r.Context(), v, []int64{id}, 20)
	if err != nil {
		return "", page{}, err
	}
	var story *jic.Story
	if sid, err := s.store.StoryOf(r.Context(), v, id); err == nil {
		if story, err = s.store.Story(r.Context(), v, sid); err != nil {
			return "", page{}, err
		}
	} else if jic.ErrorCode(err) != jic.ENOTFOUND {
		return "", page{}, err
	}
	var src *jic.Source
	if rep.SourceID != 0 {
		if src, err = s.store.Source(r.Context(), rep.SourceID); err != nil {
			return "", page{}, err
		}
	}
	var places, entities []jic.Mention
	for _, m := range mentions {
		if m.Kind == jic.EntityPlace {
			places = append(places, m)
		} else {
			entities = append(entities, m)
		}
	}
	return "report.html", page{Title: rep.Title, Nav: "reports", Data: map[string]any{
		"Report": rep, "Source": src, "Stages": stages, "Dates": dates,
		"Places": distinct(places), "Entities": distinct(entities),
		"Claims": claims, "Syndication": sy, "Contradictions": contra, "Story": story,
		"Spans": append(spans(mentions, dates), claimSpans(rep, claims)...),
	}}, nil
}

// distinct keeps the first mention of each entity.
func distinct(ms []jic.Mention) []jic.Mention {
	seen := map[int64]bool{}
	var out []jic.Mention
	for _, m := range ms {
		if !seen[m.EntityID] {
			seen[m.EntityID] = true
			out = append(out, m)
		}
	}
	return out
}

// span is a highlighted stretch of a report's title or text.
type span struct {
	Field      string
	Start, End int
	Class      string // m-place, m-person, m-organization, m-group, m-date
	Title      string // the tooltip: what the span was read as
	Href       string // a link to follow, on this site
	// Outer spans (claims' statements and speakers) may hold inner ones
	// (entities, dates); spans of one layer do not overlap.
	Outer bool
	ID    string // the element id, for links to the span
}

func spans(ms []jic.Mention, ds []jic.DateMention) []span {
	var out []span
	for _, m := range ms {
		title := string(m.Kind) + ": " + m.Name
		if e := m.Entity; e != nil && e.Country != "" {
			title += " (" + e.Country + ")"
		}
		out = append(out, span{Field: m.Field, Start: m.Start, End: m.End, Class: "m-" + string(m.Kind),
			Title: title, Href: "/entities/" + strconv.FormatInt(m.EntityID, 10)})
	}
	for _, d := range ds {
		title := "date: " + d.First.Format("2006-01-02")
		if !d.Last.Equal(d.First) {
			title += " to " + d.Last.Format("2006-01-02")
		}
		out = append(out, span{Field: d.Field, Start: d.Start, End: d.End, Class: "m-date", Title: title + " (" + d.Precision + ")"})
	}
	slices.SortStableFunc(out, func(a, b span) int { return cmp.Compare(a.Start, b.Start) })
	return out
}

// highlight splits a field's text into paragraphs at line breaks and wraps
// the spans of that field in <mark>, escaping everything else. Spans that
// overlap an earlier one, cross a paragraph or do not fall on character
// boundaries are left out.
func highlight(text, field string, all []span) []template.HTML {
	var own []span
	for _, sp := range all {
		if sp.Field == field && sp.Start >= 0 && sp.Start < sp.End && sp.End <= len(text) &&
			utf8.RuneStart(text[sp.Start]) && (sp.End == len(text) || utf8.RuneStart(text[sp.End])) {
			own = append(own, sp)
		}
	}
	var out []template.HTML
	at := 0
	for line := range strings.Lines(text) {
		start, end := at, at+len(line)
		at = end
		lead := len(line) - len(strings.TrimLeft(line, " \t\r\n"))
		trail := len(line) - len(strings.TrimRight(line, " \t\r\n"))
		if lead == len(line) {
			continue
		}
		out = append(out, markSpans(text, start+lead, end-trail, own))
	}
	return out
}

// markSpans marks the spans within [from, to): outer spans wrap the inner
// spans they contain; an inner span that crosses an outer one's edge is
// left out.
func markSpans(text string, from, to int, spans []span) template.HTML {
	var outer, inner []span
	for _, sp := range spans {
		if sp.Outer {
			outer = append(outer, sp)
		} else {
			inner = append(inner, sp)
		}
	}
	var b strings.Builder
	at := from
	for _, o := range outer {
		if o.Start < at || o.End > to {
			continue
		}
		b.WriteString(string(markFlat(text, at, o.Start, inner)))
		fmt.Fprintf(&b, `<mark class="%s" title="%s"`, template.HTMLEscapeString(o.Class), template.HTMLEscapeString(o.Title))
		if o.ID != "" {
			fmt.Fprintf(&b, ` id="%s"`, template.HTMLEscapeString(o.ID))
		}
		b.WriteString(">")
		b.WriteString(string(markFlat(text, o.Start, o.End, inner)))
		b.WriteString("</mark>")
		at = o.End
	}
	b.WriteString(string(markFlat(text, at, to, inner)))
	return template.HTML(b.String())
}

// markFlat marks spans that do not overlap, within [from, to).
func markFlat(text string, from, to int, spans []span) template.HTML {
	var b strings.Builder
	at := from
	for _, sp := range spans {
		if sp.Start < at || sp.End > to {
			continue
		}
		b.WriteString(template.HTMLEscapeString(text[at:sp.Start]))
		fmt.Fprintf(&b, `<mark class="%s" title="%s">`, template.HTMLEscapeString(sp.Class), template.HTMLEscapeString(sp.Title))
		if sp.Href != "" {
			fmt.Fprintf(&b, `<a href="%s">%s</a>`, template.HTMLEscapeString(sp.Href), template.HTMLEscapeString(text[sp.Start:sp.End]))
		} else {
			b.WriteString(template.HTMLEscapeString(text[sp.Start:sp.End]))
		}
		b.WriteString("</mark>")
		at = sp.End
	}
	b.WriteString(template.HTMLEscapeString(text[at:to]))
	return template.HTML(b.String())
}

// claimSpans marks each claim's statement and, where the report writes it
// out in the same field, its speaker: the nearest occurrence before the
// statement, else after it.
func claimSpans(rep *jic.Report, cs []jic.Claim) []span {
	var out []span
	for _, c := range cs {
		text := rep.Text
		if c.Field == "title" {
			text = rep.Title
		}
		if c.Start < 0 || c.End > len(text) || c.Start >= c.End {
			continue
		}
		who := c.Speaker
		if who == "" {
			who = "no named speaker"
		}
		out = append(out, span{Field: c.Field, Start: c.Start, End: c.End, Outer: true, ID: "claim-" + strconv.FormatInt(c.ID, 10),
			Class: "claim stance-" + string(c.Stance), Title: fmt.Sprintf("claim: %s %s (%s, cue %q)", who, c.Stance, c.SpeakerKind, c.Cue)})
		if at, ok := speakerAt(text, c); ok {
			out = append(out, span{Field: c.Field, Start: at, End: at + len(c.Speaker), Outer: true,
				Class: "claim-speaker", Title: "speaker (" + c.SpeakerKind + ") of claim " + strconv.FormatInt(c.ID, 10)})
		}
	}
	slices.SortStableFunc(out, func(a, b span) int { return cmp.Compare(a.Start, b.Start) })
	return out
}

// speakerAt finds where the text names a claim's speaker, outside the
// statement.
func speakerAt(text string, c jic.Claim) (int, bool) {
	if c.Speaker == "" {
		return 0, false
	}
	if at := strings.LastIndex(text[:c.Start], c.Speaker); at >= 0 {
		return at, true
	}
	if at := strings.Index(text[c.End:], c.Speaker); at >= 0 {
		return c.End + at, true
	}
	return 0, false
}
