package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/fetch"
	"github.com/jic-center/jic/internal/gather"
	"github.com/jic-center/jic/internal/ingest"
)

// ScheduleArgs asks for the sources that are due to be polled.
type ScheduleArgs struct{}

// Kind names the job.
func (ScheduleArgs) Kind() string { return "schedule_polls" }

// PollArgs asks for one poll of one source.
type PollArgs struct {
	SourceID int64 `json:"source_id" river:"unique"`
}

// Kind names the job.
func (PollArgs) Kind() string { return "poll_source" }

// InsertOpts puts polls in the gathering queue.
func (PollArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{Queue: QueueGather} }

// FetchArgs asks for an article page whose feed item carried only a
// summary. The item travels with the job so that, if the page cannot be
// had, the summary is stored instead of losing the item.
type FetchArgs struct {
	SourceID    int64     `json:"source_id"`
	ItemKey     string    `json:"item_key" river:"unique"`
	URL         string    `json:"url"`
	Title       string    `json:"title"`
	Summary     string    `json:"summary"`
	Published   time.Time `json:"published"`
	Language    string    `json:"language"`
	Republishes string    `json:"republishes"`
}

// Kind names the job.
func (FetchArgs) Kind() string { return "fetch_article" }

// InsertOpts puts article fetches in the gathering queue.
func (FetchArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{Queue: QueueGather} }

// MaxBackoff bounds how long a failing source waits between polls.
const MaxBackoff = 24 * time.Hour

type scheduleWorker struct {
	river.WorkerDefaults[ScheduleArgs]
	deps  Deps
	queue *Queue
}

// Work enqueues a poll for each source that is due. A poll still waiting
// or running for a source is not enqueued twice.
func (w *scheduleWorker) Work(ctx context.Context, _ *river.Job[ScheduleArgs]) error {
	due, err := w.deps.Store.DueSources(ctx, w.deps.Now(), 500)
	if err != nil || len(due) == 0 {
		return err
	}
	params := make([]river.InsertManyParams, len(due))
	for i, src := range due {
		params[i] = river.InsertManyParams{Args: PollArgs{SourceID: src.ID}, InsertOpts: uniqueByArgs}
	}
	return w.queue.insert(ctx, params)
}

type pollWorker struct {
	river.WorkerDefaults[PollArgs]
	deps  Deps
	queue *Queue
}

// Work polls the source once and records how it went; a failure is
// recorded on the source (and backs it off), not retried by the queue, so a
// dead feed does not fill the queue.
func (w *pollWorker) Work(ctx context.Context, job *river.Job[PollArgs]) error {
	src, err := w.deps.Store.Source(ctx, job.Args.SourceID)
	if jic.ErrorCode(err) == jic.ENOTFOUND {
		return river.JobCancel(err)
	}
	if err != nil {
		return err
	}
	if src.Paused {
		return nil
	}
	now := w.deps.Now()
	res := jic.PollResult{At: now, ETag: src.Status.ETag, LastModified: src.Status.LastModified}
	var retryAt time.Time
	switch src.Kind {
	case jic.SourceFeed:
		retryAt, err = w.pollFeed(ctx, src, &res)
	case jic.SourcePage:
		retryAt, err = w.pollPage(ctx, src, &res)
	case jic.SourceDir:
		err = w.pollDir(ctx, src, &res)
	case jic.SourceMail:
		err = w.pollMail(ctx, src, &res)
	default:
		return nil
	}
	if ctx.Err() != nil {
		return ctx.Err() // shutting down: the queue runs the poll again
	}
	res.Err = err
	res.Next = nextPoll(src, now, err, retryAt)
	if err != nil {
		w.deps.Log.Warn("poll failed", "source", src.Name, "failures", src.Status.Failures+1, "next", res.Next, "err", err)
	}
	return w.deps.Store.RecordPoll(ctx, src.ID, res)
}

