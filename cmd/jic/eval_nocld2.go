//go:build !cld2

package main

import "github.com/jic-center/jic/internal/lang"

// langBaselines are the other detectors jic eval langid runs on the same
// texts; build with -tags cld2 (and libcld2-dev) to add CLD2.
func langBaselines() []lang.Baseline { return nil }
