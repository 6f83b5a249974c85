package spool

import (
	"cmp"
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/caddyconfig/caddyfile"
	"github.com/hookgate/hookgate/verifiers"
	"go.uber.org/zap"
)

// TestUnmarshalSpool: the spool block, its defaults and its mistakes.
func TestUnmarshalSpool(t *testing.T) {
	tests := []struct {
		name    string
		block   string
		want    *Config
		wantErr string
	}{
		{"bare", "spool", &Config{}, ""},
		{"empty block", "spool {\n}", &Config{}, ""},
		{"file default dir", "spool {\n store file\n}", &Config{Store: "file"}, ""},
		{"everything", "spool {\n store file /var/spool/hg\n stream PAY_1\n retry_for 48h\n max_pending 500\n ack_status 202\n ack_body OK\n key {env.SPOOL_KEY}\n}",
			&Config{Store: "file", Dir: "/var/spool/hg", Stream: "PAY_1", RetryFor: caddy.Duration(48 * time.Hour), MaxPending: 500, AckStatus: 202, AckBody: "OK", Key: "{env.SPOOL_KEY}"}, ""},
		{"key without value", "spool {\n key\n}", nil, "key"},
		{"nats", "spool {\n store nats {env.NATS_URL}\n}", &Config{Store: "nats", URL: "{env.NATS_URL}"}, ""},
		{"argument", "spool file", nil, "no arguments"},
		{"nats without url", "spool {\n store nats\n}", nil, "file [<dir>] or nats <url>"},
		{"unknown store", "spool {\n store redis x\n}", nil, "file [<dir>] or nats <url>"},
		{"repeated", "spool {\n retry_for 1h\n retry_for 2h\n}", nil, "given twice"},
		{"bad duration", "spool {\n retry_for soon\n}", nil, "retry_for"},
		{"zero max_pending", "spool {\n max_pending 0\n}", nil, "max_pending"},
		{"ack_status not 2xx", "spool {\n ack_status 500\n}", nil, "2xx"},
		{"bad stream", "spool {\n stream a.b\n}", nil, "stream"},
		{"unknown", "spool {\n retries 3\n}", nil, "unknown spool subdirective"},
		{"concurrency and attempt_timeout", "spool {\n concurrency 1\n attempt_timeout 5s\n}",
			&Config{Concurrency: 1, AttemptTimeout: caddy.Duration(5 * time.Second)}, ""},
		{"most concurrency", "spool {\n concurrency 1000\n}", &Config{Concurrency: 1000}, ""},
		{"zero concurrency", "spool {\n concurrency 0\n}", nil, "concurrency"},
		{"too much concurrency", "spool {\n concurrency 1001\n}", nil, "1 to 1000"},
		{"bad attempt_timeout", "spool {\n attempt_timeout 0s\n}", nil, "attempt_timeout"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := caddyfile.NewTestDispenser(tt.block + "\nafter")
			d.Next()
			c := new(Config)
			err := c.UnmarshalCaddyfile(d)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(c, tt.want) {
				t.Errorf("Config = %+v, want %+v", c, tt.want)
			}
			if !d.Next() || d.Val() != "after" {
				t.Errorf("the dispenser was not left at the end of the block: at %q", d.Val())
			}
		})
	}
}

