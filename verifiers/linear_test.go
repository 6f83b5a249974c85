package verifiers

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"testing"
	"time"
)

// TestLinearOptionalTimestamp follows linear/linear packages/sdk/src/
// webhooks/client.ts: LinearWebhookClient.verify checks the HMAC of the
// raw body, then the timestamp only when one is given ("if (timestamp)"),
// within 60 s either way. The gate reads the timestamp from the signed
// body's webhookTimestamp only (the SDK's fallback, the linear-timestamp
// header, is not signed and decides nothing here).
func TestLinearOptionalTimestamp(t *testing.T) {
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
		{"no webhookTimestamp", without, sign(without), true},
		{"no webhookTimestamp, body changed", without + " ", sign(without), false},
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