// nextPoll is when to poll again: after the interval on success; after the
// interval doubled for each failure in a row (at most MaxBackoff) on
// failure; never before the time a server asked for.
func nextPoll(src *jic.Source, now time.Time, err error, retryAt time.Time) time.Time {
	next := now.Add(src.PollInterval)
	if err != nil {
		wait := src.PollInterval << min(src.Status.Failures+1, 16)
		next = now.Add(min(wait, MaxBackoff))
	}
	if retryAt.After(next) {
		next = retryAt
	}
	return next
}

// store adds reports of a source, records their item keys, and enqueues
// their processing. It returns how many were new.
func (w *pollWorker) store(ctx context.Context, src *jic.Source, reports []*jic.Report) (int, error) {
	return storeReports(ctx, w.deps, w.queue, src, reports)
}

func storeReports(ctx context.Context, deps Deps, q *Queue, src *jic.Source, reports []*jic.Report) (int, error) {
	if len(reports) == 0 {
		return 0, nil
	}
	now := deps.Now().UTC()
	for _, r := range reports {
		r.SourceID, r.OwnerMemberID, r.Collected = src.ID, src.OwnerMemberID, now
		if r.Marking == "" {
			r.Marking = src.DefaultMarking
		}
		if r.Language == "" {
			r.Language = src.Language
		}
		if r.OriginalOutlet == "" {
			r.OriginalOutlet = src.Republishes
		}
	}
	res, err := deps.Store.AddReports(ctx, reports)
	if err != nil {
		return 0, err
	}
	var added []int64
	for _, x := range res {
		if !x.Duplicate {
			added = append(added, x.ID)
		}
	}
	if err := deps.Store.CountSourceItems(ctx, src.ID, len(added)); err != nil {
		return len(added), err
	}
	return len(added), q.Process(ctx, added...)
}

// feedAccept is what a feed request says it takes.
const feedAccept = "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1"

func (w *pollWorker) pollFeed(ctx context.Context, src *jic.Source, res *jic.PollResult) (time.Time, error) {
	resp, err := w.deps.Fetch.Get(ctx, fetch.Request{URL: src.URL, ETag: src.Status.ETag, LastModified: src.Status.LastModified, Accept: feedAccept})
	if err != nil {
		return retryTime(resp), err
	}
	if resp.NotModified {
		return time.Time{}, nil
	}
	res.ETag, res.LastModified = resp.ETag, resp.LastModified
	feed, err := gather.ParseFeed(resp.Body, resp.URL, gather.Options{})
	if err != nil {
		return time.Time{}, err
	}
	keys := make([]string, len(feed.Items))
	for i, it := range feed.Items {
		keys[i] = it.Key
	}
	seen, err := w.deps.Store.ItemsSeen(ctx, src.ID, keys)
	if err != nil {
		return time.Time{}, err
	}
	var reports []*jic.Report
	var fetches []river.InsertManyParams
	for _, it := range feed.Items {
		if seen[it.Key] {
			continue
		}
		seen[it.Key] = true // a feed that lists an item twice
		republishes := firstNonEmpty(it.Republishes, gather.DetectRepublication(it.Title, it.Content, src.Republishes).Outlet)
		if it.NeedsFetch && it.URL != "" {
			fetches = append(fetches, river.InsertManyParams{Args: FetchArgs{SourceID: src.ID, ItemKey: it.Key, URL: it.URL,
				Title: it.Title, Summary: it.Summary, Published: it.Published, Language: firstNonEmpty(it.Language, feed.Language),
				Republishes: republishes}, InsertOpts: uniqueByArgs})
			continue
		}
		text := firstNonEmpty(it.Content, it.Summary)
		reports = append(reports, &jic.Report{Title: it.Title, Text: text, URL: it.URL, Published: it.Published,
			Language: firstNonEmpty(it.Language, feed.Language), ItemKey: it.Key, OriginalOutlet: republishes})
	}
	n, err := w.store(ctx, src, reports)
	res.Items = n
	if err != nil {
		return time.Time{}, err
	}
	if len(fetches) > 0 {
		return time.Time{}, w.queue.insert(ctx, fetches)
	}
	return time.Time{}, nil
}

