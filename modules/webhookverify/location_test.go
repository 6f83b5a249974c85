package webhookverify

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/hookgate/hookgate/internal/gatetest"
)

// locations returns the location of every webhook_verify handler in an
// adapted config, in the order they appear.
func locations(t *testing.T, cfgJSON []byte) []string {
	t.Helper()
	var tree any
	if err := json.Unmarshal(cfgJSON, &tree); err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(any)
	walk = func(n any) {
		switch n := n.(type) {
		case map[string]any:
			if n["handler"] == "webhook_verify" {
				loc, _ := n["location"].(string)
				out = append(out, loc)
			}
			// Keys in a fixed order, so that the result is too.
			keys := make([]string, 0, len(n))
			for k := range n {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			for _, k := range keys {
				walk(n[k])
			}
		case []any:
			for _, v := range n {
				walk(v)
			}
		}
	}
	walk(tree)
	return out
}

// TestLocation: the Caddyfile adapter records where each webhook_verify is,
// file and line always, and the site and route when the file can be read.
func TestLocation(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		fromFile bool
		want     []string
	}{
		{name: "handle with a path", fromFile: true,
			src:  "hooks.example.com {\n\thandle /stripe {\n\t\twebhook_verify stripe {\n\t\t\tsecret x\n\t\t}\n\t}\n}\n",
			want: []string{"Caddyfile:3 (site hooks.example.com, handle /stripe)"}},
		{name: "handle_path and route", fromFile: true,
			src:  ":8080 {\n\thandle_path /a/* {\n\t\twebhook_verify stripe {\n\t\t\tsecret x\n\t\t}\n\t}\n\troute /b {\n\t\twebhook_verify github {\n\t\t\tsecret y\n\t\t}\n\t}\n}\n",
			want: []string{"Caddyfile:3 (site :8080, handle_path /a/*)", "Caddyfile:8 (site :8080, route /b)"}},
		{name: "inline path matcher", fromFile: true,
			src:  ":8080 {\n\twebhook_verify /hook stripe {\n\t\tsecret x\n\t}\n}\n",
			want: []string{"Caddyfile:2 (site :8080, matcher /hook)"}},
		{name: "named matcher and two site addresses", fromFile: true,
			src:  "a.example.com, b.example.com {\n\t@hooks path /hooks/*\n\twebhook_verify @hooks stripe {\n\t\tsecret x\n\t}\n}\n",
			want: []string{"Caddyfile:3 (site a.example.com b.example.com, matcher @hooks)"}},
		{name: "handle without a matcher", fromFile: true,
			src:  ":8080 {\n\thandle {\n\t\twebhook_verify stripe {\n\t\t\tsecret x\n\t\t}\n\t}\n}\n",
			want: []string{"Caddyfile:3 (site :8080)"}},
		{name: "Caddyfile not on disk: file and line only", fromFile: false,
			src:  ":8080 {\n\thandle /stripe {\n\t\twebhook_verify stripe {\n\t\t\tsecret x\n\t\t}\n\t}\n}\n",
			want: []string{"Caddyfile:3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var cfgJSON []byte
			var err error
			if tt.fromFile {
				cfgJSON, err = adaptFile(t, tt.src)
			} else {
				t.Chdir(t.TempDir()) // no file named Caddyfile here
				cfgJSON, err = gatetest.Adapt(t, tt.src)
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := locations(t, cfgJSON); !slices.Equal(got, tt.want) {
				t.Errorf("locations = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestLocationInImportedSnippetFile: a directive read from an imported file
// names that file and line, and no site taken from the snippet's own text.
func TestLocationInImportedSnippetFile(t *testing.T) {
	// Caddy resolves imports against the directory it started in, so the
	// snippet file is named by its absolute path.
	snippet := filepath.Join(t.TempDir(), "hooks.caddy")
	if err := os.WriteFile(snippet, []byte("webhook_verify stripe {\n\tsecret x\n}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfgJSON, err := adaptFile(t, ":8080 {\n\thandle /x {\n\t\timport "+snippet+"\n\t}\n}\n")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := locations(t, cfgJSON), []string{snippet + ":1"}; !slices.Equal(got, want) {
		t.Errorf("locations = %q, want %q", got, want)
	}
}

// TestProvisionErrorNamesLocation: an error found at provision names the
// provider and the location, once, after Caddy's module prefix.
func TestProvisionErrorNamesLocation(t *testing.T) {
	tests := []struct {
		name string
		h    Handler
		want string
	}{
		{"with a location", Handler{Provider: "payone", Location: "Caddyfile:3 (site :8080, handle /p)"},
			"payone at Caddyfile:3 (site :8080, handle /p): provider payone needs at least one secret (docs/presets.md says what payone needs)"},
		{"without one", Handler{Provider: "payone"},
			"payone: provider payone needs at least one secret (docs/presets.md says what payone needs)"},
		{"unknown provider with a location", Handler{Provider: "strpe", Location: "Caddyfile:2"},
			`at Caddyfile:2: unknown webhook provider "strpe": did you mean stripe? (docs/presets.md lists them all)`},
		{"url on a body scheme", Handler{Provider: "kkiapay", Secrets: []string{"x"}, URL: "https://a.example/", Location: "Caddyfile:9"},
			"kkiapay at Caddyfile:9: url is only used by providers that sign the URL (kkiapay does not): remove it"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := tt.h
			err := provision(t, &h)
			if err == nil || err.Error() != tt.want {
				t.Fatalf("err = %v\nwant   %s", err, tt.want)
			}
		})
	}
}
