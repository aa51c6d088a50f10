// Package jic is the domain core of jic, a joint information center: the
// types named in ARCHITECTURE.md (members, users, sources, reports, entities,
// claims, stories, products, requests, watches, audit events), the markings
// that govern who may see them, the error codes every layer speaks, and the
// Store contract that the SQLite and PostgreSQL adapters implement.
//
// This package does no I/O and imports nothing else from jic; adapters live
// under internal/ and cmd/jic wires them together.
package jic

import "time"

// Version is the release of jic; cmd/jic reports it and backups record it.
const Version = "0.1.0"

// Clock returns the current time. Long-lived parts take one so that tests can
// pin time; production passes time.Now.
type Clock func() time.Time
