package verifiers

import (
	"fmt"
)

// partKind says what one piece of signed content is.
type partKind int

// The pieces signed content is made of.
const (
	// partLiteral is fixed text (part.Value): "v0:", ".", ":".
	partLiteral partKind = iota
	// partBody is the raw body, byte for byte.
	partBody
	// partTimestamp is the signed timestamp exactly as sent.
	partTimestamp
	// partID is the delivery ID exactly as sent (Standard Webhooks' webhook-id).
	partID
	// partMethod is the HTTP method.
	partMethod
	// partURL is the public URL the sender addressed (Delivery.PublicURL).
	partURL
)

// part is one piece of signed content.
type part struct {
	Kind  partKind
	Value string
}

// Template is a scheme's signed content, as data: Stripe's
// `<timestamp>.<body>` is {timestampPart, lit("."), bodyPart}.
type template []part

// The parts most templates are made of.
var (
	bodyPart      = part{Kind: partBody}
	timestampPart = part{Kind: partTimestamp}
	idPart        = part{Kind: partID}
	methodPart    = part{Kind: partMethod}
	urlPart       = part{Kind: partURL}
)

// lit is a literal part.
func lit(s string) part { return part{Kind: partLiteral, Value: s} }

// The common templates.
var (
	// rawBody signs the body alone (GitHub, Shopify, ...).
	rawBody = template{bodyPart}
	// timestampDotBody is Stripe's and Calendly's `t.body`.
	timestampDotBody = template{timestampPart, lit("."), bodyPart}
	// slackV0 is Slack's (and Zoom's) `v0:timestamp:body`.
	slackV0 = template{lit("v0:"), timestampPart, lit(":"), bodyPart}
	// idTimestampBody is Standard Webhooks' `id.timestamp.body`.
	idTimestampBody = template{idPart, lit("."), timestampPart, lit("."), bodyPart}
)

// signable is what a template draws on.
type signable struct {
	Method    string
	URL       string
	Body      []byte
	Timestamp string
	ID        string
}

// Uses reports whether the template contains a part of kind k.
func (t template) Uses(k partKind) bool {
	for _, p := range t {
		if p.Kind == k {
			return true
		}
	}
	return false
}

// Parts returns the byte slices to feed the MAC, in order, one per
// template part. A URL the template needs but the delivery lacks is
// missingSignature.
func (t template) Parts(s *signable) ([][]byte, error) {
	parts := make([][]byte, 0, len(t))
	for _, p := range t {
		var text string
		switch p.Kind {
		case partLiteral:
			text = p.Value
		case partBody:
			parts = append(parts, s.Body)
			continue
		case partTimestamp:
			text = s.Timestamp
		case partID:
			text = s.ID
		case partMethod:
			text = s.Method
		case partURL:
			if s.URL == "" {
				return nil, reject(missingSignature, "the public URL is unknown")
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
// length-prefixed; for rawBody, the body itself.
func (t template) signedWithoutTimestamp(parts [][]byte) []byte {
	if len(t) == 1 && t[0] == bodyPart && len(parts) == 1 {
		return bodySigned(parts[0], 0).Signed
	}
	var out []byte
	for i, p := range t {
		if p.Kind != partTimestamp && i < len(parts) {
			out = appendSigned(out, parts[i])
		}
	}
	if out == nil {
		out = []byte{}
	}
	return out
}
