package storetest

import (
	"errors"
	"testing"
	"time"

	"github.com/jic-center/jic"
)

func testSourcePolling(t *testing.T, b Backend) {
	s := b.Open(t)
	w := newWorld(t, s)
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	feed := &jic.Source{Name: "BBC Arabic feed", Kind: jic.SourceFeed, URL: "https://feeds.example/ar.xml", PollInterval: 5 * time.Minute, Reliability: "B"}
	must(t, s.CreateSource(ctx, feed))
	paused := &jic.Source{Name: "Paused", Kind: jic.SourceFeed, URL: "https://x.example/f", Paused: true}
	must(t, s.CreateSource(ctx, paused))
	wantCode(t, "CreateSource(poll every second)", s.CreateSource(ctx, &jic.Source{Name: "Eager", Kind: jic.SourceFeed, URL: "https://e.example/", PollInterval: time.Second}), jic.EINVALID)
	wantCode(t, "CreateSource(feed without URL)", s.CreateSource(ctx, &jic.Source{Name: "Nowhere", Kind: jic.SourceFeed}), jic.EINVALID)

	due, err := s.DueSources(ctx, now, 10)
	must(t, err)
	if len(due) != 1 || due[0].ID != feed.ID { // the world's source is manual, not polled
		t.Fatalf("DueSources = %v, want only the feed", due)
	}
	must(t, s.RecordPoll(ctx, feed.ID, jic.PollResult{At: now, Items: 3, ETag: `"v1"`, Next: now.Add(5 * time.Minute)}))
	must(t, s.CountSourceItems(ctx, feed.ID, 3))
	if due, _ := s.DueSources(ctx, now.Add(time.Minute), 10); len(due) != 0 {
		t.Errorf("DueSources right after a poll = %v, want none", due)
	}
	for i := range 3 {
		must(t, s.RecordPoll(ctx, feed.ID, jic.PollResult{At: now.Add(time.Duration(i+1) * time.Hour), Err: errors.New("connection refused"), Next: now.Add(48 * time.Hour)}))
	}
	got, err := s.Source(ctx, feed.ID)
	must(t, err)
	st := got.Status
	if st.Items != 3 || st.Failures != 3 || !st.Failing() || st.LastError == "" || !st.LastSuccess.Equal(now) || st.ETag != `"v1"` || !st.NextPoll.Equal(now.Add(48*time.Hour)) {
		t.Errorf("status after 3 failures = %+v", st)
	}

	got.PollInterval, got.Reliability, got.Paused = time.Hour, "A", true
	must(t, s.UpdateSource(ctx, got))
	again, _ := s.Source(ctx, feed.ID)
	if again.PollInterval != time.Hour || again.Reliability != "A" || !again.Paused || again.Status.Failures != 3 {
		t.Errorf("after UpdateSource = %+v", again)
	}
	wantCode(t, "UpdateSource(unknown)", s.UpdateSource(ctx, &jic.Source{ID: 999, Name: "x"}), jic.ENOTFOUND)

	// Item keys: the same item never makes a second report.
	r := w.report("Item one", "text one", "ar", 0)
	r.SourceID, r.ItemKey = feed.ID, "https://feeds.example/item/1"
	w.add(t, r)
	seen, err := s.ItemsSeen(ctx, feed.ID, []string{"https://feeds.example/item/1", "https://feeds.example/item/2"})
	must(t, err)
	if !seen["https://feeds.example/item/1"] || seen["https://feeds.example/item/2"] {
		t.Errorf("ItemsSeen = %v", seen)
	}
	wantCode(t, "DeleteSource with reports", s.DeleteSource(ctx, feed.ID), jic.ECONFLICT)
	must(t, s.DeleteSource(ctx, paused.ID))
	wantCode(t, "DeleteSource again", s.DeleteSource(ctx, paused.ID), jic.ENOTFOUND)
}

func testStages(t *testing.T, b Backend) {
	s := b.Open(t)
	w := newWorld(t, s)
	r := w.report("Floods", "Heavy rains flooded the capital.", "", 0)
	old := w.report("Old", "An older report.", "en", 0)
	w.add(t, r, old)
	later := time.Now().Add(time.Hour)
	ids, err := s.ReportsWithoutStage(ctx, "language", later, 10)
	must(t, err)
	if len(ids) != 2 {
		t.Fatalf("ReportsWithoutStage = %v, want both", ids)
	}
	// The language decides stemming: setting it re-indexes the report.
	res, _ := s.Search(ctx, jic.SystemViewer, jic.SearchQuery{Q: "flooded", Languages: []string{"en"}})
	if len(res.Hits) != 0 {
		t.Fatalf("a report without language matched a language filter")
	}
	must(t, s.SetReportLanguage(ctx, r.ID, "en"))
	must(t, s.RecordStage(ctx, r.ID, jic.Stage{Name: "language", OK: true, Detail: "en"}))
	wantCode(t, "RecordStage(unknown report)", s.RecordStage(ctx, 999, jic.Stage{Name: "language", OK: true}), jic.ENOTFOUND)
	res, _ = s.Search(ctx, jic.SystemViewer, jic.SearchQuery{Q: "flooding", Languages: []string{"en"}})
	if len(res.Hits) != 1 {
		t.Errorf("after SetReportLanguage, search in en finds %d, want 1", len(res.Hits))
	}
	stages, err := s.Stages(ctx, r.ID)
	must(t, err)
	if len(stages) != 1 || stages[0].Name != "language" || !stages[0].OK || stages[0].Detail != "en" {
		t.Errorf("Stages = %+v", stages)
	}
	ids, _ = s.ReportsWithoutStage(ctx, "language", later, 10)
	if len(ids) != 1 || ids[0] != old.ID {
		t.Errorf("ReportsWithoutStage after one ran = %v, want the other", ids)
	}
}
