package verifiers

import (
	"crypto/subtle"
	"net/http"
)

// Shopify (declared below): base64 HMAC-SHA256 of the raw body, key = the
// app's client secret. Classic webhooks carry it in X-Shopify-Hmac-Sha256;
// Events webhooks carry the same HMAC in shopify-hmac-sha256
// (Shopify/shopify-app-js packages/apps/shopify-api/lib/types.ts:
// ShopifyHeader.Hmac and ShopifyEventsHeader.Hmac; webhooks/validate.ts
// detectWebhookType reads either). Either header is accepted. When both
// are sent they must carry the same value: the SDK checks only the Events
// one, and an app reading the other would read a value the gate did not
// check.

func init() {
	register(withScheme(Preset{
		// Shopify: X-Shopify-Hmac-Sha256 or shopify-hmac-sha256: base64 HMAC-SHA256(body), key = app client secret.
		Name: "shopify", LogIDHeader: "X-Shopify-Webhook-Id",
		Doc: PresetDoc{
			Source:    "Shopify/shopify-app-js packages/apps/shopify-api/lib/webhooks/validate.ts; shopify.dev/docs/apps/build/webhooks/verify-deliveries",
			Signature: "`X-Shopify-Hmac-Sha256: <base64>`, or `shopify-hmac-sha256` (Events webhooks); both sent must be equal",
			Algorithm: "HMAC-SHA256",
			Signed:    "body",
			Identity:  "`X-Shopify-Webhook-Id`",
			Vectors:   "computed",
		},
	}, hmacScheme{Signature: shopifySignatures{}, Template: rawBody, Algorithm: algSHA256}))
}

const (
	shopifyWebhooksHeader = "X-Shopify-Hmac-Sha256"
	shopifyEventsHeader   = "Shopify-Hmac-Sha256"
)

// shopifySignatures reads the signature from either Shopify header.
type shopifySignatures struct{}

// ReadSignatures reads the one signature the request carries under either
// name; both names with different values are refused.
func (shopifySignatures) ReadSignatures(h http.Header, size int, sigs *signatures) (string, error) {
	var found [][]byte
	for _, name := range [...]string{shopifyWebhooksHeader, shopifyEventsHeader} {
		if len(h.Values(name)) == 0 {
			continue
		}
		sig, err := signatureFormat{Header: name, Encoding: encBase64}.read(h, size)
		if err != nil {
			return "", err
		}
		found = append(found, sig)
	}
	switch {
	case len(found) == 0:
		return "", reject(missingSignature, "header %s is missing", shopifyWebhooksHeader)
	case len(found) == 2 && subtle.ConstantTimeCompare(found[0], found[1]) != 1:
		return "", reject(malformedSignature, "headers %s and %s differ", shopifyWebhooksHeader, shopifyEventsHeader)
	}
	sigs.list = append(sigs.list, found[0])
	return "", nil
}

// WriteSignature sets X-Shopify-Hmac-Sha256, as classic webhooks carry it.
func (shopifySignatures) WriteSignature(h http.Header, _ string, sig []byte) {
	signatureFormat{Header: shopifyWebhooksHeader, Encoding: encBase64}.write(h, sig)
}

// HeaderName is the classic header.
func (shopifySignatures) HeaderName() string { return shopifyWebhooksHeader }

// Interface guard
var _ signatureCarrier = shopifySignatures{}
