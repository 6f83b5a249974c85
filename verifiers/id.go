package verifiers

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// Options of the generic hmac preset that say where its delivery ID is.
const (
	OptionIDHeader = "id_header" // a request header carrying the ID
	OptionIDField  = "id_field"  // a dotted path into a JSON body
)

// IDSourceFor returns where a route's deliveries carry their identity: the
// preset's own IDSource, or for presets that accept them, the id_header or
// id_field options (the generic hmac scheme).
func (p Preset) IDSourceFor(options map[string]string) IDSource {
	src := p.ID
	if p.HasOption(OptionIDHeader) && options[OptionIDHeader] != "" {
		src = IDSource{Header: options[OptionIDHeader]}
	}
	if p.HasOption(OptionIDField) && options[OptionIDField] != "" {
		src = IDSource{JSONField: options[OptionIDField]}
	}
	return src
}

// IsZero reports whether the source names no ID: the provider signs none
// and deliveries are told apart by their fingerprint.
func (src IDSource) IsZero() bool {
	return src.Header == "" && src.JSONField == "" && len(src.FormFields) == 0
}

// Kind names the source for logs: "header", "json_field", "form_fields",
// or "fingerprint".
func (src IDSource) Kind() string {
	switch {
	case src.Header != "" && src.HeaderSigned:
		return "header"
	case src.JSONField != "":
		return "json_field"
	case len(src.FormFields) > 0:
		return "form_fields"
	}
	return "fingerprint"
}

// DeliveryID returns the identity of an authentic delivery: the value the
// source names, which stays the same when the provider retries, and true.
// When the source is zero, or the delivery does not carry the ID (an event
// without the field, an unparsable body), it returns the delivery's
// fingerprint and false.
//
// The returned ID is not namespaced: callers that remember IDs must key
// them by provider and route.
func (src IDSource) DeliveryID(d *Delivery) (string, bool) {
	var id string
	if src.Header != "" {
		id = strings.TrimSpace(d.Request.Header.Get(src.Header))
	}
	if id == "" && src.JSONField != "" {
		id = jsonFieldText(d.Body, src.JSONField)
	}
	if id == "" && len(src.FormFields) > 0 {
		id = formFieldsID(d.Body, src.FormFields)
	}
	if id != "" {
		return id, true
	}
	return Fingerprint(d), false
}

// ReplayID is the identity replay protection remembers: DeliveryID, except
// that an ID header the signature does not cover is passed over for the
// fingerprint, so a replayed delivery with a new unsigned ID is still
// recognised. IDs inside the body are as trustworthy as the body: presets
// whose scheme does not sign the body name no body ID.
func (src IDSource) ReplayID(d *Delivery) (string, bool) {
	if src.Header != "" && !src.HeaderSigned {
		unsigned := src
		unsigned.Header = ""
		return unsigned.DeliveryID(d)
	}
	return src.DeliveryID(d)
}

// Fingerprint identifies a delivery whose provider signs no ID. It is the
// hex SHA-256 of the method, the public URL for schemes that sign the URL,
// and the body: only content the signature covers, so a replayed delivery
// cannot be disguised by adding or changing an unsigned header or query
// parameter. The signature itself is a function of that content (and of a
// timestamp, for timestamped schemes); leaving it out means a provider's
// retry that re-signs the same body with a new timestamp is still the same
// delivery. Two genuinely distinct deliveries with byte-identical bodies
// are therefore one delivery: schemes where that can happen should name
// an ID (id_header or id_field for the generic hmac scheme).
func Fingerprint(d *Delivery) string {
	h := sha256.New()
	method := "POST"
	if d.Request != nil && d.Request.Method != "" {
		method = d.Request.Method
	}
	h.Write([]byte(method))
	h.Write([]byte{0})
	h.Write([]byte(d.PublicURL))
	h.Write([]byte{0})
	h.Write(d.Body)
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

// jsonFieldText returns the value at a dotted path of a JSON object body:
// a string's text, or a number as written (jsonField, which finds it in
// place without decoding the body). Anything else (object, array, bool,
// null, missing, invalid JSON) is "".
func jsonFieldText(body []byte, path string) string {
	v, err := jsonField(body, path)
	if err != nil {
		return ""
	}
	return v
}

// formFieldsID joins the values of the named urlencoded fields with ":".
// Names match case-insensitively (Cardknox's keys are case-insensitive).
// A field sent twice makes the ID ambiguous, and so absent; so does a body
// where none of the fields has a value.
func formFieldsID(body []byte, names []string) string {
	values := make([]string, len(names))
	seen := make([]bool, len(names))
	any := false
	err := eachFormField(body, func(name, value string) error {
		for i, want := range names {
			if !strings.EqualFold(name, want) {
				continue
			}
			if seen[i] {
				return errAmbiguousID
			}
			seen[i] = true
			values[i] = value
			any = any || value != ""
		}
		return nil
	})
	if err != nil || !any {
		return ""
	}
	return strings.Join(values, ":")
}

var errAmbiguousID = reject(MalformedSignature, "a delivery ID field is sent more than once")

// Acknowledged reports whether the app's answer to a delivery means it took
// the delivery, so that a copy of it need not reach the app again: a 2xx
// status, and for Payone the body TSOK that PAYONE waits for (it retries
// anything else). Any other answer (a 5xx, a 4xx, a redirect) lets the
// provider's retry through.
func (p Preset) Acknowledged(status int, body []byte) bool {
	if status < 200 || status > 299 {
		return false
	}
	if p.Name == "payone" {
		return bytes.HasPrefix(bytes.TrimSpace(body), []byte("TSOK"))
	}
	return true
}
