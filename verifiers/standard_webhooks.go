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

func init() {
	register(Preset{
		// Standard Webhooks: webhook-id/-timestamp/-signature; v1 = base64 HMAC-SHA256 (whsec_ key),
		// v1a = ed25519 (public_key whpk_...), over `id.timestamp.body`.
		Name: "standard_webhooks", Tolerance: tolerance5m, SecretOptional: true,
		Doc: PresetDoc{
			Source:    "standard-webhooks/standard-webhooks spec/standard-webhooks.md, libraries/go/webhook.go",
			Signature: "`webhook-signature: v1,<b64> v1a,<b64> …` + `webhook-id`, `webhook-timestamp`",
			Algorithm: "v1 HMAC-SHA256, key = base64 after `whsec_` (the prefix is optional); v1a ed25519, `public_key whpk_…`",
			Signed:    "`id.timestamp.body`",
			Identity:  "`webhook-id`",
			Vectors:   "sdk (standard-webhooks Go tests) + computed (v1a, RFC 8032 key)",
		},
		New: newStandardWebhooks("webhook-"), Signer: signStandardWebhooks("webhook-"),
	})
	register(Preset{
		// Svix: Standard Webhooks with svix-* headers (webhook-* accepted when svix-* are absent).
		Name: "svix", Tolerance: tolerance5m, SecretOptional: true,
		Doc: PresetDoc{
			Source:        "svix/svix-webhooks go/webhook.go",
			Signature:     "`svix-signature` + `svix-id`, `svix-timestamp` (falls back to `webhook-*`)",
			Algorithm:     "as standard_webhooks",
			Signed:        "`id.timestamp.body`",
			AllowListNote: "Svix's IPs vary by plan",
			Identity:      "`svix-id`",
			Vectors:       "sdk (svix Go tests)",
		},
		New: newStandardWebhooks("svix-", "webhook-"), Signer: signStandardWebhooks("svix-"),
	})
	register(Preset{
		// Clerk: delivered by Svix (svix-* headers, whsec_ secret).
		Name: "clerk", Tolerance: tolerance5m, SecretOptional: true,
		Doc: PresetDoc{
			Source:    "clerk.com/docs/webhooks/sync-data (Svix: svix/svix-webhooks)",
			Signature: "as svix",
			Algorithm: "as svix",
			Signed:    "as svix",
			Identity:  "`svix-id`",
			Vectors:   "sdk (Svix vector)",
		},
		New: newStandardWebhooks("svix-", "webhook-"), Signer: signStandardWebhooks("svix-"),
	})
	register(Preset{
		// Resend: delivered by Svix (svix-* headers, whsec_ secret).
		Name: "resend", Tolerance: tolerance5m, SecretOptional: true,
		Doc: PresetDoc{
			Source:    "resend.com/docs/dashboard/webhooks/verify-webhooks-requests (Svix: svix/svix-webhooks)",
			Signature: "as svix",
			Algorithm: "as svix",
			Signed:    "as svix",
			Identity:  "`svix-id`",
			Vectors:   "sdk (Svix vector)",
		},
		New: newStandardWebhooks("svix-", "webhook-"), Signer: signStandardWebhooks("svix-"),
	})
}

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
	// headers are the header-name sets tried in order (svix-*, webhook-*);
	// the first whose signature header is present is used, all three from it.
	headers   []swHeaders
	macs      macSet
	publics   []ed25519.PublicKey
	tolerance time.Duration
}

// swHeaders is one set of Standard Webhooks header names, spelled out once
// rather than concatenated per delivery.
type swHeaders struct{ signature, id, timestamp string }

func newSWHeaders(prefix string) swHeaders {
	return swHeaders{signature: prefix + "signature", id: prefix + "id", timestamp: prefix + "timestamp"}
}

// whsec is how Standard Webhooks writes symmetric secrets.
var whsec = keyFormat{Decoding: keyBase64, Prefix: "whsec_"}

