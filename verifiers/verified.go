package verifiers

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
)

// Verified is what a verifier vouches for when it accepts a delivery.
type Verified struct {
	// ID is the provider's delivery/event ID read from content the signature
	// covers (a signed header such as webhook-id, a field of a signed body
	// read with the strict reader), or "" when the provider signs none.
	ID string
	// Signed is the canonical form of exactly the content the signature
	// covers, as the verifier verified it, without the timestamp (so a
	// provider's retry that re-signs with a new timestamp is the same
	// delivery). For token-only schemes (kkiapay, flutterwave v3, gitlab
	// token, postmark), where the token authenticates the sender but covers
	// no content, Signed is the raw body (payone: its transaction fields
	// when present, see payone.go). Never nil on success.
	Signed []byte
	// Key is the index of the configured secret (or public key) that
	// verified the delivery, so that replay answers are scoped to one secret.
	// Schemes that take both (Standard Webhooks) count the secrets first,
	// then the public keys.
	Key int
}

// Identity returns the replay identity: "id:"+ID when ID is set, else
// "sha256:"+hex(sha256(Signed)); an error (Rejection ambiguous_body) when
// neither is available.
func (v Verified) Identity() (string, error) {
	if v.ID != "" {
		return "id:" + v.ID, nil
	}
	if v.Signed == nil {
		return "", reject(ambiguousBody, "the delivery's identity cannot be told from what is signed")
	}
	sum := sha256.Sum256(v.Signed)
	return "sha256:" + hex.EncodeToString(sum[:]), nil
}

// appendSigned appends parts to dst as a length-prefixed sequence
// ("<len>:<bytes>" each), so that no boundary between parts can shift
// without changing the result.
func appendSigned(dst []byte, parts ...[]byte) []byte {
	for _, p := range parts {
		dst = strconv.AppendInt(dst, int64(len(p)), 10)
		dst = append(dst, ':')
		dst = append(dst, p...)
	}
	return dst
}

// signedOf is appendSigned into a new slice.
func signedOf(parts ...[]byte) []byte { return appendSigned(nil, parts...) }

// bodySigned is the Verified of schemes whose signature covers the raw body
// alone (or for token schemes, whose token covers nothing and the body is
// the content to tell deliveries apart). Signed is the body itself: bodies
// are never reused after the call.
func bodySigned(body []byte, key int) Verified {
	if body == nil {
		body = []byte{}
	}
	return Verified{Signed: body, Key: key}
}
