package verifiers

import (
	"net/http"
)

func init() {
	register(Preset{
		// Dropbox: X-Dropbox-Signature = hex HMAC-SHA256(app secret, body); GET ?challenge= echoed.
		Name: "dropbox", New: newDropbox, Signer: bodyScheme(dropboxFormat, algSHA256).Sign,
		Doc: PresetDoc{
			Signature: "`X-Dropbox-Signature: <hex>`",
			Algorithm: "HMAC-SHA256, key = app secret",
			Signed:    "body",
			Handshake: "unsigned `GET ?challenge=<v>` (only parameter, no body, URL-safe characters, ≤256) echoed as text/plain",
			Identity:  "hash of the signed content",
			Vectors:   "3p-test (hapi-dropbox-webhooks), published-doc (challenge)",
		},
	})
}

// dropbox verifies Dropbox notifications: X-Dropbox-Signature is the hex
// HMAC-SHA256 of the raw body with the app secret. When a webhook URI is
// registered Dropbox sends an unsigned GET ?challenge=<value> that must be
// echoed back; Verify accepts exactly that request (GET, no body, one
// challenge parameter of safe characters and nothing else) and Handshake
// answers it, so it never reaches the app.
type dropbox struct {
	body Verifier
}

var dropboxFormat = signatureFormat{Header: "X-Dropbox-Signature", Encoding: encHex}

// dropboxMaxChallenge bounds the echoed challenge.
const dropboxMaxChallenge = 256

func newDropbox(s Settings) (Verifier, error) {
	b, err := bodyScheme(dropboxFormat, algSHA256).New(s)
	return &dropbox{body: b}, err
}

// challenge returns the challenge of a registration GET, or "" when d is
// not exactly one. Only URL-safe characters are echoed, so the reply
// cannot carry markup even though the gate cannot add nosniff.
func dropboxChallenge(d *Delivery) string {
	r := d.Request
	if r.Method != http.MethodGet || len(d.Body) != 0 {
		return ""
	}
	q := r.URL.Query()
	values := q["challenge"]
	if len(q) != 1 || len(values) != 1 || values[0] == "" || len(values[0]) > dropboxMaxChallenge {
		return ""
	}
	for _, c := range []byte(values[0]) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '-' || c == '_' || c == '.' || c == '~') {
			return ""
		}
	}
	return values[0]
}

func (v *dropbox) Verify(d *Delivery) (Verified, error) {
	if dropboxChallenge(d) != "" {
		return Verified{Signed: []byte{}}, nil // answered by Handshake, goes no further
	}
	return v.body.Verify(d)
}

// Handshake echoes the registration challenge as text/plain.
func (v *dropbox) Handshake(d *Delivery) *Answer {
	if c := dropboxChallenge(d); c != "" {
		return &Answer{Status: http.StatusOK, ContentType: "text/plain; charset=utf-8", Body: []byte(c)}
	}
	return nil
}

// Interface guards
var (
	_ Verifier   = (*dropbox)(nil)
	_ Handshaker = (*dropbox)(nil)
)
