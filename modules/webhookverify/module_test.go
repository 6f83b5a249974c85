package webhookverify

import (
	"context"
	"strings"
	"testing"

	"github.com/caddyserver/caddy/v2"
)

// provision provisions h the way Caddy would, outside a running server.
func provision(t *testing.T, h *Handler) error {
	t.Helper()
	ctx, cancel := caddy.NewContext(caddy.Context{Context: context.Background()})
	t.Cleanup(cancel)
	if err := h.Provision(ctx); err != nil {
		return err
	}
	return h.Validate()
}

func TestProvisionDefaults(t *testing.T) {
	tests := []struct {
		name          string
		h             Handler
		wantAllowList bool
		wantUA        string
		wantMaxBody   int64
	}{
		{name: "payone carries PAYONE's range and User-Agent",
			h:             Handler{Provider: "payone", Secrets: []string{"k"}},
			wantAllowList: true, wantUA: "PAYONE FinanceGate", wantMaxBody: DefaultMaxBody},
		{name: "any turns both checks off",
			h:      Handler{Provider: "payone", Secrets: []string{"k"}, AllowIP: []string{"any"}, UserAgent: "any"},
			wantUA: "", wantMaxBody: DefaultMaxBody},
		{name: "overrides replace the preset's values",
			h:             Handler{Provider: "payone", Secrets: []string{"k"}, AllowIP: []string{"10.0.0.0/8"}, UserAgent: "Mine/1", MaxBody: 4096},
			wantAllowList: true, wantUA: "Mine/1", wantMaxBody: 4096},
		{name: "a provider without published ranges checks none",
			h:      Handler{Provider: "kkiapay", Secrets: []string{"k"}},
			wantUA: "", wantMaxBody: DefaultMaxBody},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := tt.h
			if err := provision(t, &h); err != nil {
				t.Fatal(err)
			}
			if (h.allowList != nil) != tt.wantAllowList || h.userAgent != tt.wantUA || h.maxBody != tt.wantMaxBody {
				t.Errorf("allowList set %v, userAgent %q, maxBody %d; want %v, %q, %d",
					h.allowList != nil, h.userAgent, h.maxBody, tt.wantAllowList, tt.wantUA, tt.wantMaxBody)
			}
		})
	}
}

func TestProvisionErrors(t *testing.T) {
	t.Setenv("HOOKGATE_EMPTY", "")
	tests := []struct {
		name string
		h    Handler
		want string
	}{
		{"no provider", Handler{}, "no provider given"},
		{"unknown provider", Handler{Provider: "nope", Secrets: []string{"x"}}, `unknown webhook provider "nope"; known: 24sevenpay,`},
		{"misspelt provider", Handler{Provider: "strpe", Secrets: []string{"x"}}, `unknown webhook provider "strpe": did you mean stripe?`},
		{"no secret", Handler{Provider: "payone"}, "needs at least one secret"},
		{"empty secret", Handler{Provider: "payone", Secrets: []string{""}}, "secret #1: is empty"},
		{"env resolves to empty", Handler{Provider: "payone", Secrets: []string{"{env.HOOKGATE_EMPTY}"}}, "secret #1"},
		{"unknown placeholder", Handler{Provider: "payone", Secrets: []string{"{http.request.header.X}"}}, "secret #1"},
		{"unknown option", Handler{Provider: "payone", Secrets: []string{"x"}, Options: map[string]string{"header": "X"}}, `has no option "header"`},
		{"bad CIDR", Handler{Provider: "payone", Secrets: []string{"x"}, AllowIP: []string{"1.2.3.4/40"}}, "is not an IP address or CIDR range"},
		{"negative max_body", Handler{Provider: "payone", Secrets: []string{"x"}, MaxBody: -1}, "max_body must not be negative"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := tt.h
			err := provision(t, &h)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want one containing %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "HOOKGATE_EMPTY=") {
				t.Errorf("error echoes an environment value: %v", err)
			}
			// Cleanup must tolerate a handler whose provisioning failed.
			if err := h.Cleanup(); err != nil {
				t.Errorf("Cleanup after a failed Provision: %v", err)
			}
		})
	}
}

// TestProvisionResolvesSecretsOnce: {env.*} is read at provision, so a
// later change of the environment does not change a running route.
func TestProvisionResolvesSecretsOnce(t *testing.T) {
	t.Setenv("HOOKGATE_TEST_SECRET", "first")
	h := Handler{Provider: "kkiapay", Secrets: []string{"{env.HOOKGATE_TEST_SECRET}"}}
	if err := provision(t, &h); err != nil {
		t.Fatal(err)
	}
	if h.Secrets[0] != "{env.HOOKGATE_TEST_SECRET}" {
		t.Errorf("the config value was overwritten with the secret: %q", h.Secrets[0])
	}
}
