package verifiers

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func braintreeSig(private, payload string) string {
	k := sha1.Sum([]byte(private))
	m := hmac.New(sha1.New, k[:])
	m.Write([]byte(payload))
	return hex.EncodeToString(m.Sum(nil))
}

func TestBraintree(t *testing.T) {
	s := Settings{Secrets: [][]byte{[]byte("priv-new"), []byte("priv-old")}, Options: map[string]string{"api_public_key": "pk1"}}
	payload := base64.StdEncoding.EncodeToString([]byte("<notification><kind>check</kind></notification>")) + "\n"
	form := func(fields ...string) string {
		var b strings.Builder
		for i := 0; i+1 < len(fields); i += 2 {
			if b.Len() > 0 {
				b.WriteByte('&')
			}
			b.WriteString(url.QueryEscape(fields[i]) + "=" + url.QueryEscape(fields[i+1]))
		}
		return b.String()
	}
	good := "pk1|" + braintreeSig("priv-old", payload)
	for _, tc := range []struct {
		name string
		body string
		ok   bool
		key  int
	}{
		{"signed with the second key", form("bt_signature", good, "bt_payload", payload), true, 1},
		{"fields in the other order", form("bt_payload", payload, "bt_signature", good), true, 1},
		{"several pairs", form("bt_signature", "pk0|"+braintreeSig("priv-old", payload)+"&"+good, "bt_payload", payload), true, 1},
		{"newline dropped", form("bt_signature", good, "bt_payload", strings.TrimSuffix(payload, "\n")), true, 1},
		{"only another public key's pair", form("bt_signature", "pk0|"+braintreeSig("priv-old", payload), "bt_payload", payload), false, 0},
		{"payload changed", form("bt_signature", good, "bt_payload", "QQ=="+payload), false, 0},
		{"not base64", form("bt_signature", good, "bt_payload", "<xml/>"), false, 0},
		{"an extra field", form("bt_signature", good, "bt_payload", payload, "kind", "x"), false, 0},
		{"payload twice", form("bt_signature", good, "bt_payload", payload, "bt_payload", payload), false, 0},
		{"no signature", form("bt_payload", payload), false, 0},
		// The challenge answer is this HMAC: a payload shaped like a
		// challenge could have been signed by the gate itself.
		{"payload shaped like a challenge", form("bt_signature", "pk1|"+braintreeSig("priv-old", "20f9f8ed05f77439fe955c977e4c8a53"), "bt_payload", "20f9f8ed05f77439fe955c977e4c8a53"), false, 0},
	} {
		d := formRequest("POST", "https://x/hook", tc.body)
		err, a := verifyAndAnswer(t, "braintree", s, d)
		if (err == nil) != tc.ok || a != nil {
			t.Errorf("%s: %v %+v", tc.name, err, a)
			continue
		}
		if err != nil && strings.Contains(err.Error(), "priv-") {
			t.Errorf("%s: the error names a secret", tc.name)
		}
	}
	// Identity: the payload with and without its newline is one delivery.
	p, _ := Lookup("braintree")
	v, _ := p.Build(s)
	a, _ := v.Verify(formRequest("POST", "https://x/hook", form("bt_signature", good, "bt_payload", payload)))
	b, _ := v.Verify(formRequest("POST", "https://x/hook", form("bt_payload", strings.TrimSuffix(payload, "\n"), "bt_signature", good)))
	if ia, _ := a.Identity(); ia == "" || ia != func() string { ib, _ := b.Identity(); return ib }() {
		t.Errorf("identities differ")
	}
}

func TestBraintreeChallenge(t *testing.T) {
	s := Settings{Secrets: [][]byte{[]byte("integration_private_key")}, Options: map[string]string{"api_public_key": "integration_public_key"}}
	err, a := verifyAndAnswer(t, "braintree", s, request("GET", "https://x/hook?bt_challenge=20f9f8ed05f77439fe955c977e4c8a53", ""))
	// braintree/braintree_python tests/unit/test_webhooks.py::test_verify_returns_a_correct_challenge_response
	if err != nil || a == nil || a.Status != http.StatusOK || string(a.Body) != "integration_public_key|d9b899556c966b3f06945ec21311865d35df3ce4" {
		t.Fatalf("challenge: %v %+v", err, a)
	}
	for _, target := range []string{
		"https://x/hook?bt_challenge=bad+challenge",
		"https://x/hook?bt_challenge=20F9F8ED05F77439FE955C977E4C8A53",
		"https://x/hook?bt_challenge=20f9f8ed05f7",
		"https://x/hook?bt_challenge=20f9f8ed05f77439fe955c977e4c8a53&x=1",
		"https://x/hook?bt_challenge=20f9f8ed05f77439fe955c977e4c8a53&bt_challenge=20f9f8ed05f77439fe955c977e4c8a53",
		"https://x/hook",
	} {
		if err, a := verifyAndAnswer(t, "braintree", s, request("GET", target, "")); err == nil || a != nil {
			t.Errorf("%s: accepted (%+v)", target, a)
		}
	}
	p, _ := Lookup("braintree")
	if _, err := p.Build(Settings{Secrets: s.Secrets, Options: map[string]string{"api_public_key": "a|b"}}); err == nil {
		t.Error("built with a public key holding '|'")
	}
}
