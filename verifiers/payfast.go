package verifiers

import (
	"crypto/md5"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"net/url"
	"strings"
)

func init() {
	register(Preset{
		// PayFast ITN: form signature = md5(param string of the fields before it + "&passphrase=" + passphrase) (payfast.go).
		Name: "payfast", New: newPayFast, Signer: signPayFast,
		AllowIP: []string{"197.97.145.144/28", "41.74.179.192/27", "102.216.36.0/28", "102.216.36.128/28", "144.126.193.139/32"},
		Sample:  []byte("m_payment_id=01AB&pf_payment_id=1089250&payment_status=COMPLETE&item_name=Test+Item&item_description=A+test+product&amount_gross=100.00&amount_fee=-2.30&amount_net=97.70&custom_str1=&custom_int1=&name_first=John&name_last=Doe&email_address=john%40doe.com&merchant_id=10000100"),
		Doc: PresetDoc{
			Source:        "Payfast/payfast-php-sdk lib/PaymentIntegrations/Notification.php",
			Signature:     "form field `signature` (hex), the last field",
			Algorithm:     "MD5 (not an HMAC), salted with the passphrase (the secret; required)",
			Signed:        "`name=urlencode(value)&...` of every field before `signature`, values as posted (untrimmed), in the order posted, then `&passphrase=<urlencoded passphrase>`",
			AllowListNote: "PayFast's published server IPs (developers.payfast.co.za, \"Ports & IPs\")",
			Identity:      "the signed parameter string",
			Vectors:       "computed (testdata/vectors/presets-b.jsonl)",
			Note:          "PayFast also asks the notify page to confirm every ITN with a server-side POST to `/eng/query/validate` and to check the amount against the order: the gate makes no such call, so the app must still do both. Without a passphrase PayFast's MD5 authenticates nothing, so hookgate requires one (set it in the PayFast dashboard). Fields after `signature` are refused (they would be unsigned). Signatures with PHP `urlencode` and with PayFast's Node.js encoding (`encodeURIComponent`, `+` for spaces) are both accepted. Values are hashed as posted, spaces included, as the Payfast PHP SDK's ITN check does (`Notification::dataToString`); its `stripslashes` (a relic of PHP's magic quotes) is not applied, since it would let a backslash the signature does not cover reach the app.",
		},
	})
}

// payfast verifies PayFast ITNs (Instant Transaction Notifications): a
// form whose last field, signature, is the hex MD5 of the parameter string
// `name=urlencode(value)&...` of every field before it, in the order
// posted, followed by `&passphrase=urlencode(passphrase)`: values and
// passphrase untrimmed, as Payfast/payfast-php-sdk
// lib/PaymentIntegrations/Notification.php (dataToString,
// pfValidSignature) hashes them; trimming would let spaces the signature
// does not cover reach the app, and refuse genuine padded values. The
// passphrase (the secret) is required: without one PayFast's MD5 is keyed
// by nothing, and anybody could compute it.
//
// PayFast's PHP examples encode with PHP's urlencode, its Node.js examples
// with encodeURIComponent and '+' for spaces; the two differ only for
// `!'()*~`, and a signature in either encoding is accepted.
type payfast struct {
	passphrases []string
}

func newPayFast(s Settings) (Verifier, error) {
	p := make([]string, len(s.Secrets))
	for i, secret := range s.Secrets {
		p[i] = string(secret)
	}
	return &payfast{passphrases: p}, nil
}

// payfastPHPEncode is PHP's urlencode: every byte but [A-Za-z0-9_.-] as %XX
// (upper case), spaces as '+'.
func payfastPHPEncode(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '_', c == '.', c == '-':
			b.WriteByte(c)
		case c == ' ':
			b.WriteByte('+')
		default:
			b.WriteByte('%')
			b.WriteByte("0123456789ABCDEF"[c>>4])
			b.WriteByte("0123456789ABCDEF"[c&15])
		}
	}
	return b.String()
}

