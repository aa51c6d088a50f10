package storetest

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/jic-center/jic"
)

// SameHits loads the same real articles into two stores and checks that
// every query of the suite returns the same reports in the same order from
// both: the analyzer, not the database, decides what matches. settle, if
// given, runs on each store once the articles are in (to refresh a
// database's statistics, say).
func SameHits(t *testing.T, a, b jic.Store, settle ...func(*testing.T, jic.Store)) {
	data := DataDir(t)
	var stores = []jic.Store{a, b}
	worlds := make([]*world, 2)
	for i, s := range stores {
		worlds[i] = newWorld(t, s)
	}
	for _, lang := range []string{"ar", "fa", "ru", "en", "fr", "tr"} {
		texts, err := realTexts(data, lang, 200)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range worlds {
			var rs []*jic.Report
			for i, tx := range texts {
				r := w.report(tx[0], tx[1], lang, i*7)
				r.URL = ""
				rs = append(rs, r)
			}
			w.add(t, rs...)
		}
	}
	for _, f := range settle {
		f(t, a)
		f(t, b)
	}
	var queries []string
	for _, in := range inflections {
		queries = append(queries, in.query, in.form)
	}
	queries = append(queries, `"في العاصمة"`, "Москва OR Петербург", "élection -municipale", "film albüm", "تهران", "государственной думы")
	total := 0
	for _, q := range queries {
		var got [2][]int64
		for i, s := range stores {
			res, err := s.Search(ctx, worlds[i].viewerA(), jic.SearchQuery{Q: q, Limit: jic.MaxSearchLimit})
			must(t, err)
			for _, h := range res.Hits {
				got[i] = append(got[i], h.Report.ID)
			}
		}
		if diff := cmp.Diff(got[0], got[1]); diff != "" {
			t.Errorf("Search(%q) differs between the backends (-first +second):\n%s", q, diff)
		}
		total += len(got[0])
	}
	if total < 100 {
		t.Errorf("the queries found %d hits in all; too few to compare the backends", total)
	}
}