// newStandardWebhooks builds the preset constructor for the header-name sets.
func newStandardWebhooks(prefixes ...string) func(Settings) (Verifier, error) {
	return func(s Settings) (Verifier, error) {
		keys, err := whsec.DecodeAll(s.Secrets)
		if err != nil {
			return nil, err
		}
		v := &standardWebhooks{macs: newMACSet(algSHA256, keys), tolerance: s.Tolerance}
		for _, p := range prefixes {
			v.headers = append(v.headers, newSWHeaders(p))
		}
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

// Verify checks the signature header of the first header-name set present.
// The signed webhook-id is the ID, whichever names carried it; Signed is
// the id and body. Key counts secrets first, then public keys.
func (v *standardWebhooks) Verify(d *Delivery) (Verified, error) {
	h := d.Request.Header
	names := v.headers[len(v.headers)-1]
	for _, n := range v.headers {
		if len(h.Values(n.signature)) > 0 {
			names = n
			break
		}
	}
	header, err := headerValue(h, names.signature)
	if err != nil {
		return Verified{}, err
	}
	id, err := headerValue(h, names.id)
	if err != nil {
		return Verified{}, err
	}
	ts, err := headerValue(h, names.timestamp)
	if err != nil {
		return Verified{}, err
	}
	t, err := parseTimestamp(ts, unixSeconds)
	if err != nil {
		return Verified{}, err
	}
	if err := checkFresh(t, d.Now, v.tolerance); err != nil {
		return Verified{}, err
	}
	var macs, eds signatures
	for k, val := range (structuredFormat{ItemSep: ' ', KeySep: ','}).items(header) {
		switch k {
		case "v1":
			addStdBase64(&macs, val, sha256.Size)
		case "v1a":
			addStdBase64(&eds, val, ed25519.SignatureSize)
		}
	}
	if macs.Len() == 0 && eds.Len() == 0 {
		return Verified{}, reject(malformedSignature, "header %s has no valid v1 or v1a signature", names.signature)
	}
	ok, key := false, 0
	if macs.Len() > 0 {
		parts, err := idTimestampBody.Parts(&signable{ID: id, Timestamp: ts, Body: d.Body})
		if err != nil {
			return Verified{}, err
		}
		key, ok = v.macs.matchesAny(macs.List(), parts...)
	}
	if eds.Len() > 0 && len(v.publics) > 0 {
		msg := bytes.Join([][]byte{[]byte(id), []byte(ts), d.Body}, []byte("."))
		for i, pub := range v.publics {
			for _, sig := range eds.List() {
				if ed25519.Verify(pub, msg, sig) && !ok {
					ok, key = true, len(v.macs)+i
				}
			}
		}
	}
	if !ok {
		return Verified{}, errBadSignature
	}
	return Verified{ID: id, Signed: signedOf([]byte(id), d.Body), Key: key}, nil
}

// addStdBase64 keeps text in sigs if it is base64 (decoded as
// base64.StdEncoding does) of size bytes.
func addStdBase64(sigs *signatures, text string, size int) {
	sig, err := base64.StdEncoding.DecodeString(text)
	if err == nil && len(sig) == size {
		sigs.list = append(sigs.list, sig)
	}
}

// signStandardWebhooks signs with the first secret: a whsk_<base64> ed25519
// private key (64 bytes, or a 32-byte seed) gives a v1a signature, any
// other secret a v1 HMAC. Headers use the first of prefixes.
func signStandardWebhooks(prefix string) func(Settings, *Message) error {
	return func(s Settings, m *Message) error {
		if m.ID == "" {
			m.ID = newMessageID()
		}
		ts := formatTimestamp(m.Now, unixSeconds)
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
			sig = "v1," + base64.StdEncoding.EncodeToString(hmacSum(algSHA256, key, msg))
		}
		m.Header.Set(prefix+"id", m.ID)
		m.Header.Set(prefix+"timestamp", ts)
		m.Header.Set(prefix+"signature", sig)
		return nil
	}
}

// Interface guard
var _ Verifier = (*standardWebhooks)(nil)
