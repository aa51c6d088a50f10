package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/stories"
)

// storyOptions are the clustering thresholds and bounds.
var storyOptions = stories.DefaultOptions()

// storySweepEvery is how many decisions pass between sweeps that close
// stories no report can join any more and drop their profiles.
const storySweepEvery = 500

// AssignStory runs internal/stories' Decide on the tables described in its
// doc.go and records the decision; see jic.StoryStore.
func (s *Store) AssignStory(ctx context.Context, reportID int64, entities, terms []string) (*jic.StoryAssignment, error) {
	var a *jic.StoryAssignment
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var decisions, newest int64
		if _, err := tx.ExecContext(ctx, `UPDATE story_lock SET decisions = decisions + 1 WHERE id = 1`); err != nil {
			return s.wrap(err, "lock story clustering")
		}
		if err := tx.QueryRowContext(ctx, `SELECT decisions, newest FROM story_lock WHERE id = 1`).Scan(&decisions, &newest); err != nil {
			return s.wrap(err, "read story counters")
		}
		var done jic.StoryAssignment
		err := tx.QueryRowContext(ctx, s.q(`SELECT story_id, score, why FROM story_reports WHERE report_id = ?`), reportID).Scan(&done.Story, &done.Score, &done.Why)
		if err == nil {
			done.ReportID, done.New = reportID, done.Story == reportID
			a = &done
			return nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return s.wrap(err, "read story of report")
		}
		d := stories.Doc{ID: reportID, Entities: entities, Terms: terms}
		var published sql.NullInt64
		var collected int64
		err = tx.QueryRowContext(ctx, s.q(`SELECT r.title, r.language, r.published_at, r.collected_at, COALESCE(p.group_id, 0)
			FROM reports r LEFT JOIN dedup_prints p ON p.report_id = r.id WHERE r.id = ?`), reportID).
			Scan(&d.Title, &d.Lang, &published, &collected, &d.Group)
		if err != nil {
			return s.notFound(err, "report %d", reportID)
		}
		d.Time = fromMS(cmp.Or(published.Int64, collected))
		f := &storyFinder{ctx: ctx, s: s, tx: tx}
		v := stories.NewVector(f, &d, storyOptions)
		dec := stories.Decide(f, &d, &v, storyOptions)
		if f.err != nil {
			return f.err
		}
		a = &jic.StoryAssignment{ReportID: reportID, Story: dec.Story, Score: dec.Score, Candidates: dec.Candidates, Why: dec.Why}
		if dec.Story == 0 {
			a.Story, a.New = reportID, true
		}
		if err := f.join(a, &d, &v, decisions); err != nil {
			return err
		}
		t := ms(d.Time)
		if t > newest {
			newest = t
			if _, err := tx.ExecContext(ctx, s.q(`UPDATE story_lock SET newest = ? WHERE id = 1`), newest); err != nil {
				return s.wrap(err, "record newest")
			}
		}
		if decisions%storySweepEvery == 0 {
			return f.sweep(newest - 2*storyOptions.Window.Milliseconds())
		}
		return nil
	})
	return a, err
}

// storyFinder is stories.Finder over the story tables inside the
// transaction of one decision. The first error stops the lookups and is
// kept in err.
type storyFinder struct {
	ctx context.Context
	s   *Store
	tx  *sql.Tx
	err error
	// The last candidates found, and their profiles once read: Decide
	// compares the report with each, and one read for all of them saves a
	// round trip per candidate.
	cands    []int64
	profiles map[int64]*stories.Profile // nil for a story closed or gone
}

func (f *storyFinder) fail(err error, what string) {
	if f.err == nil {
		f.err = f.s.wrap(err, what)
	}
}

// StoryOfGroup returns the story of the first clustered report of a
// syndication group.
func (f *storyFinder) StoryOfGroup(g int64) (int64, bool) {
	if f.err != nil {
		return 0, false
	}
	var id int64
	err := f.tx.QueryRowContext(f.ctx, f.s.q(`SELECT story_id FROM story_reports WHERE group_id = ? ORDER BY report_id LIMIT 1`), g).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false
	}
	if err != nil {
		f.fail(err, "find story of group")
		return 0, false
	}
	return id, true
}

// dbKey is a story key as the tables keep it: PostgreSQL's text cannot
// hold the NUL that separates a term's language from the term.
func dbKey(k string) string { return strings.ReplaceAll(k, "\x00", "\x1f") }

