package verifiers

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
)

func init() {
	register(Preset{
		// LinkedIn: X-LI-Signature = hex HMAC-SHA256(client secret, "hmacsha256=" + body); the
		// GET ?challengeCode= validation (every 2 hours) is answered with the challenge's HMAC.
		Name: "linkedin", New: newLinkedIn, Signer: linkedInScheme.Sign,
		Doc: PresetDoc{
			Signature: "`X-LI-Signature: <hex>`",
			Algorithm: "HMAC-SHA256, key = the application's client secret",
			Signed:    "`hmacsha256=` followed by the body",
			Handshake: "unsigned `GET ?challengeCode=<uuid>[&applicationId=<id>]`: JSON `{challengeCode, challengeResponse}`, the response = hex HMAC-SHA256(first secret, challengeCode)",
			Identity:  "hash of the body",
			Vectors:   "computed (learn.microsoft.com/linkedin/shared/api-guide/webhook-validation)",
			Source:    "learn.microsoft.com/linkedin/shared/api-guide/webhook-validation",
			Note: "LinkedIn repeats the challenge every 2 hours and blocks the URL after 3 failures, so the route must answer " +
				"GET. The challenge is answered with the first configured secret: during a client secret rotation, list the " +
				"new secret first. With parent-child applications (`applicationId`), configure one route per application.",
		},
		Sample: []byte(`{"type":"ORGANIZATION_SOCIAL_ACTION_NOTIFICATIONS","notifications":[{"action":"COMMENT","organizationalEntity":"urn:li:organization:1","notificationId":123}]}`),
	})
}

// linkedInScheme is LinkedIn's notification signature: the literal
// "hmacsha256=" is part of the signed string, not of the header.
var linkedInScheme = hmacScheme{Signature: signatureFormat{Header: "X-LI-Signature", Encoding: encHex},
	Template: template{lit("hmacsha256="), bodyPart}, Algorithm: algSHA256}

// linkedIn verifies notifications with linkedInScheme and accepts exactly
// LinkedIn's validation GET, which Handshake answers.
type linkedIn struct {
	body Verifier
	key  []byte // the first secret: the one the challenge is answered with
}

// linkedInMaxParam bounds the challenge code and application ID.
const linkedInMaxParam = 128

func newLinkedIn(s Settings) (Verifier, error) {
	b, err := linkedInScheme.New(s)
	if err != nil {
		return nil, err
	}
	return &linkedIn{body: b, key: append([]byte(nil), firstSecret(s)...)}, nil
}

// linkedInChallenge returns the challengeCode of a validation GET, or ""
// when d is not exactly one (GET, no body, challengeCode and at most an
// applicationId, each once and made of letters, digits and '-'). The
// answer is an HMAC of the code under the client secret, which anyone may
// ask for; the character set keeps it from ever being a notification's
// signature, whose signed string starts with "hmacsha256=".
func linkedInChallenge(d *Delivery) string {
	r := d.Request
	if r.Method != http.MethodGet || len(d.Body) != 0 {
		return ""
	}
	q := r.URL.Query()
	codes := q["challengeCode"]
	if len(codes) != 1 || len(q) > 2 || len(q) == 2 && len(q["applicationId"]) != 1 {
		return ""
	}
	for _, vs := range q {
		if !linkedInSafe(vs[0]) {
			return ""
		}
	}
	return codes[0]
}

func linkedInSafe(v string) bool {
	if v == "" || len(v) > linkedInMaxParam {
		return false
	}
	for _, c := range []byte(v) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '-') {
			return false
		}
	}
	return true
}

func (v *linkedIn) Verify(d *Delivery) (Verified, error) {
	if linkedInChallenge(d) != "" {
		return Verified{Signed: []byte{}}, nil // answered by Handshake, goes no further
	}
	return v.body.Verify(d)
}

// Handshake answers the validation GET with the challenge's HMAC.
func (v *linkedIn) Handshake(d *Delivery) *Answer {
	c := linkedInChallenge(d)
	if c == "" {
		return nil
	}
	m := hmac.New(sha256.New, v.key)
	m.Write([]byte(c))
	body, err := json.Marshal(map[string]string{"challengeCode": c, "challengeResponse": hex.EncodeToString(m.Sum(nil))})
	if err != nil {
		return nil
	}
	return &Answer{Status: http.StatusOK, ContentType: "application/json", Body: body}
}

// Interface guards
var (
	_ Verifier   = (*linkedIn)(nil)
	_ Handshaker = (*linkedIn)(nil)
)
