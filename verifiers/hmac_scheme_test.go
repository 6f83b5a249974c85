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
	scheme := HMACScheme{
		Signature:       StructuredFormat{Header: "x-sig", ItemSep: ',', KeySep: '=', SignatureKey: "v1", Encoding: Hex},
		TimestampHeader: "x-ts", IDHeader: "x-ID",
		Template:  Template{IDPart, Lit("."), TimestampPart, Lit("."), HeaderPart("x-extra"), Lit("."), BodyPart},
		Algorithm: SHA256,
	}
	c := scheme.canonical()
	if c.Signature.HeaderName() != "X-Sig" || c.TimestampHeader != "X-Ts" || c.IDHeader != "X-Id" || c.Template[4].Value != "X-Extra" {
		t.Fatalf("canonical = %+v", c)
	}
	if scheme.Template[4].Value != "x-extra" {
		t.Fatal("canonical changed the declared template")
	}
	s := Settings{Secrets: secrets("k"), Tolerance: time.Minute}
	v, err := scheme.New(s)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Unix(1_700_000_000, 0)
	m := &Message{Header: http.Header{"X-Extra": {"e"}}, Body: []byte(`{"a":1}`), Now: now, ID: "msg_1"}
	if err := scheme.Sign(s, m); err != nil {
		t.Fatal(err)
	}
	r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(string(m.Body)))
	r.Header = m.Header
	got, err := v.Verify(&Delivery{Request: r, Body: m.Body, Now: now})
	if err != nil || got.ID != "msg_1" {
		t.Fatalf("Verify = %+v, %v", got, err)
	}
	r.Header.Set("X-Extra", "changed")
	if _, err := v.Verify(&Delivery{Request: r, Body: m.Body, Now: now}); ReasonOf(err) != BadSignature {
		t.Fatalf("changed signed header: %v", err)
	}
}
