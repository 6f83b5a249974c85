package webhookverify

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/hookgate/hookgate/internal/gatetest"
	"github.com/hookgate/hookgate/verifiers"
)

const payoneSite = gatetest.ErrorsSite + `
	handle /payone {
		webhook_verify payone {
			secret ` + gatetest.PayonePortalKey + `
			portal_id 2012345
			aid 12345
		}
		reverse_proxy UPSTREAM
	}
`

// TestPayoneThroughCaddy drives the Payone preset through a real Caddy in
// front of a real upstream: only genuine posts from PAYONE's range, with its
// User-Agent, reach the app, byte for byte.
func TestPayoneThroughCaddy(t *testing.T) {
	up := gatetest.StartUpstream(t)
	up.Reply = "TSOK"
	g := gatetest.StartGate(t, up, "\t\ttrusted_proxies static 127.0.0.1/32", payoneSite)
	good := gatetest.PayoneBody(gatetest.MD5Hex(gatetest.PayonePortalKey))

	tests := []struct {
		name       string
		header     func(http.Header)
		body       []byte
		chunked    bool
		wantStatus int
		wantReason string
	}{
		{name: "genuine", body: good, wantStatus: 200},
		{name: "genuine chunked", body: good, chunked: true, wantStatus: 200},
		{name: "IPv4-mapped IPv6 client", body: good, wantStatus: 200,
			header: func(h http.Header) { h.Set("X-Forwarded-For", "::ffff:185.60.20.128") }},
		{name: "outside PAYONE's range", body: good, wantStatus: 403, wantReason: "client IP",
			header: func(h http.Header) { h.Set("X-Forwarded-For", "203.0.113.9") }},
		{name: "wrong User-Agent", body: good, wantStatus: 403, wantReason: "User-Agent",
			header: func(h http.Header) { h.Set("User-Agent", "curl/8") }},
		{name: "wrong portal key", body: gatetest.PayoneBody(gatetest.MD5Hex("guess")), wantStatus: 401, wantReason: "signature"},
		{name: "plaintext portal key", body: gatetest.PayoneBody(gatetest.PayonePortalKey), wantStatus: 401, wantReason: "signature"},
		{name: "no key field", body: []byte("txaction=paid&portalid=2012345&aid=12345"), wantStatus: 401, wantReason: "missing_signature"},
		{name: "other portal", body: bytes.Replace(good, []byte("portalid=2012345"), []byte("portalid=2099999"), 1), wantStatus: 401, wantReason: "portalid"},
	}
	accepted := 0
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := gatetest.PayoneHeader()
			if tt.header != nil {
				tt.header(h)
			}
			before := len(up.Got())
			var rep gatetest.Reply
			if tt.chunked {
				rep = g.PostChunked(t, "/payone", h, tt.body)
			} else {
				rep = g.Post(t, "/payone", h, tt.body)
			}
			if rep.Status != tt.wantStatus {
				t.Fatalf("status %d (%q), want %d", rep.Status, rep.Body, tt.wantStatus)
			}
			after := up.Got()
			if tt.wantStatus != 200 {
				if len(after) != before {
					t.Fatalf("a refused delivery reached the upstream")
				}
				if !strings.Contains(rep.Body, tt.wantReason) {
					t.Errorf("reason %q does not mention %q", rep.Body, tt.wantReason)
				}
				if strings.Contains(rep.Body, gatetest.MD5Hex(gatetest.PayonePortalKey)) || strings.Contains(rep.Body, gatetest.PayonePortalKey) {
					t.Errorf("refusal leaks the key: %q", rep.Body)
				}
				return
			}
			accepted++
			if rep.Body != "TSOK" {
				t.Errorf("sender got %q, want the app's TSOK", rep.Body)
			}
			if len(after) != before+1 {
				t.Fatalf("upstream saw %d requests, want %d", len(after), before+1)
			}
			last := after[len(after)-1]
			if !bytes.Equal(last.Body, tt.body) {
				t.Errorf("upstream body differs:\n got %q\nwant %q", last.Body, tt.body)
			}
			if last.ContentLength != int64(len(tt.body)) || len(last.TransferEncoding) != 0 {
				t.Errorf("upstream got Content-Length %d, Transfer-Encoding %v; want %d and none",
					last.ContentLength, last.TransferEncoding, len(tt.body))
			}
		})
	}
	if accepted != 3 {
		t.Errorf("%d deliveries accepted, want 3", accepted)
	}
}

// TestUntrustedPeerCannotSpoofClientIP: without trusted_proxies, Caddy's
// client IP is the peer's, so an X-Forwarded-For naming PAYONE's range is
// ignored and the delivery is refused.
func TestUntrustedPeerCannotSpoofClientIP(t *testing.T) {
	up := gatetest.StartUpstream(t)
	g := gatetest.StartGate(t, up, "", payoneSite)
	for _, header := range []string{"X-Forwarded-For", "X-Real-IP", "Forwarded"} {
		h := gatetest.PayoneHeader()
		h.Del("X-Forwarded-For")
		value := "185.60.20.10"
		if header == "Forwarded" {
			value = "for=185.60.20.10"
		}
		h.Set(header, value)
		rep := g.Post(t, "/payone", h, gatetest.PayoneBody(gatetest.MD5Hex(gatetest.PayonePortalKey)))
		if rep.Status != http.StatusForbidden {
			t.Errorf("%s spoofed from an untrusted peer: status %d, want 403", header, rep.Status)
		}
	}
	if n := len(up.Got()); n != 0 {
		t.Fatalf("%d spoofed deliveries reached the upstream", n)
	}
}

