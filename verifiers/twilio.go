package verifiers

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

func init() {
	register(Preset{
		// Twilio: X-Twilio-Signature = base64 HMAC-SHA1(auth token, URL + sorted params | URL with bodySHA256),
		// or HMAC-SHA256 with a SharedKey when X-Twilio-Webhooks-Signature-Settings says algorithm=HMAC_SHA256.
		Name: "twilio", SignsURL: true, New: newTwilio, Signer: signTwilio,
		Doc: PresetDoc{
			Source:    "twilio/twilio-node src/webhooks/webhooks.ts; twilio.com/docs/usage/webhooks/webhook-shared-keys",
			Signature: "`X-Twilio-Signature: <base64>`; `X-Twilio-Webhooks-Signature-Settings: key=…,algorithm=HMAC_SHA256` announces a SharedKey signature",
			Algorithm: "HMAC-SHA1, key = auth token; HMAC-SHA256, key = a SharedKey's secret, when announced",
			Signed:    "public URL (with query) + form params sorted by name, values sorted and de-duplicated; JSON bodies: URL only, with `bodySHA256=<hex sha256(body)>` in the query checked against the body; URL tried with and without its port (explicit or default)",
			Identity:  "hash of the signed content",
			Vectors:   "sdk-test (twilio-python) ×7",
			Note:      "Webhooks that a Twilio Webhook Rule signs with a SharedKey (twilio.com/docs/usage/webhooks/webhook-shared-keys) carry `X-Twilio-Webhooks-Signature-Settings: key=<key>,algorithm=HMAC_SHA256`, and `X-Twilio-Signature` is then the base64 HMAC-SHA256 of the same URL and parameters, keyed by the SharedKey's secret: configure that secret as a `secret` of the route, beside the auth token while both are in use. Without the header the signature is HMAC-SHA1; an algorithm other than `HMAC_SHA1` or `HMAC_SHA256` is refused. The header is not signed: it chooses only which MAC the signature must be, under a configured secret.",
		},
		Sample: []byte("AccountSid=AC00000000000000000000000000000000&CallSid=CA00000000000000000000000000000000&CallStatus=completed&From=%2B15005550006"),
	})
}

// twilio verifies X-Twilio-Signature: base64 HMAC-SHA1(auth token, URL +
// params), as twilio-python's RequestValidator does (PROVIDERS.md 6.6):
//
//   - form posts: the full public URL (with its query), then every POST
//     parameter sorted by name, each name followed by its values sorted and
//     de-duplicated;
//   - JSON bodies: the URL carries bodySHA256=<hex sha256(body)>; the
//     signature covers the URL alone and the body hash must match;
//   - ports: the signature may have been made over the URL with or without
//     its port (explicit, or the scheme's default), so both are tried.
//
// With a SharedKey, X-Twilio-Webhooks-Signature-Settings names the
// algorithm (algorithm=HMAC_SHA256) and the signature is that HMAC of the
// same string, keyed by the SharedKey's secret (twilio.com/docs/usage/
// webhooks/webhook-shared-keys; twilio-node examples/
// WebhookSignatureValidation.md: "Only the hash changes").
type twilio struct {
	sha1, sha256 macSet
}

// twilioSettingsHeader announces a SharedKey signature and its algorithm.
const twilioSettingsHeader = "X-Twilio-Webhooks-Signature-Settings"

// twilioAlgorithm is the signature's algorithm: HMAC-SHA1 without the
// settings header, else the one algorithm item the header names.
func twilioAlgorithm(h http.Header) (algorithm, error) {
	if len(h.Values(twilioSettingsHeader)) == 0 {
		return algSHA1, nil
	}
	v, err := headerValue(h, twilioSettingsHeader)
	if err != nil {
		return algorithm{}, err
	}
	alg, n := "", 0
	for item := range strings.SplitSeq(v, ",") {
		name, value, _ := strings.Cut(item, "=")
		if strings.TrimSpace(name) == "algorithm" {
			alg, n = strings.TrimSpace(value), n+1
		}
	}
	switch {
	case n != 1:
		return algorithm{}, reject(malformedSignature, "header %s must name one algorithm", twilioSettingsHeader)
	case alg == "HMAC_SHA256":
		return algSHA256, nil
	case alg == "HMAC_SHA1":
		return algSHA1, nil
	}
	return algorithm{}, reject(malformedSignature, "header %s names an algorithm hookgate does not know", twilioSettingsHeader)
}

var twilioFormat = signatureFormat{Header: "X-Twilio-Signature", Encoding: encBase64}

func newTwilio(s Settings) (Verifier, error) {
	return &twilio{sha1: newMACSet(algSHA1, s.Secrets), sha256: newMACSet(algSHA256, s.Secrets)}, nil
}