// retryTime is when a server that refused us asked us to come back.
func retryTime(resp *fetch.Response) time.Time {
	if resp == nil {
		return time.Time{}
	}
	return resp.RetryAfter
}

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

// pollPage watches one web page: each version of its main text is a report.
func (w *pollWorker) pollPage(ctx context.Context, src *jic.Source, res *jic.PollResult) (time.Time, error) {
	resp, err := w.deps.Fetch.Get(ctx, fetch.Request{URL: src.URL, ETag: src.Status.ETag, LastModified: src.Status.LastModified, Accept: "text/html"})
	if err != nil {
		return retryTime(resp), err
	}
	if resp.NotModified {
		return time.Time{}, nil
	}
	res.ETag, res.LastModified = resp.ETag, resp.LastModified
	a, err := gather.ParseArticle(resp.Body, resp.URL)
	if err != nil {
		return time.Time{}, err
	}
	r := articleReport(a, resp.URL, src)
	r.ItemKey = resp.URL + "#" + jic.ContentHash("", a.Title, a.Text)[:16]
	r.Raw, r.RawType = resp.Body, resp.ContentType
	seen, err := w.deps.Store.ItemsSeen(ctx, src.ID, []string{r.ItemKey})
	if err != nil || seen[r.ItemKey] {
		return time.Time{}, err
	}
	res.Items, err = w.store(ctx, src, []*jic.Report{r})
	return time.Time{}, err
}

func articleReport(a *gather.Article, url string, src *jic.Source) *jic.Report {
	outlet := a.Republication.Outlet
	if outlet == "" {
		outlet = gather.DetectRepublication(a.Title, a.Text, src.Republishes).Outlet
	}
	return &jic.Report{Title: a.Title, Text: a.Text, URL: firstNonEmpty(url, a.CanonicalURL), Published: a.Published,
		Language: a.Language, OriginalOutlet: outlet}
}

type fetchWorker struct {
	river.WorkerDefaults[FetchArgs]
	deps  Deps
	queue *Queue
}

// minSetAside is the shortest wait for a host's turn that a fetch job is
// set aside for; shorter ones are waited in the worker.
const minSetAside = 100 * time.Millisecond

// setAside says whether a job was set aside (snoozed) before: it then comes
// back at its booked turn and must not book another.
func setAside(job *rivertype.JobRow) bool {
	var m struct {
		Snoozes int `json:"snoozes"`
	}
	return json.Unmarshal(job.Metadata, &m) == nil && m.Snoozes > 0
}

// fetchAttempts is how often an article page is tried before the item is
// stored with its feed summary: a page that is down for minutes should not
// hold an item back for hours.
const fetchAttempts = 3

// NextRetry waits 10 s, then 20 s.
func (w *fetchWorker) NextRetry(job *river.Job[FetchArgs]) time.Time {
	return time.Now().Add(time.Duration(job.Attempt) * 10 * time.Second)
}

