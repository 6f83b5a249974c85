package verifiers

import (
	"iter"
	"net/http"
	"strings"
)

// signatureCarrier is where a scheme's signatures travel: a plain header
// (signatureFormat) or a structured one (structuredFormat). A structured
// header may carry the signed timestamp too.
type signatureCarrier interface {
	// ReadSignatures adds to sigs the signatures that decode to size bytes
	// and returns the timestamp the header carries ("" when it carries none).
	ReadSignatures(h http.Header, size int, sigs *signatures) (timestamp string, err error)
	// WriteSignature sets the header as the provider would.
	WriteSignature(h http.Header, timestamp string, sig []byte)
	// HeaderName is the header the signatures are in.
	HeaderName() string
}

// signatures is the candidate signatures a header offers. The zero value
// is empty and ready.
type signatures struct {
	list [][]byte
}

// List returns the signatures.
func (s *signatures) List() [][]byte { return s.list }

// Len is how many signatures there are.
func (s *signatures) Len() int { return len(s.list) }

// Add decodes text with enc and keeps it when it is size bytes long (any
// length when size is 0). It reports whether it kept it.
func (s *signatures) Add(enc encoding, text string, size int) bool {
	sig, err := enc.Decode(nil, text)
	if err != nil || (size > 0 && len(sig) != size) {
		return false
	}
	s.list = append(s.list, sig)
	return true
}

// ReadSignatures reads the one signature of a plain header.
func (f signatureFormat) ReadSignatures(h http.Header, size int, sigs *signatures) (string, error) {
	sig, err := f.read(h, size)
	if err != nil {
		return "", err
	}
	sigs.list = append(sigs.list, sig)
	return "", nil
}

// WriteSignature sets the header to the prefixed, encoded signature.
func (f signatureFormat) WriteSignature(h http.Header, _ string, sig []byte) { f.write(h, sig) }

// HeaderName is the signature header.
func (f signatureFormat) HeaderName() string { return f.Header }

// structuredFormat is a header of key/value items, such as
//
//	Stripe-Signature: t=1492774577,v1=5257a8...,v0=6ffbb5...
//	Paddle-Signature: ts=1671552777;h1=eb4d0d...
//	webhook-signature: v1,g0hM9S... v1,bm9ldHU...
//	X-PagerDuty-Signature: v1=f03de6...,v1=130dca...
//
// Items are split on ItemSep, each item on the first KeySep. Unknown keys
// are ignored; several signatures under SignatureKey are all candidates.
type structuredFormat struct {
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
	Encoding encoding
}

// HeaderName is the signature header.
func (f structuredFormat) HeaderName() string { return f.Header }

// items yields v's key/value pairs, trimmed; items without KeySep are
// skipped.
func (f structuredFormat) items(v string) iter.Seq2[string, string] {
	return func(yield func(k, val string) bool) {
		for item := range strings.SplitSeq(v, string(f.ItemSep)) {
			k, val, ok := strings.Cut(strings.TrimSpace(item), string(f.KeySep))
			if ok && !yield(strings.TrimSpace(k), strings.TrimSpace(val)) {
				return
			}
		}
	}
}

// ReadSignatures parses the header. The timestamp must appear exactly once
// when TimestampKey is set. Signature items that do not decode to size
// bytes are skipped (Paddle's own tests send `h1=dummy;h1=<valid>`); if
// none is left the header is malformed.
func (f structuredFormat) ReadSignatures(h http.Header, size int, sigs *signatures) (string, error) {
	v, err := headerValue(h, f.Header)
	if err != nil {
		return "", err
	}
	var ts string
	var tsCount, found int
	for k, val := range f.items(v) {
		switch k {
		case f.TimestampKey:
			if f.TimestampKey != "" {
				ts = val
				tsCount++
			}
		case f.SignatureKey:
			found += boolInt(sigs.Add(f.Encoding, val, size))
		}
	}
	if f.TimestampKey != "" && (tsCount != 1 || ts == "") {
		return "", reject(malformedSignature, "header %s has no single %s timestamp", f.Header, f.TimestampKey)
	}
	if found == 0 {
		return "", reject(malformedSignature, "header %s has no valid %s signature", f.Header, f.SignatureKey)
	}
	return ts, nil
}

// WriteSignature sets the header to the timestamp item (if any) followed
// by one signature item.
func (f structuredFormat) WriteSignature(h http.Header, timestamp string, sig []byte) {
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
	_ signatureCarrier = signatureFormat{}
	_ signatureCarrier = structuredFormat{}
)
