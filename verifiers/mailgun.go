package verifiers

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"mime"
	"mime/multipart"
	"strings"
	"time"
)

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

type mailgunSignature struct {
	Timestamp json.RawMessage `json:"timestamp"`
	Token     string          `json:"token"`
	Signature string          `json:"signature"`
}

func newMailgun(s Settings) (Verifier, error) {
	return &mailgun{macs: newMACSet(SHA256, s.Secrets), tolerance: s.Tolerance}, nil
}

// mailgunFields extracts the signature objects of a delivery.
func mailgunFields(contentType string, body []byte) ([]mailgunSignature, error) {
	mt, params, _ := mime.ParseMediaType(contentType)
	switch mt {
	case "application/x-www-form-urlencoded":
		v, err := formValues(body, "timestamp", "token", "signature")
		if err != nil {
			return nil, err
		}
		return []mailgunSignature{{Timestamp: json.RawMessage(`"` + v[0] + `"`), Token: v[1], Signature: v[2]}}, nil
	case "multipart/form-data":
		return mailgunMultipart(body, params["boundary"])
	}
	var doc struct {
		Signature *mailgunSignature `json:"signature"`
		Parent    *mailgunSignature `json:"parent-signature"`
	}
	if err := json.Unmarshal(body, &doc); err != nil || doc.Signature == nil {
		return nil, reject(MissingSignature, "body has no Mailgun signature")
	}
	out := []mailgunSignature{*doc.Signature}
	if doc.Parent != nil {
		out = append(out, *doc.Parent)
	}
	return out, nil
}

// mailgunMultipart reads the three signature fields of a multipart form.
func mailgunMultipart(body []byte, boundary string) ([]mailgunSignature, error) {
	if boundary == "" {
		return nil, reject(MalformedSignature, "multipart body has no boundary")
	}
	fields := map[string]string{}
	r := multipart.NewReader(bytes.NewReader(body), boundary)
	for {
		p, err := r.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, reject(MalformedSignature, "multipart body is malformed")
		}
		name := p.FormName()
		if name != "timestamp" && name != "token" && name != "signature" || p.FileName() != "" {
			continue
		}
		if _, dup := fields[name]; dup {
			return nil, reject(MalformedSignature, "form field %s is sent more than once", name)
		}
		v, err := io.ReadAll(io.LimitReader(p, 256))
		if err != nil {
			return nil, reject(MalformedSignature, "multipart body is malformed")
		}
		fields[name] = string(v)
	}
	return []mailgunSignature{{Timestamp: json.RawMessage(`"` + fields["timestamp"] + `"`), Token: fields["token"], Signature: fields["signature"]}}, nil
}

// timestamp returns the timestamp as sent, whether a JSON string or number.
func (s mailgunSignature) timestamp() string {
	return strings.Trim(string(s.Timestamp), `"`)
}

func (v *mailgun) Verify(d *Delivery) error {
	sigs, err := mailgunFields(headerGet(d.Request.Header, "Content-Type"), d.Body)
	if err != nil {
		return err
	}
	ok := 0
	var ts string
	for i, s := range sigs {
		if s.Signature == "" || s.Token == "" || s.timestamp() == "" {
			if i == 0 {
				return reject(MissingSignature, "Mailgun signature, token or timestamp is missing")
			}
			continue
		}
		sig, err := hex.DecodeString(s.Signature)
		if err != nil || len(sig) != sha256.Size {
			return reject(MalformedSignature, "Mailgun signature is not 64 hex digits")
		}
		if v.macs.matches(sig, []byte(s.timestamp()), []byte(s.Token)) {
			ok, ts = 1, s.timestamp()
		}
	}
	if ok != 1 {
		return errBadSignature
	}
	t, err := ParseTimestamp(ts, UnixSeconds)
	if err != nil {
		return err
	}
	return CheckFresh(t, d.Now, v.tolerance)
}

// Interface guard
var _ Verifier = (*mailgun)(nil)

// signMailgun adds a signature to the body: the signature object of a JSON
// body (re-encoded), or the three fields of a urlencoded form.
func signMailgun(s Settings, m *Message) error {
	ts := formatTimestamp(m.Now, UnixSeconds)
	token := m.ID
	if token == "" {
		token = hex.EncodeToString(hmacSum(SHA256, []byte(ts), m.Body))[:50]
	}
	sig := hex.EncodeToString(hmacSum(SHA256, firstSecret(s), []byte(ts), []byte(token)))
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

// mailgunTolerance is the 15 minutes common in Mailgun integrations (Mailgun recommends a check but publishes no figure).
const mailgunTolerance = 15 * time.Minute
