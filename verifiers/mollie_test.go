package verifiers

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"testing"
)

// TestMollieSignatureForms follows mollie/mollie-api-php
// src/Webhooks/SignatureValidator.php and its tests
// (tests/Webhooks/SignatureValidatorTest.php, whose secrets and payload
// are used here): the sha256= prefix is optional (extractSignature), and
// every value of X-Mollie-Signature is a candidate, any of which may match
// (validateSignatures, verifies_valid_signature_from_different_header_formats),
// as Mollie sends one per signing secret while a secret is rotated.
func TestMollieSignatureForms(t *testing.T) {
	const payload = `{"id":"tr_12345","event_type":"payment-link.paid"}`
	sign := func(secret, body string) string {
		m := hmac.New(sha256.New, []byte(secret))
		m.Write([]byte(body))
		return hex.EncodeToString(m.Sum(nil))
	}
	sig := sign("test_webhook_secret", payload)
	alt := sign("alternate_webhook_secret", payload)
	for _, tc := range []struct {
		name    string
		headers []string // the X-Mollie-Signature lines, in order
		body    string
		ok      bool
	}{
		{"prefixed", []string{"sha256=" + sig}, payload, true},
		{"bare hex", []string{sig}, payload, true},
		{"two lines, second matches", []string{"sha256=" + alt, "sha256=" + sig}, payload, true},
		{"two lines, first matches", []string{sig, "invalid_signature"}, payload, true},
		{"three lines, middle matches", []string{"invalid_signature", sig, "another_invalid_signature"}, payload, true},
		{"one line, comma-joined", []string{"sha256=" + alt + ", sha256=" + sig}, payload, true},
		{"two lines, none matches", []string{"sha256=" + alt, "invalid_signature"}, payload, false},
		{"bare hex, body changed", []string{sig}, payload + " ", false},
		{"missing", nil, payload, false},
		{"empty", []string{""}, payload, false},
	} {
		d := request("POST", "https://shop.example/mollie", tc.body)
		for _, h := range tc.headers {
			d.Request.Header.Add("X-Mollie-Signature", h)
		}
		v := buildPreset(t, "mollie", Settings{Secrets: [][]byte{[]byte("test_webhook_secret")}})
		if _, err := v.Verify(d); (err == nil) != tc.ok {
			t.Errorf("%s: err = %v, want ok %v", tc.name, err, tc.ok)
		}
	}
}
