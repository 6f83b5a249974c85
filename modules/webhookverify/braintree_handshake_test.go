package webhookverify

import (
	"net/http"
	"testing"

	"github.com/hookgate/hookgate/internal/gatetest"
)

// TestBraintreeChallengeThroughCaddy: Braintree's verification GET is
// answered by the gate (the SDK test's values) and never reaches the app;
// a malformed challenge is refused.
func TestBraintreeChallengeThroughCaddy(t *testing.T) {
	up := gatetest.StartUpstream(t)
	g := gatetest.StartGate(t, up, "", "\thandle /bt {\n\t\twebhook_verify braintree {\n\t\t\tsecret integration_private_key\n\t\t\tapi_public_key integration_public_key\n\t\t\tallow_ip 127.0.0.1/32 ::1\n\t\t}\n\t\treverse_proxy UPSTREAM\n\t}\n")

	// braintree/braintree_python tests/unit/test_webhooks.py::test_verify_returns_a_correct_challenge_response
	want := "integration_public_key|d9b899556c966b3f06945ec21311865d35df3ce4"
	if rep := g.Send(t, http.MethodGet, "/bt?bt_challenge=20f9f8ed05f77439fe955c977e4c8a53", nil, nil); rep.Status != http.StatusOK || rep.Body != want {
		t.Fatalf("challenge: %d %q, want 200 %q", rep.Status, rep.Body, want)
	}
	if rep := g.Send(t, http.MethodGet, "/bt?bt_challenge=not-hex", nil, nil); rep.Status != http.StatusUnauthorized {
		t.Fatalf("malformed challenge: %d %q, want 401", rep.Status, rep.Body)
	}
	if n := len(up.Got()); n != 0 {
		t.Fatalf("%d handshake requests reached the app", n)
	}
}
