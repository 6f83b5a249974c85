package verifiers

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestMailgunIdentity: the signature object is read strictly, and what
// carries the signed token (JSON or a form, signature or
// parent-signature) does not change the identity.
func TestMailgunIdentity(t *testing.T) {
	s := Settings{Secrets: [][]byte{[]byte("key-test-signing")}}
	m := &Message{Header: http.Header{"Content-Type": {"application/json"}}, Body: []byte(`{"event-data":{"event":"delivered"}}`), Now: testNow, ID: "tok-0123456789"}
	if err := mustPreset("mailgun").Sign(s, m); err != nil {
		t.Fatal(err)
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(m.Body, &doc); err != nil {
		t.Fatal(err)
	}
	sig := string(doc["signature"])
	var fields map[string]string
	_ = json.Unmarshal(doc["signature"], &fields)
	decoy := `{"timestamp":"` + fields["timestamp"] + `","token":"forged-token","signature":"` + strings.Repeat("0", 64) + `"}`
	var mp bytes.Buffer
	w := multipart.NewWriter(&mp)
	for _, k := range []string{"timestamp", "token", "signature"} {
		_ = w.WriteField(k, fields[k])
	}
	_ = w.Close()
	form := "timestamp=" + fields["timestamp"] + "&token=" + fields["token"] + "&signature=" + fields["signature"] + "&event=delivered"
	tests := []struct {
		name, ct, body string
		reason         Reason
	}{
		{"json", "application/json", string(m.Body), ""},
		{"moved to parent-signature beside a decoy", "application/json", `{"signature":` + decoy + `,"parent-signature":` + sig + `}`, ""},
		{"unsigned event data changed", "application/json", `{"event-data":{"event":"failed"},"signature":` + sig + `}`, ""},
		{"multipart", w.FormDataContentType(), mp.String(), ""},
		{"urlencoded", "application/x-www-form-urlencoded", form, ""},
		{"SIGNATURE after a decoy signature", "application/json", `{"signature":` + decoy + `,"SIGNATURE":` + sig + `}`, ambiguousBody},
		{"duplicate signature", "application/json", `{"signature":` + decoy + `,"signature":` + sig + `}`, ambiguousBody},
		{"duplicate token inside", "application/json", `{"signature":` + strings.Replace(sig, `"token":`, `"token":"forged-token","token":`, 1) + `}`, ambiguousBody},
		{"only parent-signature", "application/json", `{"parent-signature":` + sig + `}`, missingSignature},
		{"form with an extra Token", "application/x-www-form-urlencoded", form + "&Token=forged-token", ambiguousBody},
		{"form with token twice", "application/x-www-form-urlencoded", form + "&token=forged-token", ambiguousBody},
		{"form with token[]", "application/x-www-form-urlencoded", form + "&token[]=forged-token", ambiguousBody},
	}
	v, err := mustPreset("mailgun").Build(s)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodPost, "/", nil)
			r.Header.Set("Content-Type", tt.ct)
			got, err := v.Verify(&Delivery{Request: r, Body: []byte(tt.body), Now: testNow})
			checkRejection(t, err, tt.reason)
			if err == nil && got.ID != "tok-0123456789" {
				t.Fatalf("ID = %q, want the signed token", got.ID)
			}
		})
	}
}
