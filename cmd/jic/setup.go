package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/config"
	"github.com/jic-center/jic/internal/pipeline"
	"github.com/jic-center/jic/internal/postgres"
	"github.com/jic-center/jic/internal/sqlite"
	"github.com/jic-center/jic/internal/sqlstore"
)

// loadConfig builds the configuration: defaults, then the config file, then
// JIC_* variables, then the global flags; set applies command flags last.
func loadConfig(g *Globals, set func(*config.Config) error) (config.Config, error) {
	c := config.Defaults()
	data := firstOf(g.Data, os.Getenv("JIC_DATA"), c.Data)
	file := firstOf(g.Config, os.Getenv("JIC_CONFIG"))
	if file == "" {
		if p := filepath.Join(data, config.FileName); exists(p) {
			file = p
		}
	}
	if file != "" {
		if err := c.LoadFile(file); err != nil {
			return c, err
		}
	}
	if err := c.LoadEnv(os.Getenv); err != nil {
		return c, err
	}
	for field, v := range map[string]string{"data": g.Data, "database": g.Database, "log_level": g.LogLevel} {
		if v != "" {
			if err := c.Set(field, v); err != nil {
				return c, err
			}
		}
	}
	if set != nil {
		if err := set(&c); err != nil {
			return c, err
		}
	}
	return c, c.Validate()
}

func firstOf(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// openStore opens the configured database; SQLite needs the data directory
// to exist unless create is set.
func openStore(ctx context.Context, c config.Config, create bool) (jic.Store, error) {
	s, _, err := openBackend(ctx, c, create)
	if err != nil {
		return nil, err
	}
	return s, nil
}

// openBackend opens the configured database and returns, beside the store,
// a function that makes a job queue in the same database.
func openBackend(ctx context.Context, c config.Config, create bool) (*sqlstore.Store, func(pipeline.Deps, pipeline.Options) (*pipeline.Queue, error), error) {
	if c.Postgres() {
		s, pool, err := postgres.Open(ctx, c.Database, postgres.Options{MaxRaw: c.MaxBodyBytes})
		if err != nil {
			return nil, nil, err
		}
		return s, func(d pipeline.Deps, o pipeline.Options) (*pipeline.Queue, error) {
			return pipeline.NewPostgres(ctx, pool, d, o)
		}, nil
	}
	if !create && !exists(c.SQLitePath()) {
		return nil, nil, &jic.Error{Code: jic.ENOTFOUND, Field: "data", Message: "no database in " + c.Data + "; run jic init first (or pass --data DIR)"}
	}
	s, err := sqlite.Open(ctx, c.SQLitePath(), sqlite.Options{MaxRaw: c.MaxBodyBytes})
	if err != nil {
		return nil, nil, err
	}
	return s, func(d pipeline.Deps, o pipeline.Options) (*pipeline.Queue, error) {
		return pipeline.NewSQLite(ctx, s.DB, d, o)
	}, nil
}

// withStore runs fn with the configured store and closes it after.
func withStore(ctx context.Context, g *Globals, fn func(jic.Store, config.Config) error) error {
	c, err := loadConfig(g, nil)
	if err != nil {
		return err
	}
	s, err := openStore(ctx, c, false)
	if err != nil {
		return err
	}
	return errors.Join(fn(s, c), s.Close())
}
