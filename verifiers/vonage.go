package verifiers

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"
)

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
