package verifiers

import (
	"context"
	"crypto"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"fmt"
	"math/big"
	"strings"
	"time"
)

// keySet is the RSA public keys one URL serves (or a route pins): a JWKS
// document's keys by key ID, or a certificate's key under "".
type keySet struct {
	keys []setKey
	// notAfter is the earliest end of validity of the set's certificates;
	// zero when it holds none. The cache never keeps the set past it.
	notAfter time.Time
}

// setKey is one key of a set.
type setKey struct {
	kid string // "" for a certificate or a pinned PEM key: matches any ID
	pub *rsa.PublicKey
	// cert is the certificate the key came in, nil for a bare key.
	cert *x509.Certificate
	// index is the key's position among a route's pinned keys (Verified.Key).
	index int
}

// has reports whether the set holds the key kid (or a key for any ID).
func (s *keySet) has(kid string) bool { return len(s.matching(kid)) > 0 }

// matching returns the keys a signature with key ID kid may be checked
// with: those with that ID, and those that match any ID.
func (s *keySet) matching(kid string) []setKey {
	var out []setKey
	for _, k := range s.keys {
		if k.kid == "" || k.kid == kid {
			out = append(out, k)
		}
	}
	return out
}

// validAt reports whether k may verify a delivery judged at now: a bare
// key always, a certificate within its validity period.
func (k setKey) validAt(now time.Time) bool {
	return k.cert == nil || !now.Before(k.cert.NotBefore) && !now.After(k.cert.NotAfter)
}

// parseCertificateDoc reads a PEM document whose first certificate holds
// an RSA key (AWS's SigningCertURL, PayPal's PAYPAL-CERT-URL) and checks
// that it is valid at now. Further certificates (a chain) are ignored.
func parseCertificateDoc(doc []byte, now time.Time) (*keySet, time.Duration, error) {
	block, _ := pem.Decode(doc)
	if block == nil || block.Type != "CERTIFICATE" {
		return nil, 0, fmt.Errorf("the document is not a PEM certificate")
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		return nil, 0, fmt.Errorf("unreadable certificate: %v", err)
	}
	pub, ok := cert.PublicKey.(*rsa.PublicKey)
	if !ok {
		return nil, 0, fmt.Errorf("the certificate's key is not RSA")
	}
	if now.Before(cert.NotBefore) || now.After(cert.NotAfter) {
		return nil, 0, fmt.Errorf("the certificate is not valid now (valid %s to %s)", cert.NotBefore.Format(time.RFC3339), cert.NotAfter.Format(time.RFC3339))
	}
	return &keySet{keys: []setKey{{pub: pub, cert: cert}}, notAfter: cert.NotAfter}, maxKeyTTL, nil
}

// jwks is a JSON Web Key Set (RFC 7517) as Google publishes it.
type jwks struct {
	Keys []struct {
		Kty string `json:"kty"`
		Kid string `json:"kid"`
		Alg string `json:"alg"`
		Use string `json:"use"`
		N   string `json:"n"`
		E   string `json:"e"`
	} `json:"keys"`
}

// parseJWKS reads a JWKS document's RSA signing keys; every key needs a
// key ID, and no ID may appear twice.
func parseJWKS(doc []byte, _ time.Time) (*keySet, time.Duration, error) {
	root, err := parseJSON(doc) // strict: duplicate keys, invalid UTF-8
	if err != nil {
		return nil, 0, fmt.Errorf("JWKS: %v", err)
	}
	keys := root.Get("keys")
	if keys == nil || keys.Kind != jsonArray || len(keys.Elems) == 0 {
		return nil, 0, fmt.Errorf("JWKS has no keys")
	}
	if len(keys.Elems) > maxKeysPerSet {
		return nil, 0, fmt.Errorf("JWKS has %d keys, more than %d", len(keys.Elems), maxKeysPerSet)
	}
	set := &keySet{}
	seen := map[string]bool{}
	for i, k := range keys.Elems {
		field := func(name string) string {
			if f := k.Get(name); f != nil && f.Kind == jsonString {
				return f.Text
			}
			return ""
		}
		if field("kty") != "RSA" || field("use") != "" && field("use") != "sig" || field("alg") != "" && field("alg") != "RS256" {
			continue // not an RS256 signing key: never used
		}
		kid := field("kid")
		if kid == "" || seen[kid] {
			return nil, 0, fmt.Errorf("JWKS key #%d has no key ID or a repeated one", i+1)
		}
		seen[kid] = true
		pub, err := rsaFromJWK(field("n"), field("e"))
		if err != nil {
			return nil, 0, fmt.Errorf("JWKS key %s: %v", kid, err)
		}
		set.keys = append(set.keys, setKey{kid: kid, pub: pub})
	}
	if len(set.keys) == 0 {
		return nil, 0, fmt.Errorf("JWKS has no RS256 signing key")
	}
	return set, defaultKeyTTL, nil
}

