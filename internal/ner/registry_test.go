package ner_test

import (
	"strings"
	"testing"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/ner"
)

func TestDefaultRegistry(t *testing.T) {
	reg := ner.DefaultRegistry()
	es := reg.Entities()
	if len(es) < 50 {
		t.Fatalf("DefaultRegistry has %d entities, want a few dozen", len(es))
	}
	for _, key := range []string{"org:un", "org:nato", "org:eu", "group:islamic-state", "group:hamas", "group:hezbollah",
		"group:taliban", "org:icrc", "org:who", "org:iaea"} {
		e, ok := reg.Entity(key)
		if !ok {
			t.Errorf("Entity(%q) not found", key)
			continue
		}
		for _, lang := range []string{"en", "ru", "ar", "fa"} {
			if len(e.Aliases[lang]) == 0 {
				t.Errorf("Entity(%q) has no %s alias", key, lang)
			}
		}
	}
	if e, _ := reg.Entity("group:islamic-state"); e.Name != "Islamic State" || e.Kind != jic.EntityGroup {
		t.Errorf("Entity(group:islamic-state) = %q, %s; want Islamic State, group", e.Name, e.Kind)
	}
}

// TestRegistryAliasesFindThemselves checks every alias of the embedded
// registry: written alone in its language, Find returns its entity over
// the whole alias. An alias that another entity's longer alias shadows, or
// that the case rules cannot match, would fail here.
func TestRegistryAliasesFindThemselves(t *testing.T) {
	reg := ner.DefaultRegistry()
	f := ner.New(ner.Options{Registry: reg})
	for _, e := range reg.Entities() {
		for lang, as := range e.Aliases {
			for _, a := range as {
				text := "— " + a + " —"
				got := f.Find(text, lang)
				ok := false
				for _, m := range got {
					ok = ok || m.Key == e.Key && m.Surface == strings.TrimRight(strings.Trim(a, "«»"), ".")
				}
				if !ok {
					t.Errorf("Find(%q, %s) = %s, want %s", a, lang, show(got), e.Key)
				}
			}
		}
	}
}

func TestReadRegistry(t *testing.T) {
	file := "# an operator's registry\n\n" +
		"org:acme\torganization\ten\tAcme Corporation | ACME\n" +
		"org:acme\torganization\tru\tАкме\n" +
		"person:john-doe\tperson\t*\tJohn Q. Doe\n"
	reg, err := ner.ReadRegistry(strings.NewReader(file))
	if err != nil {
		t.Fatalf("ReadRegistry: %v", err)
	}
	e, ok := reg.Entity("org:acme")
	if !ok || e.Name != "Acme Corporation" || len(e.Aliases["en"]) != 2 || len(e.Aliases["ru"]) != 1 {
		t.Errorf("Entity(org:acme) = %+v, %v", e, ok)
	}
	ms := ner.New(ner.Options{Registry: reg}).Find("Акме и ACME и John Q. Doe, но не Acme и acme.", "ru")
	var keys []string
	for _, m := range ms {
		keys = append(keys, m.Key+"="+m.Surface)
	}
	if got, want := strings.Join(keys, ","), "org:acme=Акме,org:acme=ACME,person:john-doe=John Q. Doe"; got != want {
		t.Errorf("Find with the registry = %s, want %s", got, want)
	}
}

func TestRegistryExtend(t *testing.T) {
	base := ner.DefaultRegistry()
	ext, err := base.Extend(strings.NewReader("group:hamas\tgroup\tfr\tmouvement de résistance islamique\n" +
		"group:new-front\tgroup\ten\tNew Liberation Front\n"))
	if err != nil {
		t.Fatalf("Extend: %v", err)
	}
	if _, ok := base.Entity("group:new-front"); ok {
		t.Errorf("Extend changed the base registry")
	}
	f := ner.New(ner.Options{Registry: ext})
	for text, key := range map[string]string{
		"Le mouvement de résistance islamique a parlé.": "group:hamas",
		"The New Liberation Front said.":                "group:new-front",
		"Hamas said.":                                   "group:hamas",
	} {
		ms := f.Find(text, "")
		if len(ms) == 0 || ms[0].Key != key {
			t.Errorf("Find(%q) = %s, want %s", text, show(ms), key)
		}
	}
}

func TestReadRegistryErrors(t *testing.T) {
	tests := []struct {
		name, file, field string
	}{
		{"three fields", "# c\norg:x\torganization\ten\n", "line 2"},
		{"unknown kind", "org:x\tcompany\ten\tX Corp\n", "line 1"},
		{"unknown language", "org:x\torganization\tde\tX AG\n", "line 1"},
		{"empty key", "\torganization\ten\tX\n", "line 1"},
		{"key with space", "org x\torganization\ten\tX\n", "line 1"},
		{"empty alias", "org:x\torganization\ten\tX | \n", "line 1"},
		{"alias without letters", "org:x\torganization\ten\t--\n", "line 1"},
		{"kind conflict", "org:x\torganization\ten\tX\n\norg:x\tgroup\tfr\tX\n", "line 3"},
		{"invalid utf-8", "org:x\torganization\ten\tX\xff\n", "line 1"},
		{"long line", "org:x\torganization\ten\t" + strings.Repeat("x", 70000) + "\n", "line 1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ner.ReadRegistry(strings.NewReader(tc.file))
			if jic.ErrorCode(err) != jic.EINVALID || jic.ErrorField(err) != tc.field {
				t.Errorf("ReadRegistry = %v (code %q, field %q), want %s at %s", err, jic.ErrorCode(err), jic.ErrorField(err), jic.EINVALID, tc.field)
			}
		})
	}
	if _, err := ner.DefaultRegistry().Extend(strings.NewReader("group:hamas\torganization\ten\tHamas Inc\n")); jic.ErrorField(err) != "line 1" {
		t.Errorf("Extend(conflicting kind) = %v, want an error at line 1", err)
	}
}
