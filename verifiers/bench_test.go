package verifiers_test

import (
	"bytes"
	"fmt"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/hookgate/hookgate/verifiers"
	"github.com/hookgate/hookgate/verifiers/verifierstest"
)

// BenchmarkVerify measures Verify for every registered preset on a
// delivery its own signer made, with allocations reported. The request is
// built once: what is measured is the verifier's work per delivery, which
// for the HMAC schemes should allocate nothing.
func BenchmarkVerify(b *testing.B) {
	const url = "https://hooks.example.com/webhook?source=bench"
	now := time.Unix(1714557600, 0)
	for _, name := range verifiers.Names() {
		f, v := verifierstest.Built(b, name, url, now)
		m, err := f.Message(url, now)
		if err != nil {
			b.Fatal(err)
		}
		d := &verifiers.Delivery{Request: verifierstest.Request(m), Body: m.Body, Now: now, PublicURL: m.URL}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(d.Body)))
			for b.Loop() {
				if _, err := v.Verify(d); err != nil {
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
				p, _ := verifiers.Lookup("hmac")
				s := verifiers.Settings{Secrets: [][]byte{[]byte("bench-secret"), []byte("bench-previous")}, Options: map[string]string{"header": "X-Signature", "algorithm": alg, "prefix": "sha256="}}
				m := &verifiers.Message{Body: bytes.Repeat([]byte("x"), size)}
				if err := p.Sign(s, m); err != nil {
					b.Fatal(err)
				}
				v, err := p.Build(s)
				if err != nil {
					b.Fatal(err)
				}
				r := httptest.NewRequest("POST", "/hook", nil)
				r.Header = m.Header
				d := &verifiers.Delivery{Request: r, Body: m.Body, Now: time.Now()}
				b.ReportAllocs()
				b.SetBytes(int64(size))
				for b.Loop() {
					if _, err := v.Verify(d); err != nil {
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
	p, _ := verifiers.Lookup("hmac")
	s := verifiers.Settings{Secrets: [][]byte{[]byte("bench-secret")}, Options: map[string]string{"header": "X-Signature"}}
	v, err := p.Build(s)
	if err != nil {
		b.Fatal(err)
	}
	r := httptest.NewRequest("POST", "/hook", nil)
	r.Header.Set("X-Signature", "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff")
	d := &verifiers.Delivery{Request: r, Body: bytes.Repeat([]byte("x"), 1<<10), Now: time.Now()}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := v.Verify(d); err == nil {
			b.Fatal("forgery accepted")
		}
	}
}
