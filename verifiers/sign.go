package verifiers

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"time"
)

// Message is a delivery being signed the way its provider would sign it:
// by the `caddy webhook` command, and by tests that drive a real gate.
type Message struct {
	// Header receives the headers the provider sends (signature, timestamp, id).
	Header http.Header
	// Body is the payload. Schemes that carry the signature inside the body
	// (Payone's key field) rewrite it.
	Body []byte
	// URL is the public URL the delivery is sent to (URL-signing schemes).
	URL string
	// Now is the signing time (timestamped schemes).
	Now time.Time
	// ID is the delivery ID to use where the scheme carries one; empty
	// means the signer makes one up.
	ID string
}

// Sign signs m with the first of s's secrets (for asymmetric schemes, the
// first secret is the private key) as the provider named by the preset would.
func (p Preset) Sign(s Settings, m *Message) error {
	if p.Signer == nil {
		return fmt.Errorf("provider %s has no signer", p.Name)
	}
	if len(s.Secrets) == 0 && !p.SecretOptional {
		return fmt.Errorf("provider %s needs a secret to sign with", p.Name)
	}
	if m.Header == nil {
		m.Header = http.Header{}
	}
	if m.Now.IsZero() {
		m.Now = time.Now()
	}
	if p.UserAgent != "" && m.Header.Get("User-Agent") == "" {
		m.Header.Set("User-Agent", p.UserAgent)
	}
	return p.Signer(s, m)
}

// firstSecret returns the secret signers use.
func firstSecret(s Settings) []byte {
	if len(s.Secrets) == 0 {
		return nil
	}
	return s.Secrets[0]
}

// hmacSum returns HMAC(key, parts...) with alg.
func hmacSum(alg algorithm, key []byte, parts ...[]byte) []byte {
	return newKeyedMAC(alg, key).sum(nil, parts...)
}

// write sets the header to the prefixed, encoded signature.
func (f signatureFormat) write(h http.Header, sig []byte) {
	h.Set(f.Header, f.Prefix+string(f.Encoding.Encode(nil, sig)))
}

// randomUUID is a random version 4 UUID, for the IDs signers make up.
func randomUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}
