package verifiers

import (
	"bytes"
	"net/http"
	"strings"
	"testing"
)

// structuredFormats are the shapes of structured signature header the
// presets use: Stripe's, Paddle's and Standard Webhooks'.
var structuredFormats = []structuredFormat{
	{Header: "Stripe-Signature", ItemSep: ',', KeySep: '=', TimestampKey: "t", SignatureKey: "v1", Encoding: encHex},
	{Header: "Paddle-Signature", ItemSep: ';', KeySep: '=', TimestampKey: "ts", SignatureKey: "h1", Encoding: encHex},
	{Header: "Webhook-Signature", ItemSep: ' ', KeySep: ',', SignatureKey: "v1", Encoding: encBase64},
}

// FuzzStructuredFormat: any header value either is refused or yields a
// single non-empty timestamp (when the format has one) and only
// signatures of the expected size; and what WriteSignature writes,
// ReadSignatures reads back.
func FuzzStructuredFormat(f *testing.F) {
	f.Add("t=1492774577,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd,v0=6ffbb59b2300aae63f272406069a9788598b792a944a07aba816edb039989a39", "1492774577", []byte("sig"))
	f.Add("ts=1671552777;h1=eb4d0dc8853be92b7f063b9f3ba5233eb920a09459b6e6b2c26705b4364db151", "1671552777", []byte{1, 2, 3})
	f.Add("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE= v1,bm9ldHU=", "", []byte("x"))
	f.Add("t=1,t=2,v1=00", "1", []byte{})
	f.Add("h1=dummy;h1=eb4d0dc8853be92b7f063b9f3ba5233eb920a09459b6e6b2c26705b4364db151;ts=1", "2", []byte{0xff})
	f.Add(" , ;= ,,", "", []byte(nil))
	f.Fuzz(func(t *testing.T, value, ts string, mac []byte) {
		for _, sf := range structuredFormats {
			size := 32
			h := http.Header{}
			h.Set(sf.Header, value)
			gotTS, sigs, err := readSignatures(sf, h, size)
			if err == nil {
				if sf.TimestampKey != "" && gotTS == "" {
					t.Fatalf("%s %q: accepted without a timestamp", sf.Header, value)
				}
				if len(sigs) == 0 {
					t.Fatalf("%s %q: accepted with no signature", sf.Header, value)
				}
				for _, s := range sigs {
					if len(s) != size {
						t.Fatalf("%s %q: a %d-byte signature, want %d", sf.Header, value, len(s), size)
					}
				}
			}

			// Round trip: a well-formed timestamp and a 32-byte MAC.
			sig := make([]byte, size)
			copy(sig, mac)
			wts := ts
			if sf.TimestampKey != "" {
				wts = strings.Map(func(r rune) rune {
					if r >= '0' && r <= '9' {
						return r
					}
					return -1
				}, ts)
				if wts == "" {
					wts = "0"
				}
			}
			w := http.Header{}
			sf.WriteSignature(w, wts, sig)
			rts, rsigs, err := readSignatures(sf, w, size)
			if err != nil {
				t.Fatalf("%s: reading back %q: %v", sf.Header, w.Get(sf.Header), err)
			}
			if sf.TimestampKey != "" && rts != wts {
				t.Fatalf("%s: timestamp %q read back as %q", sf.Header, wts, rts)
			}
			if len(rsigs) != 1 || !bytes.Equal(rsigs[0], sig) {
				t.Fatalf("%s: signature did not survive the round trip", sf.Header)
			}
		}
	})
}
