package verifiers

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// hmacScheme is an HMAC signature scheme written as data: where the
// signature is, where the timestamp and delivery ID are, what content is
// signed, and how the secret becomes the key. Most presets are one
// hmacScheme literal; see the family tables in presets_*.go.
type hmacScheme struct {
	// Signature is the header carrying the signature(s), and for
	// structured headers (Stripe's t=..,v1=..) the timestamp too.
	Signature signatureCarrier
	// TimestampHeader carries the timestamp when Signature does not
	// (Slack's X-Slack-Request-Timestamp).
	TimestampHeader string
	// TimestampField is a dotted JSON path to a timestamp inside the signed
	// body (Linear's webhookTimestamp); it is checked, not signed apart.
	TimestampField string
	// TimeFormat is how the timestamp is written.
	TimeFormat timeFormat
	// IDHeader carries the delivery ID signed by the template's ID part.
	IDHeader string
	// Template is the signed content.
	Template template
	// Algorithm is the HMAC's hash.
	Algorithm algorithm
	// Key is how a secret becomes the HMAC key.
	Key keyFormat
	// CanonicalURL, when set, rewrites the public URL before it is signed
	// (HubSpot decodes some percent-escapes). Nil: the URL as it is.
	CanonicalURL func(string) string
	// Handshake, when set, answers an endpoint-verification handshake
	// (Zoom's endpoint.url_validation, Twitch's challenge): the gate calls it
	// only for a delivery the scheme verified, with the key that verified it,
	// and writes a non-nil Answer to the sender instead of passing the
	// delivery on. Nil: the scheme has no handshake.
	Handshake func(d *Delivery, key []byte) *Answer
}

// timestamped reports whether the scheme carries a timestamp it checks.
func (s hmacScheme) timestamped() bool {
	return s.TimestampHeader != "" || s.TimestampField != "" || s.Template.Uses(partTimestamp)
}

// canonical returns s with every header name it reads in canonical form
// (http.CanonicalHeaderKey), done once when a route is built so that
// reading the headers of a delivery canonicalises nothing.
func (s hmacScheme) canonical() hmacScheme {
	switch f := s.Signature.(type) {
	case signatureFormat:
		f.Header = http.CanonicalHeaderKey(f.Header)
		s.Signature = f
	case structuredFormat:
		f.Header = http.CanonicalHeaderKey(f.Header)
		s.Signature = f
	}
	s.TimestampHeader = http.CanonicalHeaderKey(s.TimestampHeader)
	s.IDHeader = http.CanonicalHeaderKey(s.IDHeader)
	return s
}

// hmacVerifier is an hmacScheme built for one route.
type hmacVerifier struct {
	hmacScheme
	keys      [][]byte
	macs      macSet
	tolerance time.Duration
}

// hmacHandshaker is an hmacVerifier whose scheme answers a handshake.
type hmacHandshaker struct {
	*hmacVerifier
}

// Handshake calls the scheme's hook with the key that verified d.
func (v hmacHandshaker) Handshake(d *Delivery) *Answer {
	got, err := v.Verify(d)
	if err != nil {
		return nil
	}
	return v.hmacScheme.Handshake(d, v.keys[got.Key])
}

// New builds the scheme's verifier: any of s.Secrets may have signed.
func (s hmacScheme) New(set Settings) (Verifier, error) {
	if s.Signature == nil || s.Signature.HeaderName() == "" {
		return nil, fmt.Errorf("no signature header configured")
	}
	if s.Algorithm.New == nil || len(s.Template) == 0 {
		return nil, fmt.Errorf("incomplete HMAC scheme")
	}
	keys, err := s.Key.DecodeAll(set.Secrets)
	if err != nil {
		return nil, err
	}
	if len(keys) == 0 {
		return nil, fmt.Errorf("no secret configured")
	}
	v := &hmacVerifier{hmacScheme: s.canonical(), keys: keys, macs: newMACSet(s.Algorithm, keys), tolerance: set.Tolerance}
	if s.Handshake != nil {
		return hmacHandshaker{v}, nil
	}
	return v, nil
}