// Work fetches the article page of a feed item and stores the item with
// the page's main text. If the page is refused for good (forbidden
// address, gone, too large, not an article) or keeps failing, the item is
// stored with its summary and a note: an item is never lost.
func (w *fetchWorker) Work(ctx context.Context, job *river.Job[FetchArgs]) error {
	a := job.Args
	src, err := w.deps.Store.Source(ctx, a.SourceID)
	if jic.ErrorCode(err) == jic.ENOTFOUND {
		return river.JobCancel(err)
	}
	if err != nil {
		return err
	}
	// Articles of one feed share a host that is polite to: wait for the
	// host's turn out of the queue, not in a worker, so that the other
	// hosts' articles go on meanwhile.
	if !setAside(job.JobRow) {
		if wait := w.deps.Fetch.Reserve(a.URL); wait > minSetAside {
			return river.JobSnooze(wait)
		}
	}
	r := &jic.Report{Title: a.Title, Text: a.Summary, URL: a.URL, Published: a.Published, Language: a.Language,
		ItemKey: a.ItemKey, OriginalOutlet: a.Republishes}
	resp, err := w.deps.Fetch.Get(ctx, fetch.Request{URL: a.URL, Accept: "text/html"})
	switch code := jic.ErrorCode(err); {
	case err == nil:
		if art, perr := gather.ParseArticle(resp.Body, resp.URL); perr == nil && len(art.Text) > len(a.Summary) {
			r.Text, r.Raw, r.RawType = art.Text, resp.Body, resp.ContentType
			r.Title = firstNonEmpty(a.Title, art.Title)
			if r.Published.IsZero() {
				r.Published = art.Published
			}
			if art.Republication.Outlet != "" {
				r.OriginalOutlet = art.Republication.Outlet
			}
		}
	case code == jic.ETOOMANY && job.Attempt < fetchAttempts:
		return river.JobSnooze(max(time.Until(retryTime(resp)), time.Minute))
	case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
		return err
	case code == jic.EUNAVAILABLE && job.Attempt < fetchAttempts:
		return err // tried again after NextRetry
	default:
		w.deps.Log.Info("article page not fetched; storing the feed's summary", "url", a.URL, "err", err)
	}
	if strings.TrimSpace(r.Title) == "" && strings.TrimSpace(r.Text) == "" {
		return river.JobCancel(fmt.Errorf("feed item %s has neither title nor text", a.ItemKey))
	}
	_, err = storeReports(ctx, w.deps, w.queue, src, []*jic.Report{r})
	return err
}

