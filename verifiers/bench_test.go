package verifiers

import (
	"bytes"
	"fmt"
	"net/http/httptest"
	"slices"
	"testing"
	"time"
)

// BenchmarkVerify measures Verify for every registered preset on a
// delivery its own signer made, with allocations reported. The request is
// built once: what is measured is the verifier's work per delivery, which
// for the HMAC schemes should allocate nothing.
func BenchmarkVerify(b *testing.B) {
	const url = "https://hooks.example.com/webhook?source=bench"
	now := time.Unix(1714557600, 0)
	for _, name := range Names() {
		p, _ := Lookup(name)
		d, v, ok := benchDelivery(p, url, now)
		if !ok {
			b.Logf("%s: no settings could sign and verify; not benchmarked", name)
			continue
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(d.Body)))
			for b.Loop() {
				if err := v.Verify(d); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkBodyHMAC is the generic scheme at the body sizes bench/run.sh
// drives through Caddy.
func BenchmarkBodyHMAC(b *testing.B) {
	for _, size := range []int{1 << 10, 64 << 10, 1 << 20} {
		for _, alg := range []string{"sha256", "sha512"} {
			b.Run(fmt.Sprintf("%s/%dKiB", alg, size>>10), func(b *testing.B) {
				p, _ := Lookup("hmac")
				s := Settings{Secrets: secrets("bench-secret", "bench-previous"), Options: map[string]string{"header": "X-Signature", "algorithm": alg, "prefix": "sha256="}}
				m := &Message{Body: bytes.Repeat([]byte("x"), size)}
				if err := p.Sign(s, m); err != nil {
					b.Fatal(err)
				}
				v, err := p.Build(s)
				if err != nil {
					b.Fatal(err)
				}
				r := httptest.NewRequest("POST", "/hook", nil)
				r.Header = m.Header
				d := &Delivery{Request: r, Body: m.Body, Now: time.Now()}
				b.ReportAllocs()
				b.SetBytes(int64(size))
				for b.Loop() {
					if err := v.Verify(d); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkReject is the cost of refusing a forged delivery: the gate must
// not be cheaper to flood with forgeries than with real deliveries.
func BenchmarkReject(b *testing.B) {
	p, _ := Lookup("hmac")
	s := Settings{Secrets: secrets("bench-secret"), Options: map[string]string{"header": "X-Signature"}}
	v, err := p.Build(s)
	if err != nil {
		b.Fatal(err)
	}
	r := httptest.NewRequest("POST", "/hook", nil)
	r.Header.Set("X-Signature", "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff")
	d := &Delivery{Request: r, Body: bytes.Repeat([]byte("x"), 1<<10), Now: time.Now()}
	b.ReportAllocs()
	for b.Loop() {
		if v.Verify(d) == nil {
			b.Fatal("forgery accepted")
		}
	}
}

// benchDelivery finds settings with which p signs a delivery its verifier
// accepts, using the same candidate keys and bodies as the round-trip test.
func benchDelivery(p Preset, url string, now time.Time) (*Delivery, Verifier, bool) {
	if p.Signer == nil {
		return nil, nil, false
	}
	for _, c := range roundTripCandidates(nil, p) {
		s := c.settings(0)
		v, err := p.Build(s)
		if err != nil {
			continue
		}
		for _, body := range roundTripBodies {
			m := &Message{Body: []byte(body.body), URL: url, Now: now}
			m.Header = map[string][]string{"Content-Type": {body.contentType}}
			if p.Sign(s, m) != nil {
				continue
			}
			r := httptest.NewRequest("POST", m.URL, nil)
			for k, vs := range m.Header {
				r.Header[k] = slices.Clone(vs)
			}
			d := &Delivery{Request: r, Body: m.Body, Now: now, PublicURL: m.URL}
			if v.Verify(d) == nil {
				return d, v, true
			}
		}
	}
	return nil, nil, false
}
