package verifiers

import (
	"crypto/sha512"
	"fmt"
)

// BodyHMAC verifies the most common scheme: an HMAC of the raw body, written
// into one header (GitHub, Checkout.com, Razorpay, Shopify, the generic
// `hmac` preset).
type BodyHMAC struct {
	Format    SignatureFormat
	Algorithm Algorithm
	macs      macSet
}

// NewBodyHMAC builds a BodyHMAC that accepts a signature by any of keys.
func NewBodyHMAC(format SignatureFormat, alg Algorithm, keys [][]byte) (*BodyHMAC, error) {
	if format.Header == "" {
		return nil, fmt.Errorf("no signature header configured")
	}
	if alg.New == nil {
		return nil, fmt.Errorf("no algorithm configured")
	}
	return &BodyHMAC{Format: format, Algorithm: alg, macs: newMACSet(alg, keys)}, nil
}

// Verify checks the header's signature against the HMAC of the body.
// Signed is the raw body.
func (v *BodyHMAC) Verify(d *Delivery) (Verified, error) {
	var buf [sha512.Size]byte
	sig, err := v.Format.read(d.Request.Header, v.Algorithm.Size, buf[:0])
	if err != nil {
		return Verified{}, err
	}
	key, ok := v.macs.matches(sig, d.Body)
	if !ok {
		return Verified{}, errBadSignature
	}
	return bodySigned(d.Body, key), nil
}

// newGenericHMAC builds the `hmac` preset from its options: header
// (required), algorithm (default sha256), encoding (default hex), prefix.
func newGenericHMAC(s Settings) (Verifier, error) {
	alg := SHA256
	if name := s.Options["algorithm"]; name != "" {
		var err error
		if alg, err = ParseAlgorithm(name); err != nil {
			return nil, err
		}
	}
	enc := Hex
	if name := s.Options["encoding"]; name != "" {
		var err error
		if enc, err = ParseEncoding(name); err != nil {
			return nil, err
		}
	}
	format := SignatureFormat{Header: s.Options["header"], Prefix: s.Options["prefix"], Encoding: enc}
	return NewBodyHMAC(format, alg, s.Secrets)
}

// Interface guard
var _ Verifier = (*BodyHMAC)(nil)

// signBodyHMAC signs the raw body into the format's header.
func signBodyHMAC(format SignatureFormat, alg Algorithm) func(Settings, *Message) error {
	return func(s Settings, m *Message) error {
		format.write(m.Header, hmacSum(alg, firstSecret(s), m.Body))
		return nil
	}
}

// signGenericHMAC signs as the `hmac` preset verifies, from the same options.
func signGenericHMAC(s Settings, m *Message) error {
	v, err := newGenericHMAC(s)
	if err != nil {
		return err
	}
	b := v.(*BodyHMAC)
	return signBodyHMAC(b.Format, b.Algorithm)(s, m)
}
