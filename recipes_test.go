package hookgate

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/caddyconfig/caddyfile"
	"github.com/caddyserver/caddy/v2/caddyconfig/httpcaddyfile"
	// the modules a Caddy build has (reverse_proxy, tls, file storage...)
	_ "github.com/caddyserver/caddy/v2/modules/standard"

	"github.com/hookgate/hookgate/verifiers"
)

// The recipes of docs/recipes.md are real files in examples/recipes. Each
// test below reads one, makes only the substitutions a test must make
// (the site address becomes a local port, app:8080 a local upstream,
// /run/secrets and /etc/caddy a temporary directory, and source_ranges
// off since the deliveries come from loopback; see recipe()), and
// runs it in a real Caddy with real requests. The rate-limit recipe needs
// a Caddy built with github.com/mholt/caddy-ratelimit, which hookgate's
// go.mod does not require: .ci/run builds one and runs that recipe.

// recipe reads examples/recipes/<name>.Caddyfile with the test's
// substitutions, after a global block that keeps the test self-contained.
func recipe(t *testing.T, name, site, upstream, dir string) string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("examples", "recipes", name+".Caddyfile"))
	if err != nil {
		t.Fatal(err)
	}
	src := string(raw)
	for _, r := range [][2]string{
		{"webhooks.example.com", site},
		{"app:8080", upstream},
		{"/run/secrets/", dir + "/"},
		{"/etc/caddy/", dir + "/"},
	} {
		if !strings.Contains(src, r[0]) && r[0] != "/run/secrets/" && r[0] != "/etc/caddy/" {
			t.Fatalf("%s.Caddyfile has no %q", name, r[0])
		}
		src = strings.ReplaceAll(src, r[0], r[1])
	}
	// the deliveries come from loopback, which no provider's published
	// list has: routes of providers that publish one use none here
	// (modules/webhookverify's TestSourceRangesThroughCaddy tests them)
	for _, p := range []string{"github", "stripe"} {
		src = strings.ReplaceAll(src, "webhook_verify "+p+" {\n", "webhook_verify "+p+" {\n\t\t\tsource_ranges off\n")
	}
	return "{\n\tadmin off\n\tauto_https disable_redirects\n\tstorage file_system " + dir + "/caddy-data\n\tlog {\n\t\toutput discard\n\t}\n}\n" + src
}

// load adapts src and loads it into the Caddy of this process (a second
// load is a reload, as `caddy reload` does).
func load(t *testing.T, src string) {
	t.Helper()
	cfg, warnings, err := (caddyfile.Adapter{ServerType: httpcaddyfile.ServerType{}}).Adapt([]byte(src), nil)
	if err != nil {
		t.Fatalf("adapting: %v\n%s", err, src)
	}
	for _, w := range warnings {
		t.Logf("adapt warning: %s", w)
	}
	if err := caddy.Load(cfg, true); err != nil {
		t.Fatalf("loading: %v", err)
	}
}

var noKeepAlive = &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: 10 * time.Second}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// app is the upstream: it counts what reaches it.
func app(t *testing.T) (*httptest.Server, *int) {
	t.Helper()
	n := new(int)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		*n++
		fmt.Fprint(w, "app got it")
	}))
	t.Cleanup(srv.Close)
	return srv, n
}

// TestRecipesAdapt: every recipe adapts with this build's modules (the
// rate-limit one only with caddy-ratelimit, in .ci/run), and routes to
// webhook_verify with the provider the recipe names.
func TestRecipesAdapt(t *testing.T) {
	t.Setenv("CREDENTIALS_DIRECTORY", "/run/credentials/hookgate.service")
	tests := map[string]string{
		"mtls":                "hmac",
		"secrets-from-files":  "github",
		"secrets-rotation":    "github",
		"systemd-credentials": "stripe",
	}
	files, _ := filepath.Glob("examples/recipes/*.Caddyfile")
	if len(files) != len(tests)+1 {
		t.Fatalf("examples/recipes has %d Caddyfiles, the test knows %d (+ rate-limit)", len(files), len(tests))
	}
	for name, provider := range tests {
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile("examples/recipes/" + name + ".Caddyfile")
			if err != nil {
				t.Fatal(err)
			}
			cfg, _, err := (caddyfile.Adapter{ServerType: httpcaddyfile.ServerType{}}).Adapt(raw, nil)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(cfg), `"handler":"webhook_verify"`) || !strings.Contains(string(cfg), `"provider":"`+provider+`"`) {
				t.Errorf("no webhook_verify %s route in %s", provider, cfg)
			}
			if strings.Contains(string(cfg), "/run/credentials/hookgate.service/stripe_whsec") != (name == "systemd-credentials") {
				t.Errorf("{$CREDENTIALS_DIRECTORY} not filled in as expected: %s", cfg)
			}
		})
	}
}

