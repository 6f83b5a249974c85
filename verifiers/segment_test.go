package verifiers

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/hex"
	"testing"
)

// TestSegmentActionsBatches: Webhooks (Actions) destinations sign with the
// classic X-Signature (hex HMAC-SHA1 of the body, key = the shared secret),
// but a batch is signed over its first event only (support.twilio.com
// article 51193799782171). An unbatched delivery verifies; a batch does
// not, since the events after the first would reach the app unsigned.
func TestSegmentActionsBatches(t *testing.T) {
	secret := []byte("segment-shared-secret")
	first := `{"type":"track","event":"Order Completed","messageId":"ajs-1"}`
	second := `{"type":"track","event":"Order Refunded","messageId":"ajs-2"}`
	sign := func(s string) string {
		m := hmac.New(sha1.New, secret)
		m.Write([]byte(s))
		return hex.EncodeToString(m.Sum(nil))
	}
	for _, tc := range []struct {
		name, body, sig string
		ok              bool
	}{
		{"one event", first, sign(first), true},
		{"batch signed over its first event", "[" + first + "," + second + "]", sign(first), false},
		{"batch of one signed over its event", "[" + first + "]", sign(first), false},
	} {
		d := request("POST", "https://hooks.example.com/segment", tc.body)
		d.Request.Header.Set("X-Signature", tc.sig)
		v := buildPreset(t, "segment", Settings{Secrets: [][]byte{secret}})
		if _, err := v.Verify(d); (err == nil) != tc.ok {
			t.Errorf("%s: err = %v, want ok %v", tc.name, err, tc.ok)
		}
	}
}
