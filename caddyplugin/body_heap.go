//go:build !(linux || darwin || dragonfly || freebsd || netbsd || openbsd)

package caddyplugin

// bodyMapped is false where the gate does not map buffers itself: every
// body buffer is an ordinary heap slice.
const bodyMapped = false

// mapBuffer is never called when bodyMapped is false.
func mapBuffer(int) []byte { return nil }

// unmapBuffer is never called when bodyMapped is false.
func unmapBuffer([]byte) {}
