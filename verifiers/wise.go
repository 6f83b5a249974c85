package verifiers

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
)

func init() {
	register(Preset{
		// Wise: X-Signature-SHA256 = base64 SHA256withRSA(raw body) with Wise's published key (wise.go).
		Name: "wise", SecretOptional: true, Options: []string{"environment"},
		New: newWise, Signer: signWise, LogIDHeader: wiseDeliveryHeader,
		Sample: []byte(`{"data":{"resource":{"id":49983981,"profile_id":16055450,"account_id":14124090,"type":"transfer"},"current_state":"incoming_payment_waiting","previous_state":null,"occurred_at":"2021-08-23T10:12:50Z"},"subscription_id":"90aa8e14-4ef1-4a56-861c-f3c9cde097ea","event_type":"transfers#state-change","schema_version":"2.0.0","sent_at":"2021-08-23T10:12:50Z"}`),
		Doc: PresetDoc{
			Source:        "transferwise/digital-signatures-examples verify-webhook-signature/verify-signature.js",
			Signature:     "`X-Signature-SHA256: <base64>`",
			Algorithm:     "RSA PKCS #1 v1.5 with SHA-256 (SHA256withRSA), Wise's published public key (option `environment`: `production`, the default, or `sandbox`); `public_key` replaces it",
			Signed:        "body",
			ToleranceNote: "the signature carries no time; Wise retries for two weeks",
			AllowListNote: "Wise publishes no source ranges for webhooks",
			Identity:      "hash of the body; `X-Delivery-Id` is unsigned (logs only)",
			Vectors:       "published-doc: Wise's sandbox example (transferwise/digital-signatures-examples verify-webhook-signature); computed: python `cryptography` with a generated RSA key (testdata/vectors/generate_presets-d.py)",
			Note: "Only `X-Signature-SHA256` is checked. Wise's current docs name no other signature header; the SHA-1 `X-Signature` of older TransferWise integrations is not accepted. " +
				"The body has no signed event ID (`subscription_id`, `event_type`, `schema_version`, `sent_at` and `data`), so replay protection keys on the hash of the signed body: a retry that Wise re-sends with a new `sent_at` is a new delivery to the gate. " +
				"`X-Delivery-Id` and `X-Test-Notification` are unsigned. A configured `public_key` (PEM or base64 DER, RSA of at least 2048 bits) replaces the published key; set it when Wise rotates its key before hookgate is updated.",
		},
	})
}

// wise verifies Wise (formerly TransferWise) webhook notifications:
// X-Signature-SHA256 is the base64 RSA signature (PKCS #1 v1.5 with
// SHA-256, Java's SHA256withRSA) of the raw body, made with Wise's private
// key. The gate verifies it with the public key Wise publishes for the
// environment (option environment: production, the default, or sandbox),
// or with the keys configured as public_key, which replace the published
// one (docs.wise.com/guides/developer/webhooks/event-handling).
//
// The signature carries no time and the body no event ID: the identity of
// a delivery is the hash of its body; X-Delivery-Id is unsigned and names
// the delivery in logs only.
type wise struct {
	keys []*rsa.PublicKey
}

const (
	wiseSigHeader      = "X-Signature-SHA256"
	wiseDeliveryHeader = "X-Delivery-Id"
)

