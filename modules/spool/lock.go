//go:build unix

package spool

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// spoolLockName is the file in a store "file" directory that one process
// holds locked while its embedded server uses the directory.
const spoolLockName = "hookgate.lock"

// lockSpoolDir takes the directory for this process: a second process (a
// second Caddy on the same data directory) would run a second JetStream
// server over the same files and corrupt them, so it is refused. The lock
// is released when the returned file is closed, or when the process dies,
// so a kill -9 leaves nothing to clean up.
func lockSpoolDir(dir string) (*os.File, error) {
	f, err := os.OpenFile(filepath.Join(dir, spoolLockName), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, fmt.Errorf("store file %s: %v", dir, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("store file %s is in use by another process; gates that share a spool use store nats", dir)
		}
		return nil, fmt.Errorf("store file %s: locking: %v", dir, err)
	}
	return f, nil
}
