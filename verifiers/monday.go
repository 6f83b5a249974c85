package verifiers

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

func init() {
	register(Preset{
		// monday.com app webhooks: Authorization = HS256 JWT (app Signing Secret), aud = endpoint URL, exp; challenge answered (monday.go).
		Name: "monday", SignsURL: true, Tolerance: mondayTolerance, New: newMonday, Signer: signMonday,
		Doc: PresetDoc{
			Source:        "developer.monday.com/apps/docs/authorization-header, /integration-authorization",
			Signature:     "`Authorization: <JWT>` (HS256; a `Bearer ` prefix is tolerated)",
			Algorithm:     "HMAC-SHA256 JWT, key = the app's Signing Secret; `aud`, unless empty or absent (integration recipes send `\"aud\": \"\"`), must be the endpoint's public URL; `exp` must not have passed",
			Signed:        "the JWT only: the body is not covered",
			ToleranceNote: "hookgate's leeway on `exp` and `iat`; monday.com retries every minute for 30 minutes (developer.monday.com changelog, 2021-02-08) without saying whether a retry carries a fresh token, but a token past its `exp` (5 min in monday.com's example) fails monday.com's own verification too",
			Handshake:     "a verified `{\"challenge\": \"...\"}` body is answered 200 with the same JSON",
			Identity:      "hash of the token's signed part (header and claims): the body is not signed",
			Vectors:       "computed (testdata/vectors/presets-b.jsonl)",
			Note:          "monday.com's token does not cover the body: it proves the sender held a token for this URL that has not expired (5 minutes in monday.com's example), not what the body says; a captured token can carry another body until then. The `aud` check needs the public URL as monday.com addressed it (set the route's `url` behind a proxy). Integration recipes' tokens carry an empty `aud` (developer.monday.com, \"Authorization for integration recipes\"), which pins no endpoint: such a token is good on any route of the same app until its `exp`. Board webhooks created through the API without an app are not signed and are refused, their challenge included. App lifecycle webhooks are signed with the Client Secret instead: configure that as the secret on their route.",
		},
	})
}

// monday verifies monday.com app webhooks (integration recipes, board
// webhooks of an app): Authorization holds a JWT, HS256 with the app's
// Signing Secret, whose aud is the endpoint's URL and whose exp must not
// have passed (developer.monday.com, "Authorization header"). Integration
// recipes' tokens carry "aud": "" (developer.monday.com/apps/docs/
// integration-authorization shows one): an empty or absent aud is
// accepted, any other aud must be this endpoint's public URL. The token
// does not cover the body: whoever holds a token until its exp can send
// any body with it. A verified challenge (a JSON body {"challenge": ...}
// and nothing else) is answered by the gate with the same JSON.
type monday struct {
	keys      [][]byte
	tolerance time.Duration
}

// mondayTolerance is the leeway on exp and iat: hookgate's choice.
const mondayTolerance = 5 * time.Minute

func newMonday(s Settings) (Verifier, error) {
	return &monday{keys: s.Secrets, tolerance: s.Tolerance}, nil
}

func (v *monday) Verify(d *Delivery) (Verified, error) {
	token, err := headerValue(d.Request.Header, "Authorization")
	if err != nil {
		return Verified{}, err
	}
	if t, err := jwtBearer(d); err == nil {
		token = t // tolerate a Bearer prefix; monday.com sends the bare token
	}
	claims, key, err := hs256JWT(token, v.keys)
	if err != nil {
		return Verified{}, err
	}
	if exp, err := jwtTime(claims, "exp"); err != nil {
		return Verified{}, err
	} else if exp == nil {
		return Verified{}, reject(missingSignature, "token claim exp is missing")
	}
	if err := checkJWTTimes(claims, d.Now, v.tolerance, false); err != nil {
		return Verified{}, err
	}
	// An aud names the endpoint the token was made for and must be this
	// one; monday.com's integration recipes send "aud": "" (see the type
	// comment), which names none, like an absent aud.
	switch aud := claims.Get("aud"); {
	case aud == nil:
	case aud.Kind != jsonString:
		return Verified{}, reject(malformedSignature, "token claim aud is not a string")
	case aud.Text == "":
	case d.PublicURL == "" || aud.Text != d.PublicURL:
		return Verified{}, reject(badSignature, "the token's aud is not this endpoint's URL")
	}
	// The identity is the token: the body is not signed (only signed data
	// may enter an identity), and one captured token is one delivery,
	// whatever body it is sent with again.
	return jwtSigned(token, key), nil
}

// mondayChallenge returns the challenge of a body that is exactly
// {"challenge": "<string>"}, or "".
func mondayChallenge(body []byte) string {
	doc, err := parseJSON(body)
	if err != nil || doc.Kind != jsonObject || len(doc.Members) != 1 {
		return ""
	}
	c := doc.Get("challenge")
	if c == nil || c.Kind != jsonString || c.Text == "" || len(c.Text) > 512 {
		return ""
	}
	return c.Text
}

// Handshake answers a verified challenge with the same JSON.
func (v *monday) Handshake(d *Delivery) *Answer {
	if _, err := v.Verify(d); err != nil {
		return nil
	}
	c := mondayChallenge(d.Body)
	if c == "" {
		return nil
	}
	body, _ := json.Marshal(map[string]string{"challenge": c})
	return &Answer{Status: http.StatusOK, ContentType: "application/json", Body: body}
}

// Interface guards
var (
	_ Verifier   = (*monday)(nil)
	_ Handshaker = (*monday)(nil)
)

// signMonday signs m as monday.com does, for m.URL.
func signMonday(s Settings, m *Message) error {
	if m.URL == "" {
		return fmt.Errorf("monday: the token's aud is the endpoint URL: give the URL")
	}
	token, err := signHS256JWT(firstSecret(s), map[string]any{
		"accountId": 1, "userId": 1, "aud": m.URL, "iat": m.Now.Unix(), "exp": m.Now.Add(5 * time.Minute).Unix(),
	})
	if err != nil {
		return fmt.Errorf("monday: %v", err)
	}
	m.Header.Set("Authorization", token)
	return nil
}
