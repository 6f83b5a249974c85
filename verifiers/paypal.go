package verifiers

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"hash/crc32"
	"net/url"
	"strconv"
	"strings"
	"time"
)

func init() {
	register(Preset{
		// PayPal: SHA256withRSA over "transmission_id|transmission_time|webhook_id|crc32(body)", certificate
		// fetched from PAYPAL-CERT-URL on PayPal's API hosts; webhook_id required.
		Name: "paypal", SecretOptional: true, Tolerance: tolerance5m, Options: []string{"webhook_id"}, RequiredOptions: []string{"webhook_id"},
		New: newPayPal, Signer: signPayPal,
		Sample: []byte(`{"id":"WH-2WR32451HC0233532-67976317FL4543714","event_version":"1.0","create_time":"2024-01-01T00:00:00.000Z","resource_type":"capture","event_type":"PAYMENT.CAPTURE.COMPLETED","summary":"Payment completed for $ 12.0 USD","resource":{"id":"42311647XV020574X","status":"COMPLETED"}}`),
		Doc: PresetDoc{
			Source:        "paypal/PayPal-Java-SDK Event.validateReceivedEvent",
			Signature:     "`PAYPAL-TRANSMISSION-SIG: <base64>`, `PAYPAL-AUTH-ALGO: SHA256withRSA`, `PAYPAL-CERT-URL`, `PAYPAL-TRANSMISSION-ID`, `PAYPAL-TRANSMISSION-TIME`",
			Algorithm:     "SHA256withRSA, key = the certificate at `PAYPAL-CERT-URL`, fetched only from `https://api[-m][.sandbox].paypal.com/v1/notifications/certs/...`",
			Signed:        "`transmission_id\\|transmission_time\\|webhook_id\\|crc32(body)` (CRC32 as unsigned decimal)",
			ToleranceNote: "hookgate's choice, kept short on purpose: PayPal resends 25 times over three days (developer.paypal.com/api/rest/webhooks) without saying whether a resend keeps its first `PAYPAL-TRANSMISSION-TIME`, and the body is bound only by CRC32, so a long window would be a long forgery window; raise it with `replay` on if retries are refused as stale",
			AllowListNote: "none set by hookgate; set `allow_ip` from PayPal's current list if you want one",
			Identity:      "`PAYPAL-TRANSMISSION-ID` (signed)",
			Vectors:       "computed: python3 `cryptography` with a test key and certificate (PayPal publishes no offline vector)",
			Note: "`webhook_id` (required) is the webhook's ID from PayPal's dashboard: it is part of the signed string. " +
				"The scheme is PayPal's offline verification as its Java SDK implements it (`Event.validateReceivedEvent`): the certificate must be one of PayPal's message verification certificates (subject CN `messageverificationcerts*.paypal.com`, the SDK's check) and valid at the transmission; " +
				"it is fetched over HTTPS with normal certificate verification from api.paypal.com, api.sandbox.paypal.com, api-m.paypal.com or api-m.sandbox.paypal.com only (PayPal's REST hosts; its SDKs publish no list), never through a redirect off them, and cached per URL (docs/fetched-keys.md). " +
				"A certificate that cannot be fetched gives 503 with Retry-After (`key_unavailable`); PayPal retries for 3 days. " +
				"The body is bound to the signature only through its CRC32, which is not a cryptographic hash: within the tolerance, a captured delivery's body could be swapped for another with the same CRC32. Turn on `replay` (keyed on the signed transmission ID) to stop that. " +
				"For an offline site, pin the certificate or its public key with `public_key {file./etc/hookgate/paypal.pem}`: it replaces fetching (the CN check then does not apply: you chose the key). " +
				"`caddy webhook sign --provider paypal` takes the RSA private key as the secret.",
		},
	})
}

// paypal verifies PayPal REST webhooks offline, as PayPal's Java SDK does
// (paypal/PayPal-Java-SDK Event.validateReceivedEvent, SSLUtil): the
// string "<transmission id>|<transmission time>|<webhook id>|<CRC32 of the
// raw body, unsigned decimal>" is signed with SHA256withRSA
// (PAYPAL-AUTH-ALGO) by the certificate at PAYPAL-CERT-URL, which is
// fetched only from PayPal's API hosts and must be one of PayPal's message
// verification certificates (subject CN messageverificationcerts*.paypal.com)
// valid at the transmission. The webhook ID (option webhook_id) is the
// route's: a delivery for another webhook does not verify.
type paypal struct {
	webhookID string
	keys      *keyRing
	tolerance time.Duration
}

const (
	paypalIDHeader   = "PAYPAL-TRANSMISSION-ID"
	paypalTimeHeader = "PAYPAL-TRANSMISSION-TIME"
	paypalSigHeader  = "PAYPAL-TRANSMISSION-SIG"
	paypalCertHeader = "PAYPAL-CERT-URL"
	paypalAlgoHeader = "PAYPAL-AUTH-ALGO"
	// paypalAlgo is the one algorithm PayPal signs with.
	paypalAlgo = "SHA256withRSA"
)

// paypalHosts are PayPal's REST API hosts, live and sandbox; certificate
// URLs are https://<host>/v1/notifications/certs/CERT-...
var paypalHosts = map[string]bool{
	"api.paypal.com": true, "api.sandbox.paypal.com": true,
	"api-m.paypal.com": true, "api-m.sandbox.paypal.com": true,
}

