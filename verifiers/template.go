package verifiers

import (
	"fmt"
)

// PartKind says what one piece of signed content is.
type PartKind int

// The pieces signed content is made of.
const (
	// PartLiteral is fixed text (Part.Value): "v0:", ".", ":".
	PartLiteral PartKind = iota
	// PartBody is the raw body, byte for byte.
	PartBody
	// PartTimestamp is the signed timestamp exactly as sent.
	PartTimestamp
	// PartID is the delivery ID exactly as sent (Standard Webhooks' webhook-id).
	PartID
	// PartMethod is the HTTP method.
	PartMethod
	// PartURL is the public URL the sender addressed (Delivery.PublicURL).
	PartURL
)

// Part is one piece of signed content.
type Part struct {
	Kind  PartKind
	Value string
}

// Template is a scheme's signed content, as data: Stripe's
// `<timestamp>.<body>` is {TimestampPart, Lit("."), BodyPart}.
type Template []Part

// The parts most templates are made of.
var (
	BodyPart      = Part{Kind: PartBody}
	TimestampPart = Part{Kind: PartTimestamp}
	IDPart        = Part{Kind: PartID}
	MethodPart    = Part{Kind: PartMethod}
	URLPart       = Part{Kind: PartURL}
)

// Lit is a literal part.
func Lit(s string) Part { return Part{Kind: PartLiteral, Value: s} }

// The common templates.
var (
	// RawBody signs the body alone (GitHub, Shopify, ...).
	RawBody = Template{BodyPart}
	// TimestampDotBody is Stripe's and Calendly's `t.body`.
	TimestampDotBody = Template{TimestampPart, Lit("."), BodyPart}
	// SlackV0 is Slack's (and Zoom's) `v0:timestamp:body`.
	SlackV0 = Template{Lit("v0:"), TimestampPart, Lit(":"), BodyPart}
	// IDTimestampBody is Standard Webhooks' `id.timestamp.body`.
	IDTimestampBody = Template{IDPart, Lit("."), TimestampPart, Lit("."), BodyPart}
)

// Signable is what a template draws on.
type Signable struct {
	Method    string
	URL       string
	Body      []byte
	Timestamp string
	ID        string
}

// Uses reports whether the template contains a part of kind k.
func (t Template) Uses(k PartKind) bool {
	for _, p := range t {
		if p.Kind == k {
			return true
		}
	}
	return false
}

// Parts returns the byte slices to feed the MAC, in order, one per
// template part. A URL the template needs but the delivery lacks is
// MissingSignature.
func (t Template) Parts(s *Signable) ([][]byte, error) {
	parts := make([][]byte, 0, len(t))
	for _, p := range t {
		var text string
		switch p.Kind {
		case PartLiteral:
			text = p.Value
		case PartBody:
			parts = append(parts, s.Body)
			continue
		case PartTimestamp:
			text = s.Timestamp
		case PartID:
			text = s.ID
		case PartMethod:
			text = s.Method
		case PartURL:
			if s.URL == "" {
				return nil, reject(MissingSignature, "the public URL is unknown")
			}
			text = s.URL
		default:
			return nil, fmt.Errorf("unknown template part %d", p.Kind)
		}
		parts = append(parts, []byte(text))
	}
	return parts, nil
}

// signedWithoutTimestamp is the canonical signed content of parts (as
// Parts made them, one per template part): every part but the timestamp,
// length-prefixed; for RawBody, the body itself.
func (t Template) signedWithoutTimestamp(parts [][]byte) []byte {
	if len(t) == 1 && t[0] == BodyPart && len(parts) == 1 {
		return bodySigned(parts[0], 0).Signed
	}
	var out []byte
	for i, p := range t {
		if p.Kind != PartTimestamp && i < len(parts) {
			out = appendSigned(out, parts[i])
		}
	}
	if out == nil {
		out = []byte{}
	}
	return out
}
