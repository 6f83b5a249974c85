package verifiers

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/sha256"
	"crypto/x509"
	"encoding/asn1"
	"encoding/base64"
	"encoding/pem"
	"fmt"
	"math/big"
	"strings"
	"time"

	"github.com/hookgate/hookgate/verifiers/internal/testroots"
)

// The App Store's signed-data format, as apple_app_store.go verifies it:
// a compact JWS (ES256) whose x5c header carries the signing chain, which
// must lead to Apple Root CA - G3 with Apple's marker extensions. The
// notification itself (body, options, signer) is in apple_app_store.go.

// appleRootCAG3PEM is Apple Root CA - G3, the root App Store signing
// chains end in, published by Apple at
// https://www.apple.com/certificateauthority/AppleRootCA-G3.cer (Apple PKI,
// https://www.apple.com/certificateauthority/). This copy is the one in
// Apple's own library tests (apple/app-store-server-library-python,
// tests/test_x509_verifiction.py, REAL_APPLE_ROOT_BASE64_ENCODED).
// SHA-256 fingerprint of the DER:
// 63:34:3A:BF:B8:9A:6A:03:EB:B5:7E:9B:3F:5F:A7:BE:7C:4F:5C:75:6F:30:17:B3:A8:C4:88:C3:65:3E:91:79
// (checked by TestAppleRootFingerprint).
const appleRootCAG3PEM = `-----BEGIN CERTIFICATE-----
MIICQzCCAcmgAwIBAgIILcX8iNLFS5UwCgYIKoZIzj0EAwMwZzEbMBkGA1UEAwwS
QXBwbGUgUm9vdCBDQSAtIEczMSYwJAYDVQQLDB1BcHBsZSBDZXJ0aWZpY2F0aW9u
IEF1dGhvcml0eTETMBEGA1UECgwKQXBwbGUgSW5jLjELMAkGA1UEBhMCVVMwHhcN
MTQwNDMwMTgxOTA2WhcNMzkwNDMwMTgxOTA2WjBnMRswGQYDVQQDDBJBcHBsZSBS
b290IENBIC0gRzMxJjAkBgNVBAsMHUFwcGxlIENlcnRpZmljYXRpb24gQXV0aG9y
aXR5MRMwEQYDVQQKDApBcHBsZSBJbmMuMQswCQYDVQQGEwJVUzB2MBAGByqGSM49
AgEGBSuBBAAiA2IABJjpLz1AcqTtkyJygRMc3RCV8cWjTnHcFBbZDuWmBSp3ZHtf
TjjTuxxEtX/1H7YyYl3J6YRbTzBPEVoA/VhYDKX1DyxNB0cTddqXl5dvMVztK517
IDvYuVTZXpmkOlEKMaNCMEAwHQYDVR0OBBYEFLuw3qFYM4iapIqZ3r6966/ayySr
MA8GA1UdEwEB/wQFMAMBAf8wDgYDVR0PAQH/BAQDAgEGMAoGCCqGSM49BAMDA2gA
MGUCMQCD6cHEFl4aXTQY2e3v9GwOAEZLuN+yRhHFD/3meoyhpmvOwgPUnPWTxnS4
at+qIxUCMG1mihDK1A3UT82NQz60imOlM27jbdoXt2QfyFMm+YhidDkLF1vLUagM
6BgD56KyKA==
-----END CERTIFICATE-----`

// The marker extensions Apple's library requires on the signing chain.
var (
	appStoreLeafOID         = asn1.ObjectIdentifier{1, 2, 840, 113635, 100, 6, 11, 1}
	appStoreIntermediateOID = asn1.ObjectIdentifier{1, 2, 840, 113635, 100, 6, 2, 1}
)

