package verifiers

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"math/big"
	"strings"
)

// signatureAlgorithm is an asymmetric signature scheme: the provider signs
// with its private key, the gate verifies with the public key from config.
type signatureAlgorithm int

// The asymmetric schemes providers use.
const (
	// sigEd25519 is pure Ed25519 (RFC 8032), as Discord and Standard Webhooks' v1a sign.
	sigEd25519 signatureAlgorithm = iota
	// sigECDSAP256 is ECDSA on P-256 over SHA-256; the signature may be ASN.1
	// DER (SendGrid) or the raw 64-byte r||s form.
	sigECDSAP256
)

func (a signatureAlgorithm) String() string {
	switch a {
	case sigEd25519:
		return "ed25519"
	case sigECDSAP256:
		return "ecdsa-p256-sha256"
	}
	return fmt.Sprintf("SignatureAlgorithm(%d)", int(a))
}

// PublicKeys verifies signatures of one algorithm with any of several
// public keys (rotation: any configured key is accepted).
type publicKeys struct {
	Algorithm signatureAlgorithm
	keys      []crypto.PublicKey
}

// newPublicKeys parses every configured key (see parsePublicKey) and checks
// that it fits alg. At least one key is required.
func newPublicKeys(alg signatureAlgorithm, texts []string) (*publicKeys, error) {
	if len(texts) == 0 {
		return nil, fmt.Errorf("no public key configured")
	}
	p := &publicKeys{Algorithm: alg}
	for i, text := range texts {
		key, err := parsePublicKey(text)
		if err != nil {
			return nil, fmt.Errorf("public_key #%d: %v", i+1, err)
		}
		if !keyFits(alg, key) {
			return nil, fmt.Errorf("public_key #%d is not a %s key", i+1, alg)
		}
		p.keys = append(p.keys, key)
	}
	return p, nil
}

// keyFits reports whether key can verify alg signatures.
func keyFits(alg signatureAlgorithm, key crypto.PublicKey) bool {
	switch k := key.(type) {
	case ed25519.PublicKey:
		return alg == sigEd25519
	case *ecdsa.PublicKey:
		return alg == sigECDSAP256 && k.Curve == elliptic.P256()
	}
	return false
}

// Verify reports whether sig is a signature of msg by any of the keys.
// Public keys are not secret, so no constant-time loop is needed; every
// key is still tried so the result does not depend on key order.
func (p *publicKeys) Verify(msg, sig []byte) bool {
	_, ok := p.Match(msg, sig)
	return ok
}

// Match is Verify that also says which key (the first, in the order
// configured) made the signature.
func (p *publicKeys) Match(msg, sig []byte) (int, bool) {
	ok, index := false, 0
	for i, key := range p.keys {
		if verifyWith(p.Algorithm, key, msg, sig) && !ok {
			ok, index = true, i
		}
	}
	return index, ok
}

func verifyWith(alg signatureAlgorithm, key crypto.PublicKey, msg, sig []byte) bool {
	switch alg {
	case sigEd25519:
		k := key.(ed25519.PublicKey)
		return len(sig) == ed25519.SignatureSize && ed25519.Verify(k, msg, sig)
	case sigECDSAP256:
		k := key.(*ecdsa.PublicKey)
		digest := sha256.Sum256(msg)
		if ecdsa.VerifyASN1(k, digest[:], sig) {
			return true
		}
		if len(sig) != 64 {
			return false
		}
		r, s := new(big.Int).SetBytes(sig[:32]), new(big.Int).SetBytes(sig[32:])
		return ecdsa.Verify(k, digest[:], r, s)
	}
	return false
}

// parsePublicKey reads a public key in the forms providers publish it:
// PEM (PUBLIC KEY or CERTIFICATE); a raw 32-byte Ed25519 key or a 65-byte
// uncompressed P-256 point, in hex or base64 (Discord's hex application
// key); or DER SubjectPublicKeyInfo in hex or base64 (SendGrid's
// verification key). Errors never echo the key.
func parsePublicKey(text string) (crypto.PublicKey, error) {
	text = strings.TrimSpace(text)
	if strings.HasPrefix(text, "-----BEGIN") {
		block, _ := pem.Decode([]byte(text))
		if block == nil {
			return nil, fmt.Errorf("unreadable PEM")
		}
		switch block.Type {
		case "CERTIFICATE":
			cert, err := x509.ParseCertificate(block.Bytes)
			if err != nil {
				return nil, fmt.Errorf("unreadable certificate")
			}
			return cert.PublicKey, nil
		default:
			return parsePublicDER(block.Bytes)
		}
	}
	for _, raw := range keyBytesCandidates(text) {
		switch {
		case len(raw) == ed25519.PublicKeySize:
			return ed25519.PublicKey(raw), nil
		case len(raw) == 65 && raw[0] == 4:
			if k, err := ecdsa.ParseUncompressedPublicKey(elliptic.P256(), raw); err == nil {
				return k, nil
			}
		}
		if k, err := parsePublicDER(raw); err == nil {
			return k, nil
		}
	}
	return nil, fmt.Errorf("not a public key in PEM, hex or base64 form")
}

