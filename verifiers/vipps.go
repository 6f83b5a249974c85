package verifiers

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"net/url"
	"strings"
	"time"
)

func init() {
	register(Preset{
		// Vipps MobilePay Webhooks API: Authorization: HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=<base64>.
		Name: "vipps", SignsURL: true, Tolerance: vippsTolerance, New: newVipps, Signer: signVipps,
		Doc: PresetDoc{
			Source:        "developer.vippsmobilepay.com/docs/APIs/webhooks-api/request-authentication/",
			Signature:     "`Authorization: HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=<base64>` + `x-ms-content-sha256`",
			Algorithm:     "HMAC-SHA256, key = secret as UTF-8 (not decoded)",
			Signed:        "`METHOD\\npath?query\\nx-ms-date;host;x-ms-content-sha256` (path, query, host from the public URL); content hash checked against the body",
			ToleranceNote: "on `x-ms-date`; hookgate's choice: Vipps MobilePay retries a failed webhook and holds later ones until it succeeds (webhooks-api FAQ), but publishes neither the schedule nor whether `x-ms-date` is renewed",
			Identity:      "hash of the signed content",
			Vectors:       "published-doc ×1",
		},
	})
}

// vipps verifies the Vipps MobilePay Webhooks API (PROVIDERS.md 6.15,
// developer.vippsmobilepay.com/docs/APIs/webhooks-api/request-authentication):
//
//	x-ms-content-sha256: base64 SHA-256 of the body
//	Authorization: HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=<base64>
//
// where the signature is HMAC-SHA256(secret as UTF-8, METHOD "\n" path?query
// "\n" x-ms-date ";" host ";" x-ms-content-sha256). Path, query and host are
// taken from the public URL the webhook was registered with; x-ms-date is
// checked against the tolerance.
type vipps struct {
	macs      macSet
	tolerance time.Duration
}

const vippsSignedHeaders = "x-ms-date;host;x-ms-content-sha256"

func newVipps(s Settings) (Verifier, error) {
	return &vipps{macs: newMACSet(algSHA256, s.Secrets), tolerance: s.Tolerance}, nil
}

// vippsSigned returns the string Vipps signs.
func vippsSigned(method, publicURL, date, contentHash string) ([]byte, error) {
	u, err := url.Parse(publicURL)
	if publicURL == "" || err != nil || u.Host == "" {
		return nil, reject(malformedSignature, "the public URL Vipps signed is unknown; set url")
	}
	pathQuery := u.EscapedPath()
	if pathQuery == "" {
		pathQuery = "/"
	}
	if u.RawQuery != "" {
		pathQuery += "?" + u.RawQuery
	}
	return []byte(strings.ToUpper(method) + "\n" + pathQuery + "\n" + date + ";" + u.Host + ";" + contentHash), nil
}

// Verify checks the Authorization header. Signed is what the HMAC covers
// but x-ms-date: the method, path and query, host and content hash.
func (v *vipps) Verify(d *Delivery) (Verified, error) {
	h := d.Request.Header
	auth, err := headerValue(h, "Authorization")
	if err != nil {
		return Verified{}, err
	}
	alg, sigText, ok := parseSignedAuthorization(auth)
	if !ok || !strings.EqualFold(alg, "HMAC-SHA256") || !strings.Contains(auth, "SignedHeaders="+vippsSignedHeaders+"&") {
		return Verified{}, reject(malformedSignature, "header Authorization is not \"HMAC-SHA256 SignedHeaders=%s&Signature=<base64>\"", vippsSignedHeaders)
	}
	sig, err := signatureFormat{Header: "Authorization", Encoding: encBase64}.decode(sigText, sha256.Size)
	if err != nil {
		return Verified{}, err
	}
	date, err := headerValue(h, "x-ms-date")
	if err != nil {
		return Verified{}, err
	}
	contentHash, err := headerValue(h, "x-ms-content-sha256")
	if err != nil {
		return Verified{}, err
	}
	sum := sha256.Sum256(d.Body)
	if subtle.ConstantTimeCompare([]byte(contentHash), []byte(base64.StdEncoding.EncodeToString(sum[:]))) != 1 {
		return Verified{}, reject(badSignature, "x-ms-content-sha256 does not match the body")
	}
	signed, err := vippsSigned(d.Request.Method, d.PublicURL, date, contentHash)
	if err != nil {
		return Verified{}, err
	}
	key, ok := v.macs.matches(sig, signed)
	if !ok {
		return Verified{}, errBadSignature
	}
	t, err := http.ParseTime(date)
	if err != nil {
		return Verified{}, reject(malformedSignature, "x-ms-date is not an HTTP date")
	}
	if err := checkFresh(t, d.Now, v.tolerance); err != nil {
		return Verified{}, err
	}
	undated, err := vippsSigned(d.Request.Method, d.PublicURL, "", contentHash)
	if err != nil {
		return Verified{}, err
	}
	return Verified{Signed: undated, Key: key}, nil
}

// Interface guard
var _ Verifier = (*vipps)(nil)

// signVipps sets x-ms-date, x-ms-content-sha256 and Authorization for a POST to m.URL.
func signVipps(s Settings, m *Message) error {
	date := m.Now.UTC().Format(http.TimeFormat)
	sum := sha256.Sum256(m.Body)
	contentHash := base64.StdEncoding.EncodeToString(sum[:])
	signed, err := vippsSigned(http.MethodPost, m.URL, date, contentHash)
	if err != nil {
		return err
	}
	m.Header.Set("x-ms-date", date)
	m.Header.Set("x-ms-content-sha256", contentHash)
	m.Header.Set("Authorization", "HMAC-SHA256 SignedHeaders="+vippsSignedHeaders+"&Signature="+
		base64.StdEncoding.EncodeToString(hmacSum(algSHA256, firstSecret(s), signed)))
	return nil
}

// vippsTolerance is hookgate's default for x-ms-date: Vipps publishes none; 15 minutes is the usual allowance of x-ms-date HMAC schemes.
const vippsTolerance = 15 * time.Minute
