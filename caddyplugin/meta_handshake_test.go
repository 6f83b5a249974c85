package caddyplugin

import (
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/hookgate/hookgate/verifiers"
)

// TestMetaHandshakeThroughCaddy: through a real Caddy, Meta's subscription
// GET is answered by the gate itself, with the challenge when the route's
// verify_token matches and 403 otherwise, and never reaches the app; a
// signed notification on the same route does.
func TestMetaHandshakeThroughCaddy(t *testing.T) {
	up := startUpstream(t)
	g := startGate(t, up, "", `
	handle /meta {
		webhook_verify meta {
			secret meta-app-secret-1
			verify_token meatyhamhock
		}
		reverse_proxy UPSTREAM
	}
	handle /meta-no-token {
		webhook_verify meta {
			secret meta-app-secret-1
		}
		reverse_proxy UPSTREAM
	}
`)
	for _, c := range []struct {
		name   string
		target string
		status int
		body   string // checked when not empty
	}{
		{"matching verify_token", "/meta?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhock", http.StatusOK, "1158201444"},
		{"wrong verify_token", "/meta?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=other-token", http.StatusForbidden, "verify_token does not match\n"},
		{"no verify_token configured", "/meta-no-token?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhock", http.StatusForbidden, ""},
		{"not exactly a handshake", "/meta?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhock&x=1", http.StatusUnauthorized, ""},
		{"markup as challenge", "/meta?hub.mode=subscribe&hub.challenge=%3Cb%3E&hub.verify_token=meatyhamhock", http.StatusUnauthorized, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			resp, err := http.Get(g.base + c.target)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != c.status || c.body != "" && string(body) != c.body {
				t.Fatalf("status %d %q, want %d %q", resp.StatusCode, body, c.status, c.body)
			}
			if c.status == http.StatusOK && resp.Header.Get("Content-Type") != "text/plain; charset=utf-8" {
				t.Errorf("Content-Type %q", resp.Header.Get("Content-Type"))
			}
			if n := len(up.got()); n != 0 {
				t.Errorf("%d requests reached the upstream", n)
			}
		})
	}

	p, _ := verifiers.Lookup("meta")
	m := &verifiers.Message{Header: http.Header{"Content-Type": {"application/json"}}, Body: []byte(`{"object":"page","entry":[]}`), Now: time.Now()}
	if err := p.Sign(verifiers.Settings{Secrets: [][]byte{[]byte("meta-app-secret-1")}}, m); err != nil {
		t.Fatal(err)
	}
	if rep := g.post(t, "/meta", m.Header, m.Body); rep.Status != http.StatusOK {
		t.Fatalf("signed notification: %d %q", rep.Status, rep.Body)
	}
	if got := up.got(); len(got) != 1 || string(got[0].Body) != string(m.Body) {
		t.Fatalf("the signed notification did not reach the upstream unchanged: %d requests", len(got))
	}
}
