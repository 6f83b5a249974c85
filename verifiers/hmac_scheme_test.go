package verifiers

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestHMACSchemeHeaderNames: a scheme may name its headers in any case;
// they are canonicalised once when the route is built, and deliveries are
// read under the canonical names.
func TestHMACSchemeHeaderNames(t *testing.T) {
	scheme := hmacScheme{
		Signature:       structuredFormat{Header: "x-sig", ItemSep: ',', KeySep: '=', SignatureKey: "v1", Encoding: encHex},
		TimestampHeader: "x-ts", IDHeader: "x-ID",
		Template:  template{idPart, lit("."), timestampPart, lit("."), bodyPart},
		Algorithm: algSHA256,
	}
	c := scheme.canonical()
	if c.Signature.HeaderName() != "X-Sig" || c.TimestampHeader != "X-Ts" || c.IDHeader != "X-Id" {
		t.Fatalf("canonical = %+v", c)
	}
	if scheme.Signature.HeaderName() != "x-sig" {
		t.Fatal("canonical changed the declared scheme")
	}
	s := Settings{Secrets: secrets("k"), Tolerance: time.Minute}
	v, err := scheme.New(s)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Unix(1_700_000_000, 0)
	m := &Message{Header: http.Header{}, Body: []byte(`{"a":1}`), Now: now, ID: "msg_1"}
	if err := scheme.Sign(s, m); err != nil {
		t.Fatal(err)
	}
	r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(string(m.Body)))
	r.Header = m.Header
	got, err := v.Verify(&Delivery{Request: r, Body: m.Body, Now: now})
	if err != nil || got.ID != "msg_1" {
		t.Fatalf("Verify = %+v, %v", got, err)
	}
	r.Header.Set("X-Id", "msg_2")
	if _, err := v.Verify(&Delivery{Request: r, Body: m.Body, Now: now}); ReasonOf(err) != badSignature {
		t.Fatalf("changed signed ID: %v", err)
	}
}
