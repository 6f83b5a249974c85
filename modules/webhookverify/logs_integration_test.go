package webhookverify

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/caddyserver/caddy/v2"
	"github.com/caddyserver/caddy/v2/caddyconfig/httpcaddyfile"
	"github.com/caddyserver/caddy/v2/modules/caddyhttp"

	"github.com/hookgate/hookgate/internal/gatetest"
	"github.com/hookgate/hookgate/modules/redactlog"
	"github.com/hookgate/hookgate/verifiers"
	"github.com/hookgate/hookgate/verifiers/verifierstest"
)

// These tests run a real Caddy, in this process, with every log it writes
// going to files, drive every preset through each way a delivery can end,
// and read what Caddy wrote.

func init() {
	caddy.RegisterModule(panicHandler{})
	httpcaddyfile.RegisterHandlerDirective("hookgate_test_panic", func(httpcaddyfile.Helper) (caddyhttp.MiddlewareHandler, error) {
		return panicHandler{}, nil
	})
}

// panicHandler panics: the handler after the gate that crashes.
type panicHandler struct{}

func (panicHandler) CaddyModule() caddy.ModuleInfo {
	return caddy.ModuleInfo{ID: "http.handlers.hookgate_test_panic", New: func() caddy.Module { return new(panicHandler) }}
}

func (panicHandler) ServeHTTP(http.ResponseWriter, *http.Request, caddyhttp.Handler) error {
	panic("hookgate test: the next handler crashed")
}

// logCase is one way a delivery ends, with the route that makes it end so.
type logCase struct {
	name   string
	status int // 0: the connection is dropped (a panic)
	route  string
}

// logCases: ROUTE is the webhook_verify block, SLOW a hanging upstream.
var logCases = []logCase{
	{"accepted", http.StatusOK, "ROUTE\n\treverse_proxy UPSTREAM"},
	{"refused", http.StatusUnauthorized, "ROUTE\n\treverse_proxy UPSTREAM"},
	{"down", http.StatusBadGateway, "ROUTE\n\treverse_proxy 127.0.0.1:1"},
	{"timeout", http.StatusGatewayTimeout, "ROUTE\n\treverse_proxy SLOW {\n\t\ttransport http {\n\t\t\tresponse_header_timeout 100ms\n\t\t}\n\t}"},
	{"store", http.StatusServiceUnavailable, "REPLAYROUTE\n\treverse_proxy UPSTREAM"},
	{"panic", 0, "route {\n\tROUTE\n\thookgate_test_panic\n}"},
}

// logMode is a logging configuration.
type logMode struct {
	name string
	// global is the default log's format; site is the site's log
	// directive, "" for none. FILE is replaced by a path.
	global, site string
	errors       string // a handle_errors block, "" for none
	redacted     bool
}

