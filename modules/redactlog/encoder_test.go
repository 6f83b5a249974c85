package redactlog

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/caddyconfig/caddyfile"
	"github.com/caddyserver/caddy/v2/modules/caddyhttp"
	"github.com/caddyserver/caddy/v2/modules/logging"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/hookgate/hookgate/internal/gatetest"
	"github.com/hookgate/hookgate/verifiers"
)

// encoderTestSecret is configured on a route registered for the test.
const encoderTestSecret = "encoder-test-secret-0123456789"

func TestRedactEncoder(t *testing.T) {
	p, _ := verifiers.Lookup("kkiapay")
	route := new(int) // a route's owner value, as a handler registers itself
	Register(route, SecretHeaderNames(p, verifiers.Settings{}), []string{encoderTestSecret})
	t.Cleanup(func() { Unregister(route) })

	ctx, cancel := caddy.NewContext(caddy.Context{Context: context.Background()})
	t.Cleanup(cancel)

	encoders := map[string]func() (zapcore.Encoder, error){
		"default": func() (zapcore.Encoder, error) { return provisionRedact(ctx, nil) },
		"console": func() (zapcore.Encoder, error) { return provisionRedact(ctx, `{"format":"console"}`) },
		"around filter": func() (zapcore.Encoder, error) {
			return provisionRedact(ctx, `{"format":"filter","wrap":{"format":"json"},"fields":{"request>remote_port":{"filter":"delete"}}}`)
		},
		"inside filter": func() (zapcore.Encoder, error) {
			fe := &logging.FilterEncoder{
				WrappedRaw: json.RawMessage(`{"format":"webhook_redact","wrap":{"format":"json"}}`),
				FieldsRaw:  map[string]json.RawMessage{"request>remote_port": json.RawMessage(`{"filter":"delete"}`)},
			}
			return fe, fe.Provision(ctx)
		},
	}
	for name, build := range encoders {
		t.Run(name, func(t *testing.T) {
			enc, err := build()
			if err != nil {
				t.Fatal(err)
			}
			var out strings.Builder
			logger := zap.New(zapcore.NewCore(enc, zapcore.AddSync(&out), zapcore.DebugLevel))

			r := httptest.NewRequest(http.MethodPost, "/hook?token="+encoderTestSecret, nil)
			r.Header.Set("X-Kkiapay-Secret", "received-kkiapay-value-42")
			r.Header.Set("Stripe-Signature", "t=1,v1=received-stripe-mac-43")
			r.Header.Set("Authorization", "Bearer received-bearer-44")
			r.Header.Set("X-Github-Event", "push")
			req := zap.Object("request", caddyhttp.LoggableHTTPRequest{Request: r, ShouldLogCredentials: true})
			// as Caddy does: the request attached lazily, then fields per line
			logger.WithLazy(req).Error("handled "+encoderTestSecret,
				zap.Any("reflected_headers", r.Header),
				zap.String("echo", "got "+encoderTestSecret),
				zap.Strings("values", []string{encoderTestSecret}),
				zap.String("X-Kkiapay-Secret", "as a plain field"),
			)
			logger.Info("second line", req)

			got := out.String()
			for _, leak := range []string{"received-kkiapay-value-42", "received-stripe-mac-43", "received-bearer-44", encoderTestSecret, "as a plain field"} {
				if strings.Contains(got, leak) {
					t.Errorf("the log shows %q:\n%s", leak, got)
				}
			}
			for _, keep := range []string{"push", "X-Kkiapay-Secret", "Stripe-Signature", Redacted, "second line", "/hook?token="} {
				if !strings.Contains(got, keep) {
					t.Errorf("the log lost %q:\n%s", keep, got)
				}
			}
			if n := strings.Count(got, "\n"); n != 2 {
				t.Errorf("%d lines, want 2 (fields must not carry over between lines):\n%s", n, got)
			}
			if strings.Contains(got, "remote_port") && name != "default" && name != "console" {
				t.Errorf("the filter's own rule was not applied:\n%s", got)
			}
		})
	}
}

func TestRedactEncoderCaddyfile(t *testing.T) {
	tests := []struct {
		src, want string // want "": an error
	}{
		{"webhook_redact", `{}`},
		{"webhook_redact {\n\twrap console\n}", `{"wrap":{"format":"console"}}`},
		{"webhook_redact {\n\twrap filter {\n\t\tfields {\n\t\t\tduration delete\n\t\t}\n\t}\n}", `{"wrap":{"fields":{"duration":{"filter":"delete"}},"format":"filter"}}`},
		{"webhook_redact json", ""},
		{"webhook_redact {\n\tfields x\n}", ""},
		{"webhook_redact {\n\twrap\n}", ""},
	}
	for _, tt := range tests {
		var e RedactEncoder
		err := e.UnmarshalCaddyfile(caddyfile.NewTestDispenser(tt.src))
		if tt.want == "" {
			if err == nil {
				t.Errorf("%q: no error", tt.src)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", tt.src, err)
			continue
		}
		got, _ := json.Marshal(e)
		if !gatetest.JSONEqual(got, []byte(tt.want)) {
			t.Errorf("%q: got %s, want %s", tt.src, got, tt.want)
		}
	}
}

func provisionRedact(ctx caddy.Context, wrap any) (zapcore.Encoder, error) {
	e := &RedactEncoder{}
	if s, ok := wrap.(string); ok {
		e.WrappedRaw = json.RawMessage(s)
	}
	return e, e.Provision(ctx)
}
