package verifiers

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"mime"
	"mime/multipart"
	"time"
)

func init() {
	register(Preset{
		// Mailgun: body signature {timestamp, token, signature} = hex HMAC-SHA256(timestamp + token); body unsigned.
		Name: "mailgun", Tolerance: mailgunTolerance, New: newMailgun, Signer: signMailgun,
		Doc: PresetDoc{
			Source:        "documentation.mailgun.com/docs/mailgun/user-manual/webhooks/securing-webhooks; mailgun/mailgun-go webhooks.go",
			Signature:     "in the body: JSON `signature{timestamp,token,signature}` (and `parent-signature`), or form/multipart fields",
			Algorithm:     "HMAC-SHA256 hex, key = webhook signing key",
			Signed:        "timestamp + token (**the event data is not signed**)",
			Identity:      "the signed token",
			Vectors:       "computed",
			ToleranceNote: "covers Mailgun's 8 h of retries, which may carry the first signature; Mailgun calls the check optional and warns against tight ones",
			Note:          "Mailgun signs only `timestamp + token`, not the event data, and may resend an event as first signed during its 8 hours of retries: the default tolerance covers them. A captured signature is good with any event data until then; turn on `replay` with a window of at least the tolerance, so that each signed token passes once (Mailgun's own advice: cache the token and refuse it again).",
		},
	})
}

// mailgun verifies Mailgun webhooks: the signature travels in the body,
// hex HMAC-SHA256(signing key, timestamp + token). JSON webhooks carry
// {"signature":{"timestamp","token","signature"}} (and, for subaccounts,
// "parent-signature" made with the primary account's key); legacy webhooks
// and routes post the fields timestamp, token and signature as a urlencoded
// or multipart form. Mailgun does not sign the event data itself, so the
// timestamp is always checked (default 15 minutes) and the signature is the
// delivery ID for replay protection.
type mailgun struct {
	macs      macSet
	tolerance time.Duration
}

// mailgunSignature is one signature object: {timestamp, token, signature}.
type mailgunSignature struct {
	Timestamp string
	Token     string
	Signature string
}

func newMailgun(s Settings) (Verifier, error) {
	return &mailgun{macs: newMACSet(algSHA256, s.Secrets), tolerance: s.Tolerance}, nil
}

// mailgunNames are the form fields of a legacy signature.
var mailgunNames = [...]string{"timestamp", "token", "signature"}

// mailgunFields extracts the signature objects of a delivery: one for a
// form (urlencoded or multipart, whose field names Mailgun's SDKs and
// the apps behind the gate may read case-insensitively, so case variants
// are refused), and for JSON the object "signature" and, when present,
// "parent-signature", both read from the strictly parsed body.
func mailgunFields(contentType string, body []byte) ([]mailgunSignature, error) {
	mt, params, _ := mime.ParseMediaType(contentType)
	switch mt {
	case "application/x-www-form-urlencoded":
		fields, err := parseForm(body)
		if err != nil {
			return nil, err
		}
		v, _, err := lookupForm(fields, foldedNames, mailgunNames[:]...)
		if err != nil {
			return nil, err
		}
		return []mailgunSignature{{Timestamp: v[0], Token: v[1], Signature: v[2]}}, nil
	case "multipart/form-data":
		return mailgunMultipart(body, params["boundary"])
	}
	doc, err := parseJSON(body)
	if err != nil {
		return nil, err
	}
	var out []mailgunSignature
	for _, name := range [...]string{"signature", "parent-signature"} {
		obj := doc.Get(name)
		if obj == nil {
			continue
		}
		if obj.Kind != jsonObject {
			return nil, reject(malformedSignature, "body field %s is not an object", name)
		}
		var s mailgunSignature
		for i, dst := range [...]*string{&s.Timestamp, &s.Token, &s.Signature} {
			f := obj.Get(mailgunNames[i])
			if f == nil {
				continue
			}
			if *dst, err = f.Scalar(); err != nil {
				return nil, err
			}
		}
		out = append(out, s)
	}
	if len(out) == 0 || doc.Get("signature") == nil {
		return nil, reject(missingSignature, "body has no Mailgun signature")
	}
	return out, nil
}

