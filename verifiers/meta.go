package verifiers

import (
	"fmt"
	"net/http"
)

func init() {
	register(Preset{
		// Meta: X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, body)>; the GET
		// subscription handshake is answered by the gate with option verify_token (meta.go).
		Name: "meta", New: newMeta, Signer: bodyScheme(metaFormat, algSHA256).Sign,
		Options: []string{metaOptionVerifyToken}, SecretOptions: []string{metaOptionVerifyToken},
		Sample: []byte(`{"object":"page","entry":[{"id":"0","time":1700000000,"changes":[{"field":"feed","value":{"item":"status","verb":"add"}}]}]}`),
		Doc: PresetDoc{
			Source:    "developers.facebook.com/docs/graph-api/webhooks/getting-started",
			Signature: "`X-Hub-Signature-256: sha256=<hex>`",
			Algorithm: "HMAC-SHA256, key = the app secret",
			Signed:    "body",
			Handshake: "`GET ?hub.mode=subscribe&hub.verify_token=..&hub.challenge=..`: 200 with the challenge (text/plain) when `verify_token` matches, else 403",
			Identity:  "hash of the body",
			Vectors:   "computed (testdata/vectors/presets-a.jsonl), from developers.facebook.com Graph API webhooks",
			Note: "Meta: the subscription handshake is answered only when it is exactly `hub.mode=subscribe`, `hub.verify_token` and `hub.challenge` (1 to 256 URL-safe characters), each once, on a GET with no body; " +
				"`verify_token` is a credential (kept out of logs like a secret). Without `verify_token` every handshake gets 403. Meta also sends the legacy `X-Hub-Signature` (SHA-1), which is not checked.",
		},
	})
}

// Meta (Facebook, Instagram, WhatsApp, Messenger) webhooks
// (developers.facebook.com/docs/graph-api/webhooks): every event
// notification is a POST whose X-Hub-Signature-256 is "sha256=" and the hex
// HMAC-SHA256 of the raw body with the app secret.
//
// When a callback URL is registered, Meta first sends an unsigned
//
//	GET ?hub.mode=subscribe&hub.verify_token=<token>&hub.challenge=<challenge>
//
// which must be answered with the challenge when the verify token is the
// one entered in the App Dashboard. The gate answers it itself: 200 with
// the challenge as text/plain when the route's verify_token option matches
// (compared in constant time), 403 otherwise, also when no verify_token is
// configured. Neither answer reaches the app.

// metaOptionVerifyToken is the option holding the dashboard's verify token.
const metaOptionVerifyToken = "verify_token"

// metaMinVerifyToken is the shortest verify_token accepted.
const metaMinVerifyToken = 8

// metaMaxChallenge bounds the echoed challenge; metaMaxToken the verify
// token read from the query.
const (
	metaMaxChallenge = 256
	metaMaxToken     = 1024
)

var metaFormat = signatureFormat{Header: "X-Hub-Signature-256", Prefix: "sha256=", Encoding: encHex}

// meta verifies Meta's signed notifications and recognises its
// subscription handshake.
type meta struct {
	body   Verifier
	tokens tokenSet // the verify token; empty when none is configured
}

// newMeta builds the verifier; s.Options["verify_token"] is optional.
func newMeta(s Settings) (Verifier, error) {
	b, err := bodyScheme(metaFormat, algSHA256).New(s)
	if err != nil {
		return nil, err
	}
	v := &meta{body: b}
	if t := s.Options[metaOptionVerifyToken]; t != "" {
		if len(t) < metaMinVerifyToken {
			// It travels in the query, which access logs record; the log
			// encoder cuts out only secrets long enough to be told from text.
			return nil, fmt.Errorf("provider meta: verify_token must be at least %d characters", metaMinVerifyToken)
		}
		v.tokens = newTokenSet([][]byte{[]byte(t)})
	}
	return v, nil
}

// metaSubscription returns the challenge and verify token of a
// subscription handshake, and whether d is exactly one: a GET with no body
// whose query is hub.mode=subscribe, hub.verify_token and hub.challenge,
// each once and nothing else, read strictly (an unescaped ';' or a bad
// escape is not one). Only URL-safe characters are echoed, so the reply
// cannot carry markup.
func metaSubscription(d *Delivery) (challenge, token string, ok bool) {
	r := d.Request
	if r.Method != http.MethodGet || len(d.Body) != 0 {
		return "", "", false
	}
	fields, err := parseForm([]byte(r.URL.RawQuery))
	if err != nil || len(fields) != 3 {
		return "", "", false
	}
	var mode string
	seen := map[string]bool{}
	for _, f := range fields {
		if seen[f.Name] {
			return "", "", false
		}
		seen[f.Name] = true
		switch f.Name {
		case "hub.mode":
			mode = f.Value
		case "hub.verify_token":
			token = f.Value
		case "hub.challenge":
			challenge = f.Value
		default:
			return "", "", false
		}
	}
	if mode != "subscribe" || token == "" || len(token) > metaMaxToken ||
		challenge == "" || len(challenge) > metaMaxChallenge || !urlSafe(challenge) {
		return "", "", false
	}
	return challenge, token, true
}

// urlSafe reports whether s has only RFC 3986 unreserved characters.
func urlSafe(s string) bool {
	for _, c := range []byte(s) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '-' || c == '_' || c == '.' || c == '~') {
			return false
		}
	}
	return true
}

// Verify accepts a subscription handshake as such (Handshake answers it,
// it goes no further) and verifies everything else as a signed
// notification.
func (v *meta) Verify(d *Delivery) (Verified, error) {
	if _, _, ok := metaSubscription(d); ok {
		return Verified{Signed: []byte{}}, nil
	}
	return v.body.Verify(d)
}

// Handshake answers a subscription handshake: the challenge when the
// verify token matches the configured one, 403 otherwise.
func (v *meta) Handshake(d *Delivery) *Answer {
	challenge, token, ok := metaSubscription(d)
	if !ok {
		return nil
	}
	if _, match := v.tokens.index([]byte(token)); !match {
		return &Answer{Status: http.StatusForbidden, ContentType: "text/plain; charset=utf-8", Body: []byte("verify_token does not match\n")}
	}
	return &Answer{Status: http.StatusOK, ContentType: "text/plain; charset=utf-8", Body: []byte(challenge)}
}

// Interface guards
var (
	_ Verifier   = (*meta)(nil)
	_ Handshaker = (*meta)(nil)
)
