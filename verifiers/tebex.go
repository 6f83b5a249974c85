package verifiers

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
)

func init() {
	register(Preset{
		// Tebex: X-Signature = hex HMAC-SHA256(webhook secret, hex SHA-256 of the body); the signed
		// validation.webhook is answered with {"id": <its id>}; two published source IPs.
		Name: "tebex", New: newTebex, Signer: signTebex, BodyID: "id",
		AllowIP: []string{"18.209.80.3", "54.87.231.232"},
		Doc: PresetDoc{
			Signature: "`X-Signature: <hex>`",
			Algorithm: "HMAC-SHA256, key = the webhook secret (Developers > Webhooks)",
			Signed:    "the hex SHA-256 of the body",
			Handshake: "a verified `validation.webhook`: 200 JSON `{\"id\": <its id>}`",
			Identity:  "body `id`",
			Vectors:   "computed (docs.tebex.io/developers/webhooks/overview)",
			Source:    "docs.tebex.io/developers/webhooks/overview",
		},
		Sample: []byte(`{"id":"2c116b11-1110-91e0-b266-b792c8da5f11","type":"payment.completed","date":"2021-08-24T12:21:47+00:00","subject":{"transaction_id":"tbx-26929122a56954-0bd2fe"}}`),
	})
}

// tebex verifies Tebex webhooks. The MAC is over the body's SHA-256 in
// lower-case hex, which the engine's templates cannot say.
type tebex struct {
	macs macSet
}

var tebexFormat = signatureFormat{Header: "X-Signature", Encoding: encHex}

// tebexMaxID bounds the validation ID echoed back.
const tebexMaxID = 128

func newTebex(s Settings) (Verifier, error) {
	if len(s.Secrets) == 0 {
		return nil, fmt.Errorf("no secret configured")
	}
	return &tebex{macs: newMACSet(algSHA256, s.Secrets)}, nil
}

// tebexDigest is the hex SHA-256 of body, the content Tebex signs.
func tebexDigest(body []byte) []byte {
	sum := sha256.Sum256(body)
	return []byte(hex.EncodeToString(sum[:]))
}

func (v *tebex) Verify(d *Delivery) (Verified, error) {
	sig, err := tebexFormat.read(d.Request.Header, sha256.Size)
	if err != nil {
		return Verified{}, err
	}
	key, ok := v.macs.matches(sig, tebexDigest(d.Body))
	if !ok {
		return Verified{}, errBadSignature
	}
	return bodySigned(d.Body, key), nil
}

// Handshake answers a verified validation webhook with its ID, as Tebex
// requires before it sends anything else to the endpoint.
func (v *tebex) Handshake(d *Delivery) *Answer {
	doc, err := parseJSON(d.Body)
	if err != nil {
		return nil
	}
	typ, id := doc.Get("type"), doc.Get("id")
	if typ == nil || typ.Kind != jsonString || typ.Text != "validation.webhook" ||
		id == nil || id.Kind != jsonString || id.Text == "" || len(id.Text) > tebexMaxID {
		return nil
	}
	body, err := json.Marshal(map[string]string{"id": id.Text})
	if err != nil {
		return nil
	}
	return &Answer{Status: http.StatusOK, ContentType: "application/json", Body: body}
}

func signTebex(s Settings, m *Message) error {
	mac := hmac.New(sha256.New, firstSecret(s))
	mac.Write(tebexDigest(m.Body))
	m.Header.Set(tebexFormat.Header, hex.EncodeToString(mac.Sum(nil)))
	return nil
}

// Interface guards
var (
	_ Verifier   = (*tebex)(nil)
	_ Handshaker = (*tebex)(nil)
)
