package webhookverify

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/caddyserver/caddy/v2"

	"github.com/hookgate/hookgate/internal/gatetest"
	"github.com/hookgate/hookgate/verifiers"
)

// TestMetaHandshakeThroughCaddy: through a real Caddy, Meta's subscription
// GET is answered by the gate itself, with the challenge when the route's
// verify_token matches and 403 otherwise, and never reaches the app; a
// signed notification on the same route does.
func TestMetaHandshakeThroughCaddy(t *testing.T) {
	up := gatetest.StartUpstream(t)
	g := gatetest.StartGate(t, up, "", `
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
			resp, err := http.Get(g.Base + c.target)
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
			if n := len(up.Got()); n != 0 {
				t.Errorf("%d requests reached the upstream", n)
			}
		})
	}

	p, _ := verifiers.Lookup("meta")
	m := &verifiers.Message{Header: http.Header{"Content-Type": {"application/json"}}, Body: []byte(`{"object":"page","entry":[]}`), Now: time.Now()}
	if err := p.Sign(verifiers.Settings{Secrets: [][]byte{[]byte("meta-app-secret-1")}}, m); err != nil {
		t.Fatal(err)
	}
	if rep := g.Post(t, "/meta", m.Header, m.Body); rep.Status != http.StatusOK {
		t.Fatalf("signed notification: %d %q", rep.Status, rep.Body)
	}
	if got := up.Got(); len(got) != 1 || string(got[0].Body) != string(m.Body) {
		t.Fatalf("the signed notification did not reach the upstream unchanged: %d requests", len(got))
	}
}

// TestMetaVerifyTokenNotLogged: the verify token travels in the query of
// the handshake, which Caddy's access and debug logs write; with the
// webhook_redact encoder it is cut out of every line, as a secret option.
func TestMetaVerifyTokenNotLogged(t *testing.T) {
	const token = "meaty-verify-token-4711"
	dir := t.TempDir()
	defaultLog, accessLog := filepath.Join(dir, "default.log"), filepath.Join(dir, "access.log")
	port := gatetest.FreePort(t)
	src := fmt.Sprintf(`{
	admin off
	persist_config off
	auto_https off
	grace_period 1s
	log {
		output file %s
		level DEBUG
		format webhook_redact
	}
}
http://127.0.0.1:%d {
	log {
		output file %s
		format webhook_redact {
			wrap json
		}
	}
	webhook_verify meta {
		secret meta-app-secret-1
		verify_token %s
	}
	respond "app"
}
`, defaultLog, port, accessLog, token)
	cfg, err := gatetest.Adapt(t, src)
	if err != nil {
		t.Fatalf("adapting: %v\n%s", err, src)
	}
	if err := caddy.Load(cfg, true); err != nil {
		t.Fatalf("loading: %v", err)
	}
	g := &gatetest.Gate{Base: fmt.Sprintf("http://127.0.0.1:%d", port)}
	g.WaitReady(t)
	for _, sent := range []string{token, "not-" + token} {
		resp, err := http.Get(g.Base + "/?hub.mode=subscribe&hub.challenge=99&hub.verify_token=" + sent)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	if err := caddy.Stop(); err != nil {
		t.Fatal(err)
	}
	access, err := os.ReadFile(accessLog)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(access), "hub.challenge=99") {
		t.Fatalf("the access log did not record the handshake's URI:\n%s", access)
	}
	for _, path := range []string{defaultLog, accessLog} {
		b, _ := os.ReadFile(path)
		if strings.Contains(string(b), token) {
			t.Errorf("%s holds the verify token:\n%s", filepath.Base(path), b)
		}
	}
}
