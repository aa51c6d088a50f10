package jic

import "context"

// Processed is what the processing stages found in a report, saved at once
// by SaveProcessed so that a report's facts change together.
type Processed struct {
	// Language is the identified language; "" leaves the report's as it
	// is. Setting it re-indexes the report.
	Language string
	// Mentions replace the report's mentions of each kind present.
	Mentions map[EntityKind][]Mention
	// Dates replace the report's date mentions when not nil.
	Dates []DateMention
	// Claims replace the report's claims and their links when not nil;
	// SaveProcessed sets their IDs.
	Claims []Claim
	// Stages are recorded, each replacing an earlier record of its name.
	Stages []Stage
}

// ProcessingStore saves the results of processing.
type ProcessingStore interface {
	// SaveProcessed saves p for a report in one transaction: all of it or,
	// on any error, none. ENOTFOUND if there is no such report, EINVALID
	// naming a bad mention, date or claim.
	SaveProcessed(ctx context.Context, reportID int64, p *Processed) error
	// Batch runs fn with a context through which the store's calls share
	// one transaction: all of their writes or, when fn fails, none; reads
	// through that context see those writes. A Batch inside a Batch joins
	// it. Processing saves a report's facts and decisions in one batch.
	Batch(ctx context.Context, fn func(ctx context.Context) error) error
}
