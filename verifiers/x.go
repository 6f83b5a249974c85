package verifiers

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
)

func init() {
	register(Preset{
		// X (Twitter) webhooks: x-twitter-webhooks-signature: sha256=<base64 HMAC-SHA256(consumer secret, body)>;
		// the CRC GET ?crc_token= is answered with {"response_token": "sha256=<base64 HMAC>"} (x.go).
		Name: "x", New: newX, Signer: bodyScheme(xFormat, algSHA256).Sign,
		Doc: PresetDoc{
			Source:    "docs.x.com/x-api/webhooks/introduction",
			Signature: "`x-twitter-webhooks-signature: sha256=<base64>`",
			Algorithm: "HMAC-SHA256, key = the app's consumer secret (API secret key)",
			Signed:    "body",
			Handshake: "the Challenge-Response Check GET `?crc_token=..` (an optional `nonce` ignored) is answered 200 `{\"response_token\":\"sha256=<base64 HMAC-SHA256(consumer secret, crc_token)>\"}`",
			Identity:  "hash of the body",
			Vectors:   "computed (testdata/vectors/presets-b.jsonl)",
			Note:      "The CRC answer is computed with the first configured secret: during a consumer-secret rotation, list the secret X now signs with first. Only `crc_token` and `nonce` may be on the CRC GET. The CRC answer is an HMAC under the key that signs events, so a token that starts like JSON is not answered and an event body that is not JSON is refused: the gate cannot be used to sign a body.",
		},
	})
}

// xWebhooks verifies X (Twitter) webhooks (Account Activity API, X
// Activity API): a POST carries x-twitter-webhooks-signature:
// sha256=<base64 HMAC-SHA256(consumer secret, body)>. X also sends a
// Challenge-Response Check, an unsigned GET ?crc_token=<token> (possibly
// with a nonce), when a webhook is registered and about hourly after; the
// gate answers it itself with {"response_token": "sha256=<base64
// HMAC-SHA256(consumer secret, crc_token)>"}, computed with the route's
// first secret (the consumer secret X currently signs with). Only that
// exact GET is answered; any other GET is refused.
type xWebhooks struct {
	body Verifier
	key  []byte
}

// xFormat is X's signature header.
var xFormat = signatureFormat{Header: "X-Twitter-Webhooks-Signature", Prefix: "sha256=", Encoding: encBase64}

// xMaxCRCToken bounds the crc_token the gate signs.
const xMaxCRCToken = 512

func newX(s Settings) (Verifier, error) {
	b, err := bodyScheme(xFormat, algSHA256).New(s)
	if err != nil {
		return nil, err
	}
	return &xWebhooks{body: b, key: append([]byte(nil), firstSecret(s)...)}, nil
}

// xCRCToken returns the crc_token of a Challenge-Response Check, or "" when
// d is not exactly one: GET, no body, crc_token once, an optional nonce
// once, nothing else.
func xCRCToken(d *Delivery) string {
	r := d.Request
	if r.Method != http.MethodGet || len(d.Body) != 0 {
		return ""
	}
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return ""
	}
	for k, vs := range q {
		if k != "crc_token" && k != "nonce" || len(vs) != 1 {
			return ""
		}
	}
	token := q.Get("crc_token")
	if token == "" || len(token) > xMaxCRCToken || xJSONStart([]byte(token)) {
		return ""
	}
	return token
}

// xJSONStart reports whether b, after JSON whitespace, starts a JSON
// object or array. The CRC answer is the HMAC of crc_token under the key
// that signs events, so the gate answers only tokens that cannot be an
// event body (which X always sends as JSON), and refuses event bodies
// that are not JSON: otherwise anyone could have the gate sign a body of
// their choice.
func xJSONStart(b []byte) bool {
	b = bytes.TrimLeft(b, " \t\r\n")
	return len(b) > 0 && (b[0] == '{' || b[0] == '[')
}

func (v *xWebhooks) Verify(d *Delivery) (Verified, error) {
	if xCRCToken(d) != "" {
		return Verified{Signed: []byte{}}, nil // answered by Handshake, goes no further
	}
	if !xJSONStart(d.Body) {
		return Verified{}, reject(malformedSignature, "the body is not JSON: it could be a crc_token the gate answered for")
	}
	return v.body.Verify(d)
}

// Handshake answers a Challenge-Response Check.
func (v *xWebhooks) Handshake(d *Delivery) *Answer {
	token := xCRCToken(d)
	if token == "" {
		return nil
	}
	body, _ := json.Marshal(map[string]string{
		"response_token": "sha256=" + base64.StdEncoding.EncodeToString(hmacSum(algSHA256, v.key, []byte(token))),
	})
	return &Answer{Status: http.StatusOK, ContentType: "application/json", Body: body}
}

// Interface guards
var (
	_ Verifier   = (*xWebhooks)(nil)
	_ Handshaker = (*xWebhooks)(nil)
)