// Verify reads the signatures, checks the timestamp's freshness, then
// compares the MAC of the signed content with every signature under every
// key. Verified.Signed is the template's parts but the timestamp,
// length-prefixed; Verified.ID is the signed ID header's value.
func (v *hmacVerifier) Verify(d *Delivery) (Verified, error) {
	h := d.Request.Header
	var sigs signatures
	ts, err := v.Signature.ReadSignatures(h, v.Algorithm.Size, &sigs)
	if err != nil {
		return Verified{}, err
	}
	if ts == "" && v.TimestampHeader != "" {
		if ts, err = headerValue(h, v.TimestampHeader); err != nil {
			return Verified{}, err
		}
	}
	if v.TimestampField != "" {
		if ts, err = jsonPathScalar(d.Body, v.TimestampField); err != nil {
			return Verified{}, err
		}
	}
	if v.timestamped() {
		t, err := parseTimestamp(ts, v.TimeFormat)
		if err != nil {
			return Verified{}, err
		}
		if err := checkFresh(t, d.Now, v.tolerance); err != nil {
			return Verified{}, err
		}
	}
	in := signable{Method: d.Request.Method, URL: d.PublicURL, Body: d.Body, Timestamp: ts}
	if v.IDHeader != "" {
		if in.ID, err = headerValue(h, v.IDHeader); err != nil {
			return Verified{}, err
		}
	}
	if v.CanonicalURL != nil && in.URL != "" {
		in.URL = v.CanonicalURL(in.URL)
	}
	parts, err := v.Template.Parts(&in)
	if err != nil {
		return Verified{}, err
	}
	key, ok := v.macs.matchesAny(sigs.List(), parts...)
	if !ok {
		return Verified{}, errBadSignature
	}
	return Verified{ID: in.ID, Signed: v.Template.signedWithoutTimestamp(parts), Key: key}, nil
}

// Sign signs m with the first secret as the provider would: it sets the
// timestamp and ID headers (the ID from m.ID, or a fresh one) and the
// signature header; with TimestampField it writes the timestamp into the
// (top-level) body field first.
func (s hmacScheme) Sign(set Settings, m *Message) error {
	key, err := s.Key.Decode(firstSecret(set))
	if err != nil {
		return err
	}
	ts := formatTimestamp(m.Now, s.TimeFormat)
	if s.TimestampField != "" {
		if m.Body, err = setJSONField(m.Body, s.TimestampField, json.Number(ts)); err != nil {
			return err
		}
	}
	if s.TimestampHeader != "" {
		m.Header.Set(s.TimestampHeader, ts)
	}
	in := signable{Method: http.MethodPost, URL: m.URL, Body: m.Body, Timestamp: ts}
	if s.IDHeader != "" {
		if m.ID == "" {
			m.ID = newMessageID()
		}
		m.Header.Set(s.IDHeader, m.ID)
		in.ID = m.ID
	}
	if s.CanonicalURL != nil && in.URL != "" {
		in.URL = s.CanonicalURL(in.URL)
	}
	parts, err := s.Template.Parts(&in)
	if err != nil {
		return err
	}
	s.Signature.WriteSignature(m.Header, ts, hmacSum(s.Algorithm, key, parts...))
	return nil
}

// newMessageID makes up a delivery ID for signers.
func newMessageID() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return "msg_" + hex.EncodeToString(b[:])
}

// setJSONField sets a top-level field of a JSON object body.
func setJSONField(body []byte, field string, value any) ([]byte, error) {
	obj := map[string]any{}
	if len(bytes.TrimSpace(body)) > 0 {
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		if err := dec.Decode(&obj); err != nil {
			return nil, fmt.Errorf("body is not a JSON object: %v", err)
		}
	}
	obj[field] = value
	return json.Marshal(obj)
}

// Interface guards
var (
	_ Verifier   = (*hmacVerifier)(nil)
	_ Handshaker = hmacHandshaker{}
)

// withScheme completes a preset with the scheme's verifier and, unless the
// preset has a signer of its own, the scheme's signer.
func withScheme(p Preset, s hmacScheme) Preset {
	p.New = s.New
	if p.Signer == nil {
		p.Signer = s.Sign
	}
	return p
}

// bodyScheme is the plain scheme: an HMAC of the raw body in one header.
func bodyScheme(f signatureFormat, alg algorithm) hmacScheme {
	return hmacScheme{Signature: f, Template: rawBody, Algorithm: alg}
}
