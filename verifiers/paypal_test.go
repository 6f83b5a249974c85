package verifiers

import (
	"bytes"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"hash/crc32"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"
)

const testWebhookID = "8PT597110X687430LKGECATA"

// paypalHeaders signs body the test's own way: SHA256withRSA over
// id|time|webhook id|crc32 decimal.
func paypalHeaders(t *testing.T, key *rsa.PrivateKey, webhookID string, at time.Time, body []byte, certURL string) http.Header {
	t.Helper()
	id, ts := "b2384410-f8d2-11ec-8f1b-7b3d5a4d4b1b", at.UTC().Format(time.RFC3339)
	msg := id + "|" + ts + "|" + webhookID + "|" + strconv.FormatUint(uint64(crc32.ChecksumIEEE(body)), 10)
	d := sha256.Sum256([]byte(msg))
	sig, err := rsa.SignPKCS1v15(rand.Reader, key, crypto.SHA256, d[:])
	if err != nil {
		t.Fatal(err)
	}
	return http.Header{"Paypal-Transmission-Id": {id}, "Paypal-Transmission-Time": {ts}, "Paypal-Transmission-Sig": {base64.StdEncoding.EncodeToString(sig)},
		"Paypal-Cert-Url": {certURL}, "Paypal-Auth-Algo": {"SHA256withRSA"}}
}

func paypalDelivery(body []byte, h http.Header, now time.Time) *Delivery {
	r := httptest.NewRequest(http.MethodPost, "https://hooks.example.com/paypal", bytes.NewReader(body))
	r.Header = h
	return &Delivery{Request: r, Body: body, Now: now}
}

func TestPayPalFetched(t *testing.T) {
	now := time.Now().Truncate(time.Second)
	h := startKeyHost(t, now)
	key, _ := testRSAKey(t)
	other, _ := testRSAKey(t)
	certURL := paypalCertURL(&key.PublicKey)
	h.set(certURL, keyDoc{body: testCert(t, key, "messageverificationcerts.sandbox.paypal.com", now.Add(-time.Hour), now.Add(48*time.Hour))})
	wrongCN := "https://api.paypal.com/v1/notifications/certs/CERT-wrongcn"
	h.set(wrongCN, keyDoc{body: testCert(t, key, "www.paypal.com", now.Add(-time.Hour), now.Add(48*time.Hour))})
	p, _ := Lookup("paypal")
	v, err := p.Build(Settings{Options: map[string]string{"webhook_id": testWebhookID}})
	if err != nil {
		t.Fatal(err)
	}
	body := []byte(`{"id":"WH-1","event_type":"PAYMENT.CAPTURE.COMPLETED","resource":{"id":"42311647XV020574X"}}`)
	mut := func(f func(h http.Header)) http.Header {
		hd := paypalHeaders(t, key, testWebhookID, now, body, certURL)
		f(hd)
		return hd
	}
	tests := []struct {
		name   string
		header http.Header
		body   []byte
		reason Reason
		fetch  bool
	}{
		{name: "valid", header: paypalHeaders(t, key, testWebhookID, now, body, certURL), fetch: true},
		{name: "algo in another case", header: mut(func(h http.Header) { h.Set("Paypal-Auth-Algo", "sha256withrsa") }), fetch: true},
		{name: "another webhook", header: paypalHeaders(t, key, "OTHERWEBHOOK", now, body, certURL), reason: badSignature, fetch: true},
		{name: "another key", header: paypalHeaders(t, other, testWebhookID, now, body, certURL), reason: badSignature, fetch: true},
		{name: "body changed", header: paypalHeaders(t, key, testWebhookID, now, body, certURL), body: append(bytes.Clone(body), ' '), reason: badSignature, fetch: true},
		{name: "stale", header: paypalHeaders(t, key, testWebhookID, now.Add(-6*time.Minute), body, certURL), reason: stale},
		{name: "future", header: paypalHeaders(t, key, testWebhookID, now.Add(6*time.Minute), body, certURL), reason: stale},
		{name: "cert off PayPal", header: paypalHeaders(t, key, testWebhookID, now, body, "https://evil.example.com/v1/notifications/certs/CERT-1"), reason: badSignature},
		{name: "cert lookalike host", header: paypalHeaders(t, key, testWebhookID, now, body, "https://api.paypal.com.evil.example.com/v1/notifications/certs/CERT-1"), reason: badSignature},
		{name: "cert other path", header: paypalHeaders(t, key, testWebhookID, now, body, "https://api.paypal.com/v1/oauth2/token"), reason: badSignature},
		{name: "cert over http", header: paypalHeaders(t, key, testWebhookID, now, body, strings.Replace(certURL, "https", "http", 1)), reason: badSignature},
		{name: "not PayPal's CN", header: paypalHeaders(t, key, testWebhookID, now, body, wrongCN), reason: keyUnavailable},
		{name: "SHA1withRSA", header: mut(func(h http.Header) { h.Set("Paypal-Auth-Algo", "SHA1withRSA") }), reason: malformedSignature},
		{name: "no signature", header: mut(func(h http.Header) { h.Del("Paypal-Transmission-Sig") }), reason: missingSignature},
		{name: "id twice", header: mut(func(h http.Header) { h.Add("Paypal-Transmission-Id", "x") }), reason: malformedSignature},
		{name: "time not RFC 3339", header: mut(func(h http.Header) { h.Set("Paypal-Transmission-Time", strconv.FormatInt(now.Unix(), 10)) }), reason: malformedSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h.cache = newKeyCache(h.clock.now)
			sharedKeys = h.cache
			before := h.totalHits()
			b := body
			if tt.body != nil {
				b = tt.body
			}
			got, err := v.Verify(paypalDelivery(b, tt.header, now))
			if tt.reason == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if got.ID != tt.header.Get("Paypal-Transmission-Id") {
					t.Fatalf("ID = %q, want the transmission ID", got.ID)
				}
			} else if ReasonOf(err) != tt.reason {
				t.Fatalf("Verify = %v, want %s", err, tt.reason)
			}
			if !tt.fetch && tt.reason != keyUnavailable && h.totalHits() != before {
				t.Fatal("a certificate was fetched for a delivery refused before")
			}
		})
	}
}

// TestPayPalCRC32: the CRC32 is the IEEE checksum written as an unsigned
// decimal, as PayPal's Java SDK computes it (SSLUtil.crc32).
func TestPayPalCRC32(t *testing.T) {
	for body, want := range map[string]string{
		"":                 "0",
		"123456789":        "3421780262", // the CRC-32 check value, 0xCBF43926
		"\xff\xff\xff\xff": "4294967295", // above 2^31: unsigned, never negative
	} {
		if got := strconv.FormatUint(uint64(crc32.ChecksumIEEE([]byte(body))), 10); got != want {
			t.Errorf("crc32(%q) = %s, want %s", body, got, want)
		}
	}
}

func TestPayPalSettings(t *testing.T) {
	p, _ := Lookup("paypal")
	for _, tt := range []struct {
		s    Settings
		want string
	}{
		{Settings{Options: map[string]string{"webhook_id": "a|b"}}, "webhook_id"},
		{Settings{Secrets: [][]byte{[]byte("s")}, Options: map[string]string{"webhook_id": "W"}}, "no shared secret"},
		{Settings{PublicKeys: []string{"not a key"}, Options: map[string]string{"webhook_id": "W"}}, "public_key #1"},
	} {
		if _, err := p.Build(tt.s); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Build(%+v) = %v, want %q", tt.s, err, tt.want)
		}
	}
}