// Verify checks X-Twilio-Signature. Signed is the URL without its port
// (either form may have been signed; both are the same delivery) and the
// canonical parameter string, so reordered fields, another percent-encoding
// of the same text, or a repeated identical pair (which twilio-python's
// sorted(set(...)) ignores) do not change it.
func (v *twilio) Verify(d *Delivery) (Verified, error) {
	alg, err := twilioAlgorithm(d.Request.Header)
	if err != nil {
		return Verified{}, err
	}
	macs := v.sha1
	if alg.Name == algSHA256.Name {
		macs = v.sha256
	}
	sig, err := twilioFormat.read(d.Request.Header, alg.Size)
	if err != nil {
		return Verified{}, err
	}
	params, err := twilioParams(d.PublicURL, d.Request.Header.Get("Content-Type"), d.Body)
	if err != nil {
		return Verified{}, err
	}
	with, without := twilioPortForms(d.PublicURL)
	k1, ok1 := macs.matches(sig, []byte(with), params)
	k2, ok2 := macs.matches(sig, []byte(without), params)
	if !ok1 && !ok2 {
		return Verified{}, errBadSignature
	}
	key := k2
	if ok1 {
		key = k1
	}
	return Verified{Signed: signedOf([]byte(without), params), Key: key}, nil
}

// twilioParams returns the signed parameter string for a delivery, and
// checks bodySHA256 when the URL carries it. A body that is neither a form
// nor covered by bodySHA256 would pass unauthenticated, so it is refused.
func twilioParams(publicURL, contentType string, body []byte) ([]byte, error) {
	u, err := url.Parse(publicURL)
	if publicURL == "" || err != nil || u.Host == "" {
		return nil, reject(malformedSignature, "the public URL Twilio signed is unknown; set url")
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return nil, reject(malformedSignature, "URL query is malformed")
	}
	if hashes, ok := q["bodySHA256"]; ok {
		want, err := hex.DecodeString(strings.Join(hashes, ""))
		got := sha256.Sum256(body)
		if len(hashes) != 1 || err != nil || subtle.ConstantTimeCompare(want, got[:]) != 1 {
			return nil, reject(badSignature, "bodySHA256 does not match the body")
		}
		return nil, nil
	}
	if len(body) == 0 {
		return nil, nil
	}
	if mt, _, _ := mime.ParseMediaType(contentType); mt != "application/x-www-form-urlencoded" {
		return nil, reject(malformedSignature, "body is neither a form nor covered by bodySHA256")
	}
	fields, err := parseForm(body)
	if err != nil {
		return nil, err
	}
	if err := formUnambiguousRepeats(fields); err != nil {
		return nil, err
	}
	return twilioParamString(fields), nil
}

// twilioParamString is name+value for every field: names sorted, and each
// name's values sorted and de-duplicated (twilio-python's sorted(set(...))).
func twilioParamString(fields []formField) []byte {
	byName := map[string][]string{}
	for _, f := range fields {
		byName[f.Name] = append(byName[f.Name], f.Value)
	}
	names := make([]string, 0, len(byName))
	for name := range byName {
		names = append(names, name)
	}
	slices.Sort(names)
	var out []byte
	for _, name := range names {
		values := byName[name]
		slices.Sort(values)
		for _, value := range slices.Compact(values) {
			out = append(out, name...)
			out = append(out, value...)
		}
	}
	return out
}

// twilioPortForms returns the URL with its port (the explicit one, or the
// scheme's default added) and without any port.
func twilioPortForms(raw string) (with, without string) {
	scheme, rest, ok := strings.Cut(raw, "://")
	if !ok {
		return raw, raw
	}
	authority, tail := rest, ""
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		authority, tail = rest[:i], rest[i:]
	}
	userinfo := ""
	if i := strings.LastIndexByte(authority, '@'); i >= 0 {
		userinfo, authority = authority[:i+1], authority[i+1:]
	}
	host, port := authority, ""
	if i := strings.LastIndexByte(authority, ':'); i >= 0 && !strings.Contains(authority[i:], "]") {
		host, port = authority[:i], authority[i+1:]
	}
	host = userinfo + host
	if port == "" {
		port = "80"
		if strings.EqualFold(scheme, "https") {
			port = "443"
		}
	}
	return scheme + "://" + host + ":" + port + tail, scheme + "://" + host + tail
}

// Interface guard
var _ Verifier = (*twilio)(nil)

// signTwilio signs m as Twilio does: a form body's params, or a JSON body
// through bodySHA256 (added to m.URL).
func signTwilio(s Settings, m *Message) error {
	ct := m.Header.Get("Content-Type")
	if ct == "" && len(m.Body) > 0 {
		ct = "application/x-www-form-urlencoded"
		m.Header.Set("Content-Type", ct)
	}
	if mt, _, _ := mime.ParseMediaType(ct); len(m.Body) > 0 && mt != "application/x-www-form-urlencoded" {
		sum := sha256.Sum256(m.Body)
		sep := "?"
		if strings.Contains(m.URL, "?") {
			sep = "&"
		}
		m.URL += sep + "bodySHA256=" + hex.EncodeToString(sum[:])
	}
	params, err := twilioParams(m.URL, ct, m.Body)
	if err != nil {
		return err
	}
	mac := hmacSum(algSHA1, firstSecret(s), []byte(m.URL), params)
	m.Header.Set(twilioFormat.Header, base64.StdEncoding.EncodeToString(mac))
	return nil
}
