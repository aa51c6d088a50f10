package ner

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"

	"github.com/jic-center/jic"
)

// Entity is one entry of a registry: an organization, group or person and
// its aliases.
type Entity struct {
	Key     string         // identity across reports: "org:un", "group:islamic-state"
	Kind    jic.EntityKind // person, organization or group
	Name    string         // canonical name: the first English alias, else the first alias
	Aliases map[string][]string
}

// Registry maps aliases in several languages and scripts to entities. A
// registry is read-only once built and safe for concurrent use.
//
// Its file format is one line per entity and language, fields separated by
// tabs: key, kind (person, organization, group), language (en, fr, ru, tr,
// ar, fa, or * for any), then aliases separated by " | ". Lines starting
// with # and blank lines are skipped. An alias matches whole words by
// their keys (case, accents and Arabic letter forms folded; Russian and
// Turkish words also by their stems; Arabic words also after the
// proclitics و ف ب ل ك), and as written in case: a word written in
// capitals (UN, ООН) matches only capitals, a capitalized word only a
// capitalized one, a word in lower case (talibans) any.
type Registry struct {
	records  []record
	entities []Entity
	byKey    map[string]int
	aliases  []alias
	idx      *phraseIndex
}

// record is one line of a registry file.
type record struct {
	line    int
	src     string // "" for the embedded registry
	key     string
	kind    jic.EntityKind
	lang    string
	aliases []string
}

// alias is one indexed alias.
type alias struct {
	entity int32
	lang   string
	cases  []wordCase
}

// wordCase is the case an alias word asks of the text.
type wordCase uint8

const (
	caseAny wordCase = iota
	caseCapital
	caseAllCaps
)

// Limits on a registry file.
const (
	maxRegistryLine  = 64 << 10
	maxRegistryLines = 200000
)

//go:embed registry.tsv
var registryText []byte

var defaultRegistry = sync.OnceValue(func() *Registry {
	r, err := ReadRegistry(bytes.NewReader(registryText))
	if err != nil {
		panic("ner: embedded registry: " + err.Error()) // a bug caught by the tests
	}
	for i := range r.records {
		r.records[i].src = "embedded registry"
	}
	return r
})

// DefaultRegistry returns the registry embedded in jic: a few dozen
// well-known international organizations, armed and political groups,
// news agencies and institutions, in the six languages. It is shared: do
// not modify the entities it returns.
func DefaultRegistry() *Registry { return defaultRegistry() }

// ReadRegistry parses a registry file. An error is EINVALID and names the
// bad line in its Field ("line 12").
func ReadRegistry(r io.Reader) (*Registry, error) {
	recs, err := readRecords(r)
	if err != nil {
		return nil, err
	}
	return build(recs)
}

// Extend returns a new registry with the entities of r and those of the
// file read from rd; a line with a key r has adds aliases to it. r is not
// changed. An error is EINVALID and names the bad line of the file.
func (r *Registry) Extend(rd io.Reader) (*Registry, error) {
	recs, err := readRecords(rd)
	if err != nil {
		return nil, err
	}
	return build(append(slices.Clone(r.records), recs...))
}

// Entity returns the entity with key k.
func (r *Registry) Entity(k string) (Entity, bool) {
	i, ok := r.byKey[k]
	if !ok {
		return Entity{}, false
	}
	return r.entities[i], true
}

// Entities returns the registry's entities in the order of the file. The
// slice is a copy; the entities' alias maps are shared.
func (r *Registry) Entities() []Entity { return slices.Clone(r.entities) }

func lineError(n int, format string, args ...any) error {
	return jic.FieldErrorf(jic.EINVALID, fmt.Sprintf("line %d", n), format, args...)
}

func readRecords(rd io.Reader) ([]record, error) {
	sc := bufio.NewScanner(rd)
	sc.Buffer(make([]byte, 0, 4096), maxRegistryLine)
	var recs []record
	n := 0
	for sc.Scan() {
		n++
		if n > maxRegistryLines {
			return nil, jic.Errorf(jic.ETOOLARGE, "registry: more than %d lines", maxRegistryLines)
		}
		line := strings.TrimRight(sc.Text(), "\r")
		if n == 1 {
			line = strings.TrimPrefix(line, "\ufeff")
		}
		if strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		rec, err := parseRecord(n, line)
		if err != nil {
			return nil, err
		}
		recs = append(recs, rec)
	}
	if err := sc.Err(); err != nil {
		if err == bufio.ErrTooLong {
			return nil, lineError(n+1, "longer than %d bytes", maxRegistryLine)
		}
		return nil, fmt.Errorf("read registry: %w", err)
	}
	return recs, nil
}

