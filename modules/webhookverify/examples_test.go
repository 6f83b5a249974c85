package webhookverify

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	_ "github.com/hookgate/hookgate/modules/console" // documented Caddyfiles use webhook_console

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/caddyconfig/caddyfile"
	"github.com/caddyserver/caddy/v2/caddyconfig/httpcaddyfile"
	"github.com/hookgate/hookgate/internal/gatetest"
	"github.com/hookgate/hookgate/ranges"
	"github.com/hookgate/hookgate/verifiers"
)

// exampleEnv are the secrets the examples read from the environment.
var exampleEnv = map[string]string{
	"PAYONE_PORTAL_KEY": "example-portal-key",
	"CARDKNOX_PIN":      "ExampleCardknoxPin0123",
	"KKIAPAY_SECRET":    "example-kkiapay-secret",
	"STRIPE_WHSEC":      "whsec_example",
	"TWILIO_AUTH_TOKEN": "example-twilio-token",
	"REDIS_URL":         "redis://127.0.0.1:6379/0",
}

// exampleSecretFiles are the files the examples read with {file....},
// under /run/secrets/ in the examples and a temporary directory here.
var exampleSecretFiles = []string{"github-webhook", "stripe-whsec", "stripe-whsec-previous", "slack-signing-secret"}

// readExample returns an example with /run/secrets/ pointing at dir.
func readExample(t *testing.T, path, dir string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return strings.ReplaceAll(string(b), "/run/secrets/", dir+"/")
}

