//go:build unix

package main

import (
	"os"
	"path/filepath"
	"syscall"

	"github.com/jic-center/jic"
)

// lockData takes an exclusive lock on the data directory, held by jic serve
// and by jic restore --replace, so a database is never swapped under a
// running server. The lock goes when the process ends, even by kill -9.
func lockData(dir string) (release func(), err error) {
	f, err := os.OpenFile(filepath.Join(dir, "jic.lock"), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, jic.Errorf(jic.ECONFLICT, "another jic process (jic serve?) is using %s; stop it first", dir)
	}
	return func() { f.Close() }, nil
}
