package verifiers

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
)

func init() {
	register(Preset{
		// FusionAuth: X-FusionAuth-Signature-JWT, a JWT whose request_body_sha256 claim is the base64
		// SHA-256 of the body; signed with an HMAC key (HS256) of Key Master.
		Name: "fusionauth", New: newFusionAuth, Signer: signFusionAuth,
		Doc: PresetDoc{
			Signature: "`X-FusionAuth-Signature-JWT: <JWT>` with claim `request_body_sha256`",
			Algorithm: "JWT HS256, key = the Key Master HMAC key's secret (as its characters); EdDSA, EC and RSA keys are not supported",
			Signed:    "the JWT (header and claims); its `request_body_sha256` must be the base64 SHA-256 of the body",
			Identity:  "hash of the body",
			Vectors:   "computed (FusionAuth/fusionauth-site docs/extend/events-and-webhooks/signing.mdx)",
			Source:    "fusionauth.io/docs/extend/events-and-webhooks/signing",
			Note: "Sign the webhook with an HMAC key using HS256. FusionAuth's JWT carries no time claims, so the " +
				"signature has no freshness: configure replay protection on the route.",
		},
		Sample: []byte(`{"event":{"id":"e502168a-b469-45d9-a079-fd45f83e0406","createInstant":1700000000000,"type":"user.create","user":{"id":"00000000-0000-0001-0000-000000000000","email":"test@example.com"}}}`),
	})
}

const fusionAuthHeader = "X-FusionAuth-Signature-JWT"

// fusionAuth verifies the JWT and the body hash it carries.
type fusionAuth struct {
	keys [][]byte
}

func newFusionAuth(s Settings) (Verifier, error) {
	if len(s.Secrets) == 0 {
		return nil, fmt.Errorf("no secret configured")
	}
	return &fusionAuth{keys: s.Secrets}, nil
}

// fusionAuthDigest is the claim's expected value: standard base64 of the
// body's SHA-256.
func fusionAuthDigest(body []byte) string {
	sum := sha256.Sum256(body)
	return base64.StdEncoding.EncodeToString(sum[:])
}

func (v *fusionAuth) Verify(d *Delivery) (Verified, error) {
	token, err := headerValue(d.Request.Header, fusionAuthHeader)
	if err != nil {
		return Verified{}, err
	}
	claims, key, err := hs256JWT(token, v.keys)
	if err != nil {
		return Verified{}, err
	}
	got, ok := jwtClaimString(claims, "request_body_sha256")
	if !ok {
		return Verified{}, reject(malformedSignature, "the token has no request_body_sha256 claim")
	}
	if subtle.ConstantTimeCompare([]byte(got), []byte(fusionAuthDigest(d.Body))) != 1 {
		return Verified{}, reject(badSignature, "the body does not match the token's request_body_sha256")
	}
	return bodySigned(d.Body, key), nil
}

func signFusionAuth(s Settings, m *Message) error {
	token, err := signHS256JWT(firstSecret(s), map[string]any{"request_body_sha256": fusionAuthDigest(m.Body)})
	if err != nil {
		return err
	}
	m.Header.Set(fusionAuthHeader, token)
	return nil
}

// Interface guard
var _ Verifier = (*fusionAuth)(nil)
