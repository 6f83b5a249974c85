package webhookverify

import (
	"net/http"
	"testing"

	"github.com/hookgate/hookgate/internal/gatetest"
)

// tenantsSite has two generic hmac routes with their own secrets and
// upstreams, both naming the delivery by the JSON field id. STORE is the
// replay block's body.
func tenantsSite(upA, upB *countingUpstream, store string) string {
	route := func(path, secret string, up *countingUpstream) string {
		return `
	handle ` + path + ` {
		webhook_verify hmac {
			secret ` + secret + `
			header X-Signature
			id_field id
			replay 1h {
				` + store + `
			}
		}
		reverse_proxy ` + up.addr() + `
	}`
	}
	return gatetest.ErrorsSite + route("/partnerA", "secret-of-a", upA) + route("/partnerB", "secret-of-b", upB)
}

// TestReplayScopeAcrossTenants: partner A's delivery with ID evt-X never
// answers partner B's genuine delivery with the same ID, on one gate with
// the memory store, and on two gates sharing one Redis with the same
// explicit scope on every route (the widest sharing a user can configure):
// a stored answer only goes to a sender verified under the same secret.
func TestReplayScopeAcrossTenants(t *testing.T) {
	body := []byte(`{"id":"evt-X","amount":1}`)
	send := func(t *testing.T, g *gatetest.Gate, path, secret string) gatetest.Reply {
		t.Helper()
		return g.Post(t, path, http.Header{"X-Signature": {hmacHex(secret, string(body))}}, body)
	}
	check := func(t *testing.T, a, b *gatetest.Gate, upA, upB *countingUpstream) {
		t.Helper()
		if rep := send(t, a, "/partnerA", "secret-of-a"); rep.Status != 200 || rep.Body != "app A" {
			t.Fatalf("A: %d %q", rep.Status, rep.Body)
		}
		if rep := send(t, b, "/partnerB", "secret-of-b"); rep.Status != 200 || rep.Body != "app B" {
			t.Fatalf("B's genuine delivery got %d %q, want app B's own answer", rep.Status, rep.Body)
		}
		if upA.count(body) != 1 || upB.count(body) != 1 {
			t.Fatalf("app A saw %d, app B saw %d; want 1 each", upA.count(body), upB.count(body))
		}
		// Each partner's own replay is still stopped.
		for _, g := range []*gatetest.Gate{a, b} {
			send(t, g, "/partnerA", "secret-of-a")
			send(t, g, "/partnerB", "secret-of-b")
		}
		if upA.count(body) != 1 || upB.count(body) != 1 {
			t.Fatalf("replays reached the apps: A %d, B %d", upA.count(body), upB.count(body))
		}
	}

	t.Run("memory store, one gate", func(t *testing.T) {
		upA, upB := startCountingUpstream(t, "app A"), startCountingUpstream(t, "app B")
		g := gatetest.StartGate(t, nil, "", tenantsSite(upA, upB, "scope shared"))
		check(t, g, g, upA, upB)
	})
	t.Run("redis, two gates, one scope", func(t *testing.T) {
		srv := gatetest.StartRedis(t)
		upA, upB := startCountingUpstream(t, "app A"), startCountingUpstream(t, "app B")
		site := tenantsSite(upA, upB, "store redis {env.HOOKGATE_TEST_REDIS}\n\t\t\t\tscope shared")
		env := "HOOKGATE_TEST_REDIS=" + srv.URL()
		a := gatetest.StartGateProcess(t, "", "", site, env)
		b := gatetest.StartGateProcess(t, "", "", site, env)
		check(t, &a.Gate, &b.Gate, upA, upB)
	})
}
