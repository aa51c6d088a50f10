//go:build cld2

package cld2

/*
#cgo LDFLAGS: -lcld2 -lstdc++
#include <stdlib.h>
const char* jic_cld2_detect(const char* buf, int len, int best_effort, int* reliable);
const char* jic_cld2_version();
*/
import "C"

import (
	"unsafe"

	"github.com/jic-center/jic/internal/lang"
)

// Detect returns CLD2's language code for text ("en", "fa", "un" for
// unknown...). With bestEffort it answers even for short texts it is not
// sure of (kCLDFlagBestEffort).
func Detect(text string, bestEffort bool) string {
	if text == "" {
		return "un"
	}
	p := C.CString(text)
	defer C.free(unsafe.Pointer(p))
	be := C.int(0)
	if bestEffort {
		be = 1
	}
	var rel C.int
	return C.GoString(C.jic_cld2_detect(p, C.int(len(text)), be, &rel))
}

// Version is CLD2's version string.
func Version() string {
	return C.GoString(C.jic_cld2_version())
}

// Baselines are CLD2 as it comes and with its best-effort flag, for
// lang.Evaluate.
func Baselines() []lang.Baseline {
	note := "CLD2 " + Version() + ", libcld2.so (83 languages): its tables are static data in the 1.9 MB library"
	return []lang.Baseline{
		{Name: "CLD2", Detect: func(s string) string { return Detect(s, false) }, Note: note},
		{Name: "CLD2 best-effort", Detect: func(s string) string { return Detect(s, true) }},
	}
}
