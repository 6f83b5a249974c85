package webhookverify

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"net/http"
	"testing"

	"github.com/hookgate/hookgate/internal/gatetest"
)

// TestMandrillHandshakeThroughCaddy: Mandrill's HEAD URL check is answered
// 200 by the gate and never reaches the app; a signed POST does, and the
// fallback POST signed with the generic key "test-webhook" is refused.
func TestMandrillHandshakeThroughCaddy(t *testing.T) {
	up := gatetest.StartUpstream(t)
	port := gatetest.FreePort(t)
	g := gatetest.StartGateOnPort(t, up, "", `
	handle /mandrill {
		webhook_verify mandrill {
			secret mandrill-webhook-key
		}
		reverse_proxy UPSTREAM
	}`, port)
	if status, _, body := exchange(t, g, http.MethodHead, "/mandrill", nil, ""); status != 200 || body != "" {
		t.Errorf("HEAD check: %d %q", status, body)
	}
	if n := len(up.Got()); n != 0 {
		t.Fatalf("%d URL checks reached the app", n)
	}
	sign := func(key, signed string) string {
		mac := hmac.New(sha1.New, []byte(key))
		mac.Write([]byte(signed))
		return base64.StdEncoding.EncodeToString(mac.Sum(nil))
	}
	url := g.Base + "/mandrill"
	form := "mandrill_events=%5B%5D"
	h := func(sig string) http.Header {
		return http.Header{"Content-Type": {"application/x-www-form-urlencoded"}, "X-Mandrill-Signature": {sig}}
	}
	if status, _, body := exchange(t, g, http.MethodPost, "/mandrill", h(sign("test-webhook", url+"mandrill_events[]")), form); status != http.StatusUnauthorized {
		t.Errorf("generic test key: %d %q, want 401", status, body)
	}
	if status, _, body := exchange(t, g, http.MethodPost, "/mandrill", h(sign("mandrill-webhook-key", url+"mandrill_events[]")), form); status != 200 || body != "ok" {
		t.Errorf("signed POST: %d %q", status, body)
	}
	if got := up.Got(); len(got) != 1 || string(got[0].Body) != form {
		t.Errorf("the app got %d requests, want the signed POST", len(got))
	}
}
