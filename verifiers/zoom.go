package verifiers

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"time"
)

// zoom verifies Zoom webhooks: x-zm-signature: v0=<hex HMAC-SHA256(secret
// token, "v0:" + x-zm-request-timestamp + ":" + raw body)>, with the
// timestamp in unix seconds. A verified endpoint.url_validation event is
// answered by the gate: {"plainToken": p, "encryptedToken": hex
// HMAC-SHA256(secret token, p)}, with the secret that signed the request.
type zoom struct {
	secrets   [][]byte
	macs      macSet
	tolerance time.Duration
}

var zoomFormat = SignatureFormat{Header: "x-zm-signature", Prefix: "v0=", Encoding: Hex}

const zoomTSHeader = "x-zm-request-timestamp"

func newZoom(s Settings) (Verifier, error) {
	return &zoom{secrets: s.Secrets, macs: newMACSet(SHA256, s.Secrets), tolerance: s.Tolerance}, nil
}

// zoomParts is what Zoom signs.
func zoomParts(ts string, body []byte) [][]byte {
	return [][]byte{[]byte("v0:" + ts + ":"), body}
}

func (v *zoom) Verify(d *Delivery) (Verified, error) {
	sig, err := zoomFormat.read(d.Request.Header, sha256.Size)
	if err != nil {
		return Verified{}, err
	}
	ts, err := headerValue(d.Request.Header, zoomTSHeader)
	if err != nil {
		return Verified{}, err
	}
	key, ok := v.macs.matches(sig, zoomParts(ts, d.Body)...)
	if !ok {
		return Verified{}, errBadSignature
	}
	t, err := ParseTimestamp(ts, UnixSeconds)
	if err != nil {
		return Verified{}, err
	}
	if err := CheckFresh(t, d.Now, v.tolerance); err != nil {
		return Verified{}, err
	}
	return bodySigned(d.Body, key), nil
}

// Handshake answers a verified endpoint.url_validation.
func (v *zoom) Handshake(d *Delivery) *Answer {
	doc, err := ParseJSON(d.Body)
	if err != nil {
		return nil
	}
	event, token := doc.Get("event"), doc.Path("payload.plainToken")
	if event == nil || event.Kind != JSONString || event.Text != "endpoint.url_validation" ||
		token == nil || token.Kind != JSONString || token.Text == "" {
		return nil
	}
	plainToken := token.Text
	sig, err := zoomFormat.read(d.Request.Header, sha256.Size)
	if err != nil {
		return nil
	}
	ts := d.Request.Header.Get(zoomTSHeader)
	for _, secret := range v.secrets {
		if !hmac.Equal(hmacSum(SHA256, secret, zoomParts(ts, d.Body)...), sig) {
			continue
		}
		body, _ := json.Marshal(map[string]string{
			"plainToken":     plainToken,
			"encryptedToken": hex.EncodeToString(hmacSum(SHA256, secret, []byte(plainToken))),
		})
		return &Answer{Status: http.StatusOK, ContentType: "application/json", Body: body}
	}
	return nil
}

// Interface guards
var (
	_ Verifier   = (*zoom)(nil)
	_ Handshaker = (*zoom)(nil)
)

// signZoom sets x-zm-request-timestamp and x-zm-signature.
func signZoom(s Settings, m *Message) error {
	ts := formatTimestamp(m.Now, UnixSeconds)
	m.Header.Set(zoomTSHeader, ts)
	zoomFormat.write(m.Header, hmacSum(SHA256, firstSecret(s), zoomParts(ts, m.Body)...))
	return nil
}

// zoomTolerance is hookgate's default: Zoom publishes none; 5 minutes is common practice.
const zoomTolerance = 5 * time.Minute
