package webhookverify

import (
	"bytes"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hookgate/hookgate/internal/gatetest"
	"github.com/hookgate/hookgate/verifiers"
)

// TestSpanCarriesDecision: with Caddy's tracing on (spans printed by the
// console exporter of a real Caddy process), the span of an accepted
// delivery carries the provider, the outcome and the delivery ID; that of
// a forged one its outcome and no ID; and no span carries the signature
// or the secret.
func TestSpanCarriesDecision(t *testing.T) {
	const secret = "whsec_tracing_test_secret"
	up := gatetest.StartUpstream(t)
	site := `
	handle /stripe {
		tracing {
			span webhook
		}
		webhook_verify stripe {
			secret ` + secret + `
			source_ranges off # sent from loopback, in no published list
		}
		reverse_proxy UPSTREAM
	}
`
	p := gatetest.StartGateProcess(t, up.HostPort(), "", site,
		"OTEL_TRACES_EXPORTER=console", "OTEL_BSP_SCHEDULE_DELAY=100", "OTEL_SERVICE_NAME=hookgate-test")

	preset, _ := verifiers.Lookup("stripe")
	m := &verifiers.Message{Header: http.Header{"Content-Type": {"application/json"}}, Body: []byte(`{"id":"evt_traced_1","type":"charge.succeeded"}`)}
	if err := preset.Sign(verifiers.Settings{Secrets: [][]byte{[]byte(secret)}}, m); err != nil {
		t.Fatal(err)
	}
	if rep := p.Post(t, "/stripe", m.Header, m.Body); rep.Status != 200 {
		t.Fatalf("genuine delivery: %d %s", rep.Status, rep.Body)
	}
	forged := bytes.Replace(m.Body, []byte("evt_traced_1"), []byte("evt_forged_22"), 1)
	if rep := p.Post(t, "/stripe", m.Header, forged); rep.Status != 401 {
		t.Fatalf("forged delivery: %d %s", rep.Status, rep.Body)
	}

	deadline := time.Now().Add(15 * time.Second)
	for !strings.Contains(p.Logs.String(), "bad_signature") || !strings.Contains(p.Logs.String(), `"accepted"`) {
		if time.Now().After(deadline) {
			t.Fatalf("no spans with the gate's outcomes were exported:\n%s", p.Logs.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	out := p.Logs.String()
	for _, want := range []string{`"hookgate.provider"`, `"hookgate.outcome"`, `"hookgate.delivery_id"`, `"evt_traced_1"`} {
		if !strings.Contains(out, want) {
			t.Errorf("the spans lack %s:\n%s", want, out)
		}
	}
	if strings.Contains(out, "evt_forged_22") {
		t.Error("a forged delivery's unverified ID reached a span")
	}
	sig := m.Header.Get("Stripe-Signature")
	if strings.Contains(out, sig[strings.Index(sig, "v1=")+3:]) || strings.Contains(out, secret) {
		t.Error("a span or a log line carries the signature or the secret")
	}
}
