package webhookcmd

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "github.com/hookgate/hookgate/modules/webhookverify" // the handler, for the gates these tests run

	"github.com/hookgate/hookgate/internal/gatetest"
	"github.com/hookgate/hookgate/verifiers"
	"github.com/hookgate/hookgate/verifiers/verifierstest"
)

// requiredOptionValues are values for the options presets require, used to
// drive every preset. A preset that requires an option not listed here
// fails TestWebhookCommandEveryPreset: add a value.
var requiredOptionValues = map[string]string{
	"header":    "X-Hookgate-Test-Signature",
	"bundle_id": "com.example.hookgate",
	// fetched-key presets (aws_sns, paypal, google_pubsub)
	"topic_arn": "arn:aws:sns:us-east-1:123456789012:hookgate-test", "webhook_id": "8PT597110X687430LKGECATA",
	"aud": "https://hooks.example.com/pubsub", "email": "pusher@example-project.iam.gserviceaccount.com",
	// catalogue batch B
	"api_public_key": "braintree_test_public_key",                                      // braintree
	"topic":          "https://www.youtube.com/xml/feeds/videos.xml?channel_id=UCtest", // youtube
}

// presetRoute is how the command test configures one preset's route and
// signs for it.
type presetRoute struct {
	name       string
	block      string   // the webhook_verify block's lines
	signFlags  []string // flags that sign as the provider would
	wrongFlags []string // flags that sign with another secret or key
}

// randomHex is a secret that every key format accepts: 64 hex digits are
// also valid base64 (with or without a whsec_ prefix) and long enough for
// Cardknox's PIN rule.
func randomHex(t *testing.T) string {
	t.Helper()
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}

// routeFor works out how to configure and sign for a preset, from what the
// preset declares: its required options, and whether it verifies with a
// shared secret or, failing that, with a public key of some algorithm.
func routeFor(t *testing.T, dir, name string) presetRoute {
	t.Helper()
	preset, ok := verifiers.Lookup(name)
	if !ok {
		t.Fatalf("preset %s vanished", name)
	}
	r := presetRoute{name: name}
	options := map[string]string{}
	var optionLines, optionFlags []string
	for _, o := range preset.RequiredOptions {
		v, ok := requiredOptionValues[o]
		if !ok {
			t.Fatalf("preset %s requires option %q: add a test value to requiredOptionValues", name, o)
		}
		options[o] = v
		optionLines = append(optionLines, fmt.Sprintf("%s %q", o, v))
		optionFlags = append(optionFlags, "--option", o+"="+v)
	}

	secret, wrong := randomHex(t), randomHex(t)
	if _, err := preset.Build(verifiers.Settings{Secrets: [][]byte{[]byte(secret)}, Options: options}); err == nil {
		file := filepath.Join(dir, name+".secret")
		if err := os.WriteFile(file, []byte(secret+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		r.block = fmt.Sprintf("secret %s\n%s", secret, strings.Join(optionLines, "\n"))
		r.signFlags = append([]string{"--secret-file", file}, optionFlags...)
		r.wrongFlags = append([]string{"--secret", wrong}, optionFlags...)
		return r
	}
	// No shared secret: an asymmetric scheme. Try each algorithm the
	// keygen command makes until the preset accepts the public key.
	var errs []error
	for _, alg := range []string{"ed25519", "ecdsa-p256", "rsa"} {
		priv, pub, err := generateKeyPair(alg)
		if err != nil {
			t.Fatal(err)
		}
		block, _ := pem.Decode(pub)
		pubText := base64.StdEncoding.EncodeToString(block.Bytes)
		if _, err := preset.Build(verifiers.Settings{PublicKeys: []string{pubText}, Options: options}); err != nil {
			errs = append(errs, fmt.Errorf("%s: %v", alg, err))
			continue
		}
		otherPriv, _, err := generateKeyPair(alg)
		if err != nil {
			t.Fatal(err)
		}
		keyFile, wrongFile := filepath.Join(dir, name+".key"), filepath.Join(dir, name+".wrong.key")
		for f, b := range map[string][]byte{keyFile: priv, wrongFile: otherPriv} {
			if err := os.WriteFile(f, b, 0o600); err != nil {
				t.Fatal(err)
			}
		}
		r.block = fmt.Sprintf("public_key %q\n%s", pubText, strings.Join(optionLines, "\n"))
		r.signFlags = append([]string{"--secret-file", keyFile}, optionFlags...)
		r.wrongFlags = append([]string{"--secret-file", wrongFile}, optionFlags...)
		return r
	}
	// Neither: the signing key travels with the delivery (apple_app_store's
	// x5c chain); sign with the chain the verifierstest fixture makes.
	if f, err := verifierstest.For(name, "http://127.0.0.1/", time.Now()); err == nil && len(f.Verify.Secrets) == 0 && len(f.Verify.PublicKeys) == 0 {
		keyFile, wrongFile := filepath.Join(dir, name+".key"), filepath.Join(dir, name+".wrong.key")
		for file, s := range map[string]verifiers.Settings{keyFile: f.Sign, wrongFile: f.WrongSign} {
			if err := os.WriteFile(file, s.Secrets[0], 0o600); err != nil {
				t.Fatal(err)
			}
		}
		var lines, flags []string
		for o, v := range f.Verify.Options {
			lines = append(lines, fmt.Sprintf("%s %q", o, v))
			flags = append(flags, "--option", o+"="+v)
		}
		r.block = strings.Join(lines, "\n")
		r.signFlags = append([]string{"--secret-file", keyFile}, flags...)
		r.wrongFlags = append([]string{"--secret-file", wrongFile}, flags...)
		return r
	} else if err != nil {
		errs = append(errs, err)
	}
	t.Fatalf("preset %s cannot be driven: it accepts neither a hex secret nor a generated public key (%v)", name, errors.Join(errs...))
	return r
}

// runCommand runs the built caddy binary with args and returns its stdout,
// its stderr and whether it exited 0.
func runCommand(t *testing.T, bin string, args ...string) (stdout, stderr string, ok bool) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("running %s: %v", bin, err)
	}
	return out.String(), errOut.String(), err == nil
}