// mailgunMultipart reads the three signature fields of a multipart form.
func mailgunMultipart(body []byte, boundary string) ([]mailgunSignature, error) {
	if boundary == "" {
		return nil, reject(malformedSignature, "multipart body has no boundary")
	}
	var fields []formField
	r := multipart.NewReader(bytes.NewReader(body), boundary)
	for {
		p, err := r.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, reject(malformedSignature, "multipart body is malformed")
		}
		name := p.FormName()
		if p.FileName() != "" {
			continue
		}
		v, err := io.ReadAll(io.LimitReader(p, 256))
		if err != nil {
			return nil, reject(malformedSignature, "multipart body is malformed")
		}
		fields = append(fields, formField{Name: name, Value: string(v)})
	}
	v, _, err := lookupForm(fields, foldedNames, mailgunNames[:]...)
	if err != nil {
		return nil, err
	}
	return []mailgunSignature{{Timestamp: v[0], Token: v[1], Signature: v[2]}}, nil
}

// Verify checks the signature object(s). Mailgun signs only timestamp and
// token: the token of the object that verified is the delivery's ID, and
// Signed is that token alone, so moving a captured object between
// "signature" and "parent-signature", or adding a decoy that does not
// verify, does not change the identity. When both objects verify (a route
// holding both accounts' keys) they must carry the same token, or the
// identity would be the sender's choice (ambiguousBody).
func (v *mailgun) Verify(d *Delivery) (Verified, error) {
	sigs, err := mailgunFields(d.Request.Header.Get("Content-Type"), d.Body)
	if err != nil {
		return Verified{}, err
	}
	if first := sigs[0]; first.Signature == "" || first.Token == "" || first.Timestamp == "" {
		return Verified{}, reject(missingSignature, "Mailgun signature, token or timestamp is missing")
	}
	var good *mailgunSignature
	key := 0
	for i := range sigs {
		s := &sigs[i]
		if i > 0 && (s.Signature == "" || s.Token == "" || s.Timestamp == "") {
			continue
		}
		sig, err := hex.DecodeString(s.Signature)
		if err != nil || len(sig) != sha256.Size {
			return Verified{}, reject(malformedSignature, "Mailgun signature is not 64 hex digits")
		}
		k, m := v.macs.matches(sig, []byte(s.Timestamp), []byte(s.Token))
		switch {
		case !m:
		case good == nil:
			good, key = s, k
		case good.Token != s.Token:
			return Verified{}, reject(ambiguousBody, "signature and parent-signature verify with different tokens")
		}
	}
	if good == nil {
		return Verified{}, errBadSignature
	}
	first := *good
	t, err := parseTimestamp(first.Timestamp, unixSeconds)
	if err != nil {
		return Verified{}, err
	}
	if err := checkFresh(t, d.Now, v.tolerance); err != nil {
		return Verified{}, err
	}
	return Verified{ID: first.Token, Signed: []byte(first.Token), Key: key}, nil
}

// Interface guard
var _ Verifier = (*mailgun)(nil)

// signMailgun adds a signature to the body: the signature object of a JSON
// body (re-encoded), or the three fields of a urlencoded form.
func signMailgun(s Settings, m *Message) error {
	ts := formatTimestamp(m.Now, unixSeconds)
	token := m.ID
	if token == "" {
		token = hex.EncodeToString(hmacSum(algSHA256, []byte(ts), m.Body))[:50]
	}
	sig := hex.EncodeToString(hmacSum(algSHA256, firstSecret(s), []byte(ts), []byte(token)))
	if mt, _, _ := mime.ParseMediaType(m.Header.Get("Content-Type")); mt == "application/x-www-form-urlencoded" {
		m.Body = setFormFields(m.Body, map[string]string{"timestamp": ts, "token": token, "signature": sig})
		return nil
	}
	doc := map[string]json.RawMessage{}
	if len(bytes.TrimSpace(m.Body)) > 0 {
		if err := json.Unmarshal(m.Body, &doc); err != nil {
			return err
		}
	}
	doc["signature"], _ = json.Marshal(map[string]string{"timestamp": ts, "token": token, "signature": sig})
	body, err := json.Marshal(doc)
	if err != nil {
		return err
	}
	m.Body = body
	m.Header.Set("Content-Type", "application/json")
	return nil
}

// mailgunTolerance covers Mailgun's retries: 10 min, 10 min, 15 min, 30 min,
// 1 h, 2 h and 4 h after the first attempt, 8 h 5 min in all
// (help.mailgun.com article 202236504). Mailgun calls the age check
// optional and warns against an aggressive one ("there can be delays in
// webhook processing that are outside of Mailgun's control",
// documentation.mailgun.com securing-webhooks), and does not say that a
// retry is signed afresh; mailgun-go's VerifyWebhookSignature checks no age.
const mailgunTolerance = 9 * time.Hour
