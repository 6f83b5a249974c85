package verifiers

import (
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

func init() {
	register(Preset{
		// Contentful: x-contentful-signature = hex HMAC-SHA256 of the canonical request (method, path,
		// x-contentful-signed-headers' headers, body), x-contentful-timestamp in ms (contentful.go).
		Name: "contentful", SignsURL: true, Tolerance: contentfulTolerance, New: newContentful, Signer: signContentful,
		Doc: PresetDoc{
			Source:        "contentful/node-apps-toolkit src/requests/verify-request.ts",
			Signature:     "`x-contentful-signature: <hex>`, `x-contentful-signed-headers`, `x-contentful-timestamp: <unix ms>`",
			Algorithm:     "HMAC-SHA256, key = the 64-character signing secret",
			Signed:        "`method\\npath\\nheaders\\nbody`: the path and query normalised as Contentful's toolkit does, the listed headers as `name:value` sorted and joined by `;`",
			ToleranceNote: "the node-apps-toolkit's default time to live",
			Identity:      "the signed request without its timestamp and attempt counter (a retry is the same delivery)",
			Vectors:       "computed (testdata/vectors/presets-b.jsonl)",
			Note:          "The signature covers the path Contentful called: behind a proxy that rewrites it, set the route's `url` to the public webhook URL. Only webhooks with a signing secret set in the space's settings are signed; others are refused. A signed-headers list naming a header that was not sent is refused (Contentful's toolkit would skip it).",
		},
	})
}

// contentful verifies Contentful's request verification, used by its
// webhooks and app requests (contentful/node-apps-toolkit
// src/requests/verify-request.ts and sign-request.ts):
// x-contentful-signature is the hex HMAC-SHA256(secret, method + "\n" +
// path + "\n" + headers + "\n" + body), where path is the request target
// normalised as the toolkit does (getNormalizedEncodedURI), and headers
// are `name:value` of the headers x-contentful-signed-headers lists
// (lower-case names, trimmed values), sorted by name and joined by ";",
// with x-contentful-signed-headers recomputed from them and
// x-contentful-timestamp (milliseconds) as an integer. The secret has 64
// characters, as Contentful's are.
type contentful struct {
	keys      [][]byte
	tolerance time.Duration
}

const (
	contentfulSignature     = "x-contentful-signature"
	contentfulSignedHeaders = "x-contentful-signed-headers"
	contentfulTimestamp     = "x-contentful-timestamp"
	contentfulAttempt       = "x-contentful-webhook-request-attempt"
)

// contentfulTolerance is the toolkit's default time to live, 30 seconds.
const contentfulTolerance = 30 * time.Second

func newContentful(s Settings) (Verifier, error) {
	for i, k := range s.Secrets {
		if len(k) != 64 {
			return nil, fmt.Errorf("contentful: secret #%d has %d characters; Contentful's signing secrets have 64", i+1, len(k))
		}
	}
	return &contentful{keys: s.Secrets, tolerance: s.Tolerance}, nil
}

// contentfulEncode percent-encodes s (as UTF-8, upper-case hex) but for the bytes
// keep allows, as JavaScript's encodeURI and Node's querystring.escape do.
func contentfulEncode(s string, keep string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte(keep, c) >= 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte("0123456789ABCDEF"[c>>4])
		b.WriteByte("0123456789ABCDEF"[c&15])
	}
	return b.String()
}

// contentfulPath is getNormalizedEncodedURI of the request target: the
// search (up to a second '?') escaped with querystring.escape, then the
// whole with encodeURI.
func contentfulPath(target string) string {
	parts := strings.Split(target, "?")
	path := parts[0]
	if len(parts) > 1 && parts[1] != "" {
		path += "?" + contentfulEncode(parts[1], "-_.!~*'()")
	}
	return contentfulEncode(path, ";,/?:@&=+$-_.!~*'()#")
}