// TestRecipeSecretsRotation runs the secrets recipes through a rotation
// as docs/recipes.md describes it, reloading Caddy after each step.
func TestRecipeSecretsRotation(t *testing.T) {
	dir := t.TempDir()
	up, reached := app(t)
	port := freePort(t)
	site := fmt.Sprintf("http://127.0.0.1:%d", port)
	upstream := strings.TrimPrefix(up.URL, "http://")
	t.Cleanup(func() { _ = caddy.Stop() })
	github, _ := verifiers.Lookup("github")
	send := func(secret string) int {
		t.Helper()
		m := &verifiers.Message{Header: http.Header{}, Body: []byte(`{"zen":"Keep it logically awesome."}`), Now: time.Now()}
		if err := github.Sign(verifiers.Settings{Secrets: [][]byte{[]byte(secret)}}, m); err != nil {
			t.Fatal(err)
		}
		req, _ := http.NewRequest(http.MethodPost, site+"/github", strings.NewReader(string(m.Body)))
		req.Header = m.Header
		req.Header.Set("Content-Type", "application/json")
		// a new connection each time: a reload closes the old server's
		resp, err := noKeepAlive.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode
	}
	write := func(name, content string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	const oldSecret, newSecret = "old-secret-from-github", "new-secret-from-github"
	// a secret file that is missing or empty stops the config from loading
	for _, content := range []string{"", "-"} {
		if content != "-" {
			write("github_webhook_secret", content)
		}
		cfg, _, err := (caddyfile.Adapter{ServerType: httpcaddyfile.ServerType{}}).Adapt([]byte(recipe(t, "secrets-from-files", site, upstream, dir)), nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := caddy.Load(cfg, true); err == nil || !strings.Contains(err.Error(), "secret #1") {
			t.Fatalf("secret file %q: loaded (%v)", content, err)
		}
		os.Remove(filepath.Join(dir, "github_webhook_secret"))
	}
	steps := []struct {
		name    string
		prepare func()
		recipe  string
		want    map[string]int
	}{
		{"before: one secret, from a file", func() { write("github_webhook_secret", oldSecret) }, "secrets-from-files",
			map[string]int{oldSecret: 200, newSecret: 401}},
		{"rotating: the new secret beside the old", func() { write("github_webhook_secret.next", newSecret) }, "secrets-rotation",
			map[string]int{oldSecret: 200, newSecret: 200}},
		{"after: the new secret in the file, the second line gone", func() {
			if err := os.Rename(filepath.Join(dir, "github_webhook_secret.next"), filepath.Join(dir, "github_webhook_secret")); err != nil {
				t.Fatal(err)
			}
		}, "secrets-from-files", map[string]int{oldSecret: 401, newSecret: 200}},
	}
	accepted := 0
	for _, step := range steps {
		step.prepare()
		load(t, recipe(t, step.recipe, site, upstream, dir))
		for secret, want := range step.want {
			if got := send(secret); got != want {
				t.Errorf("%s: delivery signed with %s: %d, want %d", step.name, secret, got, want)
			}
			if want == 200 {
				accepted++
			}
		}
	}
	if *reached != accepted {
		t.Errorf("the app got %d deliveries, want %d (only the accepted ones)", *reached, accepted)
	}
}

// TestRecipeSystemdCredentials: the secret comes from the file systemd's
// LoadCredential= puts in $CREDENTIALS_DIRECTORY.
func TestRecipeSystemdCredentials(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("CREDENTIALS_DIRECTORY", dir)
	const secret = "whsec_from_systemd_credential"
	if err := os.WriteFile(filepath.Join(dir, "stripe_whsec"), []byte(secret), 0o400); err != nil {
		t.Fatal(err)
	}
	up, reached := app(t)
	site := fmt.Sprintf("http://127.0.0.1:%d", freePort(t))
	t.Cleanup(func() { _ = caddy.Stop() })
	load(t, recipe(t, "systemd-credentials", site, strings.TrimPrefix(up.URL, "http://"), dir))
	stripe, _ := verifiers.Lookup("stripe")
	for _, tt := range []struct {
		secret string
		want   int
	}{{secret, 200}, {"whsec_another", 401}} {
		m := &verifiers.Message{Header: http.Header{}, Body: []byte(`{"id":"evt_1","object":"event"}`), Now: time.Now()}
		if err := stripe.Sign(verifiers.Settings{Secrets: [][]byte{[]byte(tt.secret)}}, m); err != nil {
			t.Fatal(err)
		}
		req, _ := http.NewRequest(http.MethodPost, site+"/stripe", strings.NewReader(string(m.Body)))
		req.Header = m.Header
		req.Header.Set("Content-Type", "application/json")
		resp, err := noKeepAlive.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tt.want {
			t.Errorf("signed with %s: %d, want %d", tt.secret, resp.StatusCode, tt.want)
		}
	}
	if *reached != 1 {
		t.Errorf("the app got %d deliveries, want 1", *reached)
	}
}

// TestRecipeMTLS: only a client with a certificate from the partner's CA
// completes the handshake; the signature is then checked as usual.
func TestRecipeMTLS(t *testing.T) {
	dir := t.TempDir()
	partnerCA, partnerKey := newCA(t, "partner CA")
	otherCA, otherKey := newCA(t, "someone else's CA")
	serverCA, serverCAKey := newCA(t, "server CA")
	writePEM(t, filepath.Join(dir, "partner-ca.pem"), "CERTIFICATE", partnerCA.Raw)
	serverCert := newLeaf(t, serverCA, serverCAKey, "webhooks.example.com", x509.ExtKeyUsageServerAuth)
	writePEM(t, filepath.Join(dir, "server.crt"), "CERTIFICATE", serverCert.Certificate[0])
	keyDER, _ := x509.MarshalECPrivateKey(serverCert.PrivateKey.(*ecdsa.PrivateKey))
	writePEM(t, filepath.Join(dir, "server.key"), "EC PRIVATE KEY", keyDER)
	const secret = "partner-hmac-secret"
	if err := os.WriteFile(filepath.Join(dir, "partner_hmac"), []byte(secret), 0o600); err != nil {
		t.Fatal(err)
	}
	up, reached := app(t)
	port := freePort(t)
	// the site keeps its name (the client sends it as SNI, which is how
	// Caddy picks the connection policy with client_auth); only a port is
	// added, and the client dials it on 127.0.0.1
	site := fmt.Sprintf("https://webhooks.example.com:%d", port)
	src := recipe(t, "mtls", site, strings.TrimPrefix(up.URL, "http://"), dir)
	// the one change beyond addresses: the test's server certificate
	// instead of one Caddy would get from a CA for webhooks.example.com
	if !strings.Contains(src, "\ttls {\n") {
		t.Fatal("mtls.Caddyfile has no `tls {` block")
	}
	src = strings.Replace(src, "\ttls {\n", "\ttls "+dir+"/server.crt "+dir+"/server.key {\n", 1)
	t.Cleanup(func() { _ = caddy.Stop() })
	load(t, src)

	roots := x509.NewCertPool()
	roots.AddCert(serverCA)
	body := `{"event":"invoice.paid"}`
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(body))
	good := hex.EncodeToString(mac.Sum(nil))
	tests := []struct {
		name      string
		client    []tls.Certificate
		signature string
		want      int // 0: the handshake must fail
	}{
		{"partner certificate, good signature", []tls.Certificate{newLeaf(t, partnerCA, partnerKey, "partner", x509.ExtKeyUsageClientAuth)}, good, 200},
		{"partner certificate, bad signature", []tls.Certificate{newLeaf(t, partnerCA, partnerKey, "partner", x509.ExtKeyUsageClientAuth)}, strings.Repeat("0", 64), 401},
		{"no client certificate", nil, good, 0},
		{"certificate from another CA", []tls.Certificate{newLeaf(t, otherCA, otherKey, "partner", x509.ExtKeyUsageClientAuth)}, good, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			client := &http.Client{Transport: &http.Transport{
				TLSClientConfig: &tls.Config{RootCAs: roots, Certificates: tt.client},
				DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
					return (&net.Dialer{}).DialContext(ctx, network, fmt.Sprintf("127.0.0.1:%d", port))
				},
			}, Timeout: 5 * time.Second}
			req, _ := http.NewRequest(http.MethodPost, site+"/partner", strings.NewReader(body))
			req.Header.Set("X-Signature", tt.signature)
			req.Header.Set("Content-Type", "application/json")
			resp, err := client.Do(req)
			if tt.want == 0 {
				if err == nil {
					resp.Body.Close()
					t.Fatalf("answered %d without a trusted client certificate", resp.StatusCode)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tt.want {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.want)
			}
		})
	}
	if *reached != 1 {
		t.Errorf("the app got %d deliveries, want 1", *reached)
	}
}

