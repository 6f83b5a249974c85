package verifiers

import (
	"crypto/ecdsa"
	"crypto/sha256"
	"crypto/x509"
	"sync"
	"time"
)

// appStoreChains remembers the x5c chains an apple_app_store verifier has
// verified, so that the notifications that follow, signed by the same
// leaf, cost one ES256 check instead of a chain verification. Only chains
// that verified enter it, with the window in which every certificate of
// the chain is valid: a notification signed outside that window is
// verified afresh (and refused). Bounded: when full, an arbitrary entry
// makes room.
type appStoreChains struct {
	mu      sync.Mutex
	entries map[[sha256.Size]byte]appStoreChain
}

// appStoreChain is a verified chain's leaf key and validity window.
type appStoreChain struct {
	key                 *ecdsa.PublicKey
	notBefore, notAfter time.Time
}

// appStoreChainsMax bounds the remembered chains; Apple signs with a
// handful of leaves at a time.
const appStoreChainsMax = 16

// appStoreChainKey names a chain by its leaf and intermediate as sent.
func appStoreChainKey(leaf, intermediate string) [sha256.Size]byte {
	return sha256.Sum256(signedOf([]byte(leaf), []byte(intermediate)))
}

// get returns the leaf key of a remembered chain valid at time at.
func (c *appStoreChains) get(k [sha256.Size]byte, at time.Time) (*ecdsa.PublicKey, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[k]
	if !ok || at.Before(e.notBefore) || at.After(e.notAfter) {
		return nil, false
	}
	return e.key, true
}

// put remembers a verified chain (leaf first) and its leaf key.
func (c *appStoreChains) put(k [sha256.Size]byte, chain []*x509.Certificate, key *ecdsa.PublicKey) {
	e := appStoreChain{key: key, notBefore: chain[0].NotBefore, notAfter: chain[0].NotAfter}
	for _, cert := range chain[1:] {
		if cert.NotBefore.After(e.notBefore) {
			e.notBefore = cert.NotBefore
		}
		if cert.NotAfter.Before(e.notAfter) {
			e.notAfter = cert.NotAfter
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil {
		c.entries = map[[sha256.Size]byte]appStoreChain{}
	}
	if _, ok := c.entries[k]; !ok && len(c.entries) >= appStoreChainsMax {
		for old := range c.entries {
			delete(c.entries, old)
			break
		}
	}
	c.entries[k] = e
}
