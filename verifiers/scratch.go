package verifiers

import "sync"

// scratch is one verification's working memory: the candidate signatures
// a header offers and the pieces of the signed content. Scratches are
// pooled and their slices keep their capacity from one delivery to the
// next, so reading signatures and assembling what was signed allocate
// nothing per delivery once the pool is warm (the body buffer itself comes
// from the handler's pool). Nothing taken from a scratch may be kept after
// release.
type scratch struct {
	// sigs are the candidate signatures.
	sigs Signatures
	// asym are a second set, for schemes that mix MACs and public-key
	// signatures in one header (Standard Webhooks' v1 and v1a).
	asym Signatures
	// parts are the signed content, in order, for the MAC.
	parts [][]byte
	// text holds copies of the text parts: a []byte(string) conversion
	// would allocate, because the MAC's hash.Hash keeps nothing but Go
	// cannot know that.
	text []byte
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// getScratch takes a scratch from the pool; release it when done.
func getScratch() *scratch { return scratchPool.Get().(*scratch) }

// release empties s, keeping its storage, and returns it to the pool.
func (s *scratch) release() {
	s.sigs.Reset()
	s.asym.Reset()
	clear(s.parts) // do not pin the delivery's body
	s.parts = s.parts[:0]
	s.text = s.text[:0]
	scratchPool.Put(s)
}

// add appends pieces of signed content as they are.
func (s *scratch) add(parts ...[]byte) { s.parts = append(s.parts, parts...) }

// addString appends a piece of signed content given as text, copied into
// the scratch's own storage.
func (s *scratch) addString(v string) {
	start := len(s.text)
	s.text = append(s.text, v...)
	// If text just grew, earlier parts still point at the old storage,
	// which nothing writes to again: they stay valid.
	s.parts = append(s.parts, s.text[start:len(s.text):len(s.text)])
}
