package webhookverify

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hookgate/hookgate/internal/gatetest"
	"github.com/hookgate/hookgate/modules/redactlog"
	"github.com/hookgate/hookgate/verifiers"
	"github.com/hookgate/hookgate/verifiers/verifierstest"
)

// These tests run a real Caddy, as a process (testcaddy: cmd/caddy with
// the panicking handler hookgate_test_panic), for each way of configuring
// its logs, drive every preset through each way a delivery can end, and
// read every byte Caddy wrote: stdout, stderr and every log file.

// logCase is one way a delivery ends, with the route that makes it end so.
type logCase struct {
	name   string
	status int
	route  string
}

// logCases: ROUTE is the webhook_verify block, SLOW a hanging upstream.
var logCases = []logCase{
	{"accepted", http.StatusOK, "ROUTE\n\treverse_proxy UPSTREAM"},
	{"refused", http.StatusUnauthorized, "ROUTE\n\treverse_proxy UPSTREAM"},
	{"down", http.StatusBadGateway, "ROUTE\n\treverse_proxy 127.0.0.1:1"},
	{"timeout", http.StatusGatewayTimeout, "ROUTE\n\treverse_proxy SLOW {\n\t\ttransport http {\n\t\t\tresponse_header_timeout 100ms\n\t\t}\n\t}"},
	{"store", http.StatusServiceUnavailable, "REPLAYROUTE\n\treverse_proxy UPSTREAM"},
	{"panic", http.StatusInternalServerError, "route {\n\tROUTE\n\thookgate_test_panic\n}"},
}

// logMode is a logging configuration.
type logMode struct {
	name string
	// global is added to the global options, site to the site ("" for
	// none); DEFAULT and FILE are replaced by log file paths.
	global, site string
	errors       string // a handle_errors block, "" for none
	// json: the configuration is the Caddyfile adapted to JSON, with the
	// server's access log on ("logs": {}) and this as the default log.
	json map[string]any
	// refused: Caddy must refuse to start; the message names this.
	refused string
	// trace: the server's trace log on (each handler's configuration at
	// DEBUG)
	trace bool
}

const redactedDefault = "log {\n\toutput file DEFAULT\n\tlevel DEBUG\n\tformat webhook_redact\n}"

var logModes = []logMode{
	// Nothing about logs: Caddy's default log on stderr, at INFO, which
	// takes the error log (every 5xx at ERROR with the request).
	{name: "no logging configured"},
	{name: "handle_errors, no logging configured",
		errors: "handle_errors {\n\trespond \"{err.status_code} {err.message} {http.request.header.X-Kkiapay-Secret} {http.request.header.Stripe-Signature}\" {err.status_code}\n}"},
	{name: "log json", site: "log {\n\toutput file FILE\n\tformat json\n}", refused: "the server's access log"},
	{name: "log console", site: "log {\n\toutput file FILE\n\tformat console\n}", refused: "the server's access log"},
	{name: "log filter", site: "log {\n\toutput file FILE\n\tformat filter {\n\t\twrap json\n\t\tfields {\n\t\t\trequest>headers>X-Kkiapay-Secret delete\n\t\t}\n\t}\n}", refused: "the server's access log"},
	{name: "named log json", global: redactedDefault, site: "log hooks {\n\toutput file FILE\n\tformat json\n}", refused: "the access log hooks"},
	{name: "debug", global: "debug", refused: "reverse_proxy's debug log"},
	{name: "trace log json", global: redactedDefault + "\nlog tracelog {\n\tinclude http.log.trace\n\tlevel DEBUG\n\toutput file DEFAULT.trace.log\n}",
		site: "log {\n\toutput file FILE\n\tformat webhook_redact\n}", trace: true, refused: "the trace log"},
	{name: "redacted json", global: redactedDefault, trace: true,
		site: "log {\n\toutput file FILE\n\tformat webhook_redact {\n\t\twrap json\n\t}\n}"},
	{name: "redacted console", global: "log {\n\toutput file DEFAULT\n\tlevel DEBUG\n\tformat webhook_redact {\n\t\twrap console\n\t}\n}",
		site: "log hooks {\n\toutput file FILE\n\tformat webhook_redact {\n\t\twrap console\n\t}\n}"},
	{name: "filter around redact", global: "log {\n\toutput file DEFAULT\n\tlevel DEBUG\n\tformat webhook_redact {\n\t\twrap filter {\n\t\t\twrap json\n\t\t\tfields {\n\t\t\t\tduration delete\n\t\t\t}\n\t\t}\n\t}\n}",
		site: "log {\n\toutput file FILE\n\tformat filter {\n\t\twrap webhook_redact {\n\t\t\twrap json\n\t\t}\n\t\tfields {\n\t\t\trequest>remote_port delete\n\t\t}\n\t}\n}"},
	{name: "json config", json: map[string]any{"level": "DEBUG", "encoder": map[string]any{"format": "webhook_redact"}}},
	{name: "json config unredacted", json: map[string]any{"encoder": map[string]any{"format": "json"}}, refused: "the server's access log"},
}

