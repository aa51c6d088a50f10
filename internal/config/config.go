// Package config holds jic's settings: defaults, then a JSON file, then
// JIC_* environment variables, then command-line flags, then Validate, which
// names the first bad field. cmd/jic builds one Config and hands its parts to
// the pieces it wires.
package config

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/jic-center/jic"
)

// Config is every setting of a jic process.
type Config struct {
	// Data is the data directory: the SQLite database, backups, logs.
	Data string `json:"data"`
	// Database is "" for the SQLite file in Data, or a postgres:// URL.
	Database string `json:"database"`
	// Addr is where jic serve listens.
	Addr string `json:"addr"`
	// MaxBodyBytes bounds a request body, an ingested item and a report text.
	MaxBodyBytes int `json:"max_body_bytes"`
	// PublishClear lets anonymous readers see TLP:CLEAR reports.
	PublishClear bool `json:"publish_clear"`
	// LogLevel is debug, info, warn or error.
	LogLevel string `json:"log_level"`
	// AllowNet opens address ranges (CIDR) to outbound fetching, which
	// otherwise refuses loopback, private, link-local and other inside
	// addresses.
	AllowNet []string `json:"allow_net"`
	// FetchTimeout bounds one outbound request, body included.
	FetchTimeout Duration `json:"fetch_timeout"`
	// RescueAfter is how long a background job may run before it is taken
	// for abandoned (its process died) and run again.
	RescueAfter Duration `json:"rescue_after"`
	// NamesFile is a file of aliases of people, organizations and groups
	// that extends the embedded registry (the format of
	// internal/ner/registry.tsv); "" uses the embedded one alone.
	NamesFile string `json:"names_file"`
}

// Duration is a time.Duration written as "30s" or "10m" in files and the
// environment.
type Duration time.Duration

// UnmarshalJSON reads "30s".
func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := time.ParseDuration(s)
	*d = Duration(v)
	return err
}

// MarshalJSON writes "30s".
func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(time.Duration(d).String()) }

// Defaults returns the settings used when nothing else is said.
func Defaults() Config {
	return Config{
		Data:         "jic-data",
		Addr:         "127.0.0.1:8080",
		MaxBodyBytes: jic.DefaultMaxRaw,
		LogLevel:     "info",
		FetchTimeout: Duration(30 * time.Second),
		RescueAfter:  Duration(10 * time.Minute),
	}
}

// FileName is the config file jic reads from the data directory when no
// other file is named.
const FileName = "jic.json"

// LoadFile merges the JSON file at path into c. Unknown keys are errors so
// that a misspelled setting is not silently ignored.
func (c *Config) LoadFile(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return &jic.Error{Code: jic.EINVALID, Field: "config", Message: err.Error()}
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(c); err != nil {
		return &jic.Error{Code: jic.EINVALID, Field: "config", Message: fmt.Sprintf("%s: %v", path, err)}
	}
	return nil
}

// Env lists the environment variables jic reads and the field each sets.
var Env = []struct{ Name, Field string }{
	{"JIC_DATA", "data"},
	{"JIC_DATABASE", "database"},
	{"JIC_ADDR", "addr"},
	{"JIC_MAX_BODY_BYTES", "max_body_bytes"},
	{"JIC_PUBLISH_CLEAR", "publish_clear"},
	{"JIC_LOG_LEVEL", "log_level"},
	{"JIC_ALLOW_NET", "allow_net"},
	{"JIC_FETCH_TIMEOUT", "fetch_timeout"},
	{"JIC_RESCUE_AFTER", "rescue_after"},
	{"JIC_NAMES_FILE", "names_file"},
}

// LoadEnv merges the JIC_* variables that are set into c.
func (c *Config) LoadEnv(getenv func(string) string) error {
	for _, e := range Env {
		v := getenv(e.Name)
		if v == "" {
			continue
		}
		if err := c.Set(e.Field, v); err != nil {
			return &jic.Error{Code: jic.EINVALID, Field: e.Name, Message: jic.ErrorMessage(err)}
		}
	}
	return nil
}