// TestBodyLimit: bodies over max_body get 413 before the upstream sees
// anything, whether the size is declared or the body is chunked.
func TestBodyLimit(t *testing.T) {
	up := gatetest.StartUpstream(t)
	g := gatetest.StartGate(t, up, "", gatetest.ErrorsSite+`
	handle /hook {
		webhook_verify hmac {
			secret s3cr3t
			header X-Signature
			max_body 1KiB
		}
		reverse_proxy UPSTREAM
	}
`)
	sign := func(body []byte) http.Header {
		m := verifiers.Message{Body: body}
		p, _ := verifiers.Lookup("hmac")
		if err := p.Sign(verifiers.Settings{Secrets: [][]byte{[]byte("s3cr3t")}, Options: map[string]string{"header": "X-Signature"}}, &m); err != nil {
			t.Fatal(err)
		}
		return m.Header
	}
	exact := bytes.Repeat([]byte("a"), 1024)
	over := bytes.Repeat([]byte("a"), 1025)
	if rep := g.Post(t, "/hook", sign(exact), exact); rep.Status != 200 {
		t.Fatalf("a body of exactly max_body: status %d %q", rep.Status, rep.Body)
	}
	if rep := g.Post(t, "/hook", sign(over), over); rep.Status != 413 {
		t.Errorf("declared oversize: status %d, want 413", rep.Status)
	}
	if rep := g.PostChunked(t, "/hook", sign(over), over); rep.Status != 413 {
		t.Errorf("chunked oversize: status %d, want 413", rep.Status)
	}
	if n := len(up.Got()); n != 1 {
		t.Fatalf("upstream saw %d requests, want 1", n)
	}
}

// TestSeedPresetsThroughCaddy signs a delivery for each seed provider with
// the provider's own scheme, sends it through Caddy, and checks that it
// arrives unchanged while a tampered copy is refused.
func TestSeedPresetsThroughCaddy(t *testing.T) {
	type preset struct {
		name, options string
		settings      verifiers.Settings
		body          string
		bodyUnsigned  bool // the scheme authenticates the sender, not the body
	}
	pin := "CardknoxPin0123456789"
	presets := []preset{
		{name: "cardknox", options: "secret " + pin,
			settings: verifiers.Settings{Secrets: [][]byte{[]byte(pin)}},
			body:     "xRefNum=506918667&xCommand=CC%3aSale&xAmount=0.01&xResponseResult=Approved"},
		{name: "kkiapay", options: "secret kkia-hash-secret",
			settings: verifiers.Settings{Secrets: [][]byte{[]byte("kkia-hash-secret")}},
			body:     `{"transactionId":"tx-1","isPaymentSucces":true,"event":"transaction.success"}`, bodyUnsigned: true},
		{name: "checkout_com", options: "secret cko-key\n\t\t\tauthorization static-auth-key",
			settings: verifiers.Settings{Secrets: [][]byte{[]byte("cko-key")}, Options: map[string]string{"authorization": "static-auth-key"}},
			body:     `{"id":"evt_1","type":"payment_approved","data":{"amount":100,"note":"© ® ™"}}`},
		{name: "24sevenpay", options: "secret 247-secret",
			settings: verifiers.Settings{Secrets: [][]byte{[]byte("247-secret")}},
			body:     "{\n  \"type\": \"payment-authorized\",\n  \"payload\": {\"amount\": 2000, \"paymentId\": \"e7db\"}\n}\n"},
		{name: "hmac", options: "secret partner\n\t\t\theader X-Signature\n\t\t\talgorithm sha512\n\t\t\tencoding base64\n\t\t\tprefix \"sha512=\"",
			settings: verifiers.Settings{Secrets: [][]byte{[]byte("partner")}, Options: map[string]string{"header": "X-Signature", "algorithm": "sha512", "encoding": "base64", "prefix": "sha512="}},
			body:     `{"event":"partner.updated"}`},
	}
	var site strings.Builder
	site.WriteString(gatetest.ErrorsSite)
	for _, p := range presets {
		fmt.Fprintf(&site, "\thandle /%s {\n\t\twebhook_verify %s {\n\t\t\t%s\n\t\t}\n\t\treverse_proxy UPSTREAM\n\t}\n", p.name, p.name, p.options)
	}
	up := gatetest.StartUpstream(t)
	g := gatetest.StartGate(t, up, "", site.String())

	for _, p := range presets {
		t.Run(p.name, func(t *testing.T) {
			preset, _ := verifiers.Lookup(p.name)
			m := verifiers.Message{Body: []byte(p.body)}
			if err := preset.Sign(p.settings, &m); err != nil {
				t.Fatal(err)
			}
			before := len(up.Got())
			if rep := g.Post(t, "/"+p.name, m.Header, m.Body); rep.Status != 200 {
				t.Fatalf("signed delivery: status %d %q", rep.Status, rep.Body)
			}
			got := up.Got()
			if len(got) != before+1 || !bytes.Equal(got[len(got)-1].Body, m.Body) {
				t.Fatalf("signed delivery did not arrive unchanged")
			}
			if !p.bodyUnsigned {
				tampered := append(bytes.Clone(m.Body[:len(m.Body)-2]), 'X', m.Body[len(m.Body)-1])
				if rep := g.Post(t, "/"+p.name, m.Header, tampered); rep.Status != 401 {
					t.Errorf("tampered delivery: status %d %q, want 401", rep.Status, rep.Body)
				}
			}
			if rep := g.Post(t, "/"+p.name, http.Header{"Content-Type": m.Header["Content-Type"]}, m.Body); rep.Status != 401 {
				t.Errorf("unsigned delivery: status %d %q, want 401", rep.Status, rep.Body)
			}
			if n := len(up.Got()); n != before+1 {
				t.Errorf("refused deliveries reached the upstream (%d requests)", n-before)
			}
		})
	}
}
