package verifiers

import (
	"net/http"
	"strings"
)

// SignatureCarrier is where a scheme's signatures travel: a plain header
// (SignatureFormat) or a structured one (StructuredFormat). A structured
// header may carry the signed timestamp too.
type SignatureCarrier interface {
	// ReadSignatures returns the signatures that decode to size bytes and
	// the timestamp the header carries ("" when it carries none).
	ReadSignatures(h http.Header, size int) (timestamp string, sigs [][]byte, err error)
	// WriteSignature sets the header as the provider would.
	WriteSignature(h http.Header, timestamp string, sig []byte)
	// HeaderName is the header the signatures are in.
	HeaderName() string
}

// ReadSignatures reads the one signature of a plain header.
func (f SignatureFormat) ReadSignatures(h http.Header, size int) (string, [][]byte, error) {
	sig, err := f.read(h, size, nil)
	if err != nil {
		return "", nil, err
	}
	return "", [][]byte{sig}, nil
}

// WriteSignature sets the header to the prefixed, encoded signature.
func (f SignatureFormat) WriteSignature(h http.Header, _ string, sig []byte) { f.write(h, sig) }

// HeaderName is the signature header.
func (f SignatureFormat) HeaderName() string { return f.Header }

// StructuredFormat is a header of key/value items, such as
//
//	Stripe-Signature: t=1492774577,v1=5257a8...,v0=6ffbb5...
//	Paddle-Signature: ts=1671552777;h1=eb4d0d...
//	webhook-signature: v1,g0hM9S... v1,bm9ldHU...
//	X-PagerDuty-Signature: v1=f03de6...,v1=130dca...
//
// Items are split on ItemSep, each item on the first KeySep. Unknown keys
// are ignored; several signatures under SignatureKey are all candidates.
type StructuredFormat struct {
	Header string
	// ItemSep separates items: ',' (Stripe), ';' (Paddle), ' ' (Standard Webhooks).
	ItemSep byte
	// KeySep separates an item's key from its value: '=' or ','.
	KeySep byte
	// TimestampKey names the timestamp item ("t", "ts"); empty when the
	// header carries none.
	TimestampKey string
	// SignatureKey names the signature items ("v1", "h1").
	SignatureKey string
	// Encoding is how each signature is written.
	Encoding Encoding
}

// HeaderName is the signature header.
func (f StructuredFormat) HeaderName() string { return f.Header }

// items splits v into key/value pairs; items without KeySep are skipped.
func (f StructuredFormat) items(v string) [][2]string {
	var out [][2]string
	for item := range strings.SplitSeq(v, string(f.ItemSep)) {
		k, val, ok := strings.Cut(strings.TrimSpace(item), string(f.KeySep))
		if !ok {
			continue
		}
		out = append(out, [2]string{strings.TrimSpace(k), strings.TrimSpace(val)})
	}
	return out
}

// ReadSignatures parses the header. The timestamp must appear exactly once
// when TimestampKey is set. Signature items that do not decode to size
// bytes are skipped (Paddle's own tests send `h1=dummy;h1=<valid>`); if
// none is left the header is malformed.
func (f StructuredFormat) ReadSignatures(h http.Header, size int) (string, [][]byte, error) {
	v, err := headerValue(h, f.Header)
	if err != nil {
		return "", nil, err
	}
	var ts string
	var tsCount int
	var sigs [][]byte
	for _, kv := range f.items(v) {
		switch kv[0] {
		case f.TimestampKey:
			if f.TimestampKey != "" {
				ts = kv[1]
				tsCount++
			}
		case f.SignatureKey:
			sig, err := f.Encoding.Decode(nil, kv[1])
			if err == nil && (size == 0 || len(sig) == size) {
				sigs = append(sigs, sig)
			}
		}
	}
	if f.TimestampKey != "" && (tsCount != 1 || ts == "") {
		return "", nil, reject(MalformedSignature, "header %s has no single %s timestamp", f.Header, f.TimestampKey)
	}
	if len(sigs) == 0 {
		return "", nil, reject(MalformedSignature, "header %s has no valid %s signature", f.Header, f.SignatureKey)
	}
	return ts, sigs, nil
}

// WriteSignature sets the header to the timestamp item (if any) followed
// by one signature item.
func (f StructuredFormat) WriteSignature(h http.Header, timestamp string, sig []byte) {
	var b strings.Builder
	if f.TimestampKey != "" {
		b.WriteString(f.TimestampKey)
		b.WriteByte(f.KeySep)
		b.WriteString(timestamp)
		b.WriteByte(f.ItemSep)
	}
	b.WriteString(f.SignatureKey)
	b.WriteByte(f.KeySep)
	b.Write(f.Encoding.Encode(nil, sig))
	h.Set(f.Header, b.String())
}

// Interface guards
var (
	_ SignatureCarrier = SignatureFormat{}
	_ SignatureCarrier = StructuredFormat{}
)
