package verifiers

import (
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"fmt"
	"hash"
	"strings"
	"sync"
)

// Algorithm is a hash function for HMAC.
type Algorithm struct {
	Name string
	New  func() hash.Hash
	Size int
}

// The hash algorithms HMAC schemes use. MD5 and SHA-1 are here because
// providers still sign with them (Twilio, Payone's key field); as HMACs they
// are not broken the way the bare hashes are.
var (
	MD5    = Algorithm{"md5", md5.New, md5.Size}
	SHA1   = Algorithm{"sha1", sha1.New, sha1.Size}
	SHA256 = Algorithm{"sha256", sha256.New, sha256.Size}
	SHA512 = Algorithm{"sha512", sha512.New, sha512.Size}
)

// ParseAlgorithm reads an algorithm name: md5, sha1, sha256 or sha512.
func ParseAlgorithm(name string) (Algorithm, error) {
	switch strings.ToLower(strings.ReplaceAll(name, "-", "")) {
	case "md5":
		return MD5, nil
	case "sha1":
		return SHA1, nil
	case "sha256":
		return SHA256, nil
	case "sha512":
		return SHA512, nil
	}
	return Algorithm{}, fmt.Errorf("unknown algorithm %q (want md5, sha1, sha256 or sha512)", name)
}

// keyedMAC computes HMACs with one key. Hash states are pooled so the hot
// path does not rebuild the key schedule for every delivery.
type keyedMAC struct {
	pool sync.Pool
}

func newKeyedMAC(alg Algorithm, key []byte) *keyedMAC {
	key = append([]byte(nil), key...)
	k := &keyedMAC{}
	k.pool.New = func() any { return hmac.New(alg.New, key) }
	return k
}

// sum appends HMAC(key, parts...) to dst.
func (k *keyedMAC) sum(dst []byte, parts ...[]byte) []byte {
	m := k.pool.Get().(hash.Hash)
	m.Reset()
	for _, p := range parts {
		m.Write(p)
	}
	dst = m.Sum(dst)
	k.pool.Put(m)
	return dst
}

// macSet is the MACs of every configured secret: during a rotation any of
// them may have signed a delivery.
type macSet []*keyedMAC

func newMACSet(alg Algorithm, keys [][]byte) macSet {
	set := make(macSet, len(keys))
	for i, key := range keys {
		set[i] = newKeyedMAC(alg, key)
	}
	return set
}

// matches reports whether any key's MAC over parts equals sig. Every key is
// tried, and each comparison is constant-time, so the time taken does not
// say which key matched or how much of the signature was right.
func (s macSet) matches(sig []byte, parts ...[]byte) bool {
	var buf [sha512.Size]byte
	ok := 0
	for _, k := range s {
		ok |= boolInt(hmac.Equal(k.sum(buf[:0], parts...), sig))
	}
	return ok == 1
}

// matchesAny reports whether any of sigs is the MAC of parts under any key.
func (s macSet) matchesAny(sigs [][]byte, parts ...[]byte) bool {
	var buf [sha512.Size]byte
	ok := 0
	for _, k := range s {
		mac := k.sum(buf[:0], parts...)
		for _, sig := range sigs {
			ok |= boolInt(hmac.Equal(mac, sig))
		}
	}
	return ok == 1
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
