package webhookverify

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/caddyconfig/caddyfile"

	"github.com/hookgate/hookgate/internal/gatetest"
)

// sourceRangesSite: three GitHub routes, one per way to choose the
// allow-list: the default (the published list, refreshed), refreshing
// off (the preset's compiled-in list: none for GitHub), and a pinned list.
const sourceRangesSite = `
	handle /default {
		webhook_verify github {
			secret ranges-test-secret
		}
		reverse_proxy UPSTREAM
	}
	handle /off {
		webhook_verify github {
			secret ranges-test-secret
			source_ranges off
		}
		reverse_proxy UPSTREAM
	}
	handle /pinned {
		webhook_verify github {
			secret ranges-test-secret
			allow_ip 8.8.8.0/24
		}
		reverse_proxy UPSTREAM
	}
`

// TestSourceRangesThroughCaddy: a real Caddy, behind a trusted proxy
// (127.0.0.1, strict) so that the test can send from any client address,
// with api.github.com/meta served by a local TLS stand-in. The default
// route allows what GitHub's list says once fetched (not the snapshot's
// ranges GitHub dropped), the list is saved in Caddy's data directory,
// and a restart with GitHub unreachable still has it.
func TestSourceRangesThroughCaddy(t *testing.T) {
	data := t.TempDir()
	t.Setenv("XDG_DATA_HOME", data)
	saved := filepath.Join(data, "caddy", "hookgate", "ranges", "github.json")
	host := startKeyHost(t)
	// GitHub's list now: a range not in the compiled-in snapshot, and
	// without 192.30.252.0/22, which the snapshot has
	host.set("api.github.com/meta", []byte(`{"hooks":["4.148.0.0/16","140.82.112.0/20"],"web":["20.0.0.0/8"]}`))
	up := gatetest.StartUpstream(t)
	proxies := "\t\ttrusted_proxies static 127.0.0.1/32 ::1/128\n\t\ttrusted_proxies_strict"
	g := gatetest.StartGate(t, up, proxies, sourceRangesSite)

	waitFor(t, "the first fetch to be saved", func() bool { _, err := os.Stat(saved); return err == nil })
	if host.hitsOf("api.github.com/meta") == 0 {
		t.Fatal("saved without a fetch")
	}
	from := func(path, client string) int {
		t.Helper()
		msg := signSample(t, "github", "ranges-test-secret")
		msg.Header.Set("X-Forwarded-For", client)
		return g.Post(t, path, msg.Header, msg.Body).Status
	}
	cases := []struct {
		path, client string
		want         int
	}{
		{"/default", "4.148.1.2", 200},     // in GitHub's list as fetched
		{"/default", "140.82.112.9", 200},  // in both
		{"/default", "192.30.252.10", 403}, // in the snapshot only: GitHub dropped it
		{"/default", "8.8.8.8", 403},       // in neither
		{"/off", "8.8.8.8", 200},           // no compiled-in list for GitHub: no check
		{"/pinned", "8.8.8.8", 200},        // the pinned list
		{"/pinned", "4.148.1.2", 403},      // pinned: GitHub's list does not apply
	}
	check := func(when string) {
		t.Helper()
		for _, c := range cases {
			if got := from(c.path, c.client); got != c.want {
				t.Errorf("%s: %s from %s: %d, want %d", when, c.path, c.client, got, c.want)
			}
		}
	}
	check("after the fetch")

	// a restart (a new config load) with GitHub answering garbage, the
	// saved copy made older than the refresh interval so that the restart
	// fetches at once: the fetch fails, the saved copy stays in use
	host.set("api.github.com/meta", []byte(`<html>unavailable</html>`))
	if err := caddy.Stop(); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(saved)
	if err != nil {
		t.Fatal(err)
	}
	var copyOnDisk map[string]any
	if err := json.Unmarshal(raw, &copyOnDisk); err != nil {
		t.Fatal(err)
	}
	copyOnDisk["fetched_at"] = time.Now().Add(-7 * time.Hour).UTC().Format(time.RFC3339)
	raw, _ = json.Marshal(copyOnDisk)
	if err := os.WriteFile(saved, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	hits := host.hitsOf("api.github.com/meta")
	g = gatetest.StartGate(t, up, proxies, sourceRangesSite)
	waitFor(t, "the refresh after the restart", func() bool { return host.hitsOf("api.github.com/meta") > hits })
	time.Sleep(200 * time.Millisecond) // the failed document parsed and refused (package ranges tests this exactly)
	check("after a restart with GitHub unreachable")
	raw, err = os.ReadFile(saved)
	if err != nil || !strings.Contains(string(raw), "4.148.0.0/16") {
		t.Errorf("the saved copy lost the good list: %s %v", raw, err)
	}
}

// TestSourceRangesConfigErrors: what source_ranges refuses, in the
// Caddyfile and in JSON.
func TestSourceRangesConfigErrors(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"unknown value", "secret x\n\t\tsource_ranges maybe", "source_ranges must be refresh or off"},
		{"twice", "secret x\n\t\tsource_ranges off\n\t\tsource_ranges refresh", "source_ranges given twice"},
		{"refresh with allow_ip", "secret x\n\t\tsource_ranges refresh\n\t\tallow_ip 8.8.8.8", "keep one"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := provisionSite(t, "github", tt.body)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
		})
	}
	t.Run("refresh for a provider without a list", func(t *testing.T) {
		err := provisionSite(t, "payone", "secret x\n\t\tsource_ranges refresh")
		if err == nil || !strings.Contains(err.Error(), "publishes no list") {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("JSON", func(t *testing.T) {
		h := &Handler{Provider: "github", Secrets: []string{"x"}, SourceRanges: "sometimes"}
		if err := h.provisionSourceRanges(caddyContext(t)); err == nil || !strings.Contains(err.Error(), "refresh or off") {
			t.Fatalf("err = %v", err)
		}
	})
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("waited 10s for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// provisionSite reads a webhook_verify block as the Caddyfile adapter
// does, then provisions it as Caddy would.
func provisionSite(t *testing.T, provider, body string) error {
	t.Helper()
	var h Handler
	if err := h.UnmarshalCaddyfile(caddyfile.NewTestDispenser("webhook_verify " + provider + " {\n\t\t" + body + "\n}")); err != nil {
		return err
	}
	defer h.Cleanup()
	return provision(t, &h)
}

func caddyContext(t *testing.T) caddy.Context {
	t.Helper()
	ctx, cancel := caddy.NewContext(caddy.Context{Context: context.Background()})
	t.Cleanup(cancel)
	return ctx
}
