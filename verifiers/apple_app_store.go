package verifiers

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/sha256"
	"crypto/x509"
	"encoding/asn1"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/hookgate/hookgate/verifiers/internal/testroots"
)

// appStore verifies App Store Server Notifications V2 the way Apple's
// SignedDataVerifier does (apple/app-store-server-library-python,
// appstoreserverlibrary/signed_data_verifier.py, with online checks off):
//
//   - the body is {"signedPayload": "<JWS>"}, read with the strict JSON reader;
//   - the JWS header's alg is ES256 and its x5c holds exactly three
//     certificates; the first two (leaf, intermediate) must chain to Apple
//     Root CA - G3, valid at the payload's signedDate (now when it has
//     none), with Apple's marker extensions on the leaf
//     (1.2.840.113635.100.6.11.1) and the intermediate
//     (1.2.840.113635.100.6.2.1); the third is not used, as in Apple's
//     library: the root is the one embedded here;
//   - the JWS signature (raw r||s) verifies with the leaf's P-256 key;
//   - the notification's data (or summary, externalPurchaseToken, appData)
//     names the configured bundle_id and environment, and in Production
//     the configured app_apple_id.
//
// Certificate revocation is not checked online (Apple's library does it
// only with enable_online_checks). The replay identity is the signed
// notificationUUID.
type appStore struct {
	roots       *x509.CertPool
	bundleID    string
	appAppleID  string // decimal; checked in Production only, as Apple does
	environment string // "Production" or "Sandbox"
	tolerance   time.Duration
	chains      appStoreChains
}

// The options of apple_app_store, named after SignedDataVerifier's arguments.
const (
	appStoreBundleID    = "bundle_id"
	appStoreAppAppleID  = "app_apple_id"
	appStoreEnvironment = "environment"
)

// Apple's environments, as the payload writes them.
const (
	appStoreProduction = "Production"
	appStoreSandbox    = "Sandbox"
)

// appleRootCAG3PEM is Apple Root CA - G3, the root App Store signing
// chains end in, published by Apple at
// https://www.apple.com/certificateauthority/AppleRootCA-G3.cer (Apple PKI,
// https://www.apple.com/certificateauthority/). This copy is the one in
// Apple's own library tests (apple/app-store-server-library-python,
// tests/test_x509_verifiction.py, REAL_APPLE_ROOT_BASE64_ENCODED).
// SHA-256 fingerprint of the DER:
// 63:34:3A:BF:B8:9A:6A:03:EB:B5:7E:9B:3F:5F:A7:BE:7C:4F:5C:75:6F:30:17:B3:A8:C4:88:C3:65:3E:91:79
// (checked by TestAppleRootFingerprint).
const appleRootCAG3PEM = `-----BEGIN CERTIFICATE-----
MIICQzCCAcmgAwIBAgIILcX8iNLFS5UwCgYIKoZIzj0EAwMwZzEbMBkGA1UEAwwS
QXBwbGUgUm9vdCBDQSAtIEczMSYwJAYDVQQLDB1BcHBsZSBDZXJ0aWZpY2F0aW9u
IEF1dGhvcml0eTETMBEGA1UECgwKQXBwbGUgSW5jLjELMAkGA1UEBhMCVVMwHhcN
MTQwNDMwMTgxOTA2WhcNMzkwNDMwMTgxOTA2WjBnMRswGQYDVQQDDBJBcHBsZSBS
b290IENBIC0gRzMxJjAkBgNVBAsMHUFwcGxlIENlcnRpZmljYXRpb24gQXV0aG9y
aXR5MRMwEQYDVQQKDApBcHBsZSBJbmMuMQswCQYDVQQGEwJVUzB2MBAGByqGSM49
AgEGBSuBBAAiA2IABJjpLz1AcqTtkyJygRMc3RCV8cWjTnHcFBbZDuWmBSp3ZHtf
TjjTuxxEtX/1H7YyYl3J6YRbTzBPEVoA/VhYDKX1DyxNB0cTddqXl5dvMVztK517
IDvYuVTZXpmkOlEKMaNCMEAwHQYDVR0OBBYEFLuw3qFYM4iapIqZ3r6966/ayySr
MA8GA1UdEwEB/wQFMAMBAf8wDgYDVR0PAQH/BAQDAgEGMAoGCCqGSM49BAMDA2gA
MGUCMQCD6cHEFl4aXTQY2e3v9GwOAEZLuN+yRhHFD/3meoyhpmvOwgPUnPWTxnS4
at+qIxUCMG1mihDK1A3UT82NQz60imOlM27jbdoXt2QfyFMm+YhidDkLF1vLUagM
6BgD56KyKA==
-----END CERTIFICATE-----`