// parsePrinted reads what `caddy webhook sign` prints without --send: an
// optional "# signed URL: ..." line, header lines, then optionally a blank
// line and the body to send.
func parsePrinted(t *testing.T, out string) (url string, header http.Header, body []byte, hasBody bool) {
	t.Helper()
	header = http.Header{}
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		line := sc.Text()
		if line == "" {
			rest := out[strings.Index(out, "\n\n")+2:]
			return url, header, []byte(strings.TrimSuffix(rest, "\n")), true
		}
		if u, ok := strings.CutPrefix(line, "# signed URL: "); ok {
			url = u
			continue
		}
		name, value, ok := strings.Cut(line, ": ")
		if !ok {
			t.Fatalf("unexpected output line %q in:\n%s", line, out)
		}
		header.Add(name, value)
	}
	return url, header, nil, false
}

// TestWebhookCommandEveryPreset drives every registered preset (the list is
// read at run time, so new presets are covered as they land) through the
// built caddy binary's `webhook sign` command and a real Caddy gate with a
// route per preset: the printed headers and body, sent as printed, are
// accepted and reach the app byte for byte; --send is accepted and prints
// the app's answer; a delivery signed with another secret or key is
// refused with 401 and a non-zero exit status.
func TestWebhookCommandEveryPreset(t *testing.T) {
	bin := gatetest.BuildCaddy(t)
	dir := t.TempDir()
	names := verifiers.Names()
	if len(names) == 0 {
		t.Fatal("no presets registered")
	}
	routes := make([]presetRoute, 0, len(names))
	var site strings.Builder
	site.WriteString(gatetest.ErrorsSite)
	for _, name := range names {
		r := routeFor(t, dir, name)
		routes = append(routes, r)
		fmt.Fprintf(&site, "\thandle /hook/%s {\n\t\twebhook_verify %s {\n\t\t\tallow_ip 127.0.0.1/32\n%s\n\t\t}\n\t\treverse_proxy UPSTREAM\n\t}\n",
			name, name, indent(r.block, "\t\t\t"))
	}
	up := gatetest.StartUpstream(t)
	g := gatetest.StartGate(t, up, "", site.String())

	for _, r := range routes {
		t.Run(r.name, func(t *testing.T) {
			url := g.Base + "/hook/" + r.name

			// 1. Print the delivery, then send it exactly as printed.
			bodyFile := filepath.Join(dir, r.name+".body")
			payload := samplePayload(r.name)
			if err := os.WriteFile(bodyFile, payload, 0o600); err != nil {
				t.Fatal(err)
			}
			args := append([]string{"webhook", "sign", "--provider", r.name, "--body", bodyFile, "--url", url}, r.signFlags...)
			out, stderr, ok := runCommand(t, bin, args...)
			if !ok {
				t.Fatalf("sign failed: %s%s", out, stderr)
			}
			signedURL, header, body, rewritten := parsePrinted(t, out)
			if signedURL == "" {
				t.Fatalf("no signed URL printed:\n%s", out)
			}
			if !rewritten {
				body = payload
			}
			before := len(up.Got())
			req, err := http.NewRequest(http.MethodPost, signedURL, bytes.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			req.Header = header
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			answer := new(bytes.Buffer)
			answer.ReadFrom(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("printed delivery: gate answered %d %q\nprinted:\n%s", resp.StatusCode, answer, out)
			}
			got := up.Got()
			if len(got) != before+1 || !bytes.Equal(got[len(got)-1].Body, body) {
				t.Fatalf("printed delivery did not reach the app byte for byte")
			}

			// 2. --send: the command sends it and prints the answer.
			args = append([]string{"webhook", "sign", "--provider", r.name, "--send", url}, r.signFlags...)
			out, stderr, ok = runCommand(t, bin, args...)
			if !ok || !strings.HasPrefix(out, "HTTP/1.1 200 OK\n") || !strings.Contains(out, "ok") {
				t.Fatalf("--send: exit ok %v, output:\n%s%s", ok, out, stderr)
			}
			if len(up.Got()) != before+2 {
				t.Fatalf("--send did not reach the app")
			}

			// 3. Signed with the wrong secret or key: refused, exit status 1.
			args = append([]string{"webhook", "sign", "--provider", r.name, "--send", url}, r.wrongFlags...)
			out, stderr, ok = runCommand(t, bin, args...)
			if ok || !strings.HasPrefix(out, "HTTP/1.1 401 Unauthorized\n") {
				t.Fatalf("wrong key: exit ok %v, output:\n%s%s", ok, out, stderr)
			}
			if len(up.Got()) != before+2 {
				t.Fatalf("a delivery signed with the wrong key reached the app")
			}
		})
	}
}

// TestWebhookCommandStale: an operator checking a clock problem signs with
// an old --time and sees the gate refuse it as stale.
func TestWebhookCommandStale(t *testing.T) {
	bin := gatetest.BuildCaddy(t)
	up := gatetest.StartUpstream(t)
	g := gatetest.StartGate(t, up, "", gatetest.ErrorsSite+`
	handle /stripe {
		webhook_verify stripe {
			secret whsec_test
			source_ranges off # sent from loopback, in no published list
		}
		reverse_proxy UPSTREAM
	}
`)
	old := fmt.Sprint(time.Now().Add(-20 * time.Minute).Unix())
	out, _, ok := runCommand(t, bin, "webhook", "sign", "--provider", "stripe", "--secret", "whsec_test", "--time", old, "--send", g.Base+"/stripe")
	if ok || !strings.Contains(out, "401") || !strings.Contains(out, "stale") {
		t.Fatalf("old delivery: exit ok %v, output:\n%s", ok, out)
	}
	if len(up.Got()) != 0 {
		t.Fatal("a stale delivery reached the app")
	}
}

// TestWebhookCommandHelp: the command is registered with Caddy's CLI.
func TestWebhookCommandHelp(t *testing.T) {
	bin := gatetest.BuildCaddy(t)
	out, stderr, ok := runCommand(t, bin, "help", "webhook")
	if !ok || !strings.Contains(out, "sign") || !strings.Contains(out, "keygen") {
		t.Fatalf("caddy help webhook: %v\n%s%s", ok, out, stderr)
	}
	out, _, ok = runCommand(t, bin, "webhook", "providers")
	if !ok || !strings.Contains(out, "payone  options: portal_id, aid") {
		t.Fatalf("caddy webhook providers:\n%s", out)
	}
}

// TestSignMessageErrors: mistakes are reported, never signed around.
func TestSignMessageErrors(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty")
	os.WriteFile(empty, []byte("\n"), 0o600)
	tests := []struct {
		name string
		o    signOptions
		want string
	}{
		{"no provider", signOptions{secret: "s"}, "--provider is required"},
		{"unknown provider", signOptions{provider: "nope", secret: "s"}, `unknown provider "nope"`},
		{"no secret", signOptions{provider: "stripe"}, "needs --secret"},
		{"both secrets", signOptions{provider: "stripe", secret: "s", secretFile: empty}, "not both"},
		{"empty secret file", signOptions{provider: "stripe", secretFile: empty}, "is empty"},
		{"missing secret file", signOptions{provider: "stripe", secretFile: filepath.Join(dir, "nope")}, "reading --secret-file"},
		{"unknown option", signOptions{provider: "stripe", secret: "s", options: []string{"portal_id=1"}}, `has no option "portal_id"`},
		{"option without value", signOptions{provider: "payone", secret: "s", options: []string{"portal_id"}}, "not name=value"},
		{"required option", signOptions{provider: "hmac", secret: "s"}, "needs --option header=..."},
		{"URL-signing without URL", signOptions{provider: "twilio", secret: "s"}, "signs the URL"},
		{"bad time", signOptions{provider: "stripe", secret: "s", at: "yesterday"}, "--time"},
		{"bad header", signOptions{provider: "stripe", secret: "s", headers: []string{"nocolon"}}, "not Name: value"},
		{"missing body file", signOptions{provider: "stripe", secret: "s", bodyFile: filepath.Join(dir, "nope")}, "reading --body"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := signMessage(tt.o)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

// TestSignMessageOutput: the printed form has the signature headers, the
// rewritten body (PAYONE) or sample, extra headers last, and no secret.
func TestSignMessageOutput(t *testing.T) {
	const secret = "portal-key-0123456789"
	var out bytes.Buffer
	o := signOptions{provider: "payone", secret: secret, options: []string{"portal_id=2012345"},
		headers: []string{"X-Forwarded-For: 185.60.20.10"}, bodyFile: "-",
		stdin: strings.NewReader("txaction=paid&portalid=2012345")}
	if err := runSign(o, &out); err != nil {
		t.Fatal(err)
	}
	_, header, body, hasBody := parsePrinted(t, out.String())
	if header.Get("User-Agent") != "PAYONE FinanceGate" || header.Get("X-Forwarded-For") != "185.60.20.10" ||
		header.Get("Content-Type") != "application/x-www-form-urlencoded" {
		t.Errorf("headers: %v", header)
	}
	if !hasBody || !bytes.Contains(body, []byte("key="+gatetest.MD5Hex(secret))) {
		t.Errorf("rewritten body not printed: %q", body)
	}
	if strings.Contains(out.String(), secret) {
		t.Error("the secret was printed")
	}
}

func indent(s, prefix string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	for i, l := range lines {
		lines[i] = prefix + strings.TrimSpace(l)
	}
	return strings.Join(lines, "\n")
}
