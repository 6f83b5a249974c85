package webhookverify

import (
	"strings"
	"testing"
	"time"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/caddyconfig/caddyfile"

	"github.com/hookgate/hookgate/modules/replay"
	"github.com/hookgate/hookgate/verifiers"
)

func TestDefaultScope(t *testing.T) {
	a := &Handler{Provider: "payone", Options: map[string]string{"portal_id": "1"}}
	b := &Handler{Provider: "payone", Options: map[string]string{"portal_id": "2"}}
	c := &Handler{Provider: "payone", Options: map[string]string{"portal_id": "1"}, Secrets: []string{"other"}}
	checkout, _ := verifiers.Lookup("checkout_com")
	d := &Handler{Provider: "checkout_com", preset: checkout, Options: map[string]string{"authorization": "secret-key"}}
	e := &Handler{Provider: "checkout_com", preset: checkout, Options: map[string]string{"authorization": "rotated-key"}}
	if a.defaultScope() == b.defaultScope() {
		t.Error("routes with different options share a scope")
	}
	if a.defaultScope() != c.defaultScope() {
		t.Error("a secret changed the scope (rotation would forget every delivery)")
	}
	if d.defaultScope() != e.defaultScope() {
		t.Error("checkout_com's authorization key, a secret option, changed the scope")
	}
	if !strings.HasPrefix(a.defaultScope(), "payone:") {
		t.Errorf("scope %q does not name the provider", a.defaultScope())
	}
}

func TestUnmarshalReplayDirective(t *testing.T) {
	src := `webhook_verify payone {
		secret x
		replay 48h {
			store redis {env.REDIS_URL}
			on_store_error forward
			wait 2s
			lease 1m
			scope main
		}
	}`
	var h Handler
	if err := h.UnmarshalCaddyfile(caddyfile.NewTestDispenser(src)); err != nil {
		t.Fatal(err)
	}
	want := replay.Config{Window: caddy.Duration(48 * time.Hour), Store: "redis", RedisURL: "{env.REDIS_URL}", OnStoreError: "forward",
		Wait: caddy.Duration(2 * time.Second), Lease: caddy.Duration(time.Minute), Scope: "main"}
	if h.Replay == nil || *h.Replay != want {
		t.Fatalf("Replay = %+v, want %+v", h.Replay, want)
	}
}
