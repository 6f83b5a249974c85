package webhookverify

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/caddyconfig/caddyfile"
	"github.com/caddyserver/caddy/v2/caddyconfig/httpcaddyfile"
	"github.com/hookgate/hookgate/internal/gatetest"
)

var update = flag.Bool("update", false, "rewrite the expected JSON of testdata/caddyfile/adapt")

const caseSeparator = "\n----------\n"

// readCase splits a testdata case into its Caddyfile and its expectation.
func readCase(t *testing.T, path string) (caddyfile, want string) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	src, expected, ok := strings.Cut(string(raw), caseSeparator)
	if !ok {
		t.Fatalf("%s: no %q separator", path, strings.TrimSpace(caseSeparator))
	}
	return src, strings.TrimSpace(expected)
}

// TestCaddyfileAdapt adapts each good Caddyfile in testdata/caddyfile/adapt
// and compares the JSON with the expected one written below it. It also
// checks that no secret a placeholder stands for was written into the
// JSON: placeholders stay as written.
func TestCaddyfileAdapt(t *testing.T) {
	t.Setenv("PAYONE_PORTAL_KEY", "resolved-portal-key-must-not-leak")
	files, _ := filepath.Glob(absPath(t, "../../testdata/caddyfile/adapt/*.txt"))
	if len(files) < 4 {
		t.Fatalf("found %d adapt cases, want at least 4", len(files))
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			src, want := readCase(t, path)
			got, err := adaptFile(t, src)
			if err != nil {
				t.Fatalf("adapt: %v", err)
			}
			var pretty bytes.Buffer
			json.Indent(&pretty, got, "", "\t")
			if *update {
				os.WriteFile(path, []byte(src+caseSeparator+pretty.String()+"\n"), 0o644)
				return
			}
			if !gatetest.JSONEqual(got, []byte(want)) {
				t.Errorf("adapted JSON differs; got:\n%s", pretty.String())
			}
			if bytes.Contains(got, []byte("resolved-portal-key-must-not-leak")) {
				t.Errorf("a resolved secret was written into the adapted JSON")
			}
			if strings.Contains(src, "{env.") && !bytes.Contains(got, []byte("{env.")) {
				t.Errorf("the {env.*} placeholders were not kept in the JSON")
			}
			// Every good case also provisions (with its env and files absent
			// placeholders would fail, so only the structure is validated here).
		})
	}
}

// TestCaddyfileErrors: each bad configuration in testdata/caddyfile/errors
// fails, at adapt or at provision, with a message naming the problem.
func TestCaddyfileErrors(t *testing.T) {
	files, _ := filepath.Glob(absPath(t, "../../testdata/caddyfile/errors/*.txt"))
	if len(files) < 15 {
		t.Fatalf("found %d error cases, want at least 15", len(files))
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			src, want := readCase(t, path)
			err := adaptFileAndValidate(t, src)
			if err == nil {
				t.Fatalf("config was accepted; want an error containing %q", want)
			}
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error %q does not contain %q", err, want)
			}
		})
	}
}

// absPath makes a path absolute, for tests that change directory.
func absPath(t *testing.T, path string) string {
	t.Helper()
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

// adaptFile adapts src as `caddy adapt --config Caddyfile` would: from a
// file named Caddyfile in the (temporary) working directory, so that the
// handler's Location names the file, the line, the site and the route.
func adaptFile(t *testing.T, src string) ([]byte, error) {
	t.Helper()
	t.Chdir(t.TempDir())
	return adaptFileHere(t, src)
}

// adaptFileHere is adaptFile in the current directory.
func adaptFileHere(t *testing.T, src string) ([]byte, error) {
	t.Helper()
	if err := os.WriteFile("Caddyfile", []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	out, _, err := caddyfile.Adapter{ServerType: httpcaddyfile.ServerType{}}.Adapt([]byte(src), map[string]any{"filename": "Caddyfile"})
	return out, err
}

// adaptAndValidate adapts src and provisions the result without serving it.
func adaptAndValidate(t *testing.T, src string) error {
	t.Helper()
	cfgJSON, err := gatetest.Adapt(t, src)
	if err != nil {
		return err
	}
	return validate(t, cfgJSON)
}

// adaptFileAndValidate is adaptAndValidate from a file (see adaptFile).
func adaptFileAndValidate(t *testing.T, src string) error {
	t.Helper()
	cfgJSON, err := adaptFile(t, src)
	if err != nil {
		return err
	}
	return validate(t, cfgJSON)
}

// validate provisions an adapted config without serving it.
func validate(t *testing.T, cfgJSON []byte) error {
	t.Helper()
	var cfg caddy.Config
	if err := json.Unmarshal(cfgJSON, &cfg); err != nil {
		t.Fatalf("adapted JSON does not parse: %v", err)
	}
	return caddy.Validate(&cfg)
}

// TestGoodConfigsProvision: configurations a user would write provision
// once their placeholders resolve.
func TestGoodConfigsProvision(t *testing.T) {
	dir := t.TempDir()
	secretFile := filepath.Join(dir, "partner")
	os.WriteFile(secretFile, []byte("from-a-file\n"), 0o600)
	t.Setenv("HOOKGATE_TEST_PORTAL_KEY", "portal-key")
	src := `:8080 {
	handle /payone {
		webhook_verify payone {
			secret {env.HOOKGATE_TEST_PORTAL_KEY}
		}
	}
	handle /partner {
		webhook_verify hmac {
			secret {file.` + secretFile + `}
			header X-Signature
			allow_ip ::ffff:203.0.113.0/120 2001:db8::/32
		}
	}
}`
	if err := adaptAndValidate(t, src); err != nil {
		t.Fatal(err)
	}
}
