package webhookverify

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hookgate/hookgate/internal/gatetest"
	"github.com/hookgate/hookgate/verifiers"
)

// pinnedSite is a gate whose URL-signing routes pin url, as
// docs/operations.md advises behind a proxy: the signed URL is then the
// pinned scheme and host (and path, when the pinned URL has one) with the
// request's own query, as the provider sent it (issue 21).
const pinnedSite = `
	handle /twilio/* {
		webhook_verify twilio {
			secret 12345
			url https://hooks.example.com
		}
		reverse_proxy UPSTREAM
	}
	handle /internal/sms {
		webhook_verify twilio {
			secret 12345
			url https://hooks.example.com/public/sms
		}
		reverse_proxy UPSTREAM
	}
	handle /hubspot {
		webhook_verify hubspot {
			secret hubspot-client-secret
			url https://hooks.example.com
		}
		reverse_proxy UPSTREAM
	}
	handle /plivo {
		webhook_verify plivo {
			secret plivo-auth-token
			url https://hooks.example.com
		}
		reverse_proxy UPSTREAM
	}
`

// TestPinnedURLRequestQuery: with url set, deliveries whose signed URL
// carries a query (Twilio JSON bodies' bodySHA256, Twilio and Plivo GET
// webhooks, HubSpot v3 with a query) are accepted, and a request whose
// path or query is not the one signed is refused by the signature.
func TestPinnedURLRequestQuery(t *testing.T) {
	up := gatetest.StartUpstream(t)
	g := gatetest.StartGate(t, up, "", pinnedSite)
	now := time.Now()
	sign := func(preset, publicURL, contentType string, body []byte) *verifiers.Message {
		t.Helper()
		p, _ := verifiers.Lookup(preset)
		secret := map[string]string{"twilio": "12345", "hubspot": "hubspot-client-secret", "plivo": "plivo-auth-token"}[preset]
		m := &verifiers.Message{URL: publicURL, Body: body, Now: now, Header: http.Header{"Content-Type": {contentType}}}
		if err := p.Sign(verifiers.Settings{Secrets: [][]byte{[]byte(secret)}}, m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	// twilioGET signs a GET webhook as Twilio does: the full URL, no params
	// appended (twilio-node getExpectedTwilioSignature with params {}).
	twilioGET := func(publicURL string) http.Header {
		m := hmac.New(sha1.New, []byte("12345"))
		m.Write([]byte(publicURL))
		return http.Header{"X-Twilio-Signature": {base64.StdEncoding.EncodeToString(m.Sum(nil))}}
	}
	// plivoGET signs a GET callback as plivo-node validateV3Signature
	// checks it: the URL with its query sorted, "." and the nonce.
	plivoGET := func(publicURL, nonce string) http.Header {
		u, _ := url.Parse(publicURL)
		q := u.Query()
		names := make([]string, 0, len(q))
		for n := range q {
			names = append(names, n)
		}
		sort.Strings(names)
		var pairs []string
		for _, n := range names {
			pairs = append(pairs, n+"="+q.Get(n))
		}
		base := u.Scheme + "://" + u.Host + u.EscapedPath() + "?" + strings.Join(pairs, "&") + "." + nonce
		m := hmac.New(sha256.New, []byte("plivo-auth-token"))
		m.Write([]byte(base))
		return http.Header{"X-Plivo-Signature-V3": {base64.StdEncoding.EncodeToString(m.Sum(nil))}, "X-Plivo-Signature-V3-Nonce": {nonce}}
	}
	pathOf := func(publicURL, host string) string { return strings.TrimPrefix(publicURL, host) }
	const origin = "https://hooks.example.com"

	jsonBody := []byte(`{"MessageSid":"SM1","MessageStatus":"delivered"}`)
	tj := sign("twilio", origin+"/twilio/status?tenant=7", "application/json", jsonBody)
	tjPinned := sign("twilio", origin+"/public/sms?tenant=7", "application/json", jsonBody)
	tf := sign("twilio", origin+"/twilio/sms?tenant=7", "application/x-www-form-urlencoded", []byte("Body=hi&From=%2B15005550006"))
	hsURL := origin + "/hubspot?portalId=62515&app=1"
	hs := sign("hubspot", hsURL, "application/json", []byte(`[{"eventId":1,"subscriptionType":"contact.creation"}]`))
	getURL := origin + "/twilio/voice?CallSid=CA1&From=%2B15005550006"
	plivoURL := origin + "/plivo?CallUUID=abc&Event=Hangup"

	tests := []struct {
		name, method, path string
		header             http.Header
		body               []byte
		want               int
	}{
		{"twilio JSON body, bodySHA256 in the signed query", "POST", pathOf(tj.URL, origin), tj.Header, tj.Body, 200},
		{"twilio JSON body, pinned path", "POST", "/internal/sms?" + strings.SplitN(tjPinned.URL, "?", 2)[1], tjPinned.Header, tjPinned.Body, 200},
		{"twilio JSON body, bodySHA256 dropped", "POST", "/twilio/status?tenant=7", tj.Header, tj.Body, 401},
		{"twilio JSON body, another tenant", "POST", strings.Replace(pathOf(tj.URL, origin), "tenant=7", "tenant=8", 1), tj.Header, tj.Body, 401},
		{"twilio form, signed query", "POST", pathOf(tf.URL, origin), tf.Header, tf.Body, 200},
		{"twilio form, query added", "POST", pathOf(tf.URL, origin) + "&admin=1", tf.Header, tf.Body, 401},
		{"twilio form, other path", "POST", strings.Replace(pathOf(tf.URL, origin), "/sms", "/other", 1), tf.Header, tf.Body, 401},
		{"twilio GET webhook", "GET", pathOf(getURL, origin), twilioGET(getURL), nil, 200},
		{"twilio GET webhook, parameter changed", "GET", strings.Replace(pathOf(getURL, origin), "CA1", "CA2", 1), twilioGET(getURL), nil, 401},
		{"hubspot v3 with a query", "POST", pathOf(hsURL, origin), hs.Header, hs.Body, 200},
		{"hubspot v3, query changed", "POST", "/hubspot?portalId=1&app=1", hs.Header, hs.Body, 401},
		{"plivo GET callback", "GET", pathOf(plivoURL, origin), plivoGET(plivoURL, "12345678901234567890"), nil, 200},
		{"plivo GET callback, parameter changed", "GET", "/plivo?CallUUID=abd&Event=Hangup", plivoGET(plivoURL, "12345678901234567890"), nil, 401},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var body []byte = tc.body
			got := g.Send(t, tc.method, tc.path, tc.header, strings.NewReader(string(body)))
			if got.Status != tc.want {
				t.Errorf("%s %s: status %d, want %d (%s)", tc.method, tc.path, got.Status, tc.want, got.Body)
			}
		})
	}
}
