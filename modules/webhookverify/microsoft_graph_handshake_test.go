package webhookverify

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/hookgate/hookgate/internal/gatetest"
)

// batchCExchange sends one request to the gate and returns the status, content type and body.
func exchange(t *testing.T, g *gatetest.Gate, method, path string, header http.Header, body string) (int, string, string) {
	t.Helper()
	req, err := http.NewRequest(method, g.Base+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, vs := range header {
		req.Header[k] = vs
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Content-Type"), string(b)
}

// TestMicrosoftGraphHandshakeThroughCaddy: the subscription validation
// request is answered by the gate and never reaches the app; notifications
// with the right clientState do, others are refused.
func TestMicrosoftGraphHandshakeThroughCaddy(t *testing.T) {
	up := gatetest.StartUpstream(t)
	g := gatetest.StartGate(t, up, "", `
	handle /graph {
		webhook_verify microsoft_graph {
			secret SecretClientState
		}
		reverse_proxy UPSTREAM
	}`)
	const token = "Validation: Testing client application reachability for subscription Request-Id: 25f7b0d4-c8c3-4a28-9e4e-a9c1b7e29a44"
	const query = "?validationToken=Validation%3a+Testing+client+application+reachability+for+subscription+Request-Id%3a+25f7b0d4-c8c3-4a28-9e4e-a9c1b7e29a44"
	for _, method := range []string{http.MethodPost, http.MethodGet} {
		status, ct, body := exchange(t, g, method, "/graph"+query, http.Header{"Content-Type": {"text/plain; charset=utf-8"}}, "")
		if status != 200 || !strings.HasPrefix(ct, "text/plain") || body != token {
			t.Errorf("%s validation: %d %q %q", method, status, ct, body)
		}
	}
	if n := len(up.Got()); n != 0 {
		t.Fatalf("%d validation requests reached the app", n)
	}
	if status, _, body := exchange(t, g, http.MethodPost, "/graph?validationToken=%3Cscript%3E", nil, ""); status != http.StatusUnauthorized {
		t.Errorf("markup token: %d %q, want 401", status, body)
	}
	good := `{"value":[{"subscriptionId":"s1","changeType":"created","clientState":"SecretClientState","resource":"users/u/messages/m"}]}`
	if status, _, body := exchange(t, g, http.MethodPost, "/graph", http.Header{"Content-Type": {"application/json"}}, good); status != 200 || body != "ok" {
		t.Errorf("notification: %d %q", status, body)
	}
	bad := strings.Replace(good, "SecretClientState", "guess", 1)
	if status, _, _ := exchange(t, g, http.MethodPost, "/graph", http.Header{"Content-Type": {"application/json"}}, bad); status != http.StatusUnauthorized {
		t.Errorf("wrong clientState: %d, want 401", status)
	}
	if got := up.Got(); len(got) != 1 || got[0].Body == nil || string(got[0].Body) != good {
		t.Errorf("the app got %d requests, want the one notification", len(got))
	}
}
