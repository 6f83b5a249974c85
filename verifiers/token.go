package verifiers

import (
	"crypto/sha256"
	"crypto/subtle"
)

// tokenSet is a set of shared tokens that a provider sends verbatim (KKiaPay's
// x-kkiapay-secret, Checkout.com's Authorization key). Only their SHA-256
// digests are kept, and a candidate is compared digest to digest, so the
// comparison takes the same time whatever the candidate's length or content.
type tokenSet [][sha256.Size]byte

func newTokenSet(tokens [][]byte) tokenSet {
	set := make(tokenSet, len(tokens))
	for i, t := range tokens {
		set[i] = sha256.Sum256(t)
	}
	return set
}

// index reports whether candidate is one of the tokens, and which (the
// first equal one).
func (s tokenSet) index(candidate []byte) (int, bool) {
	d := sha256.Sum256(candidate)
	ok, key := 0, 0
	for i := range s {
		c := subtle.ConstantTimeCompare(d[:], s[i][:])
		key = subtle.ConstantTimeSelect(c&(ok^1), i, key)
		ok |= c
	}
	return key, ok == 1
}
