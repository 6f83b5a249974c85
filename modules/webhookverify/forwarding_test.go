package webhookverify

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
	"go.uber.org/zap"
	"go.uber.org/zap/zaptest/observer"
)

// TestWarnUntrustedForwarding: a route with an allow-list on a server that
// trusts proxies without trusted_proxies_strict is warned about, once; with
// strict mode, without trusted proxies, or without an allow-list it is not.
func TestWarnUntrustedForwarding(t *testing.T) {
	proxies := json.RawMessage(`{"source":"static","ranges":["10.0.0.0/8"]}`)
	tests := []struct {
		name      string
		server    *caddyhttp.Server
		allowList bool
		warn      bool
	}{
		{"trusted proxies, not strict", &caddyhttp.Server{TrustedProxiesRaw: proxies}, true, true},
		{"trusted proxies, strict", &caddyhttp.Server{TrustedProxiesRaw: proxies, TrustedProxiesStrict: 1}, true, false},
		{"no trusted proxies", &caddyhttp.Server{}, true, false},
		{"no allow-list", &caddyhttp.Server{TrustedProxiesRaw: proxies}, false, false},
		{"no server (not in an HTTP app)", nil, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			core, logs := observer.New(zap.WarnLevel)
			h := &Handler{Provider: "payone", logger: zap.New(core)}
			if tt.allowList {
				var err error
				if h.allowList, err = parseAllowList([]string{"185.60.20.0/24"}); err != nil {
					t.Fatal(err)
				}
			}
			ctx, cancel := caddy.NewContext(caddy.Context{Context: context.Background()})
			defer cancel()
			if tt.server != nil {
				ctx.Context = context.WithValue(ctx.Context, caddyhttp.ServerCtxKey, tt.server)
			}
			h.warnUntrustedForwarding(ctx)
			if got := logs.FilterFieldKey("provider").Len(); got != map[bool]int{true: 1, false: 0}[tt.warn] {
				t.Errorf("%d warnings, want warn=%v", got, tt.warn)
			}
		})
	}
}