// contentfulContent is the signed string; idContent is the same without
// the timestamp, the signed-headers list and the attempt counter, for the
// replay identity (Contentful's retries differ in those only).
func contentfulContent(r *http.Request, target string, body []byte) (content, idContent []byte, ts time.Time, err error) {
	list, err := headerValue(r.Header, contentfulSignedHeaders)
	if err != nil {
		return nil, nil, ts, err
	}
	tsText, err := headerValue(r.Header, contentfulTimestamp)
	if err != nil {
		return nil, nil, ts, err
	}
	if !isCanonicalInt(tsText) || strings.HasPrefix(tsText, "-") {
		return nil, nil, ts, reject(malformedSignature, "x-contentful-timestamp is not milliseconds")
	}
	ms, _ := strconv.ParseInt(tsText, 10, 64)
	ts = time.UnixMilli(ms)
	headers := map[string]string{}
	for _, name := range strings.Split(list, ",") {
		if name == contentfulSignedHeaders || name == contentfulTimestamp {
			continue
		}
		var value string
		if name == "host" {
			value = r.Host
		} else {
			values := r.Header.Values(name)
			if len(values) == 0 {
				// The toolkit would skip it; a list that names what was
				// not sent is not one Contentful made.
				return nil, nil, ts, reject(malformedSignature, "signed header %s is not sent", truncate(name, 40))
			}
			if len(values) > 1 {
				return nil, nil, ts, reject(malformedSignature, "signed header %s is sent more than once", truncate(name, 40))
			}
			value = values[0]
		}
		headers[name] = strings.TrimSpace(value)
	}
	names := make([]string, 0, len(headers)+2)
	for n := range headers {
		names = append(names, n)
	}
	idNames := contentfulWithout(names, contentfulAttempt)
	names = append(names, contentfulSignedHeaders, contentfulTimestamp)
	sort.Strings(names)
	sort.Strings(idNames)
	headers[contentfulSignedHeaders] = strings.Join(names, ",")
	headers[contentfulTimestamp] = tsText
	join := func(names []string) string {
		pairs := make([]string, len(names))
		for i, n := range names {
			pairs[i] = n + ":" + headers[n]
		}
		return strings.Join(pairs, ";")
	}
	if strings.Count(target, "?") > 1 {
		// Contentful's toolkit signs the query only up to a second '?':
		// what follows would reach the app unsigned.
		return nil, nil, ts, reject(ambiguousBody, "the request target has more than one '?'")
	}
	head := r.Method + "\n" + contentfulPath(target) + "\n"
	content = append([]byte(head+join(names)+"\n"), body...)
	idContent = append([]byte(head+join(idNames)+"\n"), body...)
	return content, idContent, ts, nil
}

// contentfulWithout returns names without drop.
func contentfulWithout(names []string, drop string) []string {
	out := make([]string, 0, len(names))
	for _, n := range names {
		if n != drop {
			out = append(out, n)
		}
	}
	return out
}

// contentfulTarget is the path and query of the public URL, raw.
func contentfulTarget(publicURL string) (string, error) {
	u, err := url.Parse(publicURL)
	if publicURL == "" || err != nil {
		return "", reject(missingSignature, "the public URL is unknown")
	}
	target := u.EscapedPath()
	if target == "" {
		target = "/"
	}
	if u.RawQuery != "" || u.ForceQuery {
		target += "?" + u.RawQuery
	}
	return target, nil
}

func (v *contentful) Verify(d *Delivery) (Verified, error) {
	sig, err := signatureFormat{Header: contentfulSignature, Encoding: encHex}.read(d.Request.Header, algSHA256.Size)
	if err != nil {
		return Verified{}, err
	}
	target, err := contentfulTarget(d.PublicURL)
	if err != nil {
		return Verified{}, err
	}
	content, idContent, ts, err := contentfulContent(d.Request, target, d.Body)
	if err != nil {
		return Verified{}, err
	}
	ok, key := 0, 0
	for i := len(v.keys) - 1; i >= 0; i-- { // every key: no early exit
		if subtle.ConstantTimeCompare(hmacSum(algSHA256, v.keys[i], content), sig) == 1 {
			ok, key = 1, i
		}
	}
	if ok == 0 {
		return Verified{}, errBadSignature
	}
	if err := checkFresh(ts, d.Now, v.tolerance); err != nil {
		return Verified{}, err
	}
	return Verified{Signed: appendSigned(nil, idContent), Key: key}, nil
}

// Interface guard
var _ Verifier = (*contentful)(nil)

// signContentful signs a POST of m to m.URL as Contentful's webhooks do,
// covering x-contentful-topic and, when m has one, Content-Type.
func signContentful(s Settings, m *Message) error {
	target, err := contentfulTarget(m.URL)
	if err != nil {
		return fmt.Errorf("contentful: %v", err)
	}
	if m.Header.Get("X-Contentful-Topic") == "" {
		m.Header.Set("X-Contentful-Topic", "ContentManagement.Entry.publish")
	}
	m.Header.Set(contentfulTimestamp, strconv.FormatInt(m.Now.UnixMilli(), 10))
	list := "x-contentful-topic," + contentfulSignedHeaders + "," + contentfulTimestamp
	if m.Header.Get("Content-Type") != "" {
		list = "content-type," + list
	}
	m.Header.Set(contentfulSignedHeaders, list)
	r := &http.Request{Method: http.MethodPost, Header: m.Header}
	content, _, _, err := contentfulContent(r, target, m.Body)
	if err != nil {
		return err
	}
	m.Header.Set(contentfulSignature, hex.EncodeToString(hmacSum(algSHA256, firstSecret(s), content)))
	return nil
}
