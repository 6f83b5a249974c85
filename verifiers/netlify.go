package verifiers

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
)

func init() {
	register(Preset{
		// Netlify: X-Webhook-Signature = HS256 JWS {"iss":"netlify","sha256":<hex SHA-256(body)>} (netlify.go).
		Name: "netlify", New: newNetlify, Signer: signNetlify,
		Doc: PresetDoc{
			Source:    "docs.netlify.com/site-deploys/deploy-notifications/#payload-signature",
			Signature: "`X-Webhook-Signature: <JWS>` (compact, HS256)",
			Algorithm: "HMAC-SHA256 JWS, key = the notification's JWS secret token; claims `iss` = `netlify` and `sha256` = hex SHA-256 of the body, both required",
			Signed:    "the JWS (which covers the body through `sha256`)",
			Identity:  "hash of the body",
			Vectors:   "computed (testdata/vectors/presets-b.jsonl)",
			Note:      "The token carries no time: a captured notification verifies again until it is past the replay guard's window; turn replay protection on. Only HS256 is accepted (never `none`).",
		},
	})
}

// netlify verifies Netlify deploy notifications and other outgoing
// webhooks with a JWS secret token: X-Webhook-Signature is an HS256 JWS
// whose claims are {"iss": "netlify", "sha256": <hex SHA-256 of the
// body>}, signed with the token (docs.netlify.com, "Payload signature").
// Both claims are required; the token carries no time, so a captured
// delivery replays until the replay guard's window has passed.
type netlify struct {
	keys [][]byte
}

const netlifyHeader = "X-Webhook-Signature"

func newNetlify(s Settings) (Verifier, error) {
	return &netlify{keys: s.Secrets}, nil
}

// bodySHA256Claim checks that claim name is the hex SHA-256 of body.
func bodySHA256Claim(claims *jsonValue, name string, body []byte) error {
	want, ok := jwtClaimString(claims, name)
	if !ok {
		return reject(missingSignature, "token claim %s is missing", name)
	}
	got, err := hex.DecodeString(want)
	if err != nil || len(got) != sha256.Size {
		return reject(malformedSignature, "token claim %s is not a hex SHA-256", name)
	}
	sum := sha256.Sum256(body)
	if subtle.ConstantTimeCompare(sum[:], got) != 1 {
		return reject(badSignature, "the body does not match the token's %s claim", name)
	}
	return nil
}

func (v *netlify) Verify(d *Delivery) (Verified, error) {
	token, err := headerValue(d.Request.Header, netlifyHeader)
	if err != nil {
		return Verified{}, err
	}
	claims, key, err := hs256JWT(token, v.keys)
	if err != nil {
		return Verified{}, err
	}
	if iss, _ := jwtClaimString(claims, "iss"); iss != "netlify" {
		return Verified{}, reject(badSignature, "the token's iss is not netlify")
	}
	if err := bodySHA256Claim(claims, "sha256", d.Body); err != nil {
		return Verified{}, err
	}
	return bodySigned(d.Body, key), nil
}

// Interface guard
var _ Verifier = (*netlify)(nil)

// signNetlify signs m as Netlify does.
func signNetlify(s Settings, m *Message) error {
	sum := sha256.Sum256(m.Body)
	token, err := signHS256JWT(firstSecret(s), map[string]any{"iss": "netlify", "sha256": hex.EncodeToString(sum[:])})
	if err != nil {
		return fmt.Errorf("netlify: %v", err)
	}
	m.Header.Set(netlifyHeader, token)
	return nil
}