// paypalCerts is where PayPal's webhook certificates are fetched from.
var paypalCerts = &keySource{
	provider: "paypal",
	allowed: func(u *url.URL) bool {
		return httpsHost(u, func(h string) bool { return paypalHosts[h] }) &&
			strings.HasPrefix(u.Path, "/v1/notifications/certs/") && len(u.Path) > len("/v1/notifications/certs/") &&
			!strings.Contains(u.Path[len("/v1/notifications/certs/"):], "/") && u.RawQuery == "" && !u.ForceQuery
	},
	parse: func(doc []byte, now time.Time) (*keySet, time.Duration, error) {
		set, ttl, err := parseCertificateDoc(doc, now)
		if err != nil {
			return nil, 0, err
		}
		if cn := set.keys[0].cert.Subject.CommonName; !strings.HasPrefix(cn, "messageverificationcerts") || !strings.HasSuffix(cn, ".paypal.com") {
			return nil, 0, fmt.Errorf("the certificate is not one of PayPal's message verification certificates")
		}
		return set, ttl, nil
	},
}

func newPayPal(s Settings) (Verifier, error) {
	id := s.Options["webhook_id"]
	if id == "" || strings.Contains(id, "|") {
		return nil, fmt.Errorf("paypal needs webhook_id: the ID of the webhook in PayPal's developer dashboard")
	}
	keys, err := newKeyRing(paypalCerts, s, false)
	if err != nil {
		return nil, err
	}
	return &paypal{webhookID: id, keys: keys, tolerance: s.Tolerance}, nil
}

func (v *paypal) Verify(d *Delivery) (Verified, error) {
	h := d.Request.Header
	var vals [5]string
	for i, name := range []string{paypalIDHeader, paypalTimeHeader, paypalSigHeader, paypalCertHeader, paypalAlgoHeader} {
		val, err := headerValue(h, name)
		if err != nil {
			return Verified{}, err
		}
		vals[i] = val
	}
	id, ts, sigText, certURL, algo := vals[0], vals[1], vals[2], vals[3], vals[4]
	if !strings.EqualFold(algo, paypalAlgo) {
		return Verified{}, reject(malformedSignature, "header %s is not %s", paypalAlgoHeader, paypalAlgo)
	}
	if strings.Contains(id, "|") {
		return Verified{}, reject(malformedSignature, "header %s holds a |", paypalIDHeader)
	}
	sig, err := base64.StdEncoding.DecodeString(sigText)
	if err != nil || len(sig) < 64 || len(sig) > 1024 {
		return Verified{}, reject(malformedSignature, "header %s is not a base64 RSA signature", paypalSigHeader)
	}
	t, err := parseTimestamp(ts, rfc3339)
	if err != nil {
		return Verified{}, err
	}
	u, err := url.Parse(certURL)
	if err != nil || !paypalCerts.allowed(u) {
		return Verified{}, reject(badSignature, "header %s is not a certificate URL on PayPal's API hosts", paypalCertHeader)
	}
	// Before any fetch: a stale transmission is refused outright.
	if err := checkFresh(t, d.Now, v.tolerance); err != nil {
		return Verified{}, err
	}
	crc := strconv.FormatUint(uint64(crc32.ChecksumIEEE(d.Body)), 10)
	keys, err := v.keys.lookup(withKeyClient(d.Request.Context(), d.ClientIP), certURL, "")
	if err != nil {
		return Verified{}, err
	}
	msg := []byte(id + "|" + ts + "|" + v.webhookID + "|" + crc)
	index, err := verifyRSA(keys, crypto.SHA256, msg, sig, d.Now)
	if err != nil {
		return Verified{}, err
	}
	return Verified{ID: id, Signed: []byte(id + "|" + v.webhookID + "|" + crc), Key: index}, nil
}

// Interface guard
var _ Verifier = (*paypal)(nil)

// paypalCertURL is the PAYPAL-CERT-URL the signer names for key: PayPal's
// sandbox host, with the key's fingerprint as the certificate's name.
func paypalCertURL(pub crypto.PublicKey) string {
	der, _ := x509.MarshalPKIXPublicKey(pub)
	sum := sha256.Sum256(der)
	return "https://api.sandbox.paypal.com/v1/notifications/certs/CERT-" + hex.EncodeToString(sum[:12])
}

// signPayPal signs as PayPal does, for the route's webhook_id, with the RSA
// private key given as the first secret.
func signPayPal(s Settings, m *Message) error {
	key, err := rsaSignerKey("paypal", s)
	if err != nil {
		return err
	}
	webhookID := s.Options["webhook_id"]
	if webhookID == "" {
		return fmt.Errorf("paypal signs for a webhook_id option")
	}
	id := m.ID
	if id == "" {
		id = randomUUID()
	}
	ts := m.Now.UTC().Format(time.RFC3339)
	msg := id + "|" + ts + "|" + webhookID + "|" + strconv.FormatUint(uint64(crc32.ChecksumIEEE(m.Body)), 10)
	digest := sha256.Sum256([]byte(msg))
	sig, err := rsa.SignPKCS1v15(rand.Reader, key, crypto.SHA256, digest[:])
	if err != nil {
		return fmt.Errorf("paypal: %v", err)
	}
	m.Header.Set(paypalIDHeader, id)
	m.Header.Set(paypalTimeHeader, ts)
	m.Header.Set(paypalSigHeader, base64.StdEncoding.EncodeToString(sig))
	m.Header.Set(paypalCertHeader, paypalCertURL(key.Public()))
	m.Header.Set(paypalAlgoHeader, paypalAlgo)
	return nil
}
