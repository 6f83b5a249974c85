package redactlog

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/hookgate/hookgate/verifiers"
)

// SecretHeaderNames are the canonical names of the headers that carry the
// preset's signature or secret with the route's options: the preset signs
// one sample twice, with two different throwaway keys of a shape it takes,
// and every header whose value differs, or that holds a secret option's
// value, carries it. Presets that sign inside the body (payone, mailgun)
// have none: Caddy does not log bodies.
func SecretHeaderNames(p verifiers.Preset, s verifiers.Settings) []string {
	opts := map[string]string{}
	for _, name := range p.RequiredOptions {
		opts[name] = probeOption(name)
	}
	for k, v := range s.Options {
		opts[k] = v
	}
	now := time.Unix(1_700_000_000, 0)
	for _, shape := range probeShapes() {
		var msgs [2]*verifiers.Message
		ok := true
		for i := range msgs {
			m := &verifiers.Message{
				Body: []byte(`{"id":"probe","type":"probe"}`), URL: "https://hookgate.invalid/probe",
				Now: now, ID: "probe-id", Header: http.Header{"Content-Type": {"application/json"}},
			}
			if err := p.Sign(verifiers.Settings{Secrets: [][]byte{shape(i)}, Options: opts}, m); err != nil {
				ok = false
				break
			}
			msgs[i] = m
		}
		if !ok {
			continue
		}
		var names []string
		for name, vs := range msgs[0].Header {
			other := msgs[1].Header[name]
			changed := len(other) != len(vs) || strings.Join(other, "\n") != strings.Join(vs, "\n")
			if changed || holdsSecretOption(vs, opts, p.SecretOptions) {
				names = append(names, http.CanonicalHeaderKey(name))
			}
		}
		return names
	}
	return nil
}

// holdsSecretOption reports whether a header value contains a secret option.
func holdsSecretOption(vs []string, opts map[string]string, secret []string) bool {
	for name, v := range opts {
		if v == "" || !slices.Contains(secret, name) {
			continue
		}
		for _, hv := range vs {
			if strings.Contains(hv, v) {
				return true
			}
		}
	}
	return false
}

// probeOption is a value for a required option when probing a preset.
func probeOption(name string) string {
	switch n := strings.ToLower(name); {
	case strings.Contains(n, "header"):
		return "X-Signature"
	case n == "algorithm":
		return "sha256"
	case n == "encoding":
		return "hex"
	case strings.Contains(n, "url"):
		return "https://hookgate.invalid/probe"
	case strings.HasSuffix(n, "id"):
		return "12345"
	}
	return "probe"
}

var probeKeys struct {
	once, rsaOnce sync.Once
	ec, rsa       [2][]byte
}

// probeShapes are the key shapes presets take, each giving two different
// keys: text, whsec_ base64, hex, and Ed25519, ECDSA and RSA private keys
// (the RSA keys are made only for a preset that takes no other shape).
func probeShapes() []func(i int) []byte {
	key32 := func(i int) []byte { return bytes.Repeat([]byte{byte(0xb0 + i), 0x3c}, 16) }
	pemOf := func(k any) []byte {
		der, err := x509.MarshalPKCS8PrivateKey(k)
		if err != nil {
			return nil
		}
		return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
	}
	return []func(int) []byte{
		func(i int) []byte { return []byte("HookgateRedactionProbe0123456789V" + string(rune('a'+i))) },
		func(i int) []byte { return []byte("whsec_" + base64.StdEncoding.EncodeToString(key32(i))) },
		func(i int) []byte { return []byte(strings.ToUpper(hex.EncodeToString(key32(i)))) },
		func(i int) []byte {
			return pemOf(ed25519.NewKeyFromSeed(bytes.Repeat([]byte{byte(i + 7)}, ed25519.SeedSize)))
		},
		func(i int) []byte {
			probeKeys.once.Do(func() {
				for j := range probeKeys.ec {
					if k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader); err == nil {
						probeKeys.ec[j] = pemOf(k)
					}
				}
			})
			return probeKeys.ec[i]
		},
		func(i int) []byte {
			probeKeys.rsaOnce.Do(func() {
				for j := range probeKeys.rsa {
					if k, err := rsa.GenerateKey(rand.Reader, 2048); err == nil {
						probeKeys.rsa[j] = pemOf(k)
					}
				}
			})
			return probeKeys.rsa[i]
		},
	}
}
