package config

import (
	"strings"
	"testing"
	"time"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/caddyconfig/caddyfile"
)

func TestResolve(t *testing.T) {
	t.Setenv("HOOKGATE_CONFIG_TEST", "value-from-env")
	t.Setenv("HOOKGATE_CONFIG_EMPTY", "")
	tests := []struct {
		in, want, wantErr string
	}{
		{"plain", "plain", ""},
		{"{env.HOOKGATE_CONFIG_TEST}", "value-from-env", ""},
		{"", "", "is empty"},
		{"{env.HOOKGATE_CONFIG_EMPTY}", "", "is empty"},
		{"{nosuch.placeholder}", "", "placeholders are resolved at startup"},
	}
	for _, tt := range tests {
		got, err := Resolve(caddy.NewReplacer(), tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("Resolve(%q) = %q, %v; want an error containing %q", tt.in, got, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("Resolve(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestNoRepeats(t *testing.T) {
	tests := []struct {
		block, wantErr string
	}{
		{"replay 1h {\n wait 1s\n lease 1m\n}", ""},
		{"replay 1h {\n wait 1s\n wait 2s\n}", "replay wait given twice (also on line 2)"},
	}
	for _, tt := range tests {
		err := NoRepeats(caddyfile.NewTestDispenser(tt.block))
		if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
			t.Errorf("NoRepeats(%q) = %v, want %q", tt.block, err, tt.wantErr)
		}
	}
}

func TestOneArgAndPositiveDuration(t *testing.T) {
	d := caddyfile.NewTestDispenser("wait 2s\nlease\ntolerance -1s\nspan 1s 2s")
	d.Next()
	v, err := OneArg(d)
	if err != nil || v != "2s" {
		t.Fatalf("OneArg = %q, %v", v, err)
	}
	if dur, err := PositiveDuration(d, "wait", v); err != nil || time.Duration(dur) != 2*time.Second {
		t.Errorf("PositiveDuration(2s) = %v, %v", dur, err)
	}
	d.Next()
	if _, err := OneArg(d); err == nil {
		t.Error("OneArg took a subdirective without its value")
	}
	d.Next()
	v, _ = OneArg(d)
	if _, err := PositiveDuration(d, "tolerance", v); err == nil || !strings.Contains(err.Error(), "not a positive duration") {
		t.Errorf("PositiveDuration(-1s) = %v", err)
	}
	d.Next()
	if _, err := OneArg(d); err == nil {
		t.Error("OneArg took two values")
	}
}