// The marker extensions Apple's library requires on the signing chain.
var (
	appStoreLeafOID         = asn1.ObjectIdentifier{1, 2, 840, 113635, 100, 6, 11, 1}
	appStoreIntermediateOID = asn1.ObjectIdentifier{1, 2, 840, 113635, 100, 6, 2, 1}
)

// appStoreMaxJWS bounds the signedPayload: a notification with its nested
// signed transaction and renewal info is a few KiB; max_body bounds the
// body anyway.
const appStoreMaxJWS = 1 << 20

// appleRoots is Apple Root CA - G3 and, in tests only, the roots tests
// trust (testroots).
func appleRoots() (*x509.CertPool, error) {
	block, _ := pem.Decode([]byte(appleRootCAG3PEM))
	if block == nil {
		return nil, fmt.Errorf("apple_app_store: the embedded Apple root is not PEM")
	}
	root, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("apple_app_store: the embedded Apple root: %v", err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(root)
	for _, c := range testroots.Apple() {
		pool.AddCert(c)
	}
	return pool, nil
}

func newAppStore(s Settings) (Verifier, error) {
	if len(s.Secrets) > 0 || len(s.PublicKeys) > 0 {
		return nil, fmt.Errorf("apple_app_store takes no secret and no public_key: the signing chain travels with each notification and is checked against Apple's root")
	}
	v := &appStore{bundleID: s.Options[appStoreBundleID], tolerance: s.Tolerance}
	if v.bundleID == "" {
		return nil, fmt.Errorf("apple_app_store needs the option %s", appStoreBundleID)
	}
	switch env := s.Options[appStoreEnvironment]; strings.ToLower(env) {
	case "", "production":
		v.environment = appStoreProduction
	case "sandbox":
		v.environment = appStoreSandbox
	default:
		return nil, fmt.Errorf("apple_app_store: %s %q is neither Production nor Sandbox", appStoreEnvironment, env)
	}
	if id := s.Options[appStoreAppAppleID]; id != "" {
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil || n <= 0 || strconv.FormatInt(n, 10) != id {
			return nil, fmt.Errorf("apple_app_store: %s %q is not a positive decimal number", appStoreAppAppleID, id)
		}
		v.appAppleID = id
	} else if v.environment == appStoreProduction {
		return nil, fmt.Errorf("apple_app_store: %s is required in the Production environment (as in Apple's SignedDataVerifier)", appStoreAppAppleID)
	}
	roots, err := appleRoots()
	if err != nil {
		return nil, err
	}
	v.roots = roots
	return v, nil
}

func (v *appStore) Verify(d *Delivery) (Verified, error) {
	jws, err := appStoreSignedPayload(d.Body)
	if err != nil {
		return Verified{}, err
	}
	header, payload, signingInput, sig, err := splitJWS(jws)
	if err != nil {
		return Verified{}, err
	}
	x5c, err := appStoreHeader(header)
	if err != nil {
		return Verified{}, err
	}
	signedAt, hasDate, err := appStoreSignedDate(payload)
	if err != nil {
		return Verified{}, err
	}
	at := d.Now
	if hasDate {
		at = signedAt
	}
	leaf, err := v.verifyChain(x5c, at)
	if err != nil {
		return Verified{}, err
	}
	if !verifyES256(leaf, signingInput, sig) {
		return Verified{}, errBadSignature
	}
	if err := v.checkNotification(payload); err != nil {
		return Verified{}, err
	}
	if v.tolerance > 0 {
		if !hasDate {
			return Verified{}, reject(missingSignature, "signed payload has no signedDate")
		}
		if err := checkFresh(signedAt, d.Now, v.tolerance); err != nil {
			return Verified{}, err
		}
	}
	if id := payload.Get("notificationUUID"); id != nil && id.Kind == jsonString && id.Text != "" {
		return Verified{ID: id.Text, Signed: signingInput}, nil
	}
	// No UUID: the signed header and payload identify the notification.
	return Verified{Signed: signingInput}, nil
}

// appStoreSignedPayload reads the body: one JSON object whose only member
// is the string signedPayload.
func appStoreSignedPayload(body []byte) (string, error) {
	doc, err := parseJSON(body)
	if err != nil {
		return "", err
	}
	if doc.Kind != jsonObject {
		return "", reject(malformedSignature, "body is not a JSON object")
	}
	f := doc.Get("signedPayload")
	switch {
	case f == nil:
		return "", reject(missingSignature, "body field signedPayload is missing")
	case f.Kind != jsonString || f.Text == "" || len(f.Text) > appStoreMaxJWS:
		return "", reject(malformedSignature, "body field signedPayload is not a JWS")
	case len(doc.Members) != 1:
		return "", reject(malformedSignature, "body has members besides signedPayload, which the signature does not cover")
	}
	return f.Text, nil
}

// splitJWS splits a compact JWS into its decoded header and payload, the
// signing input (the first two parts as sent) and the decoded signature.
// Every part must be unpadded base64url (RFC 7515) and the header and
// payload JSON objects, read strictly.
func splitJWS(jws string) (header, payload *jsonValue, signingInput, sig []byte, err error) {
	parts := strings.Split(jws, ".")
	if len(parts) != 3 {
		return nil, nil, nil, nil, reject(malformedSignature, "signedPayload is not a compact JWS")
	}
	var raw [3][]byte
	for i, p := range parts {
		if raw[i], err = base64.RawURLEncoding.Strict().DecodeString(p); err != nil || len(raw[i]) == 0 {
			return nil, nil, nil, nil, reject(malformedSignature, "signedPayload part %d is not base64url", i+1)
		}
	}
	if header, err = parseJSONObject(raw[0], "JWS header"); err != nil {
		return nil, nil, nil, nil, err
	}
	if payload, err = parseJSONObject(raw[1], "signed payload"); err != nil {
		return nil, nil, nil, nil, err
	}
	return header, payload, []byte(parts[0] + "." + parts[1]), raw[2], nil
}

// parseJSONObject reads b strictly as a JSON object; what names it in errors.
func parseJSONObject(b []byte, what string) (*jsonValue, error) {
	v, err := parseJSON(b)
	if err != nil {
		if rej, ok := err.(*Rejection); ok {
			return nil, reject(rej.Reason, "%s: %s", what, rej.Detail)
		}
		return nil, err
	}
	if v.Kind != jsonObject {
		return nil, reject(malformedSignature, "%s is not a JSON object", what)
	}
	return v, nil
}

// appStoreHeader checks the JWS header (alg ES256, nothing critical) and
// returns its x5c chain, which must hold exactly three certificates.
func appStoreHeader(h *jsonValue) ([]string, error) {
	if alg := h.Get("alg"); alg == nil || alg.Kind != jsonString || alg.Text != "ES256" {
		return nil, reject(malformedSignature, "JWS alg is not ES256")
	}
	if h.Get("crit") != nil {
		return nil, reject(malformedSignature, "JWS header has critical extensions")
	}
	x5c := h.Get("x5c")
	if x5c == nil || x5c.Kind != jsonArray || len(x5c.Elems) == 0 {
		return nil, reject(missingSignature, "JWS header has no x5c chain")
	}
	if len(x5c.Elems) != 3 {
		return nil, reject(malformedSignature, "JWS x5c chain has %d certificates, want 3", len(x5c.Elems))
	}
	out := make([]string, len(x5c.Elems))
	for i, e := range x5c.Elems {
		if e.Kind != jsonString {
			return nil, reject(malformedSignature, "JWS x5c entry %d is not a string", i+1)
		}
		out[i] = e.Text
	}
	return out, nil
}

// appStoreSignedDate reads the payload's signedDate (milliseconds), the
// time the chain must be valid at.
func appStoreSignedDate(p *jsonValue) (time.Time, bool, error) {
	f := p.Get("signedDate")
	if f == nil {
		return time.Time{}, false, nil
	}
	if f.Kind != jsonNumber {
		return time.Time{}, false, reject(malformedSignature, "signedDate is not a number")
	}
	ms, err := f.Scalar()
	if err != nil {
		return time.Time{}, false, err
	}
	t, err := parseTimestamp(ms, unixMillis)
	if err != nil {
		return time.Time{}, false, err
	}
	return t, true, nil
}

// verifyChain checks x5c's leaf and intermediate against the roots at
// time at, with Apple's marker extensions, and returns the leaf's P-256 key.
func (v *appStore) verifyChain(x5c []string, at time.Time) (*ecdsa.PublicKey, error) {
	ck := appStoreChainKey(x5c[0], x5c[1])
	if key, ok := v.chains.get(ck, at); ok {
		return key, nil
	}
	var certs [2]*x509.Certificate
	for i := range certs {
		der, err := base64.StdEncoding.Strict().DecodeString(x5c[i])
		if err != nil {
			return nil, reject(malformedSignature, "JWS x5c entry %d is not base64", i+1)
		}
		if certs[i], err = x509.ParseCertificate(der); err != nil {
			return nil, reject(malformedSignature, "JWS x5c entry %d is not a certificate", i+1)
		}
	}
	intermediates := x509.NewCertPool()
	intermediates.AddCert(certs[1])
	chains, err := certs[0].Verify(x509.VerifyOptions{
		Roots:         v.roots,
		Intermediates: intermediates,
		CurrentTime:   at,
		KeyUsages:     []x509.ExtKeyUsage{x509.ExtKeyUsageAny},
	})
	if err != nil {
		return nil, reject(badSignature, "the x5c chain does not lead to Apple's root at the signed date")
	}
	for _, chain := range chains {
		if len(chain) == 3 && chain[1].Equal(certs[1]) &&
			hasExtension(chain[0], appStoreLeafOID) && hasExtension(chain[1], appStoreIntermediateOID) {
			key, ok := chain[0].PublicKey.(*ecdsa.PublicKey)
			if !ok || key.Curve != elliptic.P256() {
				return nil, reject(badSignature, "the x5c leaf has no P-256 key")
			}
			v.chains.put(ck, chain, key)
			return key, nil
		}
	}
	return nil, reject(badSignature, "the x5c chain lacks Apple's App Store certificate markers")
}

// hasExtension reports whether c carries the extension id.
func hasExtension(c *x509.Certificate, id asn1.ObjectIdentifier) bool {
	for _, e := range c.Extensions {
		if e.Id.Equal(id) {
			return true
		}
	}
	return false
}

// verifyES256 checks a JWS ES256 signature: the 64-byte r||s form only.
func verifyES256(key *ecdsa.PublicKey, signingInput, sig []byte) bool {
	if len(sig) != 64 {
		return false
	}
	digest := sha256.Sum256(signingInput)
	r, s := new(big.Int).SetBytes(sig[:32]), new(big.Int).SetBytes(sig[32:])
	return ecdsa.Verify(key, digest[:], r, s)
}

// checkNotification checks that the notification is for the configured
// app and environment, reading them as Apple's verify_and_decode_notification
// does: from data, else summary, else externalPurchaseToken (whose
// environment is Sandbox when its externalPurchaseId starts with SANDBOX),
// else appData.
func (v *appStore) checkNotification(p *jsonValue) error {
	var app *jsonValue
	var env string
	for _, name := range []string{"data", "summary", "externalPurchaseToken", "appData"} {
		if f := p.Get(name); f != nil && f.Kind == jsonObject {
			app = f
			if name == "externalPurchaseToken" {
				env = appStoreProduction
				if id := f.Get("externalPurchaseId"); id != nil && id.Kind == jsonString && strings.HasPrefix(id.Text, "SANDBOX") {
					env = appStoreSandbox
				}
			} else if e := f.Get("environment"); e != nil && e.Kind == jsonString {
				env = e.Text
			}
			break
		}
	}
	if app == nil {
		return reject(badSignature, "the notification names no app")
	}
	if b := app.Get("bundleId"); b == nil || b.Kind != jsonString || b.Text != v.bundleID {
		return reject(badSignature, "the notification is for another bundle ID")
	}
	if v.environment == appStoreProduction {
		id := app.Get("appAppleId")
		if id == nil || id.Kind != jsonNumber || id.Text != v.appAppleID {
			return reject(badSignature, "the notification is for another app Apple ID")
		}
	}
	if env != v.environment {
		return reject(badSignature, "the notification is from another environment than %s", v.environment)
	}
	return nil
}

// Interface guard
var _ Verifier = (*appStore)(nil)

// signAppStore signs as the App Store does, for tests and `caddy webhook
// sign`: the first secret is a PEM bundle of the leaf's private key and
// the x5c chain (leaf, intermediate and root certificates, in that order).
// The body is taken as the decoded notification payload; the signer sets
// its signedDate (the signing time), a notificationUUID when it has none
// (the message ID, or a random one), and the bundleId, environment and
// appAppleId of its data (or summary, appData) from the route's options,
// then sends {"signedPayload": "<JWS>"}. A gate trusts such a chain only
// when it ends in Apple's root.
func signAppStore(s Settings, m *Message) error {
	key, chain, err := appStoreSignerBundle(firstSecret(s))
	if err != nil {
		return err
	}
	payload, err := appStoreSignerPayload(s, m)
	if err != nil {
		return err
	}
	header, err := jsonMarshal(struct {
		Alg string   `json:"alg"`
		X5C []string `json:"x5c"`
	}{"ES256", chain})
	if err != nil {
		return err
	}
	input := base64.RawURLEncoding.EncodeToString(header) + "." + base64.RawURLEncoding.EncodeToString(payload)
	sig, err := signAsymmetric(sigECDSAP256, key, []byte(input), true)
	if err != nil {
		return fmt.Errorf("apple_app_store: %v", err)
	}
	body, err := jsonMarshal(map[string]string{"signedPayload": input + "." + base64.RawURLEncoding.EncodeToString(sig)})
	if err != nil {
		return err
	}
	m.Body = body
	m.Header.Set("Content-Type", "application/json")
	return nil
}

// appStoreSignerBundle reads the signer's PEM bundle: one private key and
// three certificates, returned as x5c entries (standard base64 DER).
func appStoreSignerBundle(secret []byte) (*ecdsa.PrivateKey, []string, error) {
	var key *ecdsa.PrivateKey
	var chain []string
	rest := bytes.TrimSpace(secret)
	for len(rest) > 0 {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			break
		}
		switch block.Type {
		case "CERTIFICATE":
			chain = append(chain, base64.StdEncoding.EncodeToString(block.Bytes))
		default:
			k, err := parsePrivateDER(block.Bytes)
			if err != nil {
				return nil, nil, fmt.Errorf("apple_app_store: secret #1: %v", err)
			}
			ek, ok := k.(*ecdsa.PrivateKey)
			if !ok || ek.Curve != elliptic.P256() || key != nil {
				return nil, nil, fmt.Errorf("apple_app_store: secret #1 must hold one P-256 private key")
			}
			key = ek
		}
	}
	if key == nil || len(chain) != 3 {
		return nil, nil, fmt.Errorf("apple_app_store signs with a PEM bundle as the first secret: the leaf's P-256 private key and three certificates (leaf, intermediate, root)")
	}
	return key, chain, nil
}

