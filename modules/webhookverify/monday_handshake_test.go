package webhookverify

import (
	"net/http"
	"testing"
	"time"

	"github.com/hookgate/hookgate/internal/gatetest"
	"github.com/hookgate/hookgate/verifiers"
)

// TestMondayChallengeThroughCaddy: a monday.com challenge carrying a valid
// Authorization JWT for this URL is answered by the gate with the same
// JSON and never reaches the app; an unsigned one is refused.
func TestMondayChallengeThroughCaddy(t *testing.T) {
	up := gatetest.StartUpstream(t)
	g := gatetest.StartGate(t, up, "", "\thandle /mon {\n\t\twebhook_verify monday {\n\t\t\tsecret monday-signing-secret\n\t\t\tallow_ip 127.0.0.1/32 ::1\n\t\t}\n\t\treverse_proxy UPSTREAM\n\t}\n")

	body := `{"challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}`
	p, _ := verifiers.Lookup("monday")
	m := &verifiers.Message{Header: http.Header{"Content-Type": {"application/json"}}, Body: []byte(body), URL: g.Base + "/mon", Now: time.Now()}
	if err := p.Sign(verifiers.Settings{Secrets: [][]byte{[]byte("monday-signing-secret")}}, m); err != nil {
		t.Fatal(err)
	}
	if rep := g.Post(t, "/mon", m.Header, m.Body); rep.Status != http.StatusOK || rep.Body != body {
		t.Fatalf("signed challenge: %d %q, want 200 %q", rep.Status, rep.Body, body)
	}
	if rep := g.Post(t, "/mon", http.Header{"Content-Type": {"application/json"}}, []byte(body)); rep.Status != http.StatusUnauthorized {
		t.Fatalf("unsigned challenge: %d %q, want 401", rep.Status, rep.Body)
	}
	if n := len(up.Got()); n != 0 {
		t.Fatalf("%d handshake requests reached the app", n)
	}
}
