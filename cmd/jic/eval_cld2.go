//go:build cld2

package main

import (
	"github.com/jic-center/jic/internal/lang"
	"github.com/jic-center/jic/internal/lang/cld2"
)

// langBaselines adds CLD2 to jic eval langid.
func langBaselines() []lang.Baseline { return cld2.Baselines() }