// appStoreSignerPayload makes the decoded notification payload from m.Body.
func appStoreSignerPayload(s Settings, m *Message) ([]byte, error) {
	var doc map[string]any
	if err := jsonUnmarshalNumbers(m.Body, &doc); err != nil || doc == nil {
		return nil, fmt.Errorf("apple_app_store signs a JSON object: the decoded notification payload")
	}
	if id, _ := doc["notificationUUID"].(string); id == "" {
		id = m.ID
		if id == "" {
			id = randomUUID()
		}
		doc["notificationUUID"] = id
	}
	if _, ok := doc["notificationType"]; !ok {
		doc["notificationType"] = "TEST"
	}
	if _, ok := doc["version"]; !ok {
		doc["version"] = "2.0"
	}
	doc["signedDate"] = m.Now.UnixMilli()
	env := appStoreProduction
	if strings.EqualFold(s.Options[appStoreEnvironment], appStoreSandbox) {
		env = appStoreSandbox
	}
	target := "data"
	for _, name := range []string{"data", "summary", "externalPurchaseToken", "appData"} {
		if _, ok := doc[name].(map[string]any); ok {
			target = name
			break
		}
	}
	app, _ := doc[target].(map[string]any)
	if app == nil {
		app = map[string]any{}
		doc[target] = app
	}
	app["bundleId"] = s.Options[appStoreBundleID]
	if target != "externalPurchaseToken" {
		app["environment"] = env
	}
	if id := s.Options[appStoreAppAppleID]; id != "" {
		app["appAppleId"] = jsonNumberOf(id)
	}
	return jsonMarshal(doc)
}

// jsonMarshal is json.Marshal without HTML escaping.
func jsonMarshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// jsonUnmarshalNumbers decodes b into v keeping numbers as json.Number.
func jsonUnmarshalNumbers(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	return dec.Decode(v)
}

// jsonNumberOf writes a decimal string as a JSON number.
func jsonNumberOf(s string) json.Number { return json.Number(s) }
