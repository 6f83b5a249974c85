package verifiers

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"fmt"
)

// keyDecoding is how a configured secret becomes the HMAC key.
type keyDecoding int

// The ways providers turn a secret into a key.
const (
	// keyUTF8 uses the secret's bytes as they are (Stripe's whsec_...,
	// Paddle's pdl_ntfset_..., Xero's base64-looking key: none decoded).
	keyUTF8 keyDecoding = iota
	// keyBase64 strips keyFormat.Prefix when present, then decodes standard
	// base64 (Standard Webhooks and Svix: whsec_<base64>).
	keyBase64
	// keyHex decodes hex (Adyen's HMAC key).
	keyHex
	// keyBase64IfPrefixed decodes standard base64 after keyFormat.Prefix
	// when the secret starts with it, and uses the secret's bytes as they
	// are otherwise (OpenAI's SDKs: whsec_<base64>, or a raw secret).
	keyBase64IfPrefixed
)

// keyFormat says how secrets are written and decoded.
type keyFormat struct {
	Decoding keyDecoding
	// Prefix is stripped before decoding when present; a secret without it
	// is accepted too (Svix's SDK does the same).
	Prefix string
	// MinLen and MaxLen bound a secret's length as configured, where the
	// provider does (Twitch: 10 to 100 characters); zero: no bound.
	MinLen, MaxLen int
}

// Decode returns the key a secret stands for. Errors never contain the secret.
func (f keyFormat) Decode(secret []byte) ([]byte, error) {
	if len(secret) < f.MinLen || f.MaxLen > 0 && len(secret) > f.MaxLen {
		return nil, fmt.Errorf("has %d characters, want %d to %d", len(secret), f.MinLen, f.MaxLen)
	}
	s := bytes.TrimPrefix(secret, []byte(f.Prefix))
	var key []byte
	switch f.Decoding {
	case keyUTF8:
		key = append([]byte(nil), secret...)
	case keyBase64:
		k, err := base64.StdEncoding.AppendDecode(nil, s)
		if err != nil {
			return nil, fmt.Errorf("secret is not %sbase64", f.Prefix)
		}
		key = k
	case keyBase64IfPrefixed:
		if !bytes.HasPrefix(secret, []byte(f.Prefix)) {
			key = append([]byte(nil), secret...)
			break
		}
		k, err := base64.StdEncoding.AppendDecode(nil, s)
		if err != nil {
			return nil, fmt.Errorf("secret is not %sbase64", f.Prefix)
		}
		key = k
	case keyHex:
		k, err := hex.AppendDecode(nil, s)
		if err != nil {
			return nil, fmt.Errorf("secret is not hex")
		}
		key = k
	default:
		return nil, fmt.Errorf("unknown key decoding %d", int(f.Decoding))
	}
	if len(key) == 0 {
		return nil, fmt.Errorf("secret decodes to an empty key")
	}
	return key, nil
}

// DecodeAll decodes every secret; the error names the secret's position only.
func (f keyFormat) DecodeAll(secrets [][]byte) ([][]byte, error) {
	keys := make([][]byte, len(secrets))
	for i, s := range secrets {
		k, err := f.Decode(s)
		if err != nil {
			return nil, fmt.Errorf("secret #%d: %v", i+1, err)
		}
		keys[i] = k
	}
	return keys, nil
}
