package webhookverify

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/caddyserver/caddy/v2"

	"github.com/hookgate/hookgate/internal/gatetest"
	"github.com/hookgate/hookgate/verifiers"
)

// TestProvisionLogsUnsourcedPreset: a route whose preset rests on no
// primary source (verifiers.Preset.PrimarySource) says so in one info line
// when a real Caddy provisions it; a sourced preset's route does not.
func TestProvisionLogsUnsourcedPreset(t *testing.T) {
	if _, ok := mustPreset(t, "xero").PrimarySource(); ok {
		t.Fatal("xero has a primary source now: pick another unsourced preset for this test")
	}
	if _, ok := mustPreset(t, "stripe").PrimarySource(); !ok {
		t.Fatal("stripe has no primary source")
	}
	logFile := filepath.Join(t.TempDir(), "caddy.log")
	src := fmt.Sprintf(`{
	admin off
	persist_config off
	auto_https off
	grace_period 1s
	log {
		output file %s
		format json
		level INFO
	}
}
http://127.0.0.1:%d {
	handle /xero {
		webhook_verify xero {
			secret xero-webhook-key
		}
		respond 200
	}
	handle /stripe {
		webhook_verify stripe {
			secret whsec_test
			source_ranges off # sent from loopback, in no published list
		}
		respond 200
	}
}
`, logFile, gatetest.FreePort(t))
	cfg, err := gatetest.Adapt(t, src)
	if err != nil {
		t.Fatal(err)
	}
	if err := caddy.Load(cfg, true); err != nil {
		t.Fatal(err)
	}
	if err := caddy.Stop(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]int{}
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var entry struct {
			Level, Msg, Provider string
		}
		if json.Unmarshal([]byte(line), &entry) != nil || !strings.Contains(entry.Msg, "no primary source") {
			continue
		}
		if entry.Level != "info" {
			t.Errorf("level %q, want info: %s", entry.Level, line)
		}
		found[entry.Provider]++
	}
	if found["xero"] != 1 || found["stripe"] != 0 || len(found) != 1 {
		t.Errorf("no-primary-source lines per provider: %v, want xero once and nothing else\n%s", found, b)
	}
}

func mustPreset(t *testing.T, name string) verifiers.Preset {
	t.Helper()
	p, ok := verifiers.Lookup(name)
	if !ok {
		t.Fatalf("no preset %s", name)
	}
	return p
}
