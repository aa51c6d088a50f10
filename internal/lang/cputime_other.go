//go:build !linux

package lang

import "time"

func threadCPU() (time.Duration, bool) { return 0, false }
