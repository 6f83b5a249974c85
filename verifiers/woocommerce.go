package verifiers

import (
	"net/http"
	"regexp"
)

func init() {
	register(Preset{
		// WooCommerce: X-WC-Webhook-Signature: base64 HMAC-SHA256(body); the unsigned
		// `webhook_id=<n>` ping is answered 200 by the gate. Delivery IDs change per attempt: no ID.
		Name: "woocommerce", New: newWooCommerce, Signer: bodyScheme(wooFormat, algSHA256).Sign,
		Doc: PresetDoc{
			Source:    "woocommerce/woocommerce includes/class-wc-webhook.php generate_signature",
			Signature: "`X-WC-Webhook-Signature: <base64>`",
			Algorithm: "HMAC-SHA256",
			Signed:    "body",
			Handshake: "the unsigned `webhook_id=<n>` ping is answered 200 by the gate",
			Identity:  "none (the delivery ID changes per attempt)",
			Vectors:   "computed",
		},
	})
}

// wooFormat is WooCommerce's signature header: base64 HMAC-SHA256 of the body.
var wooFormat = signatureFormat{Header: "X-WC-Webhook-Signature", Encoding: encBase64}

// wooPing is the unsigned ping WooCommerce sends when a webhook is saved.
var wooPing = regexp.MustCompile(`^webhook_id=[0-9]+$`)

// wooCommerce verifies WooCommerce deliveries. WooCommerce also sends an
// unsigned `webhook_id=<n>` ping when a webhook is created and needs an
// exact 200 to it: the gate accepts that one body shape without a
// signature and answers it itself, so the app never sees it.
type wooCommerce struct {
	sig Verifier
}

func newWooCommerce(s Settings) (Verifier, error) {
	sig, err := bodyScheme(wooFormat, algSHA256).New(s)
	return &wooCommerce{sig: sig}, err
}

func (v *wooCommerce) isPing(d *Delivery) bool {
	return len(d.Request.Header.Values(wooFormat.Header)) == 0 && wooPing.Match(d.Body)
}

func (v *wooCommerce) Verify(d *Delivery) (Verified, error) {
	if v.isPing(d) {
		return bodySigned(d.Body, 0), nil // answered by Handshake, goes no further
	}
	return v.sig.Verify(d)
}

// Handshake answers the unsigned ping with 200.
func (v *wooCommerce) Handshake(d *Delivery) *Answer {
	if v.isPing(d) {
		return &Answer{Status: http.StatusOK}
	}
	return nil
}

// Interface guard
var _ Handshaker = (*wooCommerce)(nil)
