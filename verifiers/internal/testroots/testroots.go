// Package testroots holds the certificate authorities that tests trust in
// place of a provider's own root (Apple Root CA - G3 for apple_app_store),
// so that a test can sign deliveries the way the provider does without the
// provider's keys. It is internal: only the verifiers package and its test
// helper verifierstest can import it. No configuration reaches it, and
// nothing in a built gate sets it.
package testroots

import (
	"crypto/x509"
	"slices"
	"sync"
)

var (
	mu    sync.Mutex
	apple []*x509.Certificate
)

// TrustApple makes the apple_app_store verifiers built from now on trust c
// as well as Apple's root. For tests only.
func TrustApple(c *x509.Certificate) {
	mu.Lock()
	defer mu.Unlock()
	if !slices.ContainsFunc(apple, c.Equal) {
		apple = append(apple, c)
	}
}

// Apple returns the test roots TrustApple added; none outside tests.
func Apple() []*x509.Certificate {
	mu.Lock()
	defer mu.Unlock()
	return slices.Clone(apple)
}
