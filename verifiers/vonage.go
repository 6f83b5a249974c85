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
			ToleranceNote: "the age allowed to `iat`: covers Vonage's retries of Messages and Dispatch callbacks for 24 hours (api.support.vonage.com article 360028543292), which may carry the token first issued; `exp`/`nbf` get 5 min of leeway (or `tolerance`, if smaller)",
			Identity:      "hash of the body; with no body, of the token's signed part (header and claims)",
			Vectors:       "sdk-test (Vonage/vonage-python-sdk jwt/tests/test_verify_jwt.py) and computed",
			Note:          "Vonage signs webhooks only where signed webhooks are on (Messages API and the applications set to sign): unsigned ones are refused. The secret is the signature secret from the dashboard, not the API secret, and its algorithm must be HMAC-SHA256 (Vonage also offers MD5 and SHA-1/512 signatures for the SMS API's query-string signing, which this preset does not read). Vonage's SDKs check only the HS256 signature; the gate also requires `payload_hash` to match the body and `iat` to be no older than the tolerance (25 h: Vonage retries for 24 h and may resend the token it first issued); turn on `replay` so that a captured delivery cannot be sent again within it.",
		},
	})
}

// vonage verifies Vonage signed webhooks (Messages, Voice and the other
// APIs that sign with the account's signature secret): Authorization:
// Bearer <JWT>, HS256 with the signature secret, whose payload_hash claim
// is the hex SHA-256 of the body (required when there is a body) and whose
// iat must be no older than the route's tolerance (developer.vonage.com,
// "Signed Webhooks"; the SDKs' verify_signature checks the HS256 signature
// and no age). Vonage retries Messages and Dispatch callbacks for 24 hours
// (api.support.vonage.com, article 360028543292) without saying whether a
// retry is signed afresh, so the default lets iat be 25 hours old: the
// body is bound by payload_hash, and replay (keyed on the body's hash)
// refuses a captured delivery sent again. exp and nbf, when present, get
// jwtLeeway (or the tolerance, if smaller).
type vonage struct {
	keys      [][]byte
	tolerance time.Duration
}

// vonageTolerance is the default age allowed to iat: Vonage's 24 hours of
// retries and an hour of margin.
const vonageTolerance = 25 * time.Hour

// jwtLeeway is the clock leeway on exp and nbf (and on an iat in the future)
// for presets whose tolerance is an age that covers retries.
const jwtLeeway = 5 * time.Minute

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
	if err := checkJWTTimesAged(claims, d.Now, min(jwtLeeway, v.tolerance), v.tolerance, true); err != nil {
		return Verified{}, err
	}
	if len(d.Body) > 0 || claims.Get("payload_hash") != nil {
		if err := bodySHA256Claim(claims, "payload_hash", d.Body); err != nil {
			return Verified{}, err
		}
	}
	if len(d.Body) == 0 {
		// Nothing but the token is signed: its claims are the delivery.
		return jwtSigned(token, key), nil
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
