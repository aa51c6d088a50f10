package config_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/config"
)

func TestPrecedence(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "jic.json")
	if err := os.WriteFile(file, []byte(`{"addr": "127.0.0.1:9000", "log_level": "debug", "max_body_bytes": 2048}`), 0o600); err != nil {
		t.Fatal(err)
	}
	c := config.Defaults()
	if err := c.LoadFile(file); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"JIC_ADDR": "127.0.0.1:9100", "JIC_PUBLISH_CLEAR": "true"}
	if err := c.LoadEnv(func(k string) string { return env[k] }); err != nil {
		t.Fatal(err)
	}
	if err := c.Set("addr", "127.0.0.1:9200"); err != nil { // a flag
		t.Fatal(err)
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:9200" || c.LogLevel != "debug" || !c.PublishClear || c.MaxBodyBytes != 2048 || c.Data != "jic-data" {
		t.Errorf("config = %+v, want flag addr, file log level and size, env publish, default data", c)
	}
}

func TestInvalid(t *testing.T) {
	tests := []struct {
		name, field string
		edit        func(*config.Config) error
	}{
		{"bad addr", "addr", func(c *config.Config) error { c.Addr = "localhost"; return nil }},
		{"bad database", "database", func(c *config.Config) error { c.Database = "mysql://x"; return nil }},
		{"bad level", "log_level", func(c *config.Config) error { c.LogLevel = "loud"; return nil }},
		{"tiny body", "max_body_bytes", func(c *config.Config) error { c.MaxBodyBytes = 10; return nil }},
		{"env not a number", "JIC_MAX_BODY_BYTES", func(c *config.Config) error {
			return c.LoadEnv(func(k string) string {
				if k == "JIC_MAX_BODY_BYTES" {
					return "ten"
				}
				return ""
			})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := config.Defaults()
			err := tt.edit(&c)
			if err == nil {
				err = c.Validate()
			}
			if jic.ErrorCode(err) != jic.EINVALID || jic.ErrorField(err) != tt.field {
				t.Errorf("error %v, want invalid %s", err, tt.field)
			}
		})
	}
}

func TestUnknownKeyInFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "jic.json")
	os.WriteFile(file, []byte(`{"adr": "x"}`), 0o600)
	c := config.Defaults()
	err := c.LoadFile(file)
	if jic.ErrorCode(err) != jic.EINVALID || !strings.Contains(err.Error(), "adr") {
		t.Errorf("LoadFile with a misspelled key = %v, want an error naming it", err)
	}
}

func TestRedacted(t *testing.T) {
	c := config.Defaults()
	c.Database = "postgres://jic:s3cret@db.example:5432/jic"
	if s := c.Redacted(); strings.Contains(s, "s3cret") || !strings.Contains(s, "db.example") {
		t.Errorf("Redacted = %s, want the password hidden and the host kept", s)
	}
}

func FuzzLoadFile(f *testing.F) {
	f.Add(`{"addr": "127.0.0.1:9000", "log_level": "debug"}`)
	f.Add(`{"max_body_bytes": -1, "database": "postgres://x"}`)
	f.Add(`[`)
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, content string) {
		file := filepath.Join(dir, "jic.json")
		if err := os.WriteFile(file, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		c := config.Defaults()
		err := c.LoadFile(file)
		if err == nil {
			err = c.Validate()
		}
		if err != nil && jic.ErrorCode(err) != jic.EINVALID {
			t.Fatalf("LoadFile(%q) error %v, want nil or EINVALID", content, err)
		}
	})
}
