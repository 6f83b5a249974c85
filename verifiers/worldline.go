package verifiers

import "net/http"

func init() {
	register(Preset{
		// Worldline (Connect and Direct): X-GCS-Signature = base64 HMAC-SHA256(secret webhooks key, body),
		// X-GCS-KeyId names the key; the unsigned GET echoing X-GCS-Webhooks-Endpoint-Verification is answered.
		Name: "worldline", New: newWorldline, Signer: bodyScheme(worldlineFormat, algSHA256).Sign, BodyID: "id",
		Doc: PresetDoc{
			Signature: "`X-GCS-Signature: <base64>` (+ `X-GCS-KeyId`, the key's ID, unsigned)",
			Algorithm: "HMAC-SHA256, key = the secret webhooks key (configure every active key; the key ID is not needed)",
			Signed:    "body",
			Handshake: "unsigned `GET` with `X-GCS-Webhooks-Endpoint-Verification` (no body, URL-safe characters, ≤256): its value echoed as text/plain",
			Identity:  "body `id`",
			Vectors:   "sdk-test (Worldline-Global-Collect/connect-sdk-python3 tests/unit/test_web_hooks_helper.py) + computed",
			Source:    "docs.connect.worldline-solutions.com/documentation/webhooks; Worldline-Global-Collect/connect-sdk-python3 worldline/connect/sdk/webhooks/signature_validator.py",
		},
		Sample: []byte(`{"apiVersion":"v1","id":"8ee793f6-4553-4749-85dc-f2ef095c5ab0","created":"2017-02-02T11:24:14.040+0100","merchantId":"20000","type":"payment.paid","payment":{"id":"00000200000143570012","status":"PAID"}}`),
	})
}

var worldlineFormat = signatureFormat{Header: "X-GCS-Signature", Encoding: encBase64}

// worldlineVerifyHeader carries the endpoint verification value.
const worldlineVerifyHeader = "X-GCS-Webhooks-Endpoint-Verification"

// worldline verifies Worldline webhooks and answers its endpoint
// verification GET.
type worldline struct {
	body Verifier
}

func newWorldline(s Settings) (Verifier, error) {
	b, err := bodyScheme(worldlineFormat, algSHA256).New(s)
	return &worldline{body: b}, err
}

// worldlineChallenge returns the value to echo for an endpoint verification
// GET, or "" when d is not exactly one (GET, no body, no query, one header
// value of URL-safe characters, at most 256).
func worldlineChallenge(d *Delivery) string {
	r := d.Request
	values := r.Header.Values(worldlineVerifyHeader)
	if r.Method != http.MethodGet || len(d.Body) != 0 || r.URL.RawQuery != "" || len(values) != 1 {
		return ""
	}
	v := values[0]
	if v == "" || len(v) > dropboxMaxChallenge {
		return ""
	}
	for _, c := range []byte(v) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '-' || c == '_' || c == '.' || c == '~') {
			return ""
		}
	}
	return v
}

func (v *worldline) Verify(d *Delivery) (Verified, error) {
	if worldlineChallenge(d) != "" {
		return Verified{Signed: []byte{}}, nil // answered by Handshake, goes no further
	}
	return v.body.Verify(d)
}

// Handshake echoes the verification value as text/plain.
func (v *worldline) Handshake(d *Delivery) *Answer {
	if c := worldlineChallenge(d); c != "" {
		return &Answer{Status: http.StatusOK, ContentType: "text/plain; charset=utf-8", Body: []byte(c)}
	}
	return nil
}

// Interface guards
var (
	_ Verifier   = (*worldline)(nil)
	_ Handshaker = (*worldline)(nil)
)
