package console

import (
	"strings"
	"testing"

	"github.com/caddyserver/caddy/v2/caddyconfig/caddyfile"
)

func TestUnmarshalCaddyfile(t *testing.T) {
	tests := []struct {
		src     string
		want    int
		wantErr string
	}{
		{"webhook_console", 0, ""},
		{"webhook_console {\n spool_limit 20\n}", 20, ""},
		{"webhook_console /x", 0, "wrong argument count"},
		{"webhook_console {\n spool_limit 0\n}", 0, "not a positive number"},
		{"webhook_console {\n limit 5\n}", 0, "unknown webhook_console subdirective"},
	}
	for _, tt := range tests {
		var h Handler
		err := h.UnmarshalCaddyfile(caddyfile.NewTestDispenser(tt.src))
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%q: error %v, want %q", tt.src, err, tt.wantErr)
			}
			continue
		}
		if err != nil || h.SpoolLimit != tt.want {
			t.Errorf("%q: %+v, %v; want spool_limit %d", tt.src, h, err, tt.want)
		}
	}
}