// logRoute is one preset's route and the deliveries sent to it.
type logRoute struct {
	preset    string
	fixture   *verifierstest.Fixture
	forbidden []string // secrets, received signature values, expected MACs
	names     []string // headers that carry them
}

func TestNoSecretInCaddyLogs(t *testing.T) {
	up := gatetest.StartUpstream(t)
	release := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-release
	}))
	t.Cleanup(slow.Close)
	t.Cleanup(func() { close(release) })

	routes := logRoutes(t)
	for _, mode := range logModes {
		t.Run(mode.name, func(t *testing.T) {
			runLogMode(t, mode, routes, up, strings.TrimPrefix(slow.URL, "http://"))
		})
	}
}

// logRoutes builds a route for every preset whose fixture sends a header
// carrying the secret or a signature, and checkout_com with its
// authorization key, payone and mailgun (signed in the body) for the
// configured secret.
func logRoutes(t *testing.T) []*logRoute {
	var routes []*logRoute
	now := time.Now()
	for _, name := range verifiers.Names() {
		if name == "apple_app_store" {
			// Its test root is trusted only inside the test process
			// (verifierstest.AppStoreTestChain), not by the Caddy process
			// here; it signs in the body, which Caddy does not log.
			continue
		}
		f, err := verifierstest.For(name, "http://127.0.0.1/"+name, now)
		if err != nil {
			t.Fatal(err)
		}
		routes = append(routes, &logRoute{preset: name, fixture: f})
		if name == "checkout_com" {
			auth := *f
			auth.Sign.Options = map[string]string{"authorization": "sk_cko_AuthorizationKey0123456789"}
			auth.Verify.Options = auth.Sign.Options
			routes = append(routes, &logRoute{preset: name, fixture: &auth})
		}
		if name == "gitlab" {
			signing, err := verifierstest.For(name, "http://127.0.0.1/"+name, now)
			if err != nil {
				t.Fatal(err)
			}
			signing.Sign.Options = map[string]string{"mode": "signing"}
			signing.Sign.Secrets = [][]byte{[]byte("whsec_" + "c2lnbmluZ1NlY3JldEZvckdpdExhYjAxMjM0NTY3OA==")}
			signing.WrongSign.Secrets = [][]byte{[]byte("whsec_" + "b3RoZXJTZWNyZXRGb3JHaXRMYWIwMTIzNDU2Nzg5MA==")}
			signing.WrongSign.Options = signing.Sign.Options
			signing.Verify = signing.Sign
			routes = append(routes, &logRoute{preset: name, fixture: signing})
		}
	}
	return routes
}

