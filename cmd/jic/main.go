// Command jic runs a joint information center: jic init prepares a data
// directory, jic serve serves it, jic ingest loads files into it, jic search
// queries it, jic backup and jic restore keep it safe, and jic demo runs one
// with bundled real news. This package only wires the pieces of internal/
// together; each subcommand lives in its own file.
package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/alecthomas/kong"

	"github.com/jic-center/jic"
)

// CLI is the command line. Global flags apply to every command.
type CLI struct {
	Globals

	Init    InitCmd    `cmd:"" help:"Create the data directory, the database and the first member and admin."`
	Serve   ServeCmd   `cmd:"" help:"Serve the web UI and the JSON API, and run background jobs."`
	Worker  WorkerCmd  `cmd:"" help:"Run background jobs only (scale-out nodes)."`
	Source  SourceCmd  `cmd:"" help:"Register and watch the sources reports are gathered from."`
	Ingest  IngestCmd  `cmd:"" help:"Load reports from files, directories, archives or standard input."`
	Search  SearchCmd  `cmd:"" help:"Search the reports from the command line."`
	Backup  BackupCmd  `cmd:"" help:"Write a consistent backup of the whole center while it runs."`
	Restore RestoreCmd `cmd:"" help:"Restore a backup into an empty database (or replace the SQLite one)."`
	Head    HeadCmd    `cmd:"" help:"Show who heads the center, until when, and who is next."`
	Member  MemberCmd  `cmd:"" help:"List, admit, suspend and reinstate members."`
	User    UserCmd    `cmd:"" help:"Add users."`
	Token   TokenCmd   `cmd:"" help:"Create, list and revoke API tokens."`
	Audit   AuditCmd   `cmd:"" help:"Verify or export the tamper-evident audit log."`
	Eval    EvalCmd    `cmd:"" help:"Measure processing on real annotated data and print tables."`
	Bench   BenchCmd   `cmd:"" help:"Measure ingest and search speed on real corpora (see BENCHMARKS.md)."`
	Demo    DemoCmd    `cmd:"" help:"Run a center on a temporary data directory loaded with bundled real news."`
	Version VersionCmd `cmd:"" help:"Print the version."`
}

// Globals are the flags every command takes.
type Globals struct {
	Data     string `help:"Data directory (default ./jic-data; env JIC_DATA)." placeholder:"DIR"`
	Config   string `help:"Config file (default DIR/jic.json if it exists; env JIC_CONFIG)." placeholder:"FILE"`
	Database string `help:"PostgreSQL URL; empty means SQLite in the data directory (env JIC_DATABASE)." placeholder:"URL"`
	LogLevel string `help:"debug, info, warn or error (env JIC_LOG_LEVEL)." placeholder:"LEVEL"`
	JSON     bool   `help:"Print results as JSON."`
}

const description = `jic is a joint information center: it gathers news and partner reports,
processes them in several languages and scripts, and lets member organizations
search and share them under TLP 2.0 markings.

Exit codes: 0 ok, 1 internal error, 2 invalid input or usage, 3 not found,
4 conflict, 5 not allowed (unauthorized or forbidden), 6 too large,
7 unavailable (database down, address in use).`

func main() {
	var cli CLI
	kctx := kong.Parse(&cli,
		kong.Name("jic"),
		kong.Description(description),
		kong.UsageOnError(),
		kong.ConfigureHelp(kong.HelpOptions{Compact: true}),
	)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	kctx.BindTo(ctx, (*context.Context)(nil))
	err := kctx.Run(&cli.Globals)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "jic: "+message(err))
		os.Exit(exitCode(err))
	}
}

// exitCodes maps each domain error code to the process exit status, once.
var exitCodes = map[string]int{
	jic.EINTERNAL:     1,
	jic.EINVALID:      2,
	jic.ENOTFOUND:     3,
	jic.ECONFLICT:     4,
	jic.EUNAUTHORIZED: 5,
	jic.EFORBIDDEN:    5,
	jic.ETOOLARGE:     6,
	jic.ETOOMANY:      7,
	jic.EUNAVAILABLE:  7,
}

func exitCode(err error) int {
	if errors.Is(err, context.Canceled) {
		return 130
	}
	if c, ok := exitCodes[jic.ErrorCode(err)]; ok {
		return c
	}
	return 1
}

// message is what the user reads: the domain message, or the whole chain
// for internal errors, since the operator at the console may see details.
func message(err error) string {
	if jic.ErrorCode(err) == jic.EINTERNAL {
		return err.Error()
	}
	return jic.ErrorMessage(err)
}

func newLogger(level string) *slog.Logger {
	var l slog.Level
	_ = l.UnmarshalText([]byte(level))
	return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: l}))
}

// VersionCmd prints the version.
type VersionCmd struct{}

// Run prints the version.
func (VersionCmd) Run() error {
	fmt.Println("jic", jic.Version)
	return nil
}
