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
	keys, err := v.keys.lookup(d.Request.Context(), certURL, "")
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
