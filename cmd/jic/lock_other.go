//go:build !unix

package main

// lockData does not lock on platforms without flock; do not run jic restore
// --replace while jic serve runs on the same data directory there.
func lockData(string) (func(), error) { return func() {}, nil }