// wiseProductionKey and wiseSandboxKey are the public keys Wise publishes
// for webhook signatures, copied from
// https://docs.wise.com/guides/developer/webhooks/event-handling
// ("Production Public Key", "Sandbox Public Key"). The sandbox key is also
// the one in Wise's examples, github.com/transferwise/digital-signatures-examples
// verify-webhook-signature/verify-signature.js.
const (
	wiseProductionKey = `-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAvO8vXV+JksBzZAY6GhSO
XdoTCfhXaaiZ+qAbtaDBiu2AGkGVpmEygFmWP4Li9m5+Ni85BhVvZOodM9epgW3F
bA5Q1SexvAF1PPjX4JpMstak/QhAgl1qMSqEevL8cmUeTgcMuVWCJmlge9h7B1CS
D4rtlimGZozG39rUBDg6Qt2K+P4wBfLblL0k4C4YUdLnpGYEDIth+i8XsRpFlogx
CAFyH9+knYsDbR43UJ9shtc42Ybd40Afihj8KnYKXzchyQ42aC8aZ/h5hyZ28yVy
Oj3Vos0VdBIs/gAyJ/4yyQFCXYte64I7ssrlbGRaco4nKF3HmaNhxwyKyJafz19e
HwIDAQAB
-----END PUBLIC KEY-----`
	wiseSandboxKey = `-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAwpb91cEYuyJNQepZAVfP
ZIlPZfNUefH+n6w9SW3fykqKu938cR7WadQv87oF2VuT+fDt7kqeRziTmPSUhqPU
ys/V2Q1rlfJuXbE+Gga37t7zwd0egQ+KyOEHQOpcTwKmtZ81ieGHynAQzsn1We3j
wt760MsCPJ7GMT141ByQM+yW1Bx+4SG3IGjXWyqOWrcXsxAvIXkpUD/jK/L958Cg
nZEgz0BSEh0QxYLITnW1lLokSx/dTianWPFEhMC9BgijempgNXHNfcVirg1lPSyg
z7KqoKUN0oHqWLr2U1A+7kqrl6O2nx3CKs1bj1hToT1+p4kcMoHXA7kA+VBLUpEs
VwIDAQAB
-----END PUBLIC KEY-----`
)

// wiseMinKeyBits is the smallest RSA modulus a configured key may have.
const wiseMinKeyBits = 2048

func newWise(s Settings) (Verifier, error) {
	if len(s.Secrets) > 0 {
		return nil, fmt.Errorf("wise takes no secret: Wise signs with its RSA key; configure public_key only to replace the published key")
	}
	texts := s.PublicKeys
	if len(texts) == 0 {
		switch env := s.Options["environment"]; env {
		case "", "production":
			texts = []string{wiseProductionKey}
		case "sandbox":
			texts = []string{wiseSandboxKey}
		default:
			return nil, fmt.Errorf("wise: environment %q is neither production nor sandbox", env)
		}
	} else if env := s.Options["environment"]; env != "" && env != "production" && env != "sandbox" {
		return nil, fmt.Errorf("wise: environment %q is neither production nor sandbox", env)
	}
	v := &wise{}
	for i, text := range texts {
		key, err := parsePublicKey(text)
		if err != nil {
			return nil, fmt.Errorf("wise: public_key #%d: %v", i+1, err)
		}
		rk, ok := key.(*rsa.PublicKey)
		if !ok {
			return nil, fmt.Errorf("wise: public_key #%d is not an RSA key", i+1)
		}
		if rk.N.BitLen() < wiseMinKeyBits {
			return nil, fmt.Errorf("wise: public_key #%d has %d bits, want at least %d", i+1, rk.N.BitLen(), wiseMinKeyBits)
		}
		v.keys = append(v.keys, rk)
	}
	return v, nil
}

func (v *wise) Verify(d *Delivery) (Verified, error) {
	text, err := headerValue(d.Request.Header, wiseSigHeader)
	if err != nil {
		return Verified{}, err
	}
	sig, err := base64.StdEncoding.DecodeString(text)
	if err != nil {
		return Verified{}, reject(malformedSignature, "header %s is not base64", wiseSigHeader)
	}
	digest := sha256.Sum256(d.Body)
	ok, index := false, 0
	for i, key := range v.keys {
		// Every key is tried, so that the time taken does not say which one matched.
		if len(sig) == key.Size() && rsa.VerifyPKCS1v15(key, crypto.SHA256, digest[:], sig) == nil && !ok {
			ok, index = true, i
		}
	}
	if !ok {
		return Verified{}, errBadSignature
	}
	return bodySigned(d.Body, index), nil
}

// Interface guard
var _ Verifier = (*wise)(nil)

// signWise signs as Wise does, with the RSA private key given as the first
// secret (PKCS #8 PEM or base64 DER); the route then needs the
// matching public_key.
func signWise(s Settings, m *Message) error {
	key, err := signerKey("wise", s)
	if err != nil {
		return err
	}
	rk, ok := key.(*rsa.PrivateKey)
	if !ok {
		return fmt.Errorf("wise signs with an RSA private key")
	}
	digest := sha256.Sum256(m.Body)
	sig, err := rsa.SignPKCS1v15(nil, rk, crypto.SHA256, digest[:])
	if err != nil {
		return fmt.Errorf("wise: %v", err)
	}
	m.Header.Set(wiseSigHeader, base64.StdEncoding.EncodeToString(sig))
	return nil
}