func setExampleSecrets(t *testing.T) string {
	t.Helper()
	for k, v := range exampleEnv {
		t.Setenv(k, v)
	}
	dir := t.TempDir()
	for _, f := range exampleSecretFiles {
		if err := os.WriteFile(filepath.Join(dir, f), []byte("example-file-secret-"+f+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestExamplesAdaptAndProvision: every examples/*.Caddyfile adapts, keeps
// its secrets out of the adapted JSON (placeholders stay placeholders),
// and provisions with its secrets in place; and without them it fails
// closed, naming what is missing.
func TestExamplesAdaptAndProvision(t *testing.T) {
	files, err := filepath.Glob("../../examples/*.Caddyfile")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 4 {
		t.Fatalf("found %d examples, want at least 4: %v", len(files), files)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			dir := setExampleSecrets(t)
			src := readExample(t, file, dir)
			cfgJSON, err := gatetest.Adapt(t, src)
			if err != nil {
				t.Fatalf("adapting: %v", err)
			}
			if !bytes.Contains(cfgJSON, []byte(`"handler":"webhook_verify"`)) {
				t.Fatal("the example has no webhook_verify route")
			}
			for k, v := range exampleEnv {
				if k != "REDIS_URL" && bytes.Contains(cfgJSON, []byte(v)) {
					t.Errorf("the adapted JSON contains the value of %s", k)
				}
			}
			if bytes.Contains(cfgJSON, []byte("example-file-secret")) {
				t.Error("the adapted JSON contains a secret read from a file")
			}
			var cfg caddy.Config
			if err := json.Unmarshal(cfgJSON, &cfg); err != nil {
				t.Fatal(err)
			}
			if err := caddy.Validate(&cfg); err != nil {
				t.Fatalf("provisioning: %v", err)
			}

			// Fail closed: with the environment empty, provisioning names
			// the missing secret instead of opening a route.
			if !strings.Contains(src, "{env.") {
				return
			}
			for k := range exampleEnv {
				t.Setenv(k, "")
				os.Unsetenv(k)
			}
			var bare caddy.Config
			json.Unmarshal(cfgJSON, &bare)
			err = caddy.Validate(&bare)
			if err == nil || !strings.Contains(err.Error(), "placeholders are resolved at startup") {
				t.Fatalf("provisioning without the secrets: %v, want an error about the missing variable", err)
			}
		})
	}
}

// TestClusterExampleWithRedis runs the Redis cluster example's Stripe route
// against a real redis-server: a delivery is passed on once, and the same
// delivery sent again is stopped by the replay store.
func TestClusterExampleWithRedis(t *testing.T) {
	redis := gatetest.StartRedis(t)
	dir := setExampleSecrets(t)
	t.Setenv("REDIS_URL", redis.URL())
	src := readExample(t, "../../examples/cluster-redis.Caddyfile", dir)

	// Run it here: loopback addresses instead of the public name, the
	// test's upstream instead of the billing service.
	up := gatetest.StartUpstream(t)
	g, metricsPort := runExampleHere(t, src, "reverse_proxy billing-1:3000 billing-2:3000", up)

	msg := signSample(t, "stripe", exampleEnv["STRIPE_WHSEC"])
	for i := range 2 {
		got := g.Post(t, "/stripe", msg.Header, msg.Body)
		if got.Status != http.StatusOK {
			t.Fatalf("delivery %d: %d %s", i+1, got.Status, got.Body)
		}
	}
	if n := len(up.Got()); n != 1 {
		t.Fatalf("the app got the delivery %d times, want once", n)
	}
	metrics := scrape(t, fmt.Sprintf("http://127.0.0.1:%d/metrics", metricsPort))
	if value(metrics, "hookgate_deliveries_total", map[string]string{"provider": "stripe", "outcome": outcomeReplay}) < 1 {
		t.Error("the replay was not counted")
	}
}

// TestSystemdUnit: the unit runs the gate as Caddy's own unit does, with
// the secrets from an EnvironmentFile, never printed to the journal.
func TestSystemdUnit(t *testing.T) {
	b, err := os.ReadFile("../../examples/hookgate.service")
	if err != nil {
		t.Fatal(err)
	}
	unit := string(b)
	for _, want := range []string{
		"ExecStart=/usr/bin/caddy run --config /etc/caddy/Caddyfile",
		"ExecReload=/usr/bin/caddy reload --config /etc/caddy/Caddyfile --force",
		"EnvironmentFile=",
		"User=caddy",
		"AmbientCapabilities=CAP_NET_BIND_SERVICE",
		"NoNewPrivileges=true",
	} {
		if !strings.Contains(unit, want) {
			t.Errorf("hookgate.service lacks %q", want)
		}
	}
	// --environ would print the secrets from the EnvironmentFile to the journal.
	for _, line := range strings.Split(unit, "\n") {
		if strings.HasPrefix(line, "ExecStart=") && strings.Contains(line, "--environ") {
			t.Error("ExecStart uses --environ, which logs the secrets")
		}
		if strings.HasPrefix(line, "Environment=") {
			t.Errorf("values written into the unit itself: %q", line)
		}
	}
}

// TestGrafanaDashboard: the dashboard is valid JSON and every query names
// only metrics hookgate (or Caddy) serves.
func TestGrafanaDashboard(t *testing.T) {
	b, err := os.ReadFile("../../examples/grafana-dashboard.json")
	if err != nil {
		t.Fatal(err)
	}
	var dash struct {
		Title  string `json:"title"`
		Panels []struct {
			Title   string `json:"title"`
			Targets []struct {
				Expr string `json:"expr"`
			} `json:"targets"`
		} `json:"panels"`
	}
	if err := json.Unmarshal(b, &dash); err != nil {
		t.Fatalf("grafana-dashboard.json: %v", err)
	}
	if len(dash.Panels) < 4 {
		t.Fatalf("%d panels, want at least 4", len(dash.Panels))
	}
	known := []string{"hookgate_deliveries_total", "hookgate_verify_duration_seconds_bucket", "hookgate_verify_duration_seconds_count", "hookgate_verify_duration_seconds_sum",
		"hookgate_spool_pending{", "hookgate_spool_oldest_pending_age_seconds", "hookgate_spool_dead_letters{", "hookgate_spool_stored_total", "hookgate_spool_store_failures_total", "hookgate_spool_deliveries_total", "hookgate_spool_retries_total", "hookgate_spool_dead_letters_total"}
	for _, p := range dash.Panels {
		for _, target := range p.Targets {
			ok := false
			for _, k := range known {
				ok = ok || strings.Contains(target.Expr, k)
			}
			if !ok {
				t.Errorf("panel %q queries %q, which names no hookgate metric", p.Title, target.Expr)
			}
		}
	}
}

// TestOperationsDocJSON: every Caddyfile in docs/operations.md adapts, and
// the JSON block that follows it is what Caddy makes of it: each object in
// the block (or the block itself) is found, key for key, in the adapted
// config. It keeps the documented JSON from drifting from the Caddyfile.
func TestOperationsDocJSON(t *testing.T) {
	doc, err := os.ReadFile("../../docs/operations.md")
	if err != nil {
		t.Fatal(err)
	}
	type block struct{ lang, body string }
	var blocks []block
	lines := strings.Split(string(doc), "\n")
	for i := 0; i < len(lines); i++ {
		lang, ok := strings.CutPrefix(lines[i], "```")
		if !ok || lang == "" {
			continue
		}
		var body []string
		for i++; i < len(lines) && lines[i] != "```"; i++ {
			body = append(body, lines[i])
		}
		blocks = append(blocks, block{lang, strings.Join(body, "\n")})
	}
	pairs := 0
	for i, b := range blocks {
		if b.lang != "caddyfile" {
			continue
		}
		cfgJSON, err := gatetest.Adapt(t, b.body)
		if err != nil {
			t.Errorf("Caddyfile block %d does not adapt: %v\n%s", i, err, b.body)
			continue
		}
		if i+1 >= len(blocks) || blocks[i+1].lang != "json" {
			t.Errorf("Caddyfile block %d has no JSON next to it:\n%s", i, b.body)
			continue
		}
		pairs++
		var adapted, want any
		json.Unmarshal(cfgJSON, &adapted)
		if err := json.Unmarshal([]byte(blocks[i+1].body), &want); err != nil {
			t.Errorf("JSON block after Caddyfile block %d does not parse: %v", i, err)
			continue
		}
		parts, ok := want.([]any)
		if !ok {
			parts = []any{want}
		}
		for _, part := range parts {
			if !containsSubtree(adapted, part) {
				p, _ := json.Marshal(part)
				t.Errorf("documented JSON %s is not in what this Caddyfile adapts to:\n%s\n%s", p, b.body, cfgJSON)
			}
		}
	}
	if pairs < 5 {
		t.Errorf("found %d Caddyfile/JSON pairs, want every Caddyfile form with its JSON", pairs)
	}
}

// containsSubtree reports whether some node of tree has every key of want
// with a matching value (recursively for objects; arrays and scalars equal).
func containsSubtree(tree, want any) bool {
	if subset(tree, want) {
		return true
	}
	switch n := tree.(type) {
	case map[string]any:
		for _, v := range n {
			if containsSubtree(v, want) {
				return true
			}
		}
	case []any:
		for _, v := range n {
			if containsSubtree(v, want) {
				return true
			}
		}
	}
	return false
}

func subset(have, want any) bool {
	switch w := want.(type) {
	case map[string]any:
		h, ok := have.(map[string]any)
		if !ok {
			return false
		}
		for k, wv := range w {
			if hv, ok := h[k]; !ok || !subset(hv, wv) {
				return false
			}
		}
		return true
	case []any:
		h, ok := have.([]any)
		if !ok || len(h) != len(w) {
			return false
		}
		for i := range w {
			if !subset(h[i], w[i]) {
				return false
			}
		}
		return true
	}
	return have == want
}

// docBlock is a fenced code block of a Markdown file.
type docBlock struct {
	file, lang, body string
	line             int
}

// docBlocks returns the fenced blocks of README.md and docs/*.md.
func docBlocks(t *testing.T) []docBlock {
	t.Helper()
	files, _ := filepath.Glob("../../docs/*.md")
	files = append([]string{"../../README.md"}, files...)
	var blocks []docBlock
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(b), "\n")
		for i := 0; i < len(lines); i++ {
			lang, ok := strings.CutPrefix(lines[i], "```")
			if !ok || lang == "" {
				continue
			}
			start := i + 1
			var body []string
			for i++; i < len(lines) && lines[i] != "```"; i++ {
				body = append(body, lines[i])
			}
			blocks = append(blocks, docBlock{filepath.Base(f), lang, strings.Join(body, "\n"), start})
		}
	}
	return blocks
}

// isSyntaxBlock: a block that shows the directive's syntax with <...>
// stand-ins, not a configuration.
func isSyntaxBlock(body string) bool { return strings.Contains(body, "<provider>") }

// TestDocumentedCaddyfiles: every Caddyfile in README.md and docs/*.md
// adapts, provisions with its {env.*} set, and Caddy finds it formatted;
// a fragment (a handle block, a handle_errors block) is tried inside a
// site. The directive's syntax blocks name only subdirectives that exist,
// and the README's names every one.
func TestDocumentedCaddyfiles(t *testing.T) {
	envRef := regexp.MustCompile(`\{env\.([A-Za-z0-9_]+)\}`)
	configs, syntax := 0, 0
	for _, b := range docBlocks(t) {
		if b.lang != "caddyfile" || b.file == "recipes.md" {
			// recipes.md shows excerpts of examples/recipes/*.Caddyfile,
			// which need files and modules of their own: recipes_test.go
			// (the root package) runs those files and checks the excerpts
			continue
		}
		name := fmt.Sprintf("%s:%d", b.file, b.line)
		t.Run(name, func(t *testing.T) {
			if isSyntaxBlock(b.body) {
				syntax++
				checkSyntaxBlock(t, b)
				return
			}
			configs++
			for _, m := range envRef.FindAllStringSubmatch(b.body, -1) {
				t.Setenv(m[1], "documented-value-of-"+m[1]) // long enough for any preset
			}
			if strings.Contains(b.body, "{env.REDIS_URL}") {
				t.Setenv("REDIS_URL", "redis://127.0.0.1:6379/0") // connected to on first use only
			}
			src := b.body + "\n" // a file ends with a newline; the block does not
			first := strings.TrimSpace(strings.SplitN(src, "\n", 2)[0])
			if !strings.HasPrefix(first, "{") && !strings.ContainsAny(strings.Fields(first)[0], ".:") {
				src = "http://127.0.0.1:0 {\n" + src + "}\n" // a fragment: put it in a site
			}
			cfgJSON, warnings, err := caddyfile.Adapter{ServerType: httpcaddyfile.ServerType{}}.Adapt([]byte(src), nil)
			if err != nil {
				t.Fatalf("does not adapt: %v\n%s", err, src)
			}
			for _, w := range warnings {
				if src == b.body+"\n" { // a fragment is reindented by this test, not by the doc
					t.Errorf("Caddy warns: %s", w.Message)
				}
			}
			if err := validate(t, cfgJSON); err != nil {
				t.Fatalf("does not provision: %v", err)
			}
		})
	}
	if configs < 8 || syntax < 2 {
		t.Errorf("found %d configurations and %d syntax blocks; the docs have at least 8 and 2", configs, syntax)
	}
}

// replaySubdirectives are the subdirectives of a replay block.
var replaySubdirectives = []string{"store", "on_store_error", "wait", "lease", "scope"}

// checkSyntaxBlock: each line of a syntax block starts with a subdirective
// that exists (or a stand-in); the README's lists all of them.
func checkSyntaxBlock(t *testing.T, b docBlock) {
	t.Helper()
	listed := map[string]bool{}
	for _, line := range strings.Split(b.body, "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || f[0] == "}" || f[0] == "..." || f[0] == "webhook_verify" || f[0] == "<option>" {
			continue
		}
		if !slices.Contains(subdirectives, f[0]) && !slices.Contains(replaySubdirectives, f[0]) {
			t.Errorf("%q is not a subdirective of webhook_verify", f[0])
		}
		listed[f[0]] = true
	}
	if b.file != "README.md" {
		return
	}
	for _, name := range append(slices.Clone(subdirectives), replaySubdirectives...) {
		if !listed[name] {
			t.Errorf("the README's directive block does not list %s", name)
		}
	}
	readme, _ := os.ReadFile("../../README.md")
	for _, name := range subdirectives {
		if !strings.Contains(string(readme), "| `"+name+" ") {
			t.Errorf("the README's subdirective table has no row for %s", name)
		}
	}
}

// TestShippedCaddyfilesFormatted: Caddy would log "Caddyfile input is not
// formatted" for none of the shipped Caddyfiles.
func TestShippedCaddyfilesFormatted(t *testing.T) {
	files, _ := filepath.Glob("../../examples/*.Caddyfile")
	files = append(files, "../../Caddyfile.example")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if got := caddyfile.Format(b); !bytes.Equal(got, b) {
			t.Errorf("%s is not formatted: run caddy fmt --overwrite %s", f, f)
		}
	}
}

// TestPlatformIngressGitHubReplayClaim checks the comment on the GitHub
// route of examples/platform-ingress.Caddyfile: a redelivery (same signed
// body) within the window reaches the app once, whatever X-GitHub-Delivery
// says, because that header is not signed; the header is still passed on
// as X-Webhook-Delivery.
func TestPlatformIngressGitHubReplayClaim(t *testing.T) {
	dir := setExampleSecrets(t)
	src := readExample(t, "../../examples/platform-ingress.Caddyfile", dir)
	comment := "It is recognised by its signed body, not by\n\t# X-GitHub-Delivery"
	if !strings.Contains(src, comment) {
		t.Fatalf("the example no longer says %q: update this test", comment)
	}
	up := gatetest.StartUpstream(t)
	g, _ := runExampleHere(t, src, "reverse_proxy ci-dispatcher:8080", up)

	msg := signSample(t, "github", "example-file-secret-github-webhook")
	tests := []struct {
		name, deliveryID string
		wantForwarded    int
	}{
		{"first delivery", "11111111-1111-1111-1111-111111111111", 1},
		{"GitHub's redelivery, same ID", "11111111-1111-1111-1111-111111111111", 1},
		{"a replay under a new X-GitHub-Delivery", "22222222-2222-2222-2222-222222222222", 1},
	}
	for _, tt := range tests {
		h := msg.Header.Clone()
		h.Set("X-GitHub-Delivery", tt.deliveryID)
		got := g.Post(t, "/github", h, msg.Body)
		if got.Status != http.StatusOK {
			t.Fatalf("%s: %d %s", tt.name, got.Status, got.Body)
		}
		forwarded := up.Got()
		if len(forwarded) != tt.wantForwarded {
			t.Fatalf("%s: the app got %d deliveries, want %d", tt.name, len(forwarded), tt.wantForwarded)
		}
	}
	if got := up.Got()[0].Header.Get("X-Webhook-Delivery"); got != tests[0].deliveryID {
		t.Errorf("X-Webhook-Delivery = %q, want the X-GitHub-Delivery %q", got, tests[0].deliveryID)
	}
}

// runExampleHere starts an example Caddyfile in this process on loopback
// ports: its admin endpoint off, hooks.example.com and the metrics site
// on free local ports, and its reverse_proxy line (proxy) pointed at up.
// It returns the gate and the metrics port.
func runExampleHere(t *testing.T, src, proxy string, up *gatetest.Upstream) (*gatetest.Gate, int) {
	t.Helper()
	port, metricsPort := gatetest.FreePort(t), gatetest.FreePort(t)
	for old, repl := range map[string]string{
		"admin localhost:2019": "admin off\n\tauto_https off\n\tpersist_config off",
		"hooks.example.com {":  fmt.Sprintf("http://127.0.0.1:%d {", port),
		"http://:9180 {":       fmt.Sprintf("http://127.0.0.1:%d {", metricsPort),
		proxy:                  "reverse_proxy " + up.HostPort(),
	} {
		if !strings.Contains(src, old) {
			t.Fatalf("the example no longer contains %q: update this test", old)
		}
		src = strings.Replace(src, old, repl, 1)
	}
	// The deliveries come from loopback, which no provider's published
	// list has: the routes of providers that publish one use none here
	// (source_ranges_integration_test.go tests those lists).
	for _, p := range verifiers.Names() {
		if ranges.ForPreset(p) != nil {
			src = strings.ReplaceAll(src, "webhook_verify "+p+" {\n", "webhook_verify "+p+" {\n\t\t\tsource_ranges off\n")
		}
	}
	cfg, err := gatetest.Adapt(t, src)
	if err != nil {
		t.Fatal(err)
	}
	if err := caddy.Load(cfg, true); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { caddy.Stop() })
	g := &gatetest.Gate{Base: fmt.Sprintf("http://127.0.0.1:%d", port)}
	g.WaitReady(t)
	return g, metricsPort
}

// signSample signs the preset's sample payload with secret, as `caddy
// webhook sign` does when given no body.
func signSample(t *testing.T, provider, secret string) *verifiers.Message {
	t.Helper()
	p, ok := verifiers.Lookup(provider)
	if !ok {
		t.Fatalf("no preset %s", provider)
	}
	m := &verifiers.Message{Header: http.Header{"Content-Type": {"application/json"}}, Body: p.SampleBody()}
	if err := p.Sign(verifiers.Settings{Secrets: [][]byte{[]byte(secret)}}, m); err != nil {
		t.Fatalf("signing as %s: %v", provider, err)
	}
	return m
}