func parseRecord(n int, line string) (record, error) {
	if !utf8.ValidString(line) {
		return record{}, lineError(n, "not valid UTF-8")
	}
	f := strings.Split(line, "\t")
	if len(f) != 4 {
		return record{}, lineError(n, "want 4 tab-separated fields (key, kind, language, aliases), got %d", len(f))
	}
	rec := record{line: n, key: strings.TrimSpace(f[0]), kind: jic.EntityKind(strings.TrimSpace(f[1])), lang: strings.TrimSpace(f[2])}
	switch {
	case rec.key == "" || strings.ContainsFunc(rec.key, unicode.IsSpace):
		return record{}, lineError(n, "key %q is empty or has a space", rec.key)
	case rec.kind != jic.EntityPerson && rec.kind != jic.EntityOrganization && rec.kind != jic.EntityGroup:
		return record{}, lineError(n, "kind %q is not person, organization or group", rec.kind)
	case !languages[rec.lang]:
		return record{}, lineError(n, "language %q is not one of en, fr, ru, tr, ar, fa, *", rec.lang)
	}
	for _, a := range strings.Split(f[3], "|") {
		a = strings.TrimSpace(a)
		if a == "" {
			return record{}, lineError(n, "empty alias")
		}
		ks, _ := splitPhrase(a, rec.lang)
		if len(ks) == 0 {
			return record{}, lineError(n, "alias %q has no letter", a)
		}
		if len(ks) > maxPhraseWords {
			return record{}, lineError(n, "alias %q has more than %d words", a, maxPhraseWords)
		}
		rec.aliases = append(rec.aliases, a)
	}
	return rec, nil
}

// build indexes records; a key given two kinds is an error on the later line.
func build(recs []record) (*Registry, error) {
	r := &Registry{records: recs, byKey: map[string]int{}, idx: newPhraseIndex()}
	for _, rec := range recs {
		i, ok := r.byKey[rec.key]
		if !ok {
			i = len(r.entities)
			r.byKey[rec.key] = i
			r.entities = append(r.entities, Entity{Key: rec.key, Kind: rec.kind, Name: rec.aliases[0], Aliases: map[string][]string{}})
		}
		e := &r.entities[i]
		if e.Kind != rec.kind {
			where := ""
			if rec.src != "" {
				where = " (" + rec.src + ")"
			}
			return nil, lineError(rec.line, "key %q is a %s, not a %s%s", rec.key, e.Kind, rec.kind, where)
		}
		if rec.lang == "en" && len(e.Aliases["en"]) == 0 {
			e.Name = rec.aliases[0]
		}
		for _, a := range rec.aliases {
			if !slices.Contains(e.Aliases[rec.lang], a) {
				e.Aliases[rec.lang] = append(e.Aliases[rec.lang], a)
			}
			ks, ws := splitPhrase(a, rec.lang)
			al := alias{entity: int32(i), lang: rec.lang, cases: make([]wordCase, len(ws))}
			for j, w := range ws {
				al.cases[j] = caseOf(w)
			}
			v := int32(len(r.aliases))
			r.aliases = append(r.aliases, al)
			r.idx.add(ks, ws, stemLangOf(rec.lang), v)
		}
	}
	for i := range r.entities {
		r.entities[i].Aliases = maps.Clone(r.entities[i].Aliases)
	}
	return r, nil
}

// caseOf returns the case a word of an alias asks of the text.
func caseOf(w string) wordCase {
	r, _ := utf8.DecodeRuneInString(w)
	switch {
	case !unicode.IsUpper(r):
		return caseAny
	case isAllCapsWord(w):
		return caseAllCaps
	}
	return caseCapital
}

// NameKey is the key of an entity known only by a name, not in a
// registry: its kind and the name case-folded, NFKC-normalized and with
// its spaces collapsed, so that the same name in two reports is one entity.
func NameKey(kind jic.EntityKind, name string) string {
	return "name:" + string(kind) + ":" + strings.Join(strings.Fields(cases.Fold().String(norm.NFKC.String(name))), " ")
}