var logModes = []logMode{
	{name: "json", global: "format webhook_redact", redacted: true,
		site: "log {\n\toutput file FILE\n\tformat webhook_redact {\n\t\twrap json\n\t}\n}"},
	{name: "console", global: "format webhook_redact {\n\twrap console\n}", redacted: true,
		site: "log {\n\toutput file FILE\n\tformat webhook_redact {\n\t\twrap console\n\t}\n}"},
	{name: "filter", global: "format webhook_redact {\n\twrap filter {\n\t\twrap json\n\t\tfields {\n\t\t\tduration delete\n\t\t}\n\t}\n}", redacted: true,
		site: "log {\n\toutput file FILE\n\tformat filter {\n\t\twrap webhook_redact {\n\t\t\twrap json\n\t\t}\n\t\tfields {\n\t\t\trequest>remote_port delete\n\t\t}\n\t}\n}"},
	// handle_errors: Caddy logs the errors it handled at DEBUG, and the
	// answer expands placeholders after the gate is done.
	{name: "no log directive", global: "format webhook_redact", redacted: true,
		errors: "handle_errors {\n\trespond \"{err.status_code} {http.request.header.X-Kkiapay-Secret} {http.request.header.Stripe-Signature}\" {err.status_code}\n}"},
	// control: Caddy's own encoders write what the test looks for, so
	// the redacted modes above are known to reach every log line.
	{name: "unredacted", global: "format json", site: "log {\n\toutput file FILE\n\tformat json\n}"},
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
	global := fmt.Sprintf("admin off\npersist_config off\nauto_https off\ngrace_period 1s\nservers {\n\tlog_credentials\n}\nlog {\n\toutput file %s\n\tlevel DEBUG\n%s\n}\n", defaultLog, mode.global)
	src := fmt.Sprintf("{\n%s}\nhttp://127.0.0.1:%d {\n%s}\n", global, port, site.String())
	cfg, err := gatetest.Adapt(t, src)
	if err != nil {
		t.Fatalf("adapting: %v\n%s", err, src)
	}
	if err := caddy.Load(cfg, true); err != nil {
		t.Fatalf("loading: %v", err)
	}
	stopped := false
	stop := func() {
		if !stopped {
			stopped = true
			if err := caddy.Stop(); err != nil {
				t.Errorf("stopping caddy: %v", err)
			}
		}
	}
	t.Cleanup(stop)
	(&gatetest.Gate{Base: base}).WaitReady(t)

	type sent struct {
		lr   *logRoute
		c    logCase
		path string
		m    *verifiers.Message
	}
	var deliveries []sent
	for i, lr := range routes {
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
				if containsAny(answer, d.lr.forbidden) {
					t.Errorf("%s %s: the answer shows a secret or signature: %q", d.lr.preset, d.c.name, answer)
				}
				switch {
				case d.c.status == 0 && err == nil:
					t.Errorf("%s %s: status %d, want the connection dropped by a panic", d.lr.preset, d.c.name, status)
				case d.c.status != 0 && (err != nil || status != d.c.status):
					t.Errorf("%s %s: status %d (%v), want %d", d.lr.preset, d.c.name, status, err, d.c.status)
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
	stop() // waits for the requests, writes and closes the logs

	var logs strings.Builder
	for _, file := range []string{defaultLog, accessLog} {
		b, err := os.ReadFile(file)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		logs.Write(b)
	}
	all := logs.String()
	lines := strings.Split(all, "\n")
	if len(lines) < len(deliveries) {
		t.Fatalf("only %d log lines for %d deliveries", len(lines), len(deliveries))
	}

	for _, d := range deliveries {
		var own []string // lines about this delivery
		for _, l := range lines {
			if strings.Contains(l, d.path) {
				own = append(own, l)
			}
		}
		shown := strings.Join(own, "\n")
		if len(own) == 0 {
			if d.c.status == 0 && mode.site == "" {
				continue // a panic with no access log: only net/http's line, which names no path
			}
			t.Errorf("%s %s: no log line names %s", d.lr.preset, d.c.name, d.path)
			continue
		}
		if len(d.lr.names) == 0 {
			continue // signed in the body, which Caddy does not log
		}
		if !mode.redacted {
			if !containsAny(shown, d.lr.forbidden) {
				t.Errorf("control %s %s: the unredacted log does not show the header, so the test proves nothing:\n%s", d.lr.preset, d.c.name, shown)
			}
			continue
		}
		for _, name := range d.lr.names {
			if d.m.Header[name] == nil {
				continue // not in this delivery (the wrong signer sends no Authorization)
			}
			redacted := regexp.MustCompile(regexp.QuoteMeta(fmt.Sprintf("%q", name)) + `: ?\[` + regexp.QuoteMeta(fmt.Sprintf("%q", redactlog.Redacted)) + `\]`)
			if !redacted.MatchString(shown) {
				t.Errorf("%s %s: no line shows %s as redacted:\n%s", d.lr.preset, d.c.name, name, shown)
			}
		}
	}
	if !mode.redacted {
		return
	}
	for _, lr := range routes {
		forbidden := slices.Clone(lr.forbidden)
		for _, s := range lr.fixture.Verify.Secrets {
			forbidden = append(forbidden, string(s))
		}
		if a := lr.fixture.Verify.Options["authorization"]; a != "" {
			forbidden = append(forbidden, a)
		}
		for _, v := range forbidden {
			if i := strings.Index(all, v); i >= 0 {
				t.Errorf("%s: the log shows %q:\n%s", lr.preset, v, lineAt(all, i))
			}
		}
	}
	for _, want := range []string{"upstream roundtrip", "handled request", "http: panic serving"} {
		if mode.site == "" && want == "handled request" {
			continue
		}
		if !strings.Contains(all, want) {
			t.Errorf("the log has no %q line: the case it covers did not run", want)
		}
	}
}
