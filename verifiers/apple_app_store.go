package verifiers

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"strconv"
	"strings"
	"time"
)

func init() {
	register(Preset{
		// App Store Server Notifications V2: {"signedPayload": JWS ES256}, x5c chain to Apple Root CA - G3 (apple_app_store.go).
		Name: "apple_app_store", SecretOptional: true,
		Options:         []string{appStoreBundleID, appStoreAppAppleID, appStoreEnvironment},
		RequiredOptions: []string{appStoreBundleID},
		New:             newAppStore, Signer: signAppStore,
		Sample: []byte(`{"notificationType":"TEST","data":{"bundleId":"com.example","environment":"Sandbox","appAppleId":1234},"version":"2.0"}`),
		Doc: PresetDoc{
			Source:        "apple/app-store-server-library-python tests/test_payload_verification.py",
			Signature:     "body `{\"signedPayload\": \"<JWS>\"}` (compact JWS, `alg` ES256, `x5c` chain)",
			Algorithm:     "ECDSA P-256/SHA-256 with the `x5c` leaf key; the chain must lead to Apple Root CA - G3 (embedded) at `signedDate`, with Apple's marker OIDs; no secret",
			Signed:        "the JWS header and payload (`signedPayload`), whose `data` must name the configured `bundle_id`, `environment` (`Production`, the default, or `Sandbox`) and, in Production, `app_apple_id`",
			ToleranceNote: "Apple's library checks the chain at `signedDate` and no freshness; `tolerance`, when set, bounds `signedDate`",
			AllowListNote: "none set; the chain to Apple's root is the check",
			Identity:      "signed payload `notificationUUID`",
			Vectors:       "sdk-test: Apple's testNotification with its test CA (apple/app-store-server-library-python tests); computed: python `cryptography` with a generated root, intermediate and leaf carrying Apple's markers (testdata/vectors/generate_presets-d.py)",
			Note: "Verification follows Apple's SignedDataVerifier (app-store-server-library-python) with online checks off: certificate revocation (OCSP) is not checked, and the chain is judged at the payload's `signedDate`, as Apple's library does offline. " +
				"The leaf must carry 1.2.840.113635.100.6.11.1 and the intermediate 1.2.840.113635.100.6.2.1; the JWS signature is raw r\\|\\|s. The third `x5c` certificate is not used; the embedded Apple Root CA - G3 (SHA-256 63:34:3A:BF:...:3E:91:79) is the only root. " +
				"Options as SignedDataVerifier takes them: `bundle_id` (required), `environment` and `app_apple_id` (required in Production, not checked in Sandbox, as in Apple's library). The Xcode and LocalTesting environments, whose data Apple's library does not verify, are refused. The nested `signedTransactionInfo` and `signedRenewalInfo` are covered by the outer signature as parts of the payload; the gate does not check their own signatures. " +
				"The body must be exactly `{\"signedPayload\": ...}`: other members would be unsigned and are refused. `caddy webhook sign` takes a PEM bundle (leaf private key, leaf, intermediate and root certificates) as the secret; a real gate accepts only chains that end in Apple's root.",
		},
	})
}

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

// appStoreMaxJWS bounds the signedPayload: a notification with its nested
// signed transaction and renewal info is a few KiB; max_body bounds the
// body anyway.
const appStoreMaxJWS = 1 << 20

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
