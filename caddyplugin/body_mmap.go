//go:build linux || darwin || dragonfly || freebsd || netbsd || openbsd

package caddyplugin

import "syscall"

// bodyMapped reports whether large body buffers live outside the Go heap:
// anonymous private mappings the gate unmaps itself, so the garbage
// collector's heap goal (about twice the live heap) does not count the
// bodies in flight.
const bodyMapped = true

// mapBuffer returns an empty buffer with room for exactly n bytes, in a
// fresh anonymous mapping, or nil if the mapping failed (the caller then
// falls back to the heap).
func mapBuffer(n int) []byte {
	b, err := syscall.Mmap(-1, 0, n, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON)
	if err != nil {
		return nil
	}
	return b[:0:n]
}

// unmapBuffer gives a buffer from mapBuffer back to the OS. Nothing may
// touch b (or any slice of it) afterwards: that would crash the process.
func unmapBuffer(b []byte) {
	_ = syscall.Munmap(b[:cap(b)])
}
