package webhookverify

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/hookgate/hookgate/internal/gatetest"
)

// series is one scraped sample: metric name, labels and value.
type series struct {
	name   string
	labels map[string]string
	value  float64
}

var sampleLine = regexp.MustCompile(`^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)`)
var labelPair = regexp.MustCompile(`([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"`)

// scrape reads Prometheus' text format from url.
func scrape(t *testing.T, url string) []series {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatalf("scraping %s: %v", url, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("scraping %s: %d %s", url, resp.StatusCode, b)
	}
	var out []series
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		m := sampleLine.FindStringSubmatch(sc.Text())
		if m == nil || strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		v, err := strconv.ParseFloat(m[3], 64)
		if err != nil {
			t.Fatalf("bad sample line %q", sc.Text())
		}
		s := series{name: m[1], labels: map[string]string{}, value: v}
		for _, l := range labelPair.FindAllStringSubmatch(m[2], -1) {
			s.labels[l[1]] = l[2]
		}
		out = append(out, s)
	}
	return out
}

// value returns the sample of name whose labels include want, or 0.
func value(all []series, name string, want map[string]string) float64 {
next:
	for _, s := range all {
		if s.name != name {
			continue
		}
		for k, v := range want {
			if s.labels[k] != v {
				continue next
			}
		}
		return s.value
	}
	return 0
}

// metricsSite has two providers, a metrics endpoint where Caddy serves its
// registry, the placeholders in error answers, the upstream's headers and
// the access log, and the verified header.
const metricsSite = `
	log {
		output file ACCESSLOG
		format webhook_redact {
			wrap json
		}
	}
	log_append webhook_provider {http.webhook.provider}
	log_append webhook_outcome {http.webhook.outcome}
	handle /metrics {
		metrics
	}
	handle_errors {
		respond "{err.status_code} {http.webhook.provider} {http.webhook.outcome}"
	}
	handle /payone {
		webhook_verify payone {
			secret ` + gatetest.PayonePortalKey + `
			verified_header X-Webhook-Verified
		}
		reverse_proxy UPSTREAM {
			header_up X-Webhook-Outcome {http.webhook.outcome}
			header_up X-Webhook-Delivery {http.webhook.delivery_id}
		}
	}
	handle /kkiapay {
		webhook_verify kkiapay {
			secret kk-secret-0123
			max_body 64
		}
		reverse_proxy UPSTREAM {
			header_up X-Webhook-Delivery {http.webhook.delivery_id}
		}
	}
`

