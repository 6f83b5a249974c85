package verifiers

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"testing"
)

// TestShopifyHeaderNames: Shopify's Events webhooks carry the same HMAC in
// a header named shopify-hmac-sha256 instead of X-Shopify-Hmac-Sha256
// (Shopify/shopify-app-js packages/apps/shopify-api/lib/types.ts
// ShopifyEventsHeader.Hmac, webhooks/types.ts WEBHOOK_HEADER_NAMES,
// webhooks/validate.ts detectWebhookType). Either name is accepted; both
// present with different values is refused, so that no copy the gate did
// not check can reach an app that reads the other.
func TestShopifyHeaderNames(t *testing.T) {
	secret := []byte("shopify-client-secret")
	body := `{"id":820982911946154508,"email":"jon@example.com"}`
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(body))
	good := base64.StdEncoding.EncodeToString(mac.Sum(nil))
	mac = hmac.New(sha256.New, []byte("another secret"))
	mac.Write([]byte(body))
	bad := base64.StdEncoding.EncodeToString(mac.Sum(nil))
	for _, tc := range []struct {
		name            string
		webhooks, event string // X-Shopify-Hmac-Sha256, Shopify-Hmac-Sha256 ("" absent)
		body            string
		ok              bool
	}{
		{"webhooks header", good, "", body, true},
		{"events header (lower case on the wire)", "", good, body, true},
		{"both, same value", good, good, body, true},
		{"both, events one wrong", good, bad, body, false},
		{"both, webhooks one wrong", bad, good, body, false},
		{"events header, wrong key", "", bad, body, false},
		{"events header, body changed", "", good, body + " ", false},
		{"neither", "", "", body, false},
	} {
		d := request("POST", "https://shop.example/webhooks", tc.body)
		if tc.webhooks != "" {
			d.Request.Header["X-Shopify-Hmac-Sha256"] = []string{tc.webhooks}
		}
		if tc.event != "" {
			d.Request.Header["Shopify-Hmac-Sha256"] = []string{tc.event}
		}
		v := buildPreset(t, "shopify", Settings{Secrets: [][]byte{secret}})
		if _, err := v.Verify(d); (err == nil) != tc.ok {
			t.Errorf("%s: err = %v, want ok %v", tc.name, err, tc.ok)
		}
	}
}