// dbKeys maps dbKey over keys.
func dbKeys(keys []string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = dbKey(k)
	}
	return out
}

// chunks calls fn with consecutive slices of xs of at most n items.
func chunks[T any](xs []T, n int, fn func([]T) error) error {
	for len(xs) > 0 {
		k := min(n, len(xs))
		if err := fn(xs[:k]); err != nil {
			return err
		}
		xs = xs[k:]
	}
	return nil
}

// DocFreqs reads how many clustered reports have each key.
func (f *storyFinder) DocFreqs(keys []string) ([]int, int) {
	df := make([]int, len(keys))
	if f.err != nil {
		return df, 0
	}
	var docs int
	if err := f.tx.QueryRowContext(f.ctx, `SELECT reports FROM story_lock WHERE id = 1`).Scan(&docs); err != nil {
		f.fail(err, "count clustered reports")
		return df, 0
	}
	got := map[string]int{}
	err := chunks(dbKeys(keys), 500, func(ks []string) error {
		rows, err := f.tx.QueryContext(f.ctx, f.s.q(`SELECT key, df FROM story_keys WHERE key IN (`+placeholders(len(ks))+`)`), anys(ks)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var k string
			var n int
			if err := rows.Scan(&k, &n); err != nil {
				return err
			}
			got[k] = n
		}
		return rows.Err()
	})
	if err != nil {
		f.fail(err, "read key frequencies")
	}
	for i, k := range keys {
		df[i] = got[dbKey(k)]
	}
	return df, docs
}

// Candidates returns the open stories filed under the keys whose span
// meets [since, until], those with the most summed key weight first.
func (f *storyFinder) Candidates(keys []stories.Weighted, since, until time.Time, limit int) []int64 {
	if f.err != nil || len(keys) == 0 {
		return nil
	}
	weight := map[string]float64{}
	names := make([]string, len(keys))
	for i, k := range keys {
		weight[dbKey(k.Key)] += k.Weight
		names[i] = dbKey(k.Key)
	}
	sum := map[int64]float64{}
	err := chunks(names, 500, func(ks []string) error {
		rows, err := f.tx.QueryContext(f.ctx, f.s.q(`SELECT p.key, p.story_id FROM story_postings p JOIN stories s ON s.id = p.story_id
			WHERE p.key IN (`+placeholders(len(ks))+`) AND s.open = 1 AND s.last_at >= ? AND s.first_at <= ?`),
			append(anys(ks), ms(since), ms(until))...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var k string
			var id int64
			if err := rows.Scan(&k, &id); err != nil {
				return err
			}
			sum[id] += weight[k]
		}
		return rows.Err()
	})
	if err != nil {
		f.fail(err, "find candidate stories")
		return nil
	}
	ids := make([]int64, 0, len(sum))
	for id := range sum {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b int64) int { return cmp.Or(cmp.Compare(sum[b], sum[a]), cmp.Compare(a, b)) })
	f.cands = ids[:min(limit, len(ids))]
	return f.cands
}

// Similarity compares v with a story's profile (its entities and its
// terms in the report's language).
func (f *storyFinder) Similarity(story int64, v *stories.Vector) (stories.Similarity, bool) {
	if f.err != nil {
		return stories.Similarity{}, false
	}
	if _, known := f.profiles[story]; !known {
		ids := []int64{story}
		if slices.Contains(f.cands, story) {
			ids = f.cands // read them all at once
		}
		got, err := f.readProfiles(ids, v.Lang)
		if err != nil {
			f.fail(err, "read story profiles")
			return stories.Similarity{}, false
		}
		if f.profiles == nil {
			f.profiles = map[int64]*stories.Profile{}
		}
		for _, id := range ids {
			f.profiles[id] = got[id] // nil: closed or gone
		}
	}
	p := f.profiles[story]
	if p == nil {
		return stories.Similarity{}, false
	}
	return stories.Compare(p, v), true
}