// TestMetricsThroughCaddy scrapes the metrics endpoint of a real Caddy
// after accepted and refused deliveries and finds each counted once under
// its provider and outcome, with one duration observation each; the counts
// survive a config reload. The same run checks the placeholders (error
// answers, upstream headers, access log) and the verified header.
func TestMetricsThroughCaddy(t *testing.T) {
	up := gatetest.StartUpstream(t)
	accessLog := filepath.Join(t.TempDir(), "access.log")
	site := strings.ReplaceAll(metricsSite, "ACCESSLOG", accessLog)
	g := gatetest.StartGate(t, up, "\t\ttrusted_proxies static 127.0.0.1/32", site)
	before := scrape(t, g.Base+"/metrics")

	good := gatetest.PayoneBody(gatetest.MD5Hex(gatetest.PayonePortalKey))
	kk := func(secret string) http.Header {
		h := http.Header{"Content-Type": {"application/json"}}
		if secret != "" {
			h.Set("x-kkiapay-secret", secret)
		}
		return h
	}
	forged := gatetest.PayoneHeader()
	forged.Set("X-Webhook-Verified", "forged")
	forged.Set("X_Webhook_Verified", "forged")
	sends := []struct {
		path       string
		header     http.Header
		body       []byte
		wantStatus int
		wantBody   string
	}{
		{"/payone", gatetest.PayoneHeader(), good, 200, "ok"},
		{"/payone", forged, good, 200, "ok"},
		{"/payone", with(gatetest.PayoneHeader(), "X-Forwarded-For", "203.0.113.9"), good, 403, "403 payone ip_denied"},
		{"/payone", with(gatetest.PayoneHeader(), "User-Agent", "curl/8"), good, 403, "403 payone user_agent_denied"},
		{"/payone", forged, gatetest.PayoneBody(gatetest.MD5Hex("wrong")), 401, "401 payone bad_signature"},
		{"/kkiapay", kk("kk-secret-0123"), []byte(`{"transactionId":"1"}`), 200, "ok"},
		{"/kkiapay", kk(""), []byte(`{}`), 401, "401 kkiapay missing_signature"},
		{"/kkiapay", kk("kk-secret-0123"), []byte(strings.Repeat("x", 65)), 413, "413 kkiapay too_large"},
	}
	for i, s := range sends {
		got := g.Post(t, s.path, s.header, s.body)
		if got.Status != s.wantStatus || got.Body != s.wantBody {
			t.Fatalf("delivery %d to %s: %d %q, want %d %q", i, s.path, got.Status, got.Body, s.wantStatus, s.wantBody)
		}
	}

	after := scrape(t, g.Base+"/metrics")
	want := []struct {
		provider, outcome string
		delta             float64
	}{
		{"payone", "accepted", 2},
		{"payone", "ip_denied", 1},
		{"payone", "user_agent_denied", 1},
		{"payone", "bad_signature", 1},
		{"payone", "missing_signature", 0},
		{"kkiapay", "accepted", 1},
		{"kkiapay", "missing_signature", 1},
		{"kkiapay", "too_large", 1},
		{"kkiapay", "bad_signature", 0},
	}
	for _, w := range want {
		l := map[string]string{"provider": w.provider, "outcome": w.outcome}
		if d := value(after, "hookgate_deliveries_total", l) - value(before, "hookgate_deliveries_total", l); d != w.delta {
			t.Errorf("hookgate_deliveries_total{provider=%q,outcome=%q} rose by %v, want %v", w.provider, w.outcome, d, w.delta)
		}
	}
	for provider, n := range map[string]float64{"payone": 5, "kkiapay": 3} {
		l := map[string]string{"provider": provider}
		if d := value(after, "hookgate_verify_duration_seconds_count", l) - value(before, "hookgate_verify_duration_seconds_count", l); d != n {
			t.Errorf("hookgate_verify_duration_seconds_count{provider=%q} rose by %v, want %v", provider, d, n)
		}
		l["le"] = "+Inf"
		if value(after, "hookgate_verify_duration_seconds_bucket", l) < n {
			t.Errorf("no +Inf bucket for %s", provider)
		}
	}
	for _, s := range after {
		if s.name == "hookgate_deliveries_total" && len(s.labels) != 2 {
			t.Errorf("unexpected labels %v", s.labels)
		}
	}

	// Placeholders and the verified header, as the app saw them.
	got := up.Got()
	if len(got) != 3 {
		t.Fatalf("the app got %d deliveries, want 3", len(got))
	}
	for i, r := range got[:2] {
		if v := r.Header.Values("X-Webhook-Verified"); len(v) != 1 || v[0] != "payone" {
			t.Errorf("payone delivery %d: X-Webhook-Verified %q, want exactly [payone]", i, v)
		}
		if _, ok := r.Header["X_webhook_verified"]; ok {
			t.Errorf("payone delivery %d: the underscore copy of the verified header got through", i)
		}
		if r.Header.Get("X-Webhook-Outcome") != "accepted" {
			t.Errorf("payone delivery %d: X-Webhook-Outcome %q", i, r.Header.Get("X-Webhook-Outcome"))
		}
	}
	if id := got[0].Header.Get("X-Webhook-Delivery"); id != "1000:1:paid" {
		t.Errorf("payone delivery: X-Webhook-Delivery %q, want txid:sequencenumber:txaction 1000:1:paid", id)
	}
	if id := got[2].Header.Get("X-Webhook-Delivery"); id != "" {
		t.Errorf("kkiapay delivery: X-Webhook-Delivery %q, want none (KKiaPay signs no ID)", id)
	}
	if v := got[2].Header.Values("X-Webhook-Verified"); len(v) != 0 {
		t.Errorf("kkiapay (no verified_header): the app got X-Webhook-Verified %q", v)
	}

	// The access log carries provider and outcome.
	logged := readAccessLog(t, accessLog)
	outcomes := map[string]int{}
	for _, entry := range logged {
		if p, _ := entry["webhook_provider"].(string); p != "" {
			o, _ := entry["webhook_outcome"].(string)
			outcomes[p+"/"+o]++
		}
	}
	for key, n := range map[string]int{"payone/accepted": 2, "payone/ip_denied": 1, "payone/bad_signature": 1, "kkiapay/too_large": 1} {
		if outcomes[key] != n {
			t.Errorf("access log: %d entries with %s, want %d (all: %v)", outcomes[key], key, n, outcomes)
		}
	}

	// A reload registers the collectors into the new config's registry;
	// the counts carry on.
	g2 := gatetest.StartGate(t, up, "\t\ttrusted_proxies static 127.0.0.1/32", site)
	if got := g2.Post(t, "/payone", gatetest.PayoneHeader(), good); got.Status != 200 {
		t.Fatalf("after reload: %d %s", got.Status, got.Body)
	}
	reloaded := scrape(t, g2.Base+"/metrics")
	l := map[string]string{"provider": "payone", "outcome": "accepted"}
	if d := value(reloaded, "hookgate_deliveries_total", l) - value(before, "hookgate_deliveries_total", l); d != 3 {
		t.Errorf("after reload, payone accepted rose by %v in total, want 3", d)
	}
}

func with(h http.Header, k, v string) http.Header {
	h.Set(k, v)
	return h
}

func readAccessLog(t *testing.T, path string) []map[string]any {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading the access log: %v", err)
	}
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var entry map[string]any
		if err := json.Unmarshal([]byte(line), &entry); err != nil {
			t.Fatalf("access log line %q: %v", line, err)
		}
		out = append(out, entry)
	}
	return out
}
