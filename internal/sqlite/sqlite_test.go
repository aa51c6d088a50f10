package sqlite_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/sqlite"
	"github.com/jic-center/jic/internal/sqlstore"
	"github.com/jic-center/jic/internal/storetest"
)

func TestConformance(t *testing.T) {
	paths := map[jic.Store]string{}
	open := func(t *testing.T, path string) jic.Store {
		s, err := sqlite.Open(t.Context(), path, sqlite.Options{})
		if err != nil {
			t.Fatalf("Open(%s): %v", path, err)
		}
		paths[s] = path
		t.Cleanup(func() { s.Close() })
		return s
	}
	storetest.Run(t, storetest.Backend{
		Open: func(t *testing.T) jic.Store { return open(t, filepath.Join(t.TempDir(), "jic.db")) },
		Reopen: func(t *testing.T, s jic.Store) jic.Store {
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			return open(t, paths[s])
		},
		Exec: func(t *testing.T, s jic.Store, query string) {
			if _, err := s.(*sqlstore.Store).DB.ExecContext(t.Context(), query); err != nil {
				t.Fatal(err)
			}
		},
	})
}

func TestOpenRefusesForeignFile(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string][]byte{
		"text.db":  []byte("this is not a database at all, just some text that is long enough to be read as a header"),
		"empty.db": nil,
	} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		s, err := sqlite.Open(t.Context(), path, sqlite.Options{})
		if name == "empty.db" {
			if err != nil {
				t.Errorf("Open(empty file) = %v, want a new database", err)
			} else {
				s.Close()
			}
			continue
		}
		if err == nil {
			s.Close()
			t.Errorf("Open(%s) succeeded, want an error", name)
		}
	}
}
