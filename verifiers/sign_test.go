package verifiers

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestSignErrors(t *testing.T) {
	t.Run("no signer", func(t *testing.T) {
		p := Preset{Name: "nosigner", New: newGenericHMAC}
		if err := p.Sign(Settings{Secrets: secrets("k")}, &Message{}); err == nil || !strings.Contains(err.Error(), "no signer") {
			t.Fatalf("Sign = %v", err)
		}
	})
	t.Run("no secret", func(t *testing.T) {
		p, _ := Lookup("checkout_com")
		if err := p.Sign(Settings{}, &Message{Body: []byte("{}")}); err == nil {
			t.Fatal("Sign without a secret succeeded")
		}
	})
	t.Run("fills header, time and user agent", func(t *testing.T) {
		var seen *Message
		p := Preset{Name: "x", UserAgent: "Sender/1.0", Signer: func(_ Settings, m *Message) error { seen = m; return nil }}
		m := &Message{}
		if err := p.Sign(Settings{Secrets: secrets("k")}, m); err != nil {
			t.Fatal(err)
		}
		if seen != m || m.Header == nil || m.Now.IsZero() || m.Header.Get("User-Agent") != "Sender/1.0" {
			t.Fatalf("Sign left message %+v", m)
		}
	})
	t.Run("keeps a given user agent and time", func(t *testing.T) {
		p := Preset{Name: "x", UserAgent: "Sender/1.0", Signer: func(Settings, *Message) error { return nil }}
		m := &Message{Now: testNow}
		m.Header = map[string][]string{"User-Agent": {"Mine"}}
		if err := p.Sign(Settings{Secrets: secrets("k")}, m); err != nil {
			t.Fatal(err)
		}
		if !m.Now.Equal(testNow) || m.Header.Get("User-Agent") != "Mine" {
			t.Fatalf("Sign overwrote: %v %q", m.Now, m.Header.Get("User-Agent"))
		}
	})
}

// roundTripCandidate builds the settings of one key shape; variant 0 signs,
// variant 1 is a different key of the same shape (the wrong-secret check).
type roundTripCandidate struct {
	name     string
	settings func(variant int) Settings
}

var (
	asymOnce sync.Once
	asymKeys map[string][2]crypto.Signer
)

func asymmetricKeys(t *testing.T) map[string][2]crypto.Signer {
	asymOnce.Do(func() {
		asymKeys = map[string][2]crypto.Signer{}
		var ed, ec, rs [2]crypto.Signer
		for i := range 2 {
			ed[i] = ed25519.NewKeyFromSeed(bytes.Repeat([]byte{byte(i + 1)}, ed25519.SeedSize))
			k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
			if err != nil {
				panic(err)
			}
			ec[i] = k
			r, err := rsa.GenerateKey(rand.Reader, 2048)
			if err != nil {
				panic(err)
			}
			rs[i] = r
		}
		asymKeys["ed25519"], asymKeys["ecdsa-p256"], asymKeys["rsa-2048"] = ed, ec, rs
	})
	return asymKeys
}

func pemPair(t *testing.T, k crypto.Signer) (private, public string) {
	der, err := x509.MarshalPKCS8PrivateKey(k)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := x509.MarshalPKIXPublicKey(k.Public())
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})),
		string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pub}))
}

func roundTripCandidates(t *testing.T, p Preset) []roundTripCandidate {
	opts := map[string]string{}
	for _, name := range p.RequiredOptions {
		opts[name] = plausibleOption(name)
	}
	with := func(s Settings) Settings {
		s.Options = opts
		return s
	}
	key32 := func(v int) []byte { return bytes.Repeat([]byte{byte(0xa0 + v), 0x5c}, 16) }
	cands := []roundTripCandidate{
		{"alphanumeric", func(v int) Settings {
			return with(Settings{Secrets: secrets(fmt.Sprintf("RoundTripSecret0123456789abcdefV%d", v))})
		}},
		{"whsec base64", func(v int) Settings {
			return with(Settings{Secrets: secrets("whsec_" + base64.StdEncoding.EncodeToString(key32(v)))})
		}},
		{"hex", func(v int) Settings {
			return with(Settings{Secrets: secrets(strings.ToUpper(hex.EncodeToString(key32(v))))})
		}},
		{"base64", func(v int) Settings {
			return with(Settings{Secrets: secrets(base64.StdEncoding.EncodeToString(key32(v)))})
		}},
	}
	for _, alg := range []string{"ed25519", "ecdsa-p256", "rsa-2048"} {
		cands = append(cands, roundTripCandidate{alg + " PEM", func(v int) Settings {
			priv, pub := pemPair(t, asymmetricKeys(t)[alg][v])
			return with(Settings{Secrets: secrets(priv), PublicKeys: []string{pub}})
		}})
	}
	return cands
}

