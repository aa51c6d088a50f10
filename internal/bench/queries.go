package bench

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"strings"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/textindex"
)

// queriesTSV is the fixed query set of the search bench: 200 lines of
// lang<TAB>query, about a third of them per… see Queries.
//
// How it was made: by hand, from the titles of the base corpus (LoadBase)
// as listed by TestHeadlines (JIC_BENCH_HEADLINES=xx go test -run
// TestHeadlines ./internal/bench prints a seeded sample of titles of
// language xx with their words' document counts). For each of ar, fa, ru,
// en, fr and tr, 33 or 34 queries of 1–3 content words taken from real
// headlines, in the inflected forms the headlines use: about half single
// words, a quarter two or three words that must all match, some
// "quoted two-word phrases" and some OR between two words. Each language
// has very common terms (سوريا, Syria, Trump, Россия, ایران...) and rare
// ones (names that occur in a handful of reports), because latency depends
// on the number of matches. Every query matches at least one base report.
//
//go:embed testdata/queries.tsv
var queriesTSV string

// Query is one query of the search bench, in the language of the headline
// it was taken from (searches run over every language).
type Query struct {
	Lang string
	Q    string
}

// Queries returns the committed query set (testdata/queries.tsv).
func Queries() ([]Query, error) { return ParseQueries(strings.NewReader(queriesTSV)) }

// ParseQueries reads lang<TAB>query lines; blank lines and lines starting
// with # are skipped. It returns EINVALID naming the line of a malformed or
// unparseable query.
func ParseQueries(r io.Reader) ([]Query, error) {
	var out []Query
	sc := bufio.NewScanner(r)
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		lang, q, ok := strings.Cut(text, "\t")
		if !ok || textindex.Lang(lang) == "" || strings.TrimSpace(q) == "" {
			return nil, jic.Errorf(jic.EINVALID, "queries line %d: want lang<TAB>query with lang one of ar, fa, ru, en, fr, tr", line)
		}
		if _, err := textindex.ParseQuery(q, nil); err != nil {
			return nil, jic.Errorf(jic.EINVALID, "queries line %d: %s", line, jic.ErrorMessage(err))
		}
		out = append(out, Query{Lang: lang, Q: q})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read queries: %w", err)
	}
	return out, nil
}
