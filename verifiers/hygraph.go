package verifiers

import (
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

func init() {
	register(Preset{
		// Hygraph (GraphCMS): gcms-signature: sign=<base64>, env=<environment>, t=<unix ms>; the HMAC-SHA256
		// covers JSON.stringify({Body: <raw body>, EnvironmentName: env, TimeStamp: t}) (@hygraph/utils).
		Name: "hygraph", Tolerance: tolerance5m, New: newHygraph, Signer: signHygraph,
		Doc: PresetDoc{
			Signature:     "`gcms-signature: sign=<base64>, env=<environment>, t=<unix ms>`",
			Algorithm:     "HMAC-SHA256, key = the webhook's secret key",
			Signed:        "`{\"Body\":<body as a JSON string>,\"EnvironmentName\":<env>,\"TimeStamp\":<t>}`, written as JavaScript's JSON.stringify writes it",
			ToleranceNote: "hookgate's choice; @hygraph/utils checks none",
			Identity:      "hash of the body and environment",
			Vectors:       "computed (hygraph/hygraph-utils index.js, index.test.js; hygraph.com/blog/introducing-signed-webhooks)",
			Source:        "hygraph/hygraph-utils index.js",
			Note:          "A body that is not valid UTF-8 is refused: Hygraph signs the body as a JavaScript string.",
		},
		Sample: []byte(`{"operation":"publish","data":{"__typename":"Post","id":"ckdu44mn40gxh010405uwgbtb","stage":"PUBLISHED"}}`),
	})
}

// hygraph verifies gcms-signature.
type hygraph struct {
	macs      macSet
	tolerance time.Duration
}

func newHygraph(s Settings) (Verifier, error) {
	if len(s.Secrets) == 0 {
		return nil, fmt.Errorf("no secret configured")
	}
	return &hygraph{macs: newMACSet(algSHA256, s.Secrets), tolerance: s.Tolerance}, nil
}

// hygraphHeader splits "sign=<b64>, env=<env>, t=<ms>" as @hygraph/utils
// does (", " between items, in this order), refusing anything else.
func hygraphHeader(v string) (sig []byte, env, ts string, err error) {
	items := strings.Split(v, ", ")
	if len(items) != 3 || !strings.HasPrefix(items[0], "sign=") || !strings.HasPrefix(items[1], "env=") || !strings.HasPrefix(items[2], "t=") {
		return nil, "", "", reject(malformedSignature, "header gcms-signature is not sign=.., env=.., t=..")
	}
	sig, err = base64.StdEncoding.DecodeString(items[0][len("sign="):])
	env, ts = items[1][len("env="):], items[2][len("t="):]
	if err != nil || len(sig) != sha256.Size || env == "" || ts == "" || ts[0] == '0' {
		return nil, "", "", reject(malformedSignature, "header gcms-signature is not sign=.., env=.., t=..")
	}
	return sig, env, ts, nil
}

// hygraphSigned is JSON.stringify({Body, EnvironmentName, TimeStamp}).
func hygraphSigned(body []byte, env, ts string) []byte {
	b := make([]byte, 0, len(body)+len(env)+64)
	b = append(b, `{"Body":`...)
	b = appendJSString(b, body)
	b = append(b, `,"EnvironmentName":`...)
	b = appendJSString(b, []byte(env))
	b = append(b, `,"TimeStamp":`...)
	b = append(b, ts...)
	return append(b, '}')
}

// appendJSString appends s (valid UTF-8) as JavaScript's JSON.stringify
// writes a string: only '"', '\\' and control characters are escaped, the
// usual ones by name, the rest as \u00xx; everything else, U+2028 and
// U+2029 included, as it is.
func appendJSString(b, s []byte) []byte {
	const hexDigits = "0123456789abcdef"
	b = append(b, '"')
	for _, c := range s {
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c == '\b':
			b = append(b, `\b`...)
		case c == '\f':
			b = append(b, `\f`...)
		case c == '\n':
			b = append(b, `\n`...)
		case c == '\r':
			b = append(b, `\r`...)
		case c == '\t':
			b = append(b, `\t`...)
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}

func (v *hygraph) Verify(d *Delivery) (Verified, error) {
	h, err := headerValue(d.Request.Header, "gcms-signature")
	if err != nil {
		return Verified{}, err
	}
	sig, env, ts, err := hygraphHeader(h)
	if err != nil {
		return Verified{}, err
	}
	t, err := parseTimestamp(ts, unixMillis)
	if err != nil {
		return Verified{}, err
	}
	if err := checkFresh(t, d.Now, v.tolerance); err != nil {
		return Verified{}, err
	}
	if !utf8.Valid(d.Body) {
		return Verified{}, reject(ambiguousBody, "body is not UTF-8: Hygraph signs it as a string")
	}
	key, ok := v.macs.matches(sig, hygraphSigned(d.Body, env, ts))
	if !ok {
		return Verified{}, errBadSignature
	}
	return Verified{Signed: signedOf(d.Body, []byte(env)), Key: key}, nil
}

func signHygraph(s Settings, m *Message) error {
	ts := strconv.FormatInt(m.Now.UnixMilli(), 10)
	mac := newKeyedMAC(algSHA256, firstSecret(s)).sum(nil, hygraphSigned(m.Body, "master", ts))
	m.Header.Set("gcms-signature", "sign="+base64.StdEncoding.EncodeToString(mac)+", env=master, t="+ts)
	return nil
}

// Interface guard
var _ Verifier = (*hygraph)(nil)
