package verifiers

import (
	"net/http"
	"strings"
	"testing"
)

func TestOktaVerification(t *testing.T) {
	const secret = "Basic b2t0YTpzZWNyZXQ="
	s := Settings{Secrets: [][]byte{[]byte(secret)}}
	get := func(header http.Header) *Delivery {
		d := request("GET", "https://x/okta", "")
		d.Request.Header = header
		return d
	}
	err, a := verifyAndAnswer(t, "okta", s, get(http.Header{"Authorization": {secret}, oktaChallenge: {"yC9Rb2gMQr8cm1HhZKmD8qHrf1l3tQFkZm1c2zC0Y2w"}}))
	if err != nil || a == nil || a.Status != 200 || a.ContentType != "application/json" || string(a.Body) != `{"verification":"yC9Rb2gMQr8cm1HhZKmD8qHrf1l3tQFkZm1c2zC0Y2w"}` {
		t.Fatalf("verification: %v %+v", err, a)
	}
	// Markup in the challenge is escaped by the JSON encoder.
	if err, a := verifyAndAnswer(t, "okta", s, get(http.Header{"Authorization": {secret}, oktaChallenge: {`<b>"x"</b>`}})); err != nil || a == nil || string(a.Body) != `{"verification":"\u003cb\u003e\"x\"\u003c/b\u003e"}` {
		t.Errorf("escaped challenge: %v %+v", err, a)
	}
	tests := []struct {
		name   string
		d      *Delivery
		reason Reason // refused by Verify; "" = verified but not answered
	}{
		{"no secret", get(http.Header{oktaChallenge: {"abc"}}), missingSignature},
		{"wrong secret", get(http.Header{"Authorization": {"Basic guess"}, oktaChallenge: {"abc"}}), badSignature},
		{"secret twice", get(http.Header{"Authorization": {secret, secret}, oktaChallenge: {"abc"}}), malformedSignature},
		{"challenge twice", get(http.Header{"Authorization": {secret}, oktaChallenge: {"a", "b"}}), ""},
		{"empty challenge", get(http.Header{"Authorization": {secret}, oktaChallenge: {""}}), ""},
		{"control character", get(http.Header{"Authorization": {secret}, oktaChallenge: {"a\tb"}}), ""},
		{"too long", get(http.Header{"Authorization": {secret}, oktaChallenge: {strings.Repeat("a", oktaMaxChallenge+1)}}), ""},
		{"POST", func() *Delivery {
			d := request("POST", "https://x/okta", "")
			d.Request.Header = http.Header{"Authorization": {secret}, oktaChallenge: {"abc"}}
			return d
		}(), ""},
		{"GET with a body", func() *Delivery {
			d := request("GET", "https://x/okta", "{}")
			d.Request.Header = http.Header{"Authorization": {secret}, oktaChallenge: {"abc"}}
			return d
		}(), ""},
	}
	for _, tt := range tests {
		err, a := verifyAndAnswer(t, "okta", s, tt.d)
		switch {
		case tt.reason != "" && ReasonOf(err) != tt.reason:
			t.Errorf("%s: %v, want %s", tt.name, err, tt.reason)
		case tt.reason == "" && err != nil:
			t.Errorf("%s: refused: %v", tt.name, err)
		case a != nil:
			t.Errorf("%s: answered %+v", tt.name, a)
		case err != nil && strings.Contains(err.Error(), secret):
			t.Errorf("%s: refusal names the secret", tt.name)
		}
	}
}

func TestOktaHeaderOption(t *testing.T) {
	s := Settings{Secrets: [][]byte{[]byte("hook-secret")}, Options: map[string]string{"header": "X-Hook-Auth"}}
	event := `{"eventType":"com.okta.event_hook","data":{"events":[]}}`
	for _, tt := range []struct {
		name   string
		header http.Header
		ok     bool
	}{
		{"custom header", http.Header{"X-Hook-Auth": {"hook-secret"}}, true},
		{"Authorization ignored", http.Header{"Authorization": {"hook-secret"}}, false},
		{"wrong value", http.Header{"X-Hook-Auth": {"hook-secret2"}}, false},
	} {
		d := request("POST", "https://x/okta", event)
		d.Request.Header = tt.header
		err, a := verifyAndAnswer(t, "okta", s, d)
		if (err == nil) != tt.ok || a != nil {
			t.Errorf("%s: %v %+v", tt.name, err, a)
		}
	}
	m := &Message{Header: http.Header{}, Body: []byte(event)}
	p, _ := Lookup("okta")
	if err := p.Sign(s, m); err != nil || m.Header.Get("X-Hook-Auth") != "hook-secret" || m.Header.Get("Authorization") != "" {
		t.Errorf("signer: %v %v", err, m.Header)
	}
}
