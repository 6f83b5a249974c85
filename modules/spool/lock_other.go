//go:build !unix

package spool

import "os"

// lockSpoolDir does not lock on systems without flock: run one Caddy per
// store "file" directory there.
func lockSpoolDir(dir string) (*os.File, error) { return nil, nil }
