package verifiers

import (
	"crypto/md5"
	"encoding/hex"
	"testing"
)

func TestPayFastEncodings(t *testing.T) {
	for in, want := range map[string]string{
		"abc XYZ_.-09": "abc+XYZ_.-09",
		"a~b!c*d'e(f)": "a%7Eb%21c%2Ad%27e%28f%29",
		"http://x/y?z": "http%3A%2F%2Fx%2Fy%3Fz",
		"café":         "caf%C3%A9",
	} {
		if got := payfastPHPEncode(in); got != want {
			t.Errorf("payfastPHPEncode(%q) = %q, want %q", in, got, want)
		}
	}
	if got := payfastJSEncode("a~b!c*d'e(f) g"); got != "a~b!c*d'e(f)+g" {
		t.Errorf("payfastJSEncode = %q", got)
	}
}

// TestPayFast checks ITN signatures as the Payfast PHP SDK verifies them.
func TestPayFast(t *testing.T) {
	s := Settings{Secrets: [][]byte{[]byte("pass phrase")}}
	md := func(s string) string { sum := md5.Sum([]byte(s)); return hex.EncodeToString(sum[:]) }
	params := "m_payment_id=01&pf_payment_id=1089250&payment_status=COMPLETE&item_name=A+%26+B&amount_gross=10.00&custom_str1="
	sig := md(params + "&passphrase=pass+phrase")
	spaced := "m_payment_id=+01+&pf_payment_id=1089250&payment_status=COMPLETE&item_name=A+%26+B&amount_gross=10.00&custom_str1="
	for _, tc := range []struct {
		name, body string
		ok         bool
	}{
		{"signed", params + "&signature=" + sig, true},
		// Payfast/payfast-php-sdk lib/PaymentIntegrations/Notification.php
		// dataToString hashes urlencode($val), untrimmed: spaces around a
		// value are signed, and a value padded after signing is refused.
		{"value with spaces around, signed as sent", spaced + "&signature=" + md(spaced+"&passphrase=pass+phrase"), true},
		{"value padded with spaces after signing", spaced + "&signature=" + sig, false},
		{"value signed padded, sent trimmed", params + "&signature=" + md(spaced+"&passphrase=pass+phrase"), false},
		{"amount changed", "m_payment_id=01&pf_payment_id=1089250&payment_status=COMPLETE&item_name=A+%26+B&amount_gross=99.00&custom_str1=&signature=" + sig, false},
		{"fields reordered", "pf_payment_id=1089250&m_payment_id=01&payment_status=COMPLETE&item_name=A+%26+B&amount_gross=10.00&custom_str1=&signature=" + sig, false},
		{"without passphrase", params + "&signature=" + md(params), false},
		{"field after the signature", params + "&signature=" + sig + "&extra=1", false},
		{"no signature", params, false},
		{"signature twice", params + "&signature=" + sig + "&signature=" + sig, false},
	} {
		p, _ := Lookup("payfast")
		v, err := p.Build(s)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := v.Verify(formRequest("POST", "https://x/hook", tc.body)); (err == nil) != tc.ok {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
}
