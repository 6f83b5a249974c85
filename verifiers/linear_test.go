package verifiers

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"testing"
	"time"
)

// TestLinearTimestamp follows @linear/sdk 98.0.0's LinearWebhookClient.verify
// (dist/webhooks-*.mjs): the hex HMAC-SHA256 of the raw body, then the
// signed body's webhookTimestamp, which must be present ("Missing webhook
// timestamp"), a number, and within 60 s either way. Issue 21 asked for a
// body without it to be accepted, after the older SDK (88.x, linear/linear
// packages/sdk/src/webhooks/client.ts: "if (timestamp)"); the SDK Linear
// publishes now refuses it, and so does the gate.
func TestLinearTimestamp(t *testing.T) {
	secret := []byte("lin_wh_secret")
	now := time.Unix(1_750_000_000, 0)
	sign := func(body string) string {
		m := hmac.New(sha256.New, secret)
		m.Write([]byte(body))
		return hex.EncodeToString(m.Sum(nil))
	}
	at := func(d time.Duration) string {
		return fmt.Sprintf(`{"action":"create","type":"Issue","data":{"id":"9f1"},"webhookTimestamp":%d}`, now.Add(d).UnixMilli())
	}
	without := `{"action":"create","type":"Issue","data":{"id":"9f1"}}`
	for _, tc := range []struct {
		name, body, sig string
		ok              bool
	}{
		{"timestamp now", at(0), sign(at(0)), true},
		{"timestamp 59 s old", at(-59 * time.Second), sign(at(-59 * time.Second)), true},
		{"timestamp 61 s old", at(-61 * time.Second), sign(at(-61 * time.Second)), false},
		{"timestamp 61 s ahead", at(61 * time.Second), sign(at(61 * time.Second)), false},
		{"no webhookTimestamp", without, sign(without), false},
		{"webhookTimestamp not a number", `{"webhookTimestamp":"soon"}`, sign(`{"webhookTimestamp":"soon"}`), false},
		{"webhookTimestamp null", `{"webhookTimestamp":null}`, sign(`{"webhookTimestamp":null}`), false},
	} {
		d := request("POST", "https://hooks.example.com/linear", tc.body)
		d.Now = now
		d.Request.Header.Set("Linear-Signature", tc.sig)
		v := buildPreset(t, "linear", Settings{Secrets: [][]byte{secret}})
		if _, err := v.Verify(d); (err == nil) != tc.ok {
			t.Errorf("%s: err = %v, want ok %v", tc.name, err, tc.ok)
		}
	}
}
