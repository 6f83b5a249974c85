package verifiers

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"net/http"
	"strings"
	"time"
)

func init() {
	register(Preset{
		// HubSpot v3: X-HubSpot-Signature-v3 = base64 HMAC-SHA256(method+URL+body+timestamp ms);
		// option version v1/v2: X-HubSpot-Signature = hex sha256(secret[+method+URL]+body).
		Name: "hubspot", Options: []string{"version"}, Tolerance: hubspotTolerance, SignsURL: true,
		Doc: PresetDoc{
			Source:        "HubSpot/hubspot-api-nodejs src/utils/signature.ts",
			Signature:     "`X-HubSpot-Signature-v3: <base64>` + `X-HubSpot-Request-Timestamp` (ms); option `version v1/v2`: `X-HubSpot-Signature: <hex>`",
			Algorithm:     "v3 HMAC-SHA256; v1/v2 plain SHA-256",
			Signed:        "v3 `method+URL+body+timestamp`; v2 `secret+method+URL+body`; v1 `secret+body`",
			ToleranceNote: "v3",
			Identity:      "none",
			Vectors:       "sdk (v1, v2: hubspot-api-nodejs) + computed (v3)",
		},
		New: newHubSpot, Signer: signHubSpot,
	})
}

// hubspotV3 is HubSpot's v3 signature: base64 HMAC-SHA256 of
// method + URL + body + timestamp (unix ms), no separators.
var hubspotV3 = hmacScheme{
	Signature:       signatureFormat{Header: "X-HubSpot-Signature-v3", Encoding: encBase64},
	TimestampHeader: "X-HubSpot-Request-Timestamp",
	TimeFormat:      unixMillis,
	Template:        template{methodPart, urlPart, bodyPart, timestampPart},
	Algorithm:       algSHA256,
	CanonicalURL:    hubspotURL,
}

// hubspotEscapes are the percent-escapes HubSpot decodes before signing the URL.
var hubspotEscapes = strings.NewReplacer(
	"%3A", ":", "%2F", "/", "%3F", "?", "%40", "@", "%21", "!", "%24", "$",
	"%27", "'", "%28", "(", "%29", ")", "%2A", "*", "%2C", ",", "%3B", ";",
	"%3a", ":", "%2f", "/", "%3f", "?", "%2a", "*", "%2c", ",", "%3b", ";",
)

// hubspotURL decodes the escapes HubSpot decodes; others stay as they are.
func hubspotURL(u string) string { return hubspotEscapes.Replace(u) }

// hubspotLegacy is HubSpot's v1 (sha256(secret + body)) and v2
// (sha256(secret + method + URL + body)) signature: a plain SHA-256, not an
// HMAC, lowercase hex in X-HubSpot-Signature.
type hubspotLegacy struct {
	version string
	secrets [][]byte
}

func (v *hubspotLegacy) digest(secret []byte, method, url string, body []byte) []byte {
	h := sha256.New()
	h.Write(secret)
	if v.version == "v2" {
		h.Write([]byte(method))
		h.Write([]byte(url))
	}
	h.Write(body)
	return h.Sum(nil)
}

// Verify checks X-HubSpot-Signature. Signed is what the digest covers
// besides the secret: the body (v1: the URL and method are not signed), or
// method, URL and body (v2).
func (v *hubspotLegacy) Verify(d *Delivery) (Verified, error) {
	h := d.Request.Header
	if got := h.Get("X-HubSpot-Signature-Version"); got != "" && got != v.version {
		return Verified{}, reject(malformedSignature, "header X-HubSpot-Signature-Version is not %s", v.version)
	}
	sig, err := signatureFormat{Header: "X-HubSpot-Signature", Encoding: encHex}.read(h, sha256.Size)
	if err != nil {
		return Verified{}, err
	}
	if v.version == "v2" && d.PublicURL == "" {
		return Verified{}, reject(missingSignature, "the public URL is unknown")
	}
	ok, key := 0, 0
	for i, s := range v.secrets {
		c := boolInt(hmac.Equal(v.digest(s, d.Request.Method, d.PublicURL, d.Body), sig))
		key = subtle.ConstantTimeSelect(c&(ok^1), i, key)
		ok |= c
	}
	if ok != 1 {
		return Verified{}, errBadSignature
	}
	if v.version == "v2" {
		return Verified{Signed: signedOf([]byte(d.Request.Method), []byte(d.PublicURL), d.Body), Key: key}, nil
	}
	return bodySigned(d.Body, key), nil
}

// newHubSpot builds the hubspot preset; option version picks v3 (default), v2 or v1.
func newHubSpot(s Settings) (Verifier, error) {
	switch ver := s.Options["version"]; ver {
	case "", "v3":
		return hubspotV3.New(s)
	case "v1", "v2":
		return &hubspotLegacy{version: ver, secrets: s.Secrets}, nil
	default:
		return nil, fmt.Errorf("hubspot: version must be v1, v2 or v3, not %q", ver)
	}
}

// signHubSpot signs as HubSpot does for the configured version.
func signHubSpot(s Settings, m *Message) error {
	switch ver := s.Options["version"]; ver {
	case "", "v3":
		return hubspotV3.Sign(s, m)
	case "v1", "v2":
		v := &hubspotLegacy{version: ver}
		m.Header.Set("X-HubSpot-Signature-Version", ver)
		signatureFormat{Header: "X-HubSpot-Signature", Encoding: encHex}.write(m.Header, v.digest(firstSecret(s), http.MethodPost, m.URL, m.Body))
		return nil
	default:
		return fmt.Errorf("hubspot: version must be v1, v2 or v3, not %q", ver)
	}
}

// hubspotTolerance is the SDKs' MAX_ALLOWED_TIMESTAMP.
const hubspotTolerance = 5 * time.Minute

// Interface guard
var _ Verifier = (*hubspotLegacy)(nil)