// appleRoots is Apple Root CA - G3 and, in tests only, the roots tests
// trust (testroots).
func appleRoots() (*x509.CertPool, error) {
	block, _ := pem.Decode([]byte(appleRootCAG3PEM))
	if block == nil {
		return nil, fmt.Errorf("apple_app_store: the embedded Apple root is not PEM")
	}
	root, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("apple_app_store: the embedded Apple root: %v", err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(root)
	for _, c := range testroots.Apple() {
		pool.AddCert(c)
	}
	return pool, nil
}

// splitJWS splits a compact JWS into its decoded header and payload, the
// signing input (the first two parts as sent) and the decoded signature.
// Every part must be unpadded base64url (RFC 7515) and the header and
// payload JSON objects, read strictly.
func splitJWS(jws string) (header, payload *jsonValue, signingInput, sig []byte, err error) {
	parts := strings.Split(jws, ".")
	if len(parts) != 3 {
		return nil, nil, nil, nil, reject(malformedSignature, "signedPayload is not a compact JWS")
	}
	var raw [3][]byte
	for i, p := range parts {
		if raw[i], err = base64.RawURLEncoding.Strict().DecodeString(p); err != nil || len(raw[i]) == 0 {
			return nil, nil, nil, nil, reject(malformedSignature, "signedPayload part %d is not base64url", i+1)
		}
	}
	if header, err = parseJSONObject(raw[0], "JWS header"); err != nil {
		return nil, nil, nil, nil, err
	}
	if payload, err = parseJSONObject(raw[1], "signed payload"); err != nil {
		return nil, nil, nil, nil, err
	}
	return header, payload, []byte(parts[0] + "." + parts[1]), raw[2], nil
}

// parseJSONObject reads b strictly as a JSON object; what names it in errors.
func parseJSONObject(b []byte, what string) (*jsonValue, error) {
	v, err := parseJSON(b)
	if err != nil {
		if rej, ok := err.(*Rejection); ok {
			return nil, reject(rej.Reason, "%s: %s", what, rej.Detail)
		}
		return nil, err
	}
	if v.Kind != jsonObject {
		return nil, reject(malformedSignature, "%s is not a JSON object", what)
	}
	return v, nil
}

// appStoreHeader checks the JWS header (alg ES256, nothing critical) and
// returns its x5c chain, which must hold exactly three certificates.
func appStoreHeader(h *jsonValue) ([]string, error) {
	if alg := h.Get("alg"); alg == nil || alg.Kind != jsonString || alg.Text != "ES256" {
		return nil, reject(malformedSignature, "JWS alg is not ES256")
	}
	if h.Get("crit") != nil {
		return nil, reject(malformedSignature, "JWS header has critical extensions")
	}
	x5c := h.Get("x5c")
	if x5c == nil || x5c.Kind != jsonArray || len(x5c.Elems) == 0 {
		return nil, reject(missingSignature, "JWS header has no x5c chain")
	}
	if len(x5c.Elems) != 3 {
		return nil, reject(malformedSignature, "JWS x5c chain has %d certificates, want 3", len(x5c.Elems))
	}
	out := make([]string, len(x5c.Elems))
	for i, e := range x5c.Elems {
		if e.Kind != jsonString {
			return nil, reject(malformedSignature, "JWS x5c entry %d is not a string", i+1)
		}
		out[i] = e.Text
	}
	return out, nil
}

// appStoreSignedDate reads the payload's signedDate (milliseconds), the
// time the chain must be valid at.
func appStoreSignedDate(p *jsonValue) (time.Time, bool, error) {
	f := p.Get("signedDate")
	if f == nil {
		return time.Time{}, false, nil
	}
	if f.Kind != jsonNumber {
		return time.Time{}, false, reject(malformedSignature, "signedDate is not a number")
	}
	ms, err := f.Scalar()
	if err != nil {
		return time.Time{}, false, err
	}
	t, err := parseTimestamp(ms, unixMillis)
	if err != nil {
		return time.Time{}, false, err
	}
	return t, true, nil
}

// verifyChain checks x5c's leaf and intermediate against the roots at
// time at, with Apple's marker extensions, and returns the leaf's P-256 key.
func (v *appStore) verifyChain(x5c []string, at time.Time) (*ecdsa.PublicKey, error) {
	ck := appStoreChainKey(x5c[0], x5c[1])
	if key, ok := v.chains.get(ck, at); ok {
		return key, nil
	}
	var certs [2]*x509.Certificate
	for i := range certs {
		der, err := base64.StdEncoding.Strict().DecodeString(x5c[i])
		if err != nil {
			return nil, reject(malformedSignature, "JWS x5c entry %d is not base64", i+1)
		}
		if certs[i], err = x509.ParseCertificate(der); err != nil {
			return nil, reject(malformedSignature, "JWS x5c entry %d is not a certificate", i+1)
		}
	}
	intermediates := x509.NewCertPool()
	intermediates.AddCert(certs[1])
	chains, err := certs[0].Verify(x509.VerifyOptions{
		Roots:         v.roots,
		Intermediates: intermediates,
		CurrentTime:   at,
		KeyUsages:     []x509.ExtKeyUsage{x509.ExtKeyUsageAny},
	})
	if err != nil {
		return nil, reject(badSignature, "the x5c chain does not lead to Apple's root at the signed date")
	}
	for _, chain := range chains {
		if len(chain) == 3 && chain[1].Equal(certs[1]) &&
			hasExtension(chain[0], appStoreLeafOID) && hasExtension(chain[1], appStoreIntermediateOID) {
			key, ok := chain[0].PublicKey.(*ecdsa.PublicKey)
			if !ok || key.Curve != elliptic.P256() {
				return nil, reject(badSignature, "the x5c leaf has no P-256 key")
			}
			v.chains.put(ck, chain, key)
			return key, nil
		}
	}
	return nil, reject(badSignature, "the x5c chain lacks Apple's App Store certificate markers")
}

// hasExtension reports whether c carries the extension id.
func hasExtension(c *x509.Certificate, id asn1.ObjectIdentifier) bool {
	for _, e := range c.Extensions {
		if e.Id.Equal(id) {
			return true
		}
	}
	return false
}

// verifyES256 checks a JWS ES256 signature: the 64-byte r||s form only.
func verifyES256(key *ecdsa.PublicKey, signingInput, sig []byte) bool {
	if len(sig) != 64 {
		return false
	}
	digest := sha256.Sum256(signingInput)
	r, s := new(big.Int).SetBytes(sig[:32]), new(big.Int).SetBytes(sig[32:])
	return ecdsa.Verify(key, digest[:], r, s)
}