// pollDir ingests the files dropped into a directory, once each: a file
// that is stored is moved into the directory's .jic-done folder; if it
// cannot be moved, its item key still keeps it from being ingested again.
func (w *pollWorker) pollDir(ctx context.Context, src *jic.Source, res *jic.PollResult) error {
	entries, err := os.ReadDir(src.URL)
	if err != nil {
		return jic.Errorf(jic.EUNAVAILABLE, "cannot read directory %s: %v", src.URL, err)
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	done := filepath.Join(src.URL, ".jic-done")
	var problems []string
	for _, e := range entries {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		path := filepath.Join(src.URL, e.Name())
		info, err := e.Info()
		if err != nil {
			continue // removed meanwhile
		}
		key := fmt.Sprintf("%s@%d@%d", e.Name(), info.Size(), info.ModTime().UnixNano())
		seen, err := w.deps.Store.ItemsSeen(ctx, src.ID, []string{key})
		if err != nil {
			return err
		}
		if !seen[key] {
			n, err := w.ingestFile(ctx, src, path, key)
			if err != nil {
				problems = append(problems, fmt.Sprintf("%s: %s", e.Name(), jic.ErrorMessage(err)))
				continue
			}
			res.Items += n
		}
		if err := os.MkdirAll(done, 0o750); err == nil {
			os.Rename(path, filepath.Join(done, e.Name()))
		}
	}
	if len(problems) > 0 {
		return jic.Errorf(jic.EINVALID, "%d files not ingested: %s", len(problems), strings.Join(problems, "; "))
	}
	return nil
}

// ingestFile parses one dropped file into reports keyed by the file.
func (w *pollWorker) ingestFile(ctx context.Context, src *jic.Source, path, key string) (int, error) {
	var reports []*jic.Report
	var rejected []string
	err := ingest.Walk(path, ingest.Options{Language: src.Language}, func(it ingest.Item) error {
		if it.Err != nil {
			rejected = append(rejected, it.Where+": "+jic.ErrorMessage(it.Err))
			return nil
		}
		it.Report.ItemKey = fmt.Sprintf("%s#%d", key, len(reports))
		if it.Marking != "" {
			it.Report.Marking = jic.Marking(it.Marking)
		}
		reports = append(reports, it.Report)
		return nil
	})
	if err != nil {
		return 0, err
	}
	if len(reports) == 0 && len(rejected) > 0 {
		return 0, jic.Errorf(jic.EINVALID, "%s", strings.Join(rejected, "; "))
	}
	if len(reports) == 0 {
		return 0, jic.Errorf(jic.EINVALID, "no report in the file")
	}
	// The file's key is recorded with its first report, in its transaction.
	reports[0].ItemKey = key
	return w.store(ctx, src, reports)
}

// pollMail reads a mailbox: a directory of .eml files, or an mbox file.
// Each message is a report whose source is its sender.
func (w *pollWorker) pollMail(ctx context.Context, src *jic.Source, res *jic.PollResult) error {
	info, err := os.Stat(src.URL)
	if err != nil {
		return jic.Errorf(jic.EUNAVAILABLE, "cannot read mailbox %s: %v", src.URL, err)
	}
	var problems []string
	handle := func(raw []byte) error {
		n, err := w.storeMessage(ctx, src, raw)
		if err != nil {
			if jic.ErrorCode(err) != jic.EINVALID && jic.ErrorCode(err) != jic.ETOOLARGE {
				return err
			}
			problems = append(problems, jic.ErrorMessage(err))
		}
		res.Items += n
		return nil
	}
	if info.IsDir() {
		entries, err := os.ReadDir(src.URL)
		if err != nil {
			return jic.Errorf(jic.EUNAVAILABLE, "cannot read mailbox %s: %v", src.URL, err)
		}
		for _, e := range entries {
			if e.IsDir() || !strings.HasSuffix(strings.ToLower(e.Name()), ".eml") {
				continue
			}
			raw, err := os.ReadFile(filepath.Join(src.URL, e.Name()))
			if err != nil {
				problems = append(problems, e.Name()+": "+err.Error())
				continue
			}
			if err := handle(raw); err != nil {
				return err
			}
		}
	} else {
		f, err := os.Open(src.URL)
		if err != nil {
			return jic.Errorf(jic.EUNAVAILABLE, "cannot read mailbox %s: %v", src.URL, err)
		}
		defer f.Close()
		if err := gather.SplitMbox(f, handle); err != nil {
			return err
		}
	}
	if len(problems) > 0 {
		return jic.Errorf(jic.EINVALID, "%d messages not ingested: %s", len(problems), strings.Join(problems, "; "))
	}
	return nil
}

// storeMessage stores one mail message under a source named after its
// sender, created on first sight with the mailbox's settings.
func (w *pollWorker) storeMessage(ctx context.Context, mailbox *jic.Source, raw []byte) (int, error) {
	m, err := gather.ParseMessage(raw, gather.Options{})
	if err != nil {
		return 0, err
	}
	sender, err := w.senderSource(ctx, mailbox, m.From.Address)
	if err != nil {
		return 0, err
	}
	seen, err := w.deps.Store.ItemsSeen(ctx, sender.ID, []string{m.Key})
	if err != nil || seen[m.Key] {
		return 0, err
	}
	r := &jic.Report{Title: m.Subject, Text: m.Text, Published: m.Date, Language: m.Language, ItemKey: m.Key, Raw: raw,
		RawType: "message/rfc822", OriginalOutlet: gather.DetectRepublication(m.Subject, m.Text, "").Outlet}
	r.Marking = mailbox.DefaultMarking
	sender.OwnerMemberID = mailbox.OwnerMemberID
	return storeReports(ctx, w.deps, w.queue, sender, []*jic.Report{r})
}

func (w *pollWorker) senderSource(ctx context.Context, mailbox *jic.Source, from string) (*jic.Source, error) {
	name := "mail: " + strings.ToLower(strings.TrimSpace(from))
	if strings.TrimSpace(from) == "" {
		name = "mail: unknown sender (" + mailbox.Name + ")"
	}
	src, err := w.deps.Store.SourceByName(ctx, name)
	if jic.ErrorCode(err) != jic.ENOTFOUND {
		return src, err
	}
	src = &jic.Source{Name: name, Kind: jic.SourceManual, OwnerMemberID: mailbox.OwnerMemberID, Reliability: jic.ReliabilityF,
		DefaultMarking: mailbox.DefaultMarking, Language: mailbox.Language, Country: mailbox.Country}
	if err := w.deps.Store.CreateSource(ctx, src); err != nil {
		if jic.ErrorCode(err) == jic.ECONFLICT {
			return w.deps.Store.SourceByName(ctx, name)
		}
		return nil, err
	}
	return src, nil
}