// rsaFromJWK builds an RSA key from a JWK's base64url n and e.
func rsaFromJWK(n, e string) (*rsa.PublicKey, error) {
	nb, err1 := base64.RawURLEncoding.DecodeString(n)
	eb, err2 := base64.RawURLEncoding.DecodeString(e)
	if err1 != nil || err2 != nil || len(nb) < 128 || len(eb) == 0 || len(eb) > 4 {
		return nil, fmt.Errorf("unreadable RSA modulus or exponent")
	}
	exp := new(big.Int).SetBytes(eb)
	if exp.Int64() < 3 || exp.Int64()%2 == 0 {
		return nil, fmt.Errorf("unusable RSA exponent")
	}
	return &rsa.PublicKey{N: new(big.Int).SetBytes(nb), E: int(exp.Int64())}, nil
}

// pinnedKeys reads a route's public_key values: PEM certificates (whose
// validity is then checked at each delivery), PEM or base64 DER public
// keys, and, when jwksOK, a JWKS document (its key IDs are then matched).
// Every key must be RSA.
func pinnedKeys(provider string, texts []string, jwksOK bool) (*keySet, error) {
	set := &keySet{}
	for i, text := range texts {
		text = strings.TrimSpace(text)
		switch {
		case jwksOK && strings.HasPrefix(text, "{"):
			js, _, err := parseJWKS([]byte(text), time.Time{})
			if err != nil {
				return nil, fmt.Errorf("%s: public_key #%d: %v", provider, i+1, err)
			}
			for _, k := range js.keys {
				k.index = i
				set.keys = append(set.keys, k)
			}
			continue
		case strings.HasPrefix(text, "-----BEGIN CERTIFICATE"):
			block, _ := pem.Decode([]byte(text))
			if block == nil {
				return nil, fmt.Errorf("%s: public_key #%d: unreadable PEM", provider, i+1)
			}
			cert, err := x509.ParseCertificate(block.Bytes)
			if err != nil {
				return nil, fmt.Errorf("%s: public_key #%d: unreadable certificate", provider, i+1)
			}
			pub, ok := cert.PublicKey.(*rsa.PublicKey)
			if !ok {
				return nil, fmt.Errorf("%s: public_key #%d is not an RSA certificate", provider, i+1)
			}
			set.keys = append(set.keys, setKey{pub: pub, cert: cert, index: i})
			continue
		}
		key, err := parsePublicKey(text)
		if err != nil {
			return nil, fmt.Errorf("%s: public_key #%d: %v", provider, i+1, err)
		}
		pub, ok := key.(*rsa.PublicKey)
		if !ok {
			return nil, fmt.Errorf("%s: public_key #%d is not an RSA key", provider, i+1)
		}
		set.keys = append(set.keys, setKey{pub: pub, index: i})
	}
	return set, nil
}

// keyRing is where a route's verifier gets keys: the keys the route pins
// (public_key), which replace fetching, or the shared cache.
type keyRing struct {
	pinned *keySet
	src    *keySource
	cache  *keyCache // nil: sharedKeys
}

// newKeyRing pins the route's public keys when it has any, and otherwise
// fetches from src.
func newKeyRing(src *keySource, s Settings, jwksOK bool) (*keyRing, error) {
	if len(s.Secrets) > 0 {
		return nil, fmt.Errorf("%s has no shared secret: it verifies with the provider's published keys (pin them with public_key for an offline site)", src.provider)
	}
	r := &keyRing{src: src}
	if len(s.PublicKeys) > 0 {
		set, err := pinnedKeys(src.provider, s.PublicKeys, jwksOK)
		if err != nil {
			return nil, err
		}
		r.pinned = set
	}
	return r, nil
}

// lookup returns the keys that may have made a signature with key ID kid
// (empty for certificate schemes), the certificate at rawURL being
// fetched when nothing is pinned. A pinned route ignores rawURL.
// ctx carries the delivery's client address (withKeyClient), whose budget
// a new URL spends.
func (r *keyRing) lookup(ctx context.Context, rawURL, kid string) ([]setKey, error) {
	if r.pinned != nil {
		keys := r.pinned.matching(kid)
		if len(keys) == 0 {
			return nil, reject(badSignature, "no pinned public_key has the key ID the signature names")
		}
		return keys, nil
	}
	cache := r.cache
	if cache == nil {
		cache = sharedKeys
	}
	set, err := cache.get(ctx, r.src, rawURL, kid)
	if err != nil {
		return nil, err
	}
	return set.matching(kid), nil
}

// verifyRSA checks sig over msg (PKCS #1 v1.5 with hash h) with each key
// valid at now, and returns the index of the first that verifies.
func verifyRSA(keys []setKey, h crypto.Hash, msg, sig []byte, now time.Time) (int, error) {
	hasher := h.New()
	hasher.Write(msg)
	digest := hasher.Sum(nil)
	valid := false
	for _, k := range keys {
		if !k.validAt(now) {
			continue
		}
		valid = true
		if rsa.VerifyPKCS1v15(k.pub, h, digest, sig) == nil {
			return k.index, nil
		}
	}
	if !valid {
		return 0, reject(badSignature, "the signing certificate is not valid at the delivery's time")
	}
	return 0, errBadSignature
}