// TestProvisionSpool: defaults resolved once; mistakes are errors naming
// the problem, with no credential in them; Cleanup releases the store.
func TestProvisionSpool(t *testing.T) {
	dir := t.TempDir()
	s, err := openSpool(t, &Config{Dir: dir}, "payone", 0)
	if err != nil {
		t.Fatal(err)
	}
	if s.stream != "HOOKGATE_PAYONE" || s.retryFor != 72*time.Hour || s.maxPending != 100000 ||
		s.ackStatus != 200 || string(s.ackBody) != "TSOK" || s.name != "file:"+dir+"#HOOKGATE_PAYONE" {
		t.Errorf("defaults: %+v", s)
	}
	if op, ok := spoolOperators.byName[s.name]; !ok || op != s {
		t.Error("the spool is not registered for the admin API")
	}
	conn := s.conn
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, ok := spoolOperators.byName[s.name]; ok {
		t.Error("the spool is still registered after Cleanup")
	}
	if conn.srv.Running() {
		t.Error("the embedded server runs on after its last route was cleaned up")
	}

	for _, tt := range []struct {
		name    string
		spool   Config
		maxBody int64
		wantErr string
	}{
		{"unknown store", Config{Store: "disk"}, 0, `store must be file or nats, not "disk"`},
		{"url with file", Config{Dir: dir, URL: "nats://x"}, 0, "url is only used with store nats"},
		{"dir with nats", Config{Store: "nats", URL: "nats://127.0.0.1:1", Dir: dir}, 0, "dir is only used with store file"},
		{"unset placeholder", Config{Store: "nats", URL: "{env.HOOKGATE_NO_SUCH_VAR}"}, 0, "url:"},
		{"nats down", Config{Store: "nats", URL: "nats://user:hunter2-secret@127.0.0.1:1"}, 0, "store nats nats://REDACTED@127.0.0.1:1"},
		{"bad ack_status", Config{Dir: dir, AckStatus: 302}, 0, "ack_status 302"},
		{"the largest body fits a message", Config{Dir: dir}, MaxMessageBody, ""},
		{"stream name", Config{Dir: dir, Stream: "a b"}, 0, "stream"},
		{"short key", Config{Dir: dir, Key: "too-short"}, 0, "key is 9 bytes; use at least 32"},
		{"unset key placeholder", Config{Dir: dir, Key: "{env.HOOKGATE_NO_SUCH_VAR}"}, 0, "key:"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, err := openSpool(t, &tt.spool, "payone", tt.maxBody)
			t.Cleanup(func() { s.Close() })
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("error %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
			}
			if strings.Contains(err.Error(), "hunter2") {
				t.Errorf("the error shows the NATS password: %v", err)
			}
		})
	}
}

// TestProvisionSpoolDefaultDir: without a dir, the spool is under Caddy's
// data directory.
func TestProvisionSpoolDefaultDir(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	s, err := openSpool(t, &Config{}, "kkiapay", 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	want := "file:" + filepath.Join(caddy.AppDataDir(), "hookgate", "spool") + "#HOOKGATE_KKIAPAY"
	if s.name != want {
		t.Errorf("name %q, want %q", s.name, want)
	}
}

// TestRedactNATSURL: credentials never reach a log line or an error.
func TestRedactNATSURL(t *testing.T) {
	for in, want := range map[string]string{
		"nats://127.0.0.1:4222":                 "nats://127.0.0.1:4222",
		"nats://u:p@h:4222,tls://token@h2:4222": "nats://REDACTED@h:4222,tls://REDACTED@h2:4222",
		"nats://u:p@h:4222, nats://u:p@h3:4222": "nats://REDACTED@h:4222,nats://REDACTED@h3:4222",
		"nats://a:%zz@h":                        "(unparsable URL)",
	} {
		if got := redactNATSURL(in); got != want {
			t.Errorf("redactNATSURL(%q) = %q, want %q", in, got, want)
		}
	}
}

// openSpool opens c for a route of provider, as webhook_verify does; a
// maxBody of 0 is the default max_body.
func openSpool(t *testing.T, c *Config, provider string, maxBody int64) (*Spool, error) {
	t.Helper()
	p, ok := verifiers.Lookup(provider)
	if !ok {
		t.Fatalf("no preset %s", provider)
	}
	ctx, cancel := caddy.NewContext(caddy.Context{Context: context.Background()})
	t.Cleanup(cancel)
	route := Route{Provider: provider, AckBody: p.AckBody, Acknowledged: p.Acknowledged,
		MaxBody: cmp.Or(maxBody, 1<<20), MaxBodySet: maxBody != 0, Logger: zap.NewNop()}
	return c.Open(ctx, caddy.NewReplacer(), route)
}