// readProfiles reads the open stories among ids with their entity
// centroid and their term centroid in lang.
func (f *storyFinder) readProfiles(ids []int64, lang string) (map[int64]*stories.Profile, error) {
	out := map[int64]*stories.Profile{}
	in := placeholders(len(ids))
	rows, err := f.tx.QueryContext(f.ctx, f.s.q(`SELECT id, first_at, last_at FROM stories WHERE open = 1 AND id IN (`+in+`)`), anys(ids)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id, first, last int64
		if err := rows.Scan(&id, &first, &last); err != nil {
			return nil, err
		}
		out[id] = &stories.Profile{First: fromMS(first), Last: fromMS(last), Entities: map[string]float64{}, Terms: map[string]float64{}}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	rows, err = f.tx.QueryContext(f.ctx, f.s.q(`SELECT story_id, lang, profile FROM story_profiles WHERE story_id IN (`+in+`) AND lang IN ('', ?)`),
		append(anys(ids), "t:"+lang)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var l string
		var b []byte
		if err := rows.Scan(&id, &l, &b); err != nil {
			return nil, err
		}
		p := out[id]
		switch {
		case p == nil:
		case l == "":
			p.Entities = decodeProfile(b)
		default:
			p.Terms, p.SameLang = decodeProfile(b), true
		}
	}
	return out, rows.Err()
}

// join files report d with vector v in its story: the story's span and
// title, the report's row, the profile, the postings of its keys and the
// key frequencies.
func (f *storyFinder) join(a *jic.StoryAssignment, d *stories.Doc, v *stories.Vector, seq int64) error {
	ctx, tx, s := f.ctx, f.tx, f.s
	t := ms(d.Time)
	if a.New {
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO stories (id, title, first_at, last_at, reports, open) VALUES (?, ?, ?, ?, 0, 1)`), a.Story, truncateUTF8(d.Title, 500), t, t); err != nil {
			return s.wrap(err, "add story")
		}
	}
	if _, err := tx.ExecContext(ctx, s.q(`UPDATE stories SET reports = reports + 1,
			title = CASE WHEN ? < first_at OR title = '' THEN ? ELSE title END,
			first_at = CASE WHEN ? < first_at THEN ? ELSE first_at END,
			last_at = CASE WHEN ? > last_at THEN ? ELSE last_at END WHERE id = ?`),
		t, truncateUTF8(d.Title, 500), t, t, t, t, a.Story); err != nil {
		return s.wrap(err, "update story")
	}
	group := d.Group
	if group == 0 {
		group = d.ID
	}
	if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO story_reports (report_id, story_id, group_id, score, why) VALUES (?, ?, ?, ?, ?)`),
		d.ID, a.Story, group, a.Score, truncateUTF8(a.Why, 500)); err != nil {
		return s.wrap(err, "add story report")
	}
	var open int
	if err := tx.QueryRowContext(ctx, s.q(`SELECT open FROM stories WHERE id = ?`), a.Story).Scan(&open); err != nil {
		return s.wrap(err, "read story")
	}
	if open == 1 { // a closed story keeps no profile; the report still counts in it
		if err := f.addProfile(a.Story, "", v.Entities); err != nil {
			return err
		}
		if len(v.Terms) > 0 {
			if err := f.addProfile(a.Story, "t:"+v.Lang, v.Terms); err != nil {
				return err
			}
		}
		if err := f.post(a.Story, v, seq); err != nil {
			return err
		}
	}
	return f.countKeys(d, v.Lang)
}

// addProfile adds normalized weights to one of a story's centroids,
// pruned to the heaviest MaxProfile keys when it has grown to twice that.
func (f *storyFinder) addProfile(story int64, lang string, ws []stories.Weighted) error {
	if len(ws) == 0 {
		return nil
	}
	var b []byte
	err := f.tx.QueryRowContext(f.ctx, f.s.q(`SELECT profile FROM story_profiles WHERE story_id = ? AND lang = ?`), story, lang).Scan(&b)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return f.s.wrap(err, "read story profile")
	}
	m := decodeProfile(b)
	for _, w := range ws {
		m[w.Key] += w.Weight
	}
	if len(m) > 2*storyOptions.MaxProfile {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		slices.SortFunc(keys, func(a, b string) int { return cmp.Or(cmp.Compare(m[b], m[a]), cmp.Compare(a, b)) })
		for _, k := range keys[storyOptions.MaxProfile:] {
			delete(m, k)
		}
	}
	_, err = f.tx.ExecContext(f.ctx, f.s.q(`INSERT INTO story_profiles (story_id, lang, profile) VALUES (?, ?, ?)
		ON CONFLICT (story_id, lang) DO UPDATE SET profile = excluded.profile`), story, lang, encodeProfile(m))
	return f.s.wrap(err, "write story profile")
}

