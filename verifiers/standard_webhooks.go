package verifiers

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strings"
	"time"
)

// standardWebhooks verifies the Standard Webhooks scheme (and Svix, which
// it comes from, with svix-* header names):
//
//	webhook-id: msg_...
//	webhook-timestamp: 1614265330
//	webhook-signature: v1,<base64 HMAC-SHA256> v1a,<base64 ed25519> ...
//
// over `id.timestamp.body`. v1 keys are whsec_<base64> secrets (the
// prefix is optional); v1a keys are whpk_<base64> public keys. Any listed
// signature matching any key is enough (rotation).
type standardWebhooks struct {
	// prefixes are the header-name sets tried in order ("svix-", "webhook-");
	// the first whose signature header is present is used, all three from it.
	prefixes  []string
	macs      macSet
	publics   []ed25519.PublicKey
	tolerance time.Duration
}

// whsec is how Standard Webhooks writes symmetric secrets.
var whsec = KeyFormat{Decoding: KeyBase64, Prefix: "whsec_"}

// newStandardWebhooks builds the preset constructor for the header-name sets.
func newStandardWebhooks(prefixes ...string) func(Settings) (Verifier, error) {
	return func(s Settings) (Verifier, error) {
		keys, err := whsec.DecodeAll(s.Secrets)
		if err != nil {
			return nil, err
		}
		v := &standardWebhooks{prefixes: prefixes, macs: newMACSet(SHA256, keys), tolerance: s.Tolerance}
		for i, pk := range s.PublicKeys {
			raw, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(strings.TrimSpace(pk), "whpk_"))
			if err != nil || len(raw) != ed25519.PublicKeySize {
				return nil, fmt.Errorf("public_key #%d is not whpk_<base64 of 32 bytes>", i+1)
			}
			v.publics = append(v.publics, ed25519.PublicKey(raw))
		}
		if len(v.macs) == 0 && len(v.publics) == 0 {
			return nil, fmt.Errorf("needs a secret (whsec_...) or a public_key (whpk_...)")
		}
		return v, nil
	}
}

func (v *standardWebhooks) Verify(d *Delivery) error {
	h := d.Request.Header
	prefix := v.prefixes[len(v.prefixes)-1]
	for _, p := range v.prefixes {
		if len(h.Values(p+"signature")) > 0 {
			prefix = p
			break
		}
	}
	header, err := headerValue(h, prefix+"signature")
	if err != nil {
		return err
	}
	id, err := headerValue(h, prefix+"id")
	if err != nil {
		return err
	}
	ts, err := headerValue(h, prefix+"timestamp")
	if err != nil {
		return err
	}
	t, err := ParseTimestamp(ts, UnixSeconds)
	if err != nil {
		return err
	}
	if err := CheckFresh(t, d.Now, v.tolerance); err != nil {
		return err
	}
	var macs, eds [][]byte
	for _, kv := range (StructuredFormat{ItemSep: ' ', KeySep: ','}).items(header) {
		sig, err := base64.StdEncoding.DecodeString(kv[1])
		switch {
		case err != nil:
		case kv[0] == "v1" && len(sig) == sha256.Size:
			macs = append(macs, sig)
		case kv[0] == "v1a" && len(sig) == ed25519.SignatureSize:
			eds = append(eds, sig)
		}
	}
	if len(macs) == 0 && len(eds) == 0 {
		return reject(MalformedSignature, "header %ssignature has no valid v1 or v1a signature", prefix)
	}
	ok := len(macs) > 0 && v.macs.matchesAny(macs, []byte(id), []byte("."), []byte(ts), []byte("."), d.Body)
	if len(eds) > 0 && len(v.publics) > 0 {
		msg := bytes.Join([][]byte{[]byte(id), []byte(ts), d.Body}, []byte("."))
		for _, pub := range v.publics {
			for _, sig := range eds {
				ok = ed25519.Verify(pub, msg, sig) || ok
			}
		}
	}
	if !ok {
		return errBadSignature
	}
	return nil
}

// signStandardWebhooks signs with the first secret: a whsk_<base64> ed25519
// private key (64 bytes, or a 32-byte seed) gives a v1a signature, any
// other secret a v1 HMAC. Headers use the first of prefixes.
func signStandardWebhooks(prefix string) func(Settings, *Message) error {
	return func(s Settings, m *Message) error {
		if m.ID == "" {
			m.ID = newMessageID()
		}
		ts := formatTimestamp(m.Now, UnixSeconds)
		msg := bytes.Join([][]byte{[]byte(m.ID), []byte(ts), m.Body}, []byte("."))
		secret := firstSecret(s)
		var sig string
		if rest, ok := bytes.CutPrefix(secret, []byte("whsk_")); ok {
			raw, err := base64.StdEncoding.DecodeString(string(rest))
			if err != nil {
				return fmt.Errorf("secret is not whsk_<base64>")
			}
			var priv ed25519.PrivateKey
			switch len(raw) {
			case ed25519.SeedSize:
				priv = ed25519.NewKeyFromSeed(raw)
			case ed25519.PrivateKeySize:
				priv = ed25519.PrivateKey(raw)
			default:
				return fmt.Errorf("secret whsk_ key has the wrong length")
			}
			sig = "v1a," + base64.StdEncoding.EncodeToString(ed25519.Sign(priv, msg))
		} else {
			key, err := whsec.Decode(secret)
			if err != nil {
				return err
			}
			sig = "v1," + base64.StdEncoding.EncodeToString(hmacSum(SHA256, key, msg))
		}
		m.Header.Set(prefix+"id", m.ID)
		m.Header.Set(prefix+"timestamp", ts)
		m.Header.Set(prefix+"signature", sig)
		return nil
	}
}

// Interface guard
var _ Verifier = (*standardWebhooks)(nil)
