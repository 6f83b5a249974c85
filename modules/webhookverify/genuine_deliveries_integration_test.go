package webhookverify

import (
	"bytes"
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"net/http"
	"testing"
	"time"

	"github.com/hookgate/hookgate/internal/gatetest"
)

// genuineSite has one route per preset whose genuine deliveries issue 21
// found refused; each delivery below is built as the provider's own code
// builds or checks it (sources at each case).
const genuineSite = `
	handle /shopify {
		webhook_verify shopify {
			secret shopify-client-secret
		}
		reverse_proxy UPSTREAM
	}
	handle /mollie {
		webhook_verify mollie {
			secret test_webhook_secret
			secret alternate_webhook_secret
			# sent from loopback: with network, Mollie's fetched list would refuse it
			source_ranges off
		}
		reverse_proxy UPSTREAM
	}
	handle /payfast {
		webhook_verify payfast {
			secret jt7NOE43FZPn
			allow_ip any
		}
		reverse_proxy UPSTREAM
	}
	handle /monday {
		webhook_verify monday {
			secret monday-signing-secret
		}
		reverse_proxy UPSTREAM
	}
	handle /linear {
		webhook_verify linear {
			secret lin_wh_secret
		}
		reverse_proxy UPSTREAM
	}
	handle /twilio {
		webhook_verify twilio {
			secret 12345
			secret twilio-shared-key-secret
			url https://hooks.example.com
		}
		reverse_proxy UPSTREAM
	}
	handle /anet {
		webhook_verify authorize_net {
			secret A6214F6105625D5ED957CF02E749BB440DBD4E418533D219CAD26AECD104BFFE7F47DBBE5C81927CCA484AE7722BE82CE57FB5318EDE02122277A2FE90EE68EB
		}
		reverse_proxy UPSTREAM
	}
`

func macOf(h func() hash.Hash, key, msg string) []byte {
	m := hmac.New(h, []byte(key))
	m.Write([]byte(msg))
	return m.Sum(nil)
}