// Set assigns one field by its JSON name from a string, as the environment
// and flags give it.
func (c *Config) Set(field, v string) error {
	switch field {
	case "data":
		c.Data = v
	case "database":
		c.Database = v
	case "addr":
		c.Addr = v
	case "max_body_bytes":
		n, err := strconv.Atoi(v)
		if err != nil {
			return jic.FieldErrorf(jic.EINVALID, field, "%q is not a number of bytes", v)
		}
		c.MaxBodyBytes = n
	case "publish_clear":
		b, err := strconv.ParseBool(v)
		if err != nil {
			return jic.FieldErrorf(jic.EINVALID, field, "%q is not true or false", v)
		}
		c.PublishClear = b
	case "log_level":
		c.LogLevel = v
	case "names_file":
		c.NamesFile = v
	case "allow_net": // comma-separated in the environment; repeatable flags append
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				c.AllowNet = append(c.AllowNet, p)
			}
		}
	case "fetch_timeout", "rescue_after":
		d, err := time.ParseDuration(v)
		if err != nil {
			return jic.FieldErrorf(jic.EINVALID, field, "%q is not a duration such as 30s or 10m", v)
		}
		if field == "fetch_timeout" {
			c.FetchTimeout = Duration(d)
		} else {
			c.RescueAfter = Duration(d)
		}
	default:
		return jic.FieldErrorf(jic.EINVALID, field, "no such setting")
	}
	return nil
}

// Validate returns EINVALID naming the first bad field.
func (c *Config) Validate() error {
	if strings.TrimSpace(c.Data) == "" {
		return jic.FieldErrorf(jic.EINVALID, "data", "a data directory is needed")
	}
	if c.Database != "" && !c.Postgres() {
		return jic.FieldErrorf(jic.EINVALID, "database", "must be empty (SQLite in the data directory) or a postgres:// URL")
	}
	if c.Postgres() {
		if _, err := url.Parse(c.Database); err != nil {
			return jic.FieldErrorf(jic.EINVALID, "database", "not a URL: %v", err)
		}
	}
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		return jic.FieldErrorf(jic.EINVALID, "addr", "%q is not host:port", c.Addr)
	}
	if c.MaxBodyBytes < 1024 || c.MaxBodyBytes > 1<<30 {
		return jic.FieldErrorf(jic.EINVALID, "max_body_bytes", "must be between 1 KiB and 1 GiB")
	}
	for _, n := range c.AllowNet {
		if _, err := netip.ParsePrefix(n); err != nil {
			return jic.FieldErrorf(jic.EINVALID, "allow_net", "%q is not a CIDR range such as 10.0.0.0/8", n)
		}
	}
	if c.FetchTimeout < Duration(time.Second) || c.FetchTimeout > Duration(10*time.Minute) {
		return jic.FieldErrorf(jic.EINVALID, "fetch_timeout", "must be between 1s and 10m")
	}
	if c.RescueAfter < Duration(10*time.Second) || c.RescueAfter > Duration(24*time.Hour) {
		return jic.FieldErrorf(jic.EINVALID, "rescue_after", "must be between 10s and 24h")
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		return jic.FieldErrorf(jic.EINVALID, "log_level", "%q is not debug, info, warn or error", c.LogLevel)
	}
	return nil
}

// Postgres reports whether the database is PostgreSQL.
func (c *Config) Postgres() bool {
	return strings.HasPrefix(c.Database, "postgres://") || strings.HasPrefix(c.Database, "postgresql://")
}

// SQLitePath is the database file in the data directory.
func (c *Config) SQLitePath() string { return filepath.Join(c.Data, "jic.db") }

// Redacted returns c as JSON with the database password hidden.
func (c Config) Redacted() string {
	if u, err := url.Parse(c.Database); err == nil && u.User != nil {
		if _, ok := u.User.Password(); ok {
			u.User = url.UserPassword(u.User.Username(), "xxxxx")
			c.Database = u.String()
		}
	}
	b, _ := json.MarshalIndent(c, "", "  ")
	return string(b)
}
