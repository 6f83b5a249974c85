package webhookverify

import (
	"net/http"
	"strings"
	"testing"

	"github.com/hookgate/hookgate/internal/gatetest"
)

// TestOktaHandshakeThroughCaddy: the one-time verification GET is answered
// by the gate once its header secret matched, and never reaches the app.
func TestOktaHandshakeThroughCaddy(t *testing.T) {
	up := gatetest.StartUpstream(t)
	g := gatetest.StartGate(t, up, "", `
	handle /okta {
		webhook_verify okta {
			secret "hook-secret-1"
		}
		reverse_proxy UPSTREAM
	}`)
	challenge := "yC9Rb2gMQr8cm1HhZKmD8qHrf1l3tQFkZm1c2zC0Y2w"
	status, ct, body := exchange(t, g, http.MethodGet, "/okta", http.Header{"Authorization": {"hook-secret-1"}, "X-Okta-Verification-Challenge": {challenge}}, "")
	if status != 200 || ct != "application/json" || body != `{"verification":"`+challenge+`"}` {
		t.Errorf("verification: %d %q %q", status, ct, body)
	}
	for name, h := range map[string]http.Header{
		"no secret":    {"X-Okta-Verification-Challenge": {challenge}},
		"wrong secret": {"Authorization": {"hook-secret-2"}, "X-Okta-Verification-Challenge": {challenge}},
	} {
		if status, _, body := exchange(t, g, http.MethodGet, "/okta", h, ""); status != http.StatusUnauthorized || strings.Contains(body, challenge) {
			t.Errorf("%s: %d %q, want 401", name, status, body)
		}
	}
	if n := len(up.Got()); n != 0 {
		t.Fatalf("%d verification requests reached the app", n)
	}
	event := `{"eventType":"com.okta.event_hook","eventId":"b5a188b9-5ece-4636-b041-482ffda96311","data":{"events":[]}}`
	if status, _, body := exchange(t, g, http.MethodPost, "/okta", http.Header{"Authorization": {"hook-secret-1"}, "Content-Type": {"application/json"}}, event); status != 200 || body != "ok" {
		t.Errorf("event: %d %q", status, body)
	}
	if got := up.Got(); len(got) != 1 || string(got[0].Body) != event {
		t.Errorf("the app got %d requests, want the one event", len(got))
	}
}
