package verifiers

import (
	"crypto/sha1"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

func init() {
	register(Preset{
		// Braintree: form bt_signature = `<public key>|<hex HMAC-SHA1(SHA1(private key), bt_payload)>`[&...];
		// GET ?bt_challenge= answered (braintree.go).
		Name: "braintree", Options: []string{optionBraintreeKey}, RequiredOptions: []string{optionBraintreeKey},
		New: newBraintree, Signer: signBraintree,
		Sample: []byte(`<notification><timestamp type="datetime">2024-05-01T10:00:00Z</timestamp><kind>check</kind><subject><check type="boolean">true</check></subject></notification>`),
		Doc: PresetDoc{
			Source:    "braintree/braintree_python tests/unit/test_webhooks.py",
			Signature: "form fields `bt_signature` (`<public key>\\|<hex>` pairs joined by `&`) and `bt_payload` (base64 of the notification's XML)",
			Algorithm: "HMAC-SHA1, key = SHA-1 of the API private key (the secret); the pair of option `api_public_key` (required) is checked",
			Signed:    "`bt_payload` as sent (or with a newline added, as the SDKs accept)",
			Handshake: "the verification GET `?bt_challenge=<20-32 hex digits>` is answered 200 with `<public key>\\|<hex HMAC-SHA1(SHA1(private key), challenge)>` as text/plain (first secret)",
			Identity:  "`bt_payload` (a trailing newline ignored)",
			Vectors:   "sdk-test (braintree/braintree_python tests/unit/test_webhooks.py test_verify_returns_a_correct_challenge_response) and computed",
			Note:      "The form must hold exactly `bt_signature` and `bt_payload`: any other field would be unsigned and is refused. The app still decodes `bt_payload` itself (or with its Braintree SDK, which verifies again). The challenge answer is the same HMAC as a payload's signature, so a `bt_payload` shaped like a challenge (20-32 hex digits) is refused.",
		},
	})
}

// braintree verifies Braintree webhooks as its SDKs do
// (braintree/braintree_python webhook_notification_gateway.py): the body is
// a form with bt_signature and bt_payload, bt_payload being the base64 of
// the notification's XML; bt_signature is one or more
// `<public key>|<hex HMAC-SHA1(SHA1(private key), bt_payload)>` pairs
// separated by '&'. The pair of the route's public key (option
// api_public_key) is checked against bt_payload, or bt_payload with a
// newline added, under every configured private key (secret).
//
// When a webhook URL is added, Braintree sends GET ?bt_challenge=<hex>;
// the gate answers it itself with `<public key>|<hex HMAC-SHA1(SHA1(private
// key), challenge)>`, computed with the first private key.
type braintree struct {
	publicKey string
	keys      [][]byte
}

const (
	braintreeSignature = "bt_signature"
	braintreePayload   = "bt_payload"
	optionBraintreeKey = "api_public_key"
)

func newBraintree(s Settings) (Verifier, error) {
	pk := s.Options[optionBraintreeKey]
	if pk == "" || strings.ContainsAny(pk, "|&") {
		return nil, fmt.Errorf("braintree needs %s, the API public key (without '|' or '&')", optionBraintreeKey)
	}
	keys := make([][]byte, len(s.Secrets))
	for i, secret := range s.Secrets {
		k := sha1.Sum(secret)
		keys[i] = k[:]
	}
	return &braintree{publicKey: pk, keys: keys}, nil
}

// braintreePayloadChars reports whether p has only the characters the
// SDKs accept in bt_payload (base64 and newlines).
func braintreePayloadChars(p string) bool {
	for _, c := range []byte(p) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '+' || c == '/' || c == '=' || c == '\n') {
			return false
		}
	}
	return true
}

// fields reads bt_signature and bt_payload from a form of exactly these
// two fields: anything else in the body is unsigned, so it is refused.
func (v *braintree) fields(body []byte) (sig, payload string, err error) {
	form, err := parseForm(body)
	if err != nil {
		return "", "", err
	}
	if err := formUnambiguous(form, exactNames); err != nil {
		return "", "", err
	}
	values, present, err := lookupForm(form, exactNames, braintreeSignature, braintreePayload)
	if err != nil {
		return "", "", err
	}
	if !present[0] || !present[1] || values[0] == "" || values[1] == "" {
		return "", "", reject(missingSignature, "form fields bt_signature and bt_payload are required")
	}
	if len(form) != 2 {
		return "", "", reject(malformedSignature, "the form has fields besides bt_signature and bt_payload")
	}
	if !braintreePayloadChars(values[1]) {
		return "", "", reject(malformedSignature, "bt_payload is not base64")
	}
	// The challenge answer is the same HMAC under the same key: a payload
	// that could have been a challenge could have been signed by the gate.
	if braintreeIsChallenge(strings.TrimSuffix(values[1], "\n")) {
		return "", "", reject(malformedSignature, "bt_payload could be a challenge the gate answered for")
	}
	return values[0], values[1], nil
}

