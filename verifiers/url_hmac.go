package verifiers

import (
	"net/http"
)

func init() {
	register(Preset{
		// Square: x-square-hmacsha256-signature = base64 HMAC-SHA256(signature key, notification URL + body).
		Name: "square", SignsURL: true, New: newSquare, Signer: signURLBodyHMAC(newSquare),
		Doc: PresetDoc{
			Source:    "square/square-python-sdk legacy/tests/utilities/test_webhooks_helper.py",
			Signature: "`x-square-hmacsha256-signature: <base64>`",
			Algorithm: "HMAC-SHA256, key = subscription signature key",
			Signed:    "notification URL + body",
			Identity:  "body `event_id`",
			Vectors:   "sdk-test (square-python-sdk) ×7, 2 valid + 5 invalid",
		},
		BodyID: "event_id",
	})
	register(Preset{
		// Trello: X-Trello-Webhook = base64 HMAC-SHA1(app secret, body + callback URL); HEAD probe answered 200.
		Name: "trello", SignsURL: true, New: newTrello, Signer: signURLBodyHMAC(newTrello),
		Doc: PresetDoc{
			Source:        "developer.atlassian.com/cloud/trello/guides/rest-api/webhooks/#webhook-signatures",
			Signature:     "`X-Trello-Webhook: <base64>`",
			Algorithm:     "HMAC-SHA1, key = app (OAuth) secret",
			Signed:        "body + callback URL as registered (set `url` to it)",
			AllowListNote: "archived list is stale",
			Handshake:     "HEAD with no body answered 200 (webhook creation probe)",
			Identity:      "body `action.id`",
			Vectors:       "computed",
		},
		BodyID: "action.id",
	})
}

// urlBodyHMAC verifies schemes whose HMAC covers the public URL and the raw
// body: Square (URL then body, base64 HMAC-SHA256 in
// x-square-hmacsha256-signature) and Trello (body then the callback URL as
// registered, base64 HMAC-SHA1 in X-Trello-Webhook). The URL is
// Delivery.PublicURL: rebuilt from the request, or pinned with `url`.
type urlBodyHMAC struct {
	format    signatureFormat
	alg       algorithm
	bodyFirst bool
	// headOK answers Trello's unsigned HEAD probe (sent when a webhook is
	// created) with 200 and nothing else.
	headOK bool
	macs   macSet
}

func (v *urlBodyHMAC) parts(url string, body []byte) [][]byte {
	if v.bodyFirst {
		return [][]byte{body, []byte(url)}
	}
	return [][]byte{[]byte(url), body}
}

// isProbe reports whether d is Trello's creation probe: a HEAD with no body.
func (v *urlBodyHMAC) isProbe(d *Delivery) bool {
	return v.headOK && d.Request.Method == http.MethodHead && len(d.Body) == 0
}

// Verify checks the signature over the URL and body (Signed: both,
// length-prefixed). Trello's HEAD probe is accepted unsigned with Signed
// the empty body: the handler answers it (Handshake) and it goes no further.
func (v *urlBodyHMAC) Verify(d *Delivery) (Verified, error) {
	if v.isProbe(d) {
		return Verified{Signed: []byte{}}, nil
	}
	sig, err := v.format.read(d.Request.Header, v.alg.Size)
	if err != nil {
		return Verified{}, err
	}
	if d.PublicURL == "" {
		return Verified{}, reject(malformedSignature, "the public URL the provider signed is unknown; set url")
	}
	key, ok := v.macs.matches(sig, v.parts(d.PublicURL, d.Body)...)
	if !ok {
		return Verified{}, errBadSignature
	}
	return Verified{Signed: signedOf([]byte(d.PublicURL), d.Body), Key: key}, nil
}

// Handshake answers Trello's HEAD probe with 200; nothing else is answered.
func (v *urlBodyHMAC) Handshake(d *Delivery) *Answer {
	if v.isProbe(d) {
		return &Answer{Status: http.StatusOK}
	}
	return nil
}

// Interface guards
var (
	_ Verifier   = (*urlBodyHMAC)(nil)
	_ Handshaker = (*urlBodyHMAC)(nil)
)

var (
	squareFormat = signatureFormat{Header: "x-square-hmacsha256-signature", Encoding: encBase64}
	trelloFormat = signatureFormat{Header: "X-Trello-Webhook", Encoding: encBase64}
)

func newSquare(s Settings) (Verifier, error) {
	return &urlBodyHMAC{format: squareFormat, alg: algSHA256, macs: newMACSet(algSHA256, s.Secrets)}, nil
}

func newTrello(s Settings) (Verifier, error) {
	return &urlBodyHMAC{format: trelloFormat, alg: algSHA1, bodyFirst: true, headOK: true, macs: newMACSet(algSHA1, s.Secrets)}, nil
}

// signURLBodyHMAC signs m.URL and m.Body as newX's verifier checks them.
func signURLBodyHMAC(newX func(Settings) (Verifier, error)) func(Settings, *Message) error {
	return func(s Settings, m *Message) error {
		v, _ := newX(s)
		u := v.(*urlBodyHMAC)
		u.format.write(m.Header, hmacSum(u.alg, firstSecret(s), u.parts(m.URL, m.Body)...))
		return nil
	}
}
