package verifiers

import (
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/subtle"
	"fmt"
	"hash"
	"strings"
	"sync"
)

// Algorithm is a hash function for HMAC.
type algorithm struct {
	Name string
	New  func() hash.Hash
	Size int
}

// The hash algorithms HMAC schemes use. MD5 and SHA-1 are here because
// providers still sign with them (Twilio, Payone's key field); as HMACs they
// are not broken the way the bare hashes are.
var (
	algMD5    = algorithm{"md5", md5.New, md5.Size}
	algSHA1   = algorithm{"sha1", sha1.New, sha1.Size}
	algSHA256 = algorithm{"sha256", sha256.New, sha256.Size}
	algSHA512 = algorithm{"sha512", sha512.New, sha512.Size}
)

// parseAlgorithm reads an algorithm name: md5, sha1, sha256 or sha512.
func parseAlgorithm(name string) (algorithm, error) {
	switch strings.ToLower(strings.ReplaceAll(name, "-", "")) {
	case "md5":
		return algMD5, nil
	case "sha1":
		return algSHA1, nil
	case "sha256":
		return algSHA256, nil
	case "sha512":
		return algSHA512, nil
	}
	return algorithm{}, fmt.Errorf("unknown algorithm %q (want md5, sha1, sha256 or sha512)", name)
}

// keyedMAC computes HMACs with one key. Hash states are pooled so the hot
// path does not rebuild the key schedule for every delivery; each state
// carries its own output buffer, so checking a MAC allocates nothing (a
// buffer on the caller's stack would escape through the hash.Hash call).
type keyedMAC struct {
	pool sync.Pool
}

// macState is one pooled HMAC state and the buffer its sums go into.
type macState struct {
	h   hash.Hash
	out [sha512.Size]byte
}

func newKeyedMAC(alg algorithm, key []byte) *keyedMAC {
	key = append([]byte(nil), key...)
	k := &keyedMAC{}
	k.pool.New = func() any { return &macState{h: hmac.New(alg.New, key)} }
	return k
}

// sum appends HMAC(key, parts...) to dst.
func (k *keyedMAC) sum(dst []byte, parts ...[]byte) []byte {
	st := k.pool.Get().(*macState)
	dst = append(dst, st.mac(parts)...)
	k.pool.Put(st)
	return dst
}

// count returns how many of sigs equal HMAC(key, parts...), comparing each
// in constant time.
func (k *keyedMAC) count(sigs [][]byte, parts [][]byte) int {
	st := k.pool.Get().(*macState)
	mac := st.mac(parts)
	n := 0
	for _, sig := range sigs {
		n += boolInt(hmac.Equal(mac, sig))
	}
	k.pool.Put(st)
	return n
}

// mac computes HMAC(key, parts...) into the state's own buffer.
func (st *macState) mac(parts [][]byte) []byte {
	st.h.Reset()
	for _, p := range parts {
		st.h.Write(p)
	}
	return st.h.Sum(st.out[:0])
}

// macSet is the MACs of every configured secret: during a rotation any of
// them may have signed a delivery.
type macSet []*keyedMAC

func newMACSet(alg algorithm, keys [][]byte) macSet {
	set := make(macSet, len(keys))
	for i, key := range keys {
		set[i] = newKeyedMAC(alg, key)
	}
	return set
}

// matches reports whether any key's MAC over parts equals sig, and the
// index of the first key that matched. Every key is tried, and each
// comparison is constant-time, so the time taken does not say which key
// matched or how much of the signature was right.
func (s macSet) matches(sig []byte, parts ...[]byte) (int, bool) {
	sigs := [1][]byte{sig}
	return s.matchesAny(sigs[:], parts...)
}

// matchesAny reports whether any of sigs is the MAC of parts under any
// key, and the index of the first key that matched.
func (s macSet) matchesAny(sigs [][]byte, parts ...[]byte) (int, bool) {
	key, n := 0, 0
	for i, k := range s {
		c := boolInt(k.count(sigs, parts) > 0)
		key = subtle.ConstantTimeSelect(c&subtle.ConstantTimeEq(int32(n), 0), i, key)
		n += c
	}
	return key, n > 0
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
