package verifiers

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
)

func hmacSHA256Hex(key, msg string) string {
	m := hmac.New(sha256.New, []byte(key))
	m.Write([]byte(msg))
	return hex.EncodeToString(m.Sum(nil))
}

func TestParseSignedAuthorization(t *testing.T) {
	tests := []struct {
		name   string
		header string
		alg    string
		sig    string
		wantOK bool
	}{
		{"documented", "HMAC-SHA256 Signature=abc", "HMAC-SHA256", "abc", true},
		{"surrounding spaces", "  HMAC-SHA256 Signature=abc  ", "HMAC-SHA256", "abc", true},
		{"name case-insensitive", "HMAC-SHA256 signature=abc", "HMAC-SHA256", "abc", true},
		{"other params ignored", "HMAC-SHA256 SignedHeaders=x-ms-date;host&Signature=abc", "HMAC-SHA256", "abc", true},
		{"comma separated", "HMAC-SHA256 KeyId=1, Signature=abc", "HMAC-SHA256", "abc", true},
		{"extra spaces", "HMAC-SHA256   Signature=abc", "HMAC-SHA256", "abc", true},
		{"no parameters", "HMAC-SHA256", "", "", false},
		{"no signature", "HMAC-SHA256 KeyId=1", "", "", false},
		{"empty signature", "HMAC-SHA256 Signature=", "", "", false},
		{"signature twice", "HMAC-SHA256 Signature=abc,Signature=abd", "", "", false},
		{"bearer token", "Bearer abc", "", "", false},
		{"empty", "", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			alg, sig, ok := parseSignedAuthorization(tt.header)
			if ok != tt.wantOK {
				t.Fatalf("parseSignedAuthorization(%q) ok = %v, want %v", tt.header, ok, tt.wantOK)
			}
			if ok && (alg != tt.alg || sig != tt.sig) {
				t.Fatalf("parseSignedAuthorization(%q) = %q, %q; want %q, %q", tt.header, alg, sig, tt.alg, tt.sig)
			}
		})
	}
}

func TestTwentyFourSevenPay(t *testing.T) {
	const secret, prev = "merchant-secret-key", "merchant-secret-old"
	minified := `{"type":"payment-authorized","payload":{"amount":2000,"paymentId":"e7dbc6b9fc2542c69eb53f9e9b978294","note":"two  words"}}`
	pretty := "{\n  \"type\": \"payment-authorized\",\n  \"payload\": {\n    \"amount\": 2000,\n    \"paymentId\": \"e7dbc6b9fc2542c69eb53f9e9b978294\",\n\t\"note\": \"two  words\"\r\n  }\n}\n"
	sig := hmacSHA256Hex(secret, minified)
	auth := "HMAC-SHA256 Signature=" + sig
	leaks := []string{secret, prev, sig}
	v := buildPreset(t, "24sevenpay", Settings{Secrets: secrets(secret, prev)})
	tests := []struct {
		name    string
		body    string
		headers []string
		reason  Reason
	}{
		{"minified", minified, []string{"Authorization", auth}, ""},
		{"pretty-printed body, signature over minified", pretty, []string{"Authorization", auth}, ""},
		{"uppercase hex", minified, []string{"Authorization", "HMAC-SHA256 Signature=" + strings.ToUpper(sig)}, ""},
		{"algorithm case-insensitive", minified, []string{"Authorization", "hmac-sha256 Signature=" + sig}, ""},
		{"rotation: previous secret", pretty, []string{"Authorization", "HMAC-SHA256 Signature=" + hmacSHA256Hex(prev, minified)}, ""},
		{"spaces inside strings are significant", strings.Replace(pretty, "two  words", "two words", 1), []string{"Authorization", auth}, badSignature},
		{"naive whitespace stripping refused", pretty, []string{"Authorization", "HMAC-SHA256 Signature=" + hmacSHA256Hex(secret, strings.Join(strings.Fields(pretty), ""))}, badSignature},
		{"signature over the pretty bytes refused", pretty, []string{"Authorization", "HMAC-SHA256 Signature=" + hmacSHA256Hex(secret, pretty)}, badSignature},
		{"tampered amount", strings.Replace(minified, "2000", "2001", 1), []string{"Authorization", auth}, badSignature},
		{"invalid JSON", `{"type":"payment-authorized",`, []string{"Authorization", auth}, malformedSignature},
		{"two JSON values", minified + minified, []string{"Authorization", auth}, ambiguousBody},
		{"missing header", minified, nil, missingSignature},
		{"duplicated header", minified, []string{"Authorization", auth, "Authorization", auth}, malformedSignature},
		{"other algorithm", minified, []string{"Authorization", "HMAC-SHA512 Signature=" + sig}, malformedSignature},
		{"no scheme", minified, []string{"Authorization", "Signature=" + sig}, malformedSignature},
		{"bearer", minified, []string{"Authorization", "Bearer " + sig}, malformedSignature},
		{"bad hex", minified, []string{"Authorization", "HMAC-SHA256 Signature=x" + sig[1:]}, malformedSignature},
		{"wrong length", minified, []string{"Authorization", "HMAC-SHA256 Signature=" + sig[:40]}, malformedSignature},
		{"base64 signature", minified, []string{"Authorization", "HMAC-SHA256 Signature=vgAJrwVue/xItehm/FkjZ56H1dTGQpapb9/Okncrstk="}, malformedSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkVerify(t, v, newDelivery(tt.body, tt.headers...), tt.reason, leaks...)
		})
	}
	t.Run("wrong secret", func(t *testing.T) {
		w := buildPreset(t, "24sevenpay", Settings{Secrets: secrets("another-secret")})
		checkVerify(t, w, newDelivery(pretty, "Authorization", auth), badSignature, leaks...)
	})
	t.Run("body left as received", func(t *testing.T) {
		d := newDelivery(pretty, "Authorization", auth)
		checkVerify(t, v, d, "")
		if string(d.Body) != pretty {
			t.Fatal("Verify changed the delivery's body")
		}
	})
}

func TestTwentyFourSevenPaySign(t *testing.T) {
	p, _ := Lookup("24sevenpay")
	m := &Message{Body: []byte("{ \"a\" : \"b c\" }")}
	if err := p.Sign(Settings{Secrets: secrets("k")}, m); err != nil {
		t.Fatal(err)
	}
	if got, want := m.Header.Get("Authorization"), "HMAC-SHA256 Signature="+hmacSHA256Hex("k", `{"a":"b c"}`); got != want {
		t.Fatalf("Authorization = %q, want %q", got, want)
	}
	if err := p.Sign(Settings{Secrets: secrets("k")}, &Message{Body: []byte("not json")}); err == nil {
		t.Fatal("Sign accepted a non-JSON body")
	}
}