// TestRecipesDocNamesEveryFile: the recipe page names every recipe file, so a file is never shipped without its instructions.
func TestRecipesDocNamesEveryFile(t *testing.T) {
	doc, err := os.ReadFile("docs/recipes.md")
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("examples/recipes/*.Caddyfile")
	files = append(files, "examples/Dockerfile", "examples/hookgate.service")
	for _, f := range files {
		if !strings.Contains(string(doc), filepath.ToSlash(f)) {
			t.Errorf("docs/recipes.md does not mention %s", f)
		}
	}
}

func newCA(t *testing.T, name string) (*x509.Certificate, *ecdsa.PrivateKey) {
	t.Helper()
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: pkix.Name{CommonName: name},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	return cert, key
}

func newLeaf(t *testing.T, ca *x509.Certificate, caKey *ecdsa.PrivateKey, name string, usage x509.ExtKeyUsage) tls.Certificate {
	t.Helper()
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: pkix.Name{CommonName: name},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		ExtKeyUsage: []x509.ExtKeyUsage{usage}, KeyUsage: x509.KeyUsageDigitalSignature,
	}
	if ip := net.ParseIP(name); ip != nil {
		tmpl.IPAddresses = []net.IP{ip}
	} else {
		tmpl.DNSNames = []string{name}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &key.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}