// signatures returns the decoded signatures of the route's public key.
func (v *braintree) signatures(field string) [][]byte {
	var out [][]byte
	for _, pair := range strings.Split(field, "&") {
		pk, sig, ok := strings.Cut(pair, "|")
		if !ok || pk != v.publicKey || len(sig) != 2*sha1.Size {
			continue
		}
		if b, err := hex.DecodeString(sig); err == nil {
			out = append(out, b)
		}
	}
	return out
}

func (v *braintree) Verify(d *Delivery) (Verified, error) {
	if braintreeChallenge(d) != "" {
		return Verified{Signed: []byte{}}, nil // answered by Handshake, goes no further
	}
	if err := formBody(d.Request.Header.Get("Content-Type")); err != nil {
		return Verified{}, err
	}
	field, payload, err := v.fields(d.Body)
	if err != nil {
		return Verified{}, err
	}
	sigs := v.signatures(field)
	if len(sigs) == 0 {
		return Verified{}, reject(badSignature, "bt_signature has no signature for the configured public key")
	}
	ok, key := 0, 0
	for i := len(v.keys) - 1; i >= 0; i-- { // every key, every candidate: no early exit
		for _, content := range []string{payload, payload + "\n"} {
			mac := hmacSum(algSHA1, v.keys[i], []byte(content))
			for _, sig := range sigs {
				if subtle.ConstantTimeCompare(mac, sig) == 1 {
					ok, key = 1, i
				}
			}
		}
	}
	if ok == 0 {
		return Verified{}, errBadSignature
	}
	// The SDKs accept a signature of bt_payload with a newline added, so a
	// payload with and without its last newline is one delivery.
	return Verified{Signed: appendSigned(nil, []byte(strings.TrimSuffix(payload, "\n"))), Key: key}, nil
}

// braintreeChallenge returns the bt_challenge of a verification GET, or ""
// when d is not exactly one: GET, no body, bt_challenge once and nothing
// else, 20 to 32 lower-case hex digits (the SDKs' check).
func braintreeChallenge(d *Delivery) string {
	r := d.Request
	if r.Method != http.MethodGet || len(d.Body) != 0 {
		return ""
	}
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil || len(q) != 1 || len(q["bt_challenge"]) != 1 {
		return ""
	}
	if c := q["bt_challenge"][0]; braintreeIsChallenge(c) {
		return c
	}
	return ""
}

// braintreeIsChallenge reports whether c is 20 to 32 lower-case hex digits,
// the challenges the SDKs answer.
func braintreeIsChallenge(c string) bool {
	if len(c) < 20 || len(c) > 32 {
		return false
	}
	for _, b := range []byte(c) {
		if !('0' <= b && b <= '9' || 'a' <= b && b <= 'f') {
			return false
		}
	}
	return true
}

// Handshake answers Braintree's verification challenge.
func (v *braintree) Handshake(d *Delivery) *Answer {
	c := braintreeChallenge(d)
	if c == "" || len(v.keys) == 0 {
		return nil
	}
	body := v.publicKey + "|" + hex.EncodeToString(hmacSum(algSHA1, v.keys[0], []byte(c)))
	return &Answer{Status: http.StatusOK, ContentType: "text/plain; charset=utf-8", Body: []byte(body)}
}

// Interface guards
var (
	_ Verifier   = (*braintree)(nil)
	_ Handshaker = (*braintree)(nil)
)

// signBraintree sends m's body as Braintree does: base64 (MIME lines, as
// the SDKs' sample notifications) in bt_payload, signed in bt_signature.
func signBraintree(s Settings, m *Message) error {
	pk := s.Options[optionBraintreeKey]
	if pk == "" {
		return fmt.Errorf("braintree signs with option %s set", optionBraintreeKey)
	}
	key := sha1.Sum(firstSecret(s))
	enc := base64.StdEncoding.EncodeToString(m.Body)
	var payload strings.Builder
	for len(enc) > 76 {
		payload.WriteString(enc[:76] + "\n")
		enc = enc[76:]
	}
	payload.WriteString(enc + "\n")
	sig := pk + "|" + hex.EncodeToString(hmacSum(algSHA1, key[:], []byte(payload.String())))
	m.Body = []byte(url.Values{braintreeSignature: {sig}, braintreePayload: {payload.String()}}.Encode())
	m.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return nil
}