// hs256 is a compact HS256 JWT of claims.
func hs256(t *testing.T, key string, claims map[string]any) string {
	t.Helper()
	payload, err := json.Marshal(claims)
	if err != nil {
		t.Fatal(err)
	}
	enc := base64.RawURLEncoding
	signing := enc.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`)) + "." + enc.EncodeToString(payload)
	return signing + "." + enc.EncodeToString(macOf(sha256.New, key, signing))
}

// TestGenuineDeliveriesThroughCaddy: each genuine delivery form of issue
// 21's table reaches the app through a real Caddy, byte for byte, and the
// same delivery with one changed byte is refused. (Linear's row is not
// among them: the SDK Linear publishes now, @linear/sdk 98.0.0, refuses a
// body without webhookTimestamp, and so does the gate.)
func TestGenuineDeliveriesThroughCaddy(t *testing.T) {
	up := gatetest.StartUpstream(t)
	g := gatetest.StartGate(t, up, "", genuineSite)
	now := time.Now()

	shopifyBody := `{"id":820982911946154508,"email":"jon@example.com"}`
	shopifySig := base64.StdEncoding.EncodeToString(macOf(sha256.New, "shopify-client-secret", shopifyBody))

	mollieBody := `{"id":"tr_12345","event_type":"payment-link.paid"}`
	mollieOld := hex.EncodeToString(macOf(sha256.New, "test_webhook_secret", mollieBody))
	mollieNew := hex.EncodeToString(macOf(sha256.New, "other_secret", mollieBody))

	// Payfast: md5 of name=urlencode(value)&... untrimmed, then the passphrase
	// (payfast-php-sdk Notification::dataToString, pfValidSignature).
	pfParams := "m_payment_id=01AB&pf_payment_id=1089250&payment_status=COMPLETE&item_name=Test+Item+&amount_gross=100.00"
	pfSum := md5.Sum([]byte(pfParams + "&passphrase=jt7NOE43FZPn"))
	payfastBody := pfParams + "&signature=" + hex.EncodeToString(pfSum[:])

	mondayBody := `{"payload":{"inboundFieldValues":{"itemId":1}}}`
	mondayToken := hs256(t, "monday-signing-secret", map[string]any{
		"accountId": 1825528, "userId": 4012689, "aud": "", "iat": now.Unix(), "exp": now.Add(5 * time.Minute).Unix(),
		"shortLivedToken": "SHORT_LIVED_TOKEN_HERE"})

	linearBody := `{"action":"create","type":"Issue","data":{"id":"9f1"}}`
	linearSig := hex.EncodeToString(macOf(sha256.New, "lin_wh_secret", linearBody))

	// Twilio SharedKey: HMAC-SHA256 over the URL then the sorted params.
	twilioBody := "Body=hi&From=%2B15005550006"
	twilioSig := base64.StdEncoding.EncodeToString(macOf(sha256.New, "twilio-shared-key-secret", "https://hooks.example.com/twilio"+"BodyhiFrom+15005550006"))
	twilioSHA1 := base64.StdEncoding.EncodeToString(macOf(sha1.New, "twilio-shared-key-secret", "https://hooks.example.com/twilio"+"BodyhiFrom+15005550006"))

	// Authorize.Net forum thread 88640: the real header over the body as sent.
	anetBody := `{"notificationId":"570f7282-687a-42b7-903b-48e487d7694d","eventType":"net.authorize.payment.authcapture.created","eventDate":"2023-12-12T12:45:09.3492643Z","webhookId":"a585ea29-a370-495a-bd83-f9be7160f260","payload":{"responseCode":1,"avsResponse":"P","authAmount":1.10,"merchantReferenceId":"2M4zHFzshYBudvgIZ11B","entityName":"transaction","id":"120011377052"}}`
	anetHeader := "sha512=8E3D41B0191A9A1E668FB729F350B73C6BBB81D676070FE7CFF001CA2543ABA91BD16A4374A0F6FA4542659728C7DAF79D7EC901FEC582FC2DA3263A2D604DCF"

	json := http.Header{"Content-Type": {"application/json"}}
	with := func(h http.Header, kv ...string) http.Header {
		out := h.Clone()
		for i := 0; i < len(kv); i += 2 {
			out[kv[i]] = append(out[kv[i]], kv[i+1]) // names as given: sent as written
		}
		return out
	}
	form := http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}
	tests := []struct {
		name, path, body string
		header           http.Header
		tamper           string // the header to change a byte of; "": the body
	}{
		// Shopify Events webhooks: lower-case shopify-hmac-sha256 (shopify-app-js ShopifyEventsHeader).
		{"shopify events header", "/shopify", shopifyBody, with(json, "shopify-hmac-sha256", shopifySig), ""},
		// Mollie: bare hex, and one header line per secret during a rotation (mollie-api-php SignatureValidator).
		{"mollie bare hex", "/mollie", mollieBody, with(json, "X-Mollie-Signature", mollieOld), ""},
		{"mollie two lines after a rotation", "/mollie", mollieBody, with(json, "X-Mollie-Signature", "sha256="+mollieNew, "X-Mollie-Signature", "sha256="+mollieOld), ""},
		// Payfast: a value with a trailing space, hashed as posted.
		{"payfast untrimmed value", "/payfast", payfastBody, form, ""},
		// monday.com integration recipes: "aud": "" (developer.monday.com integration-authorization).
		// The token does not cover the body (docs/presets.md): its signature is what a byte change must break.
		{"monday empty aud", "/monday", mondayBody, with(json, "Authorization", mondayToken), "Authorization"},
		// Twilio SharedKey with HMAC-SHA256 (twilio.com webhook-shared-keys).
		{"twilio shared key", "/twilio", twilioBody, with(form, "X-Twilio-Signature", twilioSig,
			"X-Twilio-Webhooks-Signature-Settings", "key=KS00000000000000000000000000000000,algorithm=HMAC_SHA256"), ""},
		// Authorize.Net: the real delivery of forum thread 88640.
		{"authorize_net forum delivery", "/anet", anetBody, with(json, "X-ANET-Signature", anetHeader), ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := len(up.Got())
			if got := g.Send(t, http.MethodPost, tc.path, tc.header, bytes.NewReader([]byte(tc.body))); got.Status != http.StatusOK {
				t.Fatalf("genuine: status %d, want 200 (%s)", got.Status, got.Body)
			}
			reqs := up.Got()
			if len(reqs) != before+1 || string(reqs[len(reqs)-1].Body) != tc.body {
				t.Fatalf("the upstream did not get the body byte for byte")
			}
			changed, header := []byte(tc.body), tc.header.Clone()
			if tc.tamper == "" {
				changed[len(changed)/2] ^= 1
			} else {
				v := []byte(header.Get(tc.tamper))
				v[len(v)-3] ^= 1
				header.Set(tc.tamper, string(v))
			}
			if got := g.Send(t, http.MethodPost, tc.path, header, bytes.NewReader(changed)); got.Status == http.StatusOK {
				t.Errorf("one byte changed: status %d, want a refusal", got.Status)
			}
			if n := len(up.Got()); n != before+1 {
				t.Errorf("a refused delivery reached the upstream (%d requests, want %d)", n, before+1)
			}
		})
	}

	// What the signature does not cover still decides nothing.
	for _, tc := range []struct {
		name, path, body string
		header           http.Header
	}{
		{"shopify, the two headers differ", "/shopify", shopifyBody, with(json, "shopify-hmac-sha256", shopifySig,
			"X-Shopify-Hmac-Sha256", base64.StdEncoding.EncodeToString(macOf(sha256.New, "x", shopifyBody)))},
		{"payfast, value padded after signing", "/payfast", fmt.Sprintf("%s&signature=%s",
			"m_payment_id=01AB&pf_payment_id=1089250&payment_status=COMPLETE&item_name=Test+Item+&amount_gross=+100.00", hex.EncodeToString(pfSum[:])), form},
		// Linear: a body without webhookTimestamp, which @linear/sdk 98.0.0 refuses ("Missing webhook timestamp").
		{"linear without webhookTimestamp", "/linear", linearBody, with(json, "Linear-Signature", linearSig)},
		{"twilio shared key signature without the settings header", "/twilio", twilioBody, with(form, "X-Twilio-Signature", twilioSig)},
		{"twilio HMAC-SHA1 announced as HMAC_SHA256", "/twilio", twilioBody, with(form, "X-Twilio-Signature", twilioSHA1,
			"X-Twilio-Webhooks-Signature-Settings", "key=KS0,algorithm=HMAC_SHA256")},
		{"monday aud of another endpoint", "/monday", mondayBody, with(json, "Authorization", hs256(t, "monday-signing-secret",
			map[string]any{"aud": "https://elsewhere.example.com/monday", "exp": now.Add(5 * time.Minute).Unix()}))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := g.Send(t, http.MethodPost, tc.path, tc.header, bytes.NewReader([]byte(tc.body))); got.Status == http.StatusOK {
				t.Errorf("status %d, want a refusal", got.Status)
			}
		})
	}
}
