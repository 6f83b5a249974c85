package verifiers

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
)

func init() {
	register(Preset{
		// Plivo V3: X-Plivo-Signature-V3 = base64 HMAC-SHA256(auth token, URL [+ sorted query][+ sorted form] + "." + nonce) (plivo.go).
		Name: "plivo", SignsURL: true, New: newPlivo, Signer: signPlivo,
		Sample: []byte("CallUUID=b3a7f9c2-1d4e-4f5a-9b8c-7d6e5f4a3b2c&CallStatus=completed&Direction=inbound&From=14155550100&To=14155550101&Duration=12"),
		Doc: PresetDoc{
			Source:    "plivo/plivo-node lib/utils/v3Security.js; plivo/plivo-python plivo/utils/signature_v3.py",
			Signature: "`X-Plivo-Signature-V3: <base64>[,<base64>]`, `X-Plivo-Signature-V3-Nonce`",
			Algorithm: "HMAC-SHA256, key = the (sub)account's auth token",
			Signed:    "the callback URL (scheme, host, path), `?` and its query's `k=v` pairs sorted by name, `.` when there are both a query and form fields, the form fields' names and values in name order, then `.` and the nonce",
			Identity:  "the method and signed URL and fields (the nonce changes per attempt)",
			Vectors:   "computed (testdata/vectors/presets-b.jsonl)",
			Note:      "The signature covers the URL Plivo called: behind a proxy set the route's `url` to the public callback URL. Only form-encoded callbacks (and body-less GETs) are read; a field or query parameter sent twice is refused. The V3 signature has no timestamp, and Plivo's nonce is not a time: turn replay protection on. The older V2 signature (`X-Plivo-Signature-V2`, HMAC-SHA256 of URL and nonce only) is not read.",
		},
	})
}

// plivo verifies Plivo callbacks with the V3 signature
// (plivo/plivo-python plivo/utils/signature_v3.py validate_v3_signature):
// X-Plivo-Signature-V3 holds one or more comma-separated base64
// HMAC-SHA256(auth token, base + "." + X-Plivo-Signature-V3-Nonce), where
// base is the callback URL (scheme, host, path) followed, when the URL has
// a query or the POST has form fields, by "?" and the query's `k=v` pairs
// sorted by name, then (when both exist) ".", then the form fields' names
// and values concatenated in name order. Values are URL-decoded. A field
// or query parameter sent twice is refused (the SDK's callers pass flat
// dicts, which keep one copy).
type plivo struct {
	keys [][]byte
}

const (
	plivoSigHeader   = "X-Plivo-Signature-V3"
	plivoNonceHeader = "X-Plivo-Signature-V3-Nonce"
)

func newPlivo(s Settings) (Verifier, error) {
	return &plivo{keys: s.Secrets}, nil
}

// plivoPairs parses a query or form, refusing repeated or ambiguous names,
// sorted by name.
func plivoPairs(raw []byte) ([]formField, error) {
	if len(raw) == 0 {
		return nil, nil
	}
	fields, err := parseForm(raw)
	if err != nil {
		return nil, err
	}
	if err := formUnambiguous(fields, exactNames); err != nil {
		return nil, err
	}
	sort.SliceStable(fields, func(i, j int) bool { return fields[i].Name < fields[j].Name })
	return fields, nil
}

// plivoBase is the signed string before the nonce.
func plivoBase(publicURL, method, contentType string, body []byte) (string, error) {
	u, err := url.Parse(publicURL)
	if publicURL == "" || err != nil || u.Host == "" {
		return "", reject(missingSignature, "the public URL is unknown")
	}
	query, err := plivoPairs([]byte(u.RawQuery))
	if err != nil {
		return "", err
	}
	var post []formField
	if method == http.MethodPost {
		if len(body) > 0 {
			if err := formBody(contentType); err != nil {
				return "", err
			}
		}
		if post, err = plivoPairs(body); err != nil {
			return "", err
		}
	} else if len(body) > 0 {
		return "", reject(malformedSignature, "a %s callback with a body", method)
	}
	var b strings.Builder
	b.WriteString(u.Scheme + "://" + u.Host + u.EscapedPath())
	if len(query) > 0 || len(post) > 0 {
		b.WriteByte('?')
		for i, f := range query {
			if i > 0 {
				b.WriteByte('&')
			}
			b.WriteString(f.Name + "=" + f.Value)
		}
	}
	if len(query) > 0 && len(post) > 0 {
		b.WriteByte('.')
	}
	for _, f := range post {
		b.WriteString(f.Name + f.Value)
	}
	return b.String(), nil
}

func (v *plivo) Verify(d *Delivery) (Verified, error) {
	sigHeader, err := headerValue(d.Request.Header, plivoSigHeader)
	if err != nil {
		return Verified{}, err
	}
	nonce, err := headerValue(d.Request.Header, plivoNonceHeader)
	if err != nil {
		return Verified{}, err
	}
	var sigs [][]byte
	for _, s := range strings.Split(sigHeader, ",") {
		if b, err := base64.StdEncoding.DecodeString(strings.TrimSpace(s)); err == nil && len(b) == algSHA256.Size {
			sigs = append(sigs, b)
		}
	}
	if len(sigs) == 0 {
		return Verified{}, reject(malformedSignature, "header %s holds no base64 HMAC-SHA256", plivoSigHeader)
	}
	base, err := plivoBase(d.PublicURL, d.Request.Method, d.Request.Header.Get("Content-Type"), d.Body)
	if err != nil {
		return Verified{}, err
	}
	msg := []byte(base + "." + nonce)
	ok, key := 0, 0
	for i := len(v.keys) - 1; i >= 0; i-- { // every key and signature: no early exit
		mac := hmacSum(algSHA256, v.keys[i], msg)
		for _, sig := range sigs {
			if subtle.ConstantTimeCompare(mac, sig) == 1 {
				ok, key = 1, i
			}
		}
	}
	if ok == 0 {
		return Verified{}, errBadSignature
	}
	// The nonce changes with each attempt: the identity is what it signs.
	return Verified{Signed: appendSigned(nil, []byte(d.Request.Method), []byte(base)), Key: key}, nil
}

// Interface guard
var _ Verifier = (*plivo)(nil)

// signPlivo signs a POST of m's body to m.URL as Plivo does: as a form
// (Plivo's callbacks are forms, so the Content-Type is set to say so).
func signPlivo(s Settings, m *Message) error {
	m.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	base, err := plivoBase(m.URL, http.MethodPost, m.Header.Get("Content-Type"), m.Body)
	if err != nil {
		return fmt.Errorf("plivo: %v", err)
	}
	var n [16]byte
	_, _ = rand.Read(n[:])
	nonce := hex.EncodeToString(n[:])
	m.Header.Set(plivoNonceHeader, nonce)
	m.Header.Set(plivoSigHeader, base64.StdEncoding.EncodeToString(hmacSum(algSHA256, firstSecret(s), []byte(base+"."+nonce))))
	return nil
}