func writePEM(t *testing.T, path, typ string, der []byte) {
	t.Helper()
	if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestDockerfileBuildsAsCI: examples/Dockerfile builds the way CI does
// (the same xcaddy version, the same xcaddy.sh command), with a Go at
// least go.mod's, onto the Caddy image of go.mod's Caddy version. Docker
// cannot run in CI; the build stage's commands are the ones CI runs.
func TestDockerfileBuildsAsCI(t *testing.T) {
	read := func(p string) string {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		return string(raw)
	}
	docker, ci, gomod := read("examples/Dockerfile"), read(".ci/run"), read("go.mod")
	find := func(re, in, what string) string {
		t.Helper()
		m := regexp.MustCompile(re).FindStringSubmatch(in)
		if m == nil {
			t.Fatalf("no %s (%s)", what, re)
		}
		return m[1]
	}
	xcaddy := `xcaddy/cmd/xcaddy@(v[0-9.]+)`
	if d, c := find(xcaddy, docker, "xcaddy in the Dockerfile"), find(xcaddy, ci, "xcaddy in .ci/run"); d != c {
		t.Errorf("the Dockerfile installs xcaddy %s, CI %s", d, c)
	}
	build := `(?m)^RUN (HOOKGATE_BUILD=xcaddy \./xcaddy\.sh) /out/caddy$`
	if !strings.Contains(ci, find(build, docker, "xcaddy.sh build in the Dockerfile")+" ./caddy") {
		t.Error(".ci/run does not build with the Dockerfile's command")
	}
	goImage := find(`(?m)^FROM golang:([0-9.]+)-\S+ AS build$`, docker, "golang build image")
	goMod := find(`(?m)^go ([0-9]+\.[0-9]+)`, gomod, "go directive")
	if goImage != goMod {
		t.Errorf("the build image has Go %s, go.mod needs %s", goImage, goMod)
	}
	caddyImage := find(`(?m)^FROM caddy:([0-9.]+)$`, docker, "caddy runtime image")
	caddyMod := find(`(?m)^\s*github\.com/caddyserver/caddy/v2 v([0-9.]+)$`, gomod, "caddy in go.mod")
	if caddyImage != caddyMod {
		t.Errorf("the runtime image is Caddy %s, go.mod builds %s", caddyImage, caddyMod)
	}
	if !strings.Contains(docker, "ENV CGO_ENABLED=0") {
		t.Error("the binary must be static: the caddy image is Alpine")
	}
}

// TestRecipesDocExcerpts: every Caddyfile block of docs/recipes.md is an
// excerpt of one of the recipe files (whole lines, in order, indentation
// aside), so the page shows what the tests run.
func TestRecipesDocExcerpts(t *testing.T) {
	doc, err := os.ReadFile("docs/recipes.md")
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("examples/recipes/*.Caddyfile")
	var recipes []string
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		recipes = append(recipes, normalize(string(raw)))
	}
	blocks := regexp.MustCompile("(?s)```caddyfile\n(.*?)\n *```").FindAllStringSubmatch(string(doc), -1)
	if len(blocks) < 5 {
		t.Fatalf("docs/recipes.md has %d Caddyfile blocks", len(blocks))
	}
	for _, b := range blocks {
		excerpt := normalize(b[1])
		found := false
		for _, r := range recipes {
			if strings.Contains(r, excerpt) {
				found = true
			}
		}
		if !found {
			t.Errorf("docs/recipes.md shows a Caddyfile that is in no recipe file:\n%s", b[1])
		}
	}
}

// normalize trims each line and drops comments and blank lines.
func normalize(s string) string {
	var out []string
	for line := range strings.Lines(s) {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, line)
	}
	return "\n" + strings.Join(out, "\n") + "\n"
}