// parsePublicDER reads DER SubjectPublicKeyInfo.
func parsePublicDER(der []byte) (crypto.PublicKey, error) {
	k, err := x509.ParsePKIXPublicKey(der)
	if err != nil {
		return nil, fmt.Errorf("unreadable DER public key")
	}
	return k, nil
}

// keyBytesCandidates decodes text as hex, then as base64 (standard or URL
// alphabet, padded or not): a hex string is also valid base64, so both
// readings are offered, hex first.
func keyBytesCandidates(text string) [][]byte {
	var out [][]byte
	if b, err := hex.DecodeString(text); err == nil {
		out = append(out, b)
	}
	trimmed := strings.TrimRight(text, "=")
	for _, enc := range []*base64.Encoding{base64.RawStdEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(trimmed); err == nil {
			out = append(out, b)
			break
		}
	}
	return out
}

// parsePrivateKey reads the private key a signer signs with: PEM (PRIVATE
// KEY, EC PRIVATE KEY); a 32-byte Ed25519 seed or 64-byte Ed25519 private
// key in hex or base64; or PKCS#8 / SEC 1 DER in hex or base64.
func parsePrivateKey(text string) (crypto.Signer, error) {
	text = strings.TrimSpace(text)
	if strings.HasPrefix(text, "-----BEGIN") {
		block, _ := pem.Decode([]byte(text))
		if block == nil {
			return nil, fmt.Errorf("unreadable PEM")
		}
		return parsePrivateDER(block.Bytes)
	}
	for _, raw := range keyBytesCandidates(text) {
		switch len(raw) {
		case ed25519.SeedSize:
			return ed25519.NewKeyFromSeed(raw), nil
		case ed25519.PrivateKeySize:
			k := ed25519.PrivateKey(raw)
			if pub, ok := ed25519.NewKeyFromSeed(k.Seed()).Public().(ed25519.PublicKey); ok && pub.Equal(k.Public()) {
				return k, nil
			}
		}
		if k, err := parsePrivateDER(raw); err == nil {
			return k, nil
		}
	}
	return nil, fmt.Errorf("not a private key in PEM, hex or base64 form")
}

func parsePrivateDER(der []byte) (crypto.Signer, error) {
	if k, err := x509.ParsePKCS8PrivateKey(der); err == nil {
		if s, ok := k.(crypto.Signer); ok {
			return s, nil
		}
	}
	if k, err := x509.ParseECPrivateKey(der); err == nil {
		return k, nil
	}
	return nil, fmt.Errorf("unreadable DER private key")
}

// signAsymmetric signs msg with key as alg does. ECDSA signatures are
// ASN.1 DER; rawECDSA asks for the 64-byte r||s form instead.
func signAsymmetric(alg signatureAlgorithm, key crypto.Signer, msg []byte, rawECDSA bool) ([]byte, error) {
	switch alg {
	case sigEd25519:
		k, ok := key.(ed25519.PrivateKey)
		if !ok {
			return nil, fmt.Errorf("not an ed25519 private key")
		}
		return ed25519.Sign(k, msg), nil
	case sigECDSAP256:
		k, ok := key.(*ecdsa.PrivateKey)
		if !ok || k.Curve != elliptic.P256() {
			return nil, fmt.Errorf("not a P-256 private key")
		}
		digest := sha256.Sum256(msg)
		if !rawECDSA {
			return ecdsa.SignASN1(rand.Reader, k, digest[:])
		}
		r, s, err := ecdsa.Sign(rand.Reader, k, digest[:])
		if err != nil {
			return nil, err
		}
		out := make([]byte, 64)
		r.FillBytes(out[:32])
		s.FillBytes(out[32:])
		return out, nil
	}
	return nil, fmt.Errorf("unknown signature algorithm %d", int(alg))
}

// signerKey reads the private key an asymmetric preset's signer uses: the
// first secret.
func signerKey(provider string, s Settings) (crypto.Signer, error) {
	if len(s.Secrets) == 0 {
		return nil, fmt.Errorf("%s signs with a private key given as the first secret", provider)
	}
	key, err := parsePrivateKey(string(s.Secrets[0]))
	if err != nil {
		return nil, fmt.Errorf("%s: secret #1: %v", provider, err)
	}
	return key, nil
}
