package verifiers

import (
	"bytes"
	"mime/multipart"
	"net/http/httptest"
	"testing"
	"time"
)

func TestMailgunMultipartAndParent(t *testing.T) {
	ts, token := "1770920772", "e0b5477167110d68991efc6b9f89f0a11066af27834600e123"
	sig := "49cd614df9f142c07a6706b685bb8ed64cbeb470166bd475692764a8c3456afb" // computed, see testdata/vectors/derived.jsonl
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for _, kv := range [][2]string{{"timestamp", ts}, {"token", token}, {"signature", sig}, {"body-plain", "hi"}} {
		_ = w.WriteField(kv[0], kv[1])
	}
	_ = w.Close()
	v, _ := mustPreset("mailgun").Build(Settings{Secrets: [][]byte{[]byte("key-test-signing")}})
	now := time.Unix(1770920772, 0)
	r := httptest.NewRequest("POST", "/", nil)
	r.Header.Set("Content-Type", w.FormDataContentType())
	if _, err := v.Verify(&Delivery{Request: r, Body: buf.Bytes(), Now: now}); err != nil {
		t.Fatalf("multipart: %v", err)
	}
	// A subaccount delivery verified by the primary account's key.
	body := `{"signature":{"timestamp":"1","token":"t","signature":"` + "00" + `"},"parent-signature":{"timestamp":` + ts + `,"token":"` + token + `","signature":"` + sig + `"}}`
	r2 := httptest.NewRequest("POST", "/", nil)
	r2.Header.Set("Content-Type", "application/json")
	if _, err := v.Verify(&Delivery{Request: r2, Body: []byte(body), Now: now}); ReasonOf(err) != malformedSignature {
		t.Fatalf("short signature: %v", err)
	}
	body = `{"signature":{"timestamp":"1","token":"t","signature":"` + sig + `"},"parent-signature":{"timestamp":` + ts + `,"token":"` + token + `","signature":"` + sig + `"}}`
	if _, err := v.Verify(&Delivery{Request: r2, Body: []byte(body), Now: now}); err != nil {
		t.Fatalf("parent-signature with numeric timestamp: %v", err)
	}
}