// post files the story under each key of v as the latest joined, and
// drops the least recently joined stories of those keys beyond
// MaxPostings.
func (f *storyFinder) post(story int64, v *stories.Vector, seq int64) error {
	keys := v.Keys()
	if len(keys) == 0 {
		return nil
	}
	return chunks(keys, 400, func(ks []stories.Weighted) error {
		args := make([]any, 0, 3*len(ks))
		names := make([]any, 0, len(ks))
		for _, k := range ks {
			args = append(args, dbKey(k.Key), story, seq)
			names = append(names, dbKey(k.Key))
		}
		if _, err := f.tx.ExecContext(f.ctx, f.s.q(`INSERT INTO story_postings (key, story_id, seq) VALUES `+valueRows(len(ks), 3)+`
			ON CONFLICT (key, story_id) DO UPDATE SET seq = excluded.seq`), args...); err != nil {
			return f.s.wrap(err, "file story postings")
		}
		_, err := f.tx.ExecContext(f.ctx, f.s.q(fmt.Sprintf(`DELETE FROM story_postings WHERE (key, story_id) IN (
			SELECT key, story_id FROM (SELECT key, story_id, row_number() OVER (PARTITION BY key ORDER BY seq DESC) AS n
				FROM story_postings WHERE key IN (`+placeholders(len(names))+`)) ranked WHERE n > %d)`, storyOptions.MaxPostings)), names...)
		return f.s.wrap(err, "trim story postings")
	})
}

// countKeys adds one to the report frequency of each distinct key of the
// report (all of them, not only those its vector kept), and one report.
func (f *storyFinder) countKeys(d *stories.Doc, lang string) error {
	seen := map[string]bool{}
	var keys []string
	add := func(k string) {
		if k != "" && !seen[k] && len(keys) < 4096 {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	for _, k := range d.Entities {
		add(k)
	}
	for _, t := range d.Terms {
		if t != "" {
			add(stories.TermKey(lang, t))
		}
	}
	if _, err := f.tx.ExecContext(f.ctx, `UPDATE story_lock SET reports = reports + 1 WHERE id = 1`); err != nil {
		return f.s.wrap(err, "count clustered reports")
	}
	return chunks(dbKeys(keys), 500, func(ks []string) error {
		values := strings.TrimSuffix(strings.Repeat("(?, 1), ", len(ks)), ", ")
		_, err := f.tx.ExecContext(f.ctx, f.s.q(`INSERT INTO story_keys (key, df) VALUES `+values+`
			ON CONFLICT (key) DO UPDATE SET df = story_keys.df + 1`), anys(ks)...)
		return f.s.wrap(err, "count story keys")
	})
}

// sweep closes the stories whose last report is before horizon: no report
// can join them any more, so their profiles and postings go.
func (f *storyFinder) sweep(horizon int64) error {
	for _, q := range []string{
		`DELETE FROM story_profiles WHERE story_id IN (SELECT id FROM stories WHERE open = 1 AND last_at < ?)`,
		`DELETE FROM story_postings WHERE story_id IN (SELECT id FROM stories WHERE open = 1 AND last_at < ?)`,
		`UPDATE stories SET open = 0 WHERE open = 1 AND last_at < ?`,
	} {
		if _, err := f.tx.ExecContext(f.ctx, f.s.q(q), horizon); err != nil {
			return f.s.wrap(err, "close old stories")
		}
	}
	return nil
}

// encodeProfile writes a centroid as (uvarint key length, key, float64)
// records, keys in order so that equal centroids are equal bytes.
func encodeProfile(m map[string]float64) []byte {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b []byte
	for _, k := range keys {
		b = binary.AppendUvarint(b, uint64(len(k)))
		b = append(b, k...)
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(m[k]))
	}
	return b
}

// decodeProfile reads what encodeProfile wrote; it stops at the first
// malformed record.
func decodeProfile(b []byte) map[string]float64 {
	m := map[string]float64{}
	for len(b) > 0 {
		n, k := binary.Uvarint(b)
		if k <= 0 || uint64(len(b)-k) < n+8 {
			break
		}
		key := string(b[k : k+int(n)])
		b = b[k+int(n):]
		m[key] = math.Float64frombits(binary.LittleEndian.Uint64(b))
		b = b[8:]
	}
	return m
}
