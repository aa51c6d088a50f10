package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/config"
	"github.com/jic-center/jic/internal/sqlite"
)

// BackupCmd writes a backup while the center runs.
type BackupCmd struct {
	File string `arg:"" help:"Backup file to write (- for standard output)." placeholder:"FILE"`
}

// Run writes to FILE.partial and renames it when complete, so FILE is
// never a half-written backup.
func (cmd *BackupCmd) Run(ctx context.Context, g *Globals) error {
	return withStore(ctx, g, func(s jic.Store, _ config.Config) error {
		start := time.Now()
		if cmd.File == "-" {
			return s.Backup(ctx, os.Stdout)
		}
		tmp := cmd.File + ".partial"
		f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
		if err != nil {
			return jic.FieldErrorf(jic.EINVALID, "file", "%v", err)
		}
		err = s.Backup(ctx, f)
		if err == nil {
			err = f.Sync()
		}
		err = errors.Join(err, f.Close())
		if err == nil {
			err = os.Rename(tmp, cmd.File)
		}
		if err != nil {
			os.Remove(tmp)
			return err
		}
		st, _ := os.Stat(cmd.File)
		fmt.Printf("backup written to %s (%d bytes) in %.1fs\n", cmd.File, st.Size(), time.Since(start).Seconds())
		return nil
	})
}

// RestoreCmd restores a backup.
type RestoreCmd struct {
	File    string `arg:"" help:"Backup file to read (- for standard input)." placeholder:"FILE"`
	Replace bool   `help:"SQLite only: replace a database that holds data; the old file is kept beside it."`
}

// Run restores into an empty database. With --replace on SQLite it restores
// into a new file and swaps it in only when the whole backup was verified.
func (cmd *RestoreCmd) Run(ctx context.Context, g *Globals) error {
	c, err := loadConfig(g, nil)
	if err != nil {
		return err
	}
	in := io.Reader(os.Stdin)
	if cmd.File != "-" {
		f, err := os.Open(cmd.File)
		if err != nil {
			return jic.FieldErrorf(jic.EINVALID, "file", "%v", err)
		}
		defer f.Close()
		in = f
	}
	start := time.Now()
	if c.Postgres() || !cmd.Replace {
		if err := os.MkdirAll(c.Data, 0o750); err != nil {
			return err
		}
		s, err := openStore(ctx, c, true)
		if err != nil {
			return err
		}
		err = errors.Join(s.Restore(ctx, in), s.Close())
		if err != nil {
			return err
		}
	} else if err := replaceSQLite(ctx, c, in); err != nil {
		return err
	}
	fmt.Printf("restored %s in %.1fs\n", cmd.File, time.Since(start).Seconds())
	return nil
}

// replaceSQLite restores into a new file next to the database, then moves
// the current database aside and the new one into place.
func replaceSQLite(ctx context.Context, c config.Config, in io.Reader) error {
	release, err := lockData(c.Data)
	if err != nil {
		return err
	}
	defer release()
	path := c.SQLitePath()
	tmp := path + ".restoring"
	for _, p := range []string{tmp, tmp + "-wal", tmp + "-shm"} {
		os.Remove(p)
	}
	s, err := sqlite.Open(ctx, tmp, sqlite.Options{MaxRaw: c.MaxBodyBytes})
	if err != nil {
		return err
	}
	if err := errors.Join(s.Restore(ctx, in), s.Close()); err != nil {
		os.Remove(tmp)
		return err
	}
	if exists(path) {
		old := fmt.Sprintf("%s.before-restore-%s", path, time.Now().UTC().Format("20060102T150405"))
		// The database must be closed (no jic serve running) for this to be safe.
		if err := os.Rename(path, old); err != nil {
			return err
		}
		for _, suffix := range []string{"-wal", "-shm"} {
			os.Rename(path+suffix, old+suffix)
		}
		fmt.Printf("the previous database is kept as %s\n", filepath.Base(old))
	}
	return os.Rename(tmp, path)
}