// messages signs the route's delivery to url with the right and the wrong
// key, with the same time and ID, so that only what the key makes differs.
func (lr *logRoute) messages(t *testing.T, url string) (right, wrong *verifiers.Message) {
	t.Helper()
	now := time.Now()
	sign := func(s verifiers.Settings) *verifiers.Message {
		m := &verifiers.Message{
			Body: bytes.Clone(lr.fixture.Body), URL: url, Now: now, ID: "evt_" + strings.ReplaceAll(url, "/", "_"),
			Header: http.Header{"Content-Type": {lr.fixture.ContentType}},
		}
		if err := lr.fixture.Preset.Sign(s, m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	return sign(lr.fixture.Sign), sign(lr.fixture.WrongSign)
}

// macLike finds the MAC inside a header value ("sha256=<hex>", "t=..,v1=<hex>").
var macLike = regexp.MustCompile(`[A-Za-z0-9+/=_-]{16,}`)

// forbid records what a delivery carries that no log may show: the values
// of the headers that change with the key (the signature, or the secret
// itself), and the MAC inside each.
func (lr *logRoute) forbid(right, wrong *verifiers.Message) {
	for name, vs := range right.Header {
		if slices.Equal(vs, wrong.Header[name]) && !lr.holdsSecret(vs) {
			continue
		}
		if !slices.Contains(lr.names, name) {
			lr.names = append(lr.names, name)
		}
		for _, v := range append(slices.Clone(vs), wrong.Header[name]...) {
			lr.forbidden = append(lr.forbidden, v)
			lr.forbidden = append(lr.forbidden, macLike.FindAllString(v, -1)...)
		}
	}
}

func (lr *logRoute) holdsSecret(vs []string) bool {
	for _, v := range vs {
		if auth := lr.fixture.Sign.Options["authorization"]; auth != "" && strings.Contains(v, auth) {
			return true
		}
	}
	return false
}

func runLogMode(t *testing.T, mode logMode, routes []*logRoute, up *gatetest.Upstream, slowAddr string) {
	dir := t.TempDir()
	defaultLog, accessLog := filepath.Join(dir, "default.log"), filepath.Join(dir, "access.log")
	port := gatetest.FreePort(t)
	base := fmt.Sprintf("http://127.0.0.1:%d", port)

	var site strings.Builder
	site.WriteString(mode.errors + "\n")
	if mode.site != "" {
		site.WriteString(strings.ReplaceAll(mode.site, "FILE", accessLog) + "\n")
		// placeholders expanded after the gate: the value it leaves in r.Header
		site.WriteString("log_append echo_kkiapay {http.request.header.X-Kkiapay-Secret}\n")
		site.WriteString("log_append echo_stripe {http.request.header.Stripe-Signature}\n")
	}
	for i, lr := range routes {
		lines := lr.fixture.CaddyfileLines() + "allow_ip 127.0.0.1/32 ::1\n"
		if lr.fixture.Preset.Tolerance > 0 {
			// Every delivery is signed before the first is sent, and a
			// loaded machine takes longer than paddle's 5 s to send them.
			lines += "tolerance 1h\n"
		}
		route := "webhook_verify " + lr.preset + " {\n" + lines + "}"
		replayRoute := "webhook_verify " + lr.preset + " {\n" + lines + "replay 1m {\n\tstore redis redis://127.0.0.1:1\n}\n}"
		for _, c := range logCases {
			body := strings.NewReplacer("REPLAYROUTE", replayRoute, "ROUTE", route, "UPSTREAM", up.HostPort(), "SLOW", slowAddr).Replace(c.route)
			fmt.Fprintf(&site, "handle /%d/%s/%s {\n%s\n}\n", i, lr.preset, c.name, body)
		}
	}
	global := "admin off\npersist_config off\nauto_https off\ngrace_period 1s\nstorage file_system " + filepath.Join(dir, "data") + "\n" +
		strings.ReplaceAll(mode.global, "DEFAULT", defaultLog) + "\n"
	if mode.site != "" {
		// Caddy's own hiding of Authorization off, so that the
		// redaction shown is hookgate's. (It also turns on the server's
		// access log, into the default log.)
		global += "servers {\n\tlog_credentials\n"
		if mode.trace {
			global += "\ttrace\n"
		}
		global += "}\n"
	}
	name, config := "Caddyfile", fmt.Sprintf("{\n%s}\nhttp://127.0.0.1:%d {\n%s}\n", global, port, site.String())
	if mode.json != nil {
		var cfg map[string]any
		if err := json.Unmarshal(gatetest.AdaptProcess(t, dir, config), &cfg); err != nil {
			t.Fatal(err)
		}
		cfg["apps"].(map[string]any)["http"].(map[string]any)["servers"].(map[string]any)["srv0"].(map[string]any)["logs"] = map[string]any{"should_log_credentials": true}
		def := maps.Clone(mode.json)
		def["writer"] = map[string]any{"output": "file", "filename": defaultLog}
		cfg["logging"] = map[string]any{"logs": map[string]any{"default": def}}
		out, err := json.Marshal(cfg)
		if err != nil {
			t.Fatal(err)
		}
		name, config = "caddy.json", string(out)
	}

	var secrets []string // every route's configured secrets
	for _, lr := range routes {
		for _, s := range lr.fixture.Verify.Secrets {
			secrets = append(secrets, string(s))
		}
		if a := lr.fixture.Verify.Options["authorization"]; a != "" {
			secrets = append(secrets, a)
		}
	}

	p, startup := gatetest.RunConfig(t, dir, name, config, base)
	if p == nil {
		startup += readLogFiles(t, dir) // a configured default log takes Caddy's own error
	}
	if mode.refused != "" {
		if p != nil {
			t.Fatalf("caddy started with a log that writes request headers plainly; want it refused")
		}
		for _, want := range []string{mode.refused, "add the line `format webhook_redact` to that log", "handle /"} {
			if !strings.Contains(startup, want) {
				t.Errorf("caddy's refusal does not say %q:\n%s", want, startup)
			}
		}
		for _, v := range secrets {
			if i := strings.Index(startup, v); i >= 0 {
				t.Errorf("caddy's output shows %q:\n%s", v, lineAt(startup, i))
			}
		}
		return
	}
	if p == nil {
		t.Fatalf("caddy refused to start:\n%s", startup)
	}

	type sent struct {
		lr   *logRoute
		c    logCase
		path string
		m    *verifiers.Message
	}
	var deliveries []sent
	for i, lr := range routes {
		lr.forbidden, lr.names = nil, nil
		for _, c := range logCases {
			path := fmt.Sprintf("/%d/%s/%s", i, lr.preset, c.name)
			right, wrong := lr.messages(t, base+path)
			lr.forbid(right, wrong)
			m := right
			if c.name == "refused" {
				m = wrong // the gate computes right's MAC and compares
			}
			deliveries = append(deliveries, sent{lr, c, path, m})
		}
	}
	// Sent 16 at a time: the 503s wait for Redis's dial retries, the 504s
	// for the response header timeout.
	seen := len(up.Got()) // the upstream serves every mode
	var wg sync.WaitGroup
	work := make(chan sent)
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := range work {
				status, answer, err := postDelivery(base+strings.TrimPrefix(d.m.URL, base), d.m.Header, d.m.Body)
				if containsAny(answer, d.lr.forbidden) || containsAny(answer, secrets) {
					t.Errorf("%s %s: the answer shows a secret or signature: %q", d.lr.preset, d.c.name, answer)
				}
				if err != nil || status != d.c.status {
					t.Errorf("%s %s: status %d (%v), want %d", d.lr.preset, d.c.name, status, err, d.c.status)
				}
				// handle_errors ran, with the error in {err.*}
				if mode.errors != "" && d.c.status != http.StatusOK && !strings.HasPrefix(answer, strconv.Itoa(d.c.status)+" ") {
					t.Errorf("%s %s: answer %q is not handle_errors'", d.lr.preset, d.c.name, answer)
				}
			}
		}()
	}
	for _, d := range deliveries {
		work <- d
	}
	close(work)
	wg.Wait()
	for _, d := range deliveries {
		var reached []gatetest.Received
		for _, r := range up.Got()[seen:] {
			if r.Path == d.path {
				reached = append(reached, r)
			}
		}
		if want := map[bool]int{true: 1, false: 0}[d.c.name == "accepted"]; len(reached) != want {
			t.Errorf("%s %s: %d requests reached the upstream, want %d", d.lr.preset, d.c.name, len(reached), want)
			continue
		}
		for _, r := range reached {
			for name, vs := range d.m.Header {
				if !slices.Equal(r.Header[name], vs) {
					t.Errorf("%s: upstream got %s %q, sent %q", d.lr.preset, name, r.Header[name], vs)
				}
			}
		}
	}
	p.Stop(t) // waits for the requests, writes and closes the logs

	// Every byte Caddy wrote: stdout, stderr, every file in its directory.
	var logs strings.Builder
	logs.WriteString(p.Logs.String())
	logs.WriteString(readLogFiles(t, dir))
	all := logs.String()
	lines := strings.Split(all, "\n")
	accessLogged := mode.site != "" || mode.json != nil

	for _, d := range deliveries {
		var own []string // lines about this delivery
		for _, l := range lines {
			if strings.Contains(l, d.path) {
				own = append(own, l)
			}
		}
		if !accessLogged {
			continue
		}
		shown := strings.Join(own, "\n")
		if len(own) == 0 {
			t.Errorf("%s %s: no log line names %s", d.lr.preset, d.c.name, d.path)
			continue
		}
		for _, name := range d.lr.names {
			if d.m.Header[name] == nil {
				continue // not in this delivery (the wrong signer sends no Authorization)
			}
			// the line holds the header, so the check below is not vacuous
			redacted := regexp.MustCompile(regexp.QuoteMeta(fmt.Sprintf("%q", name)) + `: ?\[` + regexp.QuoteMeta(fmt.Sprintf("%q", redactlog.Redacted)) + `\]`)
			if !redacted.MatchString(shown) {
				t.Errorf("%s %s: no line shows %s as redacted:\n%s", d.lr.preset, d.c.name, name, shown)
			}
		}
	}
	for _, lr := range routes {
		for _, v := range append(slices.Clone(lr.forbidden), secrets...) {
			if i := strings.Index(all, v); i >= 0 {
				t.Errorf("%s: caddy wrote %q:\n%s", lr.preset, v, lineAt(all, i))
			}
		}
	}
	wants := []string{"webhook route error", "panic in the route after webhook_verify", "webhook refused"}
	if strings.Contains(mode.global, "DEBUG") || mode.json["level"] == "DEBUG" {
		wants = append(wants, "upstream roundtrip")
	}
	if accessLogged {
		wants = append(wants, "handled request")
	}
	if mode.trace {
		wants = append(wants, "http.log.trace")
	}
	for _, want := range wants {
		if !strings.Contains(all, want) {
			t.Errorf("caddy wrote no %q line: the case it covers did not run", want)
		}
	}
	// Caddy's own error log has nothing about the gate's requests: the
	// gate answered their errors (answer.go).
	for _, l := range lines {
		if strings.Contains(l, `"logger":"http.log.error"`) && strings.Contains(l, `"uri":"/`) {
			t.Errorf("caddy's error log has a gate request: %s", lineAt(l, 0))
			break
		}
	}
}

// readLogFiles is every log file Caddy wrote in dir.
func readLogFiles(t *testing.T, dir string) string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.log"))
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		all.Write(b)
	}
	return all.String()
}
