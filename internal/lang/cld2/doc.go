// Package cld2 runs Google's Compact Language Detector 2 (the Debian
// package libcld2-dev) beside jic's detector on the same texts, for
// measurement only: the product never links it. Everything but this
// comment is behind the build tag cld2, so the normal build needs no C
// library:
//
//	apt-get install -y libcld2-dev
//	go test -tags cld2 -run TestCompare -v ./internal/lang/cld2/
//
// It links libcld2 (83 languages), the library Debian's CLD2 users link.
package cld2
