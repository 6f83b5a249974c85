package verifiers

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"
)

func init() {
	register(Preset{
		// Vonage signed webhooks: Authorization: Bearer <HS256 JWT (signature secret)>, payload_hash = hex SHA-256(body), iat (vonage.go).
		Name: "vonage", Tolerance: vonageTolerance, New: newVonage, Signer: signVonage,
		Doc: PresetDoc{
			Source:        "Vonage/vonage-python-sdk jwt/tests/test_verify_jwt.py",
			Signature:     "`Authorization: Bearer <JWT>` (HS256)",
			Algorithm:     "HMAC-SHA256 JWT, key = the account's signature secret; claim `payload_hash` = hex SHA-256 of the body (required when there is a body), `iat` required",
			Signed:        "the JWT (which covers the body through `payload_hash`)",
			ToleranceNote: "hookgate's choice for `iat`, and the leeway on `exp`/`nbf`; Vonage publishes no window",
			Identity:      "hash of the body",
			Vectors:       "sdk-test (Vonage/vonage-python-sdk jwt/tests/test_verify_jwt.py) and computed",
			Note:          "Vonage signs webhooks only where signed webhooks are on (Messages API and the applications set to sign): unsigned ones are refused. The secret is the signature secret from the dashboard, not the API secret, and its algorithm must be HMAC-SHA256 (Vonage also offers MD5 and SHA-1/512 signatures for the SMS API's query-string signing, which this preset does not read). Vonage's SDKs check only the HS256 signature; the gate also requires `payload_hash` to match the body and `iat` to be recent, as Vonage's signed-webhook docs describe.",
		},
	})
}

// vonage verifies Vonage signed webhooks (Messages, Voice and the other
// APIs that sign with the account's signature secret): Authorization:
// Bearer <JWT>, HS256 with the signature secret, whose payload_hash claim
// is the hex SHA-256 of the body (required when there is a body) and whose
// iat must be recent (developer.vonage.com, "Signed Webhooks"; the SDKs'
// verify_signature checks the HS256 signature). Vonage publishes no
// window: iat is accepted within the route's tolerance (5 minutes by
// default) either way, and exp and nbf, when present, with that leeway.
type vonage struct {
	keys      [][]byte
	tolerance time.Duration
}

// vonageTolerance is hookgate's default: Vonage publishes no window.
const vonageTolerance = 5 * time.Minute

func newVonage(s Settings) (Verifier, error) {
	return &vonage{keys: s.Secrets, tolerance: s.Tolerance}, nil
}

func (v *vonage) Verify(d *Delivery) (Verified, error) {
	token, err := jwtBearer(d)
	if err != nil {
		return Verified{}, err
	}
	claims, key, err := hs256JWT(token, v.keys)
	if err != nil {
		return Verified{}, err
	}
	if err := checkJWTTimes(claims, d.Now, v.tolerance, true); err != nil {
		return Verified{}, err
	}
	if len(d.Body) > 0 || claims.Get("payload_hash") != nil {
		if err := bodySHA256Claim(claims, "payload_hash", d.Body); err != nil {
			return Verified{}, err
		}
	}
	return bodySigned(d.Body, key), nil
}

// Interface guard
var _ Verifier = (*vonage)(nil)

// signVonage signs m as Vonage does.
func signVonage(s Settings, m *Message) error {
	sum := sha256.Sum256(m.Body)
	var jti [16]byte
	_, _ = rand.Read(jti[:])
	token, err := signHS256JWT(firstSecret(s), map[string]any{
		"iat": m.Now.Unix(), "jti": hex.EncodeToString(jti[:]), "iss": "Vonage",
		"payload_hash": hex.EncodeToString(sum[:]),
	})
	if err != nil {
		return fmt.Errorf("vonage: %v", err)
	}
	m.Header.Set("Authorization", "Bearer "+token)
	return nil
}
