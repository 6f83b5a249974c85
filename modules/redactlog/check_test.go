package redactlog

import (
	"context"
	"encoding/json"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/modules/logging"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// TestRedacts: a core redacts exactly when its encoder has webhook_redact
// somewhere in its chain; a tee is split into its cores, and a tee taken
// whole redacts only when every member does. The probe writes nothing.
func TestRedacts(t *testing.T) {
	ctx, cancel := caddy.NewContext(caddy.Context{Context: context.Background()})
	t.Cleanup(cancel)
	filter := func(wrapped string) func() (zapcore.Encoder, error) {
		return func() (zapcore.Encoder, error) {
			fe := &logging.FilterEncoder{
				WrappedRaw: json.RawMessage(wrapped),
				FieldsRaw:  map[string]json.RawMessage{"request>remote_port": json.RawMessage(`{"filter":"delete"}`)},
			}
			return fe, fe.Provision(ctx)
		}
	}
	plain := func(enc interface {
		zapcore.Encoder
		caddy.Provisioner
	}) func() (zapcore.Encoder, error) {
		return func() (zapcore.Encoder, error) { return enc, enc.Provision(ctx) }
	}
	tests := []struct {
		name    string
		build   func() (zapcore.Encoder, error)
		redacts bool
	}{
		{"json", plain(&logging.JSONEncoder{}), false},
		{"console", plain(&logging.ConsoleEncoder{}), false},
		{"filter around json", filter(`{"format":"json"}`), false},
		{"webhook_redact", func() (zapcore.Encoder, error) { return provisionRedact(ctx, nil) }, true},
		{"webhook_redact around console", func() (zapcore.Encoder, error) { return provisionRedact(ctx, `{"format":"console"}`) }, true},
		{"webhook_redact around filter", func() (zapcore.Encoder, error) {
			return provisionRedact(ctx, `{"format":"filter","wrap":{"format":"json"}}`)
		}, true},
		{"filter around webhook_redact", filter(`{"format":"webhook_redact","wrap":{"format":"json"}}`), true},
	}
	redacting, err := provisionRedact(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	other := zapcore.NewCore(redacting, zapcore.AddSync(io.Discard), zapcore.InfoLevel)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			enc, err := tt.build()
			if err != nil {
				t.Fatal(err)
			}
			w := &countingWriter{}
			core := zapcore.NewCore(enc, zapcore.AddSync(w), zapcore.DebugLevel)
			sampled := zapcore.NewSamplerWithOptions(core, time.Second, 10, 10)
			for _, c := range []zapcore.Core{core, sampled} {
				if got := Redacts(c); got != tt.redacts {
					t.Errorf("Redacts = %v, want %v", got, tt.redacts)
				}
			}
			tee := zapcore.NewTee(core, other)
			cores := Cores(tee)
			if len(cores) != 2 {
				t.Fatalf("Cores split a tee of 2 into %d", len(cores))
			}
			if got := Redacts(cores[0]); got != tt.redacts {
				t.Errorf("Redacts of the tee's member = %v, want %v", got, tt.redacts)
			}
			if got := Redacts(tee); got != tt.redacts {
				t.Errorf("Redacts of the whole tee = %v, want %v (true only when every member redacts)", got, tt.redacts)
			}
			if w.n != 0 {
				t.Errorf("the probe wrote %d bytes", w.n)
			}
		})
	}
	if Redacts(zapcore.NewNopCore()) {
		t.Error("a core that encodes nothing is said to redact")
	}
}

type countingWriter struct{ n int }

func (w *countingWriter) Write(p []byte) (int, error) { w.n += len(p); return len(p), nil }

// TestRedactReflected: a value logged by reflection (Caddy's trace log
// writes each handler's configuration) has the configured secrets cut
// out, as written and as JSON escapes them.
func TestRedactReflected(t *testing.T) {
	const plain, special = "reflected-secret-0123456789", `refl<"&>secret-0123456789`
	route := new(int)
	Register(route, nil, []string{plain, special})
	t.Cleanup(func() { Unregister(route) })
	ctx, cancel := caddy.NewContext(caddy.Context{Context: context.Background()})
	t.Cleanup(cancel)
	enc, err := provisionRedact(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	type config struct {
		Provider string   `json:"provider"`
		Secrets  []string `json:"secrets"`
	}
	var out strings.Builder
	logger := zap.New(zapcore.NewCore(enc, zapcore.AddSync(&out), zapcore.DebugLevel))
	logger.Debug("trace", zap.Any("module", config{Provider: "kkiapay", Secrets: []string{plain, special}}))
	logger.Debug("trace", zap.Any("unrelated", config{Provider: "stripe"}))
	got := out.String()
	escaped, _ := json.Marshal(special)
	for _, leak := range []string{plain, special, string(escaped[1 : len(escaped)-1])} {
		if strings.Contains(got, leak) {
			t.Errorf("the line shows %q:\n%s", leak, got)
		}
	}
	if !strings.Contains(got, `"secrets":["REDACTED","REDACTED"]`) || !strings.Contains(got, `"provider":"stripe"`) {
		t.Errorf("the values are not written, redacted:\n%s", got)
	}
}
