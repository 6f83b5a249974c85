package verifiers

import (
	"bytes"
	"net/http"
	"strings"
)

// Options of the generic hmac preset that say where its delivery ID is.
const (
	// optionIDHeader names a request header carrying the delivery ID. The
	// generic scheme does not sign headers: the ID names the delivery in
	// logs only (DisplayID), never its replay identity.
	optionIDHeader = "id_header"
	// optionIDField is a dotted path into the signed JSON body: its value
	// is the delivery's ID (Verified.ID).
	optionIDField = "id_field"
)

// bodyIDPath returns the dotted JSON path of the delivery ID in the signed
// body for a route: the id_field option where the preset takes it, else
// the preset's BodyID.
func (p Preset) bodyIDPath(options map[string]string) string {
	if p.HasOption(optionIDField) && options[optionIDField] != "" {
		return options[optionIDField]
	}
	return p.BodyID
}

// logIDHeader returns the header that names a route's deliveries in logs.
func (p Preset) logIDHeader(options map[string]string) string {
	if p.HasOption(optionIDHeader) && options[optionIDHeader] != "" {
		return options[optionIDHeader]
	}
	return p.LogIDHeader
}

// maxDisplayID bounds an ID published for logs.
const maxDisplayID = 200

// DisplayID is the delivery ID to publish for logs
// ({http.webhook.delivery_id}) once v has accepted d: the signed ID
// (v.ID) when there is one, else the value of the header the preset (or
// option id_header) names, which the signature may not cover: it is for
// logs only and must never key replay protection (use v.Identity()). It
// is "" when the delivery carries no ID.
func (p Preset) DisplayID(options map[string]string, d *Delivery, v Verified) string {
	if v.ID != "" {
		return v.ID
	}
	name := p.logIDHeader(options)
	if name == "" || d == nil || d.Request == nil {
		return ""
	}
	id := strings.TrimSpace(d.Request.Header.Get(name))
	if len(id) > maxDisplayID {
		return ""
	}
	return id
}

// bodyID wraps a verifier whose signature covers the raw JSON body: once
// the delivery verifies, the field at path of the strictly parsed body is
// its ID. A body that is not JSON, or lacks the field, or holds an object
// there, has no ID (the signed content identifies it); a body or field
// that parsers read differently is refused (ambiguousBody).
type bodyID struct {
	Verifier
	path string
}

func (b bodyID) Verify(d *Delivery) (Verified, error) {
	out, err := b.Verifier.Verify(d)
	if err != nil || out.ID != "" {
		return out, err
	}
	doc, err := parseJSON(d.Body)
	if err != nil {
		if ReasonOf(err) == ambiguousBody {
			return Verified{}, err
		}
		return out, nil
	}
	f := doc.Path(b.path)
	if f == nil || f.Kind != jsonString && f.Kind != jsonNumber {
		return out, nil
	}
	id, err := f.Scalar()
	if err != nil {
		return Verified{}, err
	}
	out.ID = id
	return out, nil
}

// Handshake passes the inner verifier's handshake on.
func (b bodyID) Handshake(d *Delivery) *Answer {
	if h, ok := b.Verifier.(Handshaker); ok {
		return h.Handshake(d)
	}
	return nil
}

// withBodyID wraps v with bodyID when path is set.
func withBodyID(v Verifier, path string) Verifier {
	if path == "" || v == nil {
		return v
	}
	return bodyID{Verifier: v, path: path}
}

// Interface guards
var (
	_ Verifier   = bodyID{}
	_ Handshaker = bodyID{}
)

// Acknowledged reports whether the app's answer to a delivery means it took
// the delivery, so that a copy of it need not reach the app again: a 2xx
// status, and when the preset names an AckBody (Payone's TSOK, which PAYONE
// waits for and retries anything else), a body starting with it after
// leading whitespace. Any other answer (a 5xx, a 4xx, a redirect) lets the
// provider's retry through.
func (p Preset) Acknowledged(status int, body []byte) bool {
	if status < http.StatusOK || status > 299 {
		return false
	}
	if p.AckBody != "" {
		return bytes.HasPrefix(bytes.TrimSpace(body), []byte(p.AckBody))
	}
	return true
}