// payfastJSEncode is encodeURIComponent with %20 as '+'.
func payfastJSEncode(s string) string {
	// QueryEscape writes spaces as '+' and encodes as encodeURIComponent
	// does, but for these:
	e := url.QueryEscape(s)
	for _, r := range []struct{ from, to string }{{"%21", "!"}, {"%27", "'"}, {"%28", "("}, {"%29", ")"}, {"%2A", "*"}} {
		e = strings.ReplaceAll(e, r.from, r.to)
	}
	return e
}

// payfastParamStrings returns the parameter string of fields (without the
// signature) in each encoding, and the signature.
func payfastParamStrings(body []byte) (php, js string, sig []byte, err error) {
	fields, err := parseForm(body)
	if err != nil {
		return "", "", nil, err
	}
	if err := formUnambiguous(fields, exactNames); err != nil {
		return "", "", nil, err
	}
	if len(fields) == 0 || fields[len(fields)-1].Name != "signature" {
		for _, f := range fields {
			if f.Name == "signature" {
				return "", "", nil, reject(malformedSignature, "form fields follow the signature: they would be unsigned")
			}
		}
		return "", "", nil, reject(missingSignature, "form field signature is missing")
	}
	sig, err = hex.DecodeString(fields[len(fields)-1].Value)
	if err != nil || len(sig) != md5.Size {
		return "", "", nil, reject(malformedSignature, "signature is not a hex MD5")
	}
	var p, j strings.Builder
	for i, f := range fields[:len(fields)-1] {
		if i > 0 {
			p.WriteByte('&')
			j.WriteByte('&')
		}
		if !payfastName(f.Name) {
			// Names enter the parameter string unencoded: "a%3D1%26b" would
			// sign as the two fields a and b, which the app does not see.
			return "", "", nil, reject(ambiguousBody, "form field name %q is not one PayFast sends", truncate(f.Name, 40))
		}
		v := f.Value
		p.WriteString(f.Name + "=" + payfastPHPEncode(v))
		j.WriteString(f.Name + "=" + payfastJSEncode(v))
	}
	return p.String(), j.String(), sig, nil
}

// payfastSum is the MD5 of the parameter string and the passphrase.
func payfastSum(params, passphrase string, encode func(string) string) []byte {
	sum := md5.Sum([]byte(params + "&passphrase=" + encode(passphrase)))
	return sum[:]
}

func (v *payfast) Verify(d *Delivery) (Verified, error) {
	if err := formBody(d.Request.Header.Get("Content-Type")); err != nil {
		return Verified{}, err
	}
	php, js, sig, err := payfastParamStrings(d.Body)
	if err != nil {
		return Verified{}, err
	}
	ok, key := 0, 0
	for i := len(v.passphrases) - 1; i >= 0; i-- { // every key, both encodings: no early exit
		a := subtle.ConstantTimeCompare(payfastSum(php, v.passphrases[i], payfastPHPEncode), sig)
		b := subtle.ConstantTimeCompare(payfastSum(js, v.passphrases[i], payfastJSEncode), sig)
		if a|b == 1 {
			ok, key = 1, i
		}
	}
	if ok == 0 {
		return Verified{}, errBadSignature
	}
	return Verified{Signed: []byte(php), Key: key}, nil
}

// Interface guard
var _ Verifier = (*payfast)(nil)

// signPayFast appends the signature field to a form body as PayFast does.
func signPayFast(s Settings, m *Message) error {
	body := strings.TrimSuffix(string(m.Body), "&")
	if strings.HasPrefix(strings.TrimSpace(body), "{") {
		return fmt.Errorf("payfast: an ITN is a form, not JSON")
	}
	php, _, _, err := payfastParamStrings([]byte(body + "&signature=" + strings.Repeat("0", 32)))
	if err != nil {
		return err
	}
	m.Body = []byte(body + "&signature=" + hex.EncodeToString(payfastSum(php, string(firstSecret(s)), payfastPHPEncode)))
	m.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return nil
}

// payfastName reports whether name is a PayFast ITN field name: letters,
// digits and underscores.
func payfastName(name string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}