// plausibleOption is a value for a required option a round trip has to fill in.
func plausibleOption(name string) string {
	switch n := strings.ToLower(name); {
	case strings.Contains(n, "header"):
		return "X-Signature"
	case n == "algorithm":
		return "sha256"
	case n == "encoding":
		return "hex"
	case strings.Contains(n, "url"):
		return "https://hooks.example.com/webhook"
	case strings.HasSuffix(n, "id"):
		return "12345"
	}
	return "roundtrip"
}

var roundTripBodies = []struct{ name, contentType, body string }{
	{"json", "application/json", `{"id":"evt_123","type":"payment.authorized","event_id":"e1","transactionId":"t1","payload":{"paymentId":"p1","amount":2000},"data":{"id":"d1","note":"two  words"}}`},
	{"form", "application/x-www-form-urlencoded", "xRefNum=1&txid=1&sequencenumber=0&txaction=paid&amount=10.00&name=two+words"},
}

// TestSignVerifyRoundTrip signs a message with every registered preset and
// checks that the preset's own verifier accepts it and that a verifier built
// from another key refuses it. It needs only Names, Lookup, Sign and Verify,
// so presets added later are covered too.
func TestSignVerifyRoundTrip(t *testing.T) {
	const url = "https://hooks.example.com/webhook?source=roundtrip"
	now := time.Unix(1714557600, 0)
	for _, name := range Names() {
		t.Run(name, func(t *testing.T) {
			p, _ := Lookup(name)
			seed := slices.Contains(seedPresets, name)
			if p.Signer == nil {
				if seed {
					t.Fatal("seed preset has no signer")
				}
				t.Skipf("preset %s has no signer", name)
			}
			var tried []string
			for _, c := range roundTripCandidates(t, p) {
				s := c.settings(0)
				v, err := p.Build(s)
				if err != nil {
					tried = append(tried, c.name+": build: "+err.Error())
					continue
				}
				signed := 0
				for _, b := range roundTripBodies {
					m := &Message{Body: []byte(b.body), URL: url, Now: now}
					m.Header = map[string][]string{"Content-Type": {b.contentType}}
					if err := p.Sign(s, m); err != nil {
						tried = append(tried, c.name+"/"+b.name+": sign: "+err.Error())
						continue
					}
					signed++
					deliver := func() *Delivery {
						// The signer may change the URL (Twilio adds bodySHA256).
						r := httptest.NewRequest("POST", m.URL, bytes.NewReader(m.Body))
						for k, vs := range m.Header {
							r.Header[k] = slices.Clone(vs)
						}
						return &Delivery{Request: r, Body: slices.Clone(m.Body), Now: now, PublicURL: m.URL}
					}
					t.Run(c.name+"/"+b.name, func(t *testing.T) {
						if err := v.Verify(deliver()); err != nil {
							t.Fatalf("Verify of a message Sign made = %v", err)
						}
						if len(s.Secrets) == 0 {
							return
						}
						other, err := p.Build(c.settings(1))
						if err != nil {
							t.Fatalf("Build with another key: %v", err)
						}
						err = other.Verify(deliver())
						if err == nil {
							t.Fatal("a verifier with another key accepted the message")
						}
						leaks := []string{string(s.Secrets[0])}
						for _, vs := range m.Header {
							for _, hv := range vs {
								if len(hv) >= 16 {
									leaks = append(leaks, hv)
								}
							}
						}
						assertNoLeak(t, err.Error(), leaks...)
					})
				}
				if signed > 0 {
					return
				}
			}
			if seed {
				t.Fatalf("no candidate settings could sign and verify:\n%s", strings.Join(tried, "\n"))
			}
			t.Skipf("no candidate settings fit preset %s:\n%s", name, strings.Join(tried, "\n"))
		})
	}
}
