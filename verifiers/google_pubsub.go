package verifiers

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

func init() {
	register(Preset{
		// Google Cloud Pub/Sub push with authentication: Authorization: Bearer <RS256 OIDC token> for the
		// route's aud and service-account email, keys from Google's JWKS; the body is not signed.
		Name: "google_pubsub", SecretOptional: true, Options: []string{"aud", "email"}, RequiredOptions: []string{"aud", "email"},
		New: newGooglePubSub, Signer: signGooglePubSub,
		Sample: []byte(`{"message":{"data":"aGVsbG8=","messageId":"2070443601311540","publishTime":"2024-01-01T00:00:00Z","attributes":{}},"subscription":"projects/myproject/subscriptions/mysubscription"}`),
		Doc: PresetDoc{
			Source:        "cloud.google.com/pubsub/docs/authenticate-push-subscriptions",
			Signature:     "`Authorization: Bearer <JWT>`",
			Algorithm:     "RS256 (RSASSA-PKCS1-v1_5 SHA-256), key = Google's key named by the token's `kid`, from `https://www.googleapis.com/oauth2/v3/certs`",
			Signed:        "the JWT's header and claims only, not the body",
			ToleranceNote: "`iat`/`exp` with 5 minutes of clock skew, google-auth-library's; `tolerance` sets the skew",
			AllowListNote: "none set by hookgate: push requests come from Google's shared address space",
			Identity:      "hash of the body (the token does not cover it; `message.messageId` is not signed)",
			Vectors:       "computed: python3 `cryptography` with a test key, pinned as JWKS or PEM (Google's published example token is expired and its key is no longer served)",
			Note: "`aud` (required) is the audience set on the push subscription, `email` (required) its service account; `iss` must be `accounts.google.com` or `https://accounts.google.com`, `email_verified` true, and the token may live at most a day, as google-auth-library checks. " +
				"The token proves that Pub/Sub pushed the request for that service account; it does not cover the body, so the gate vouches for the sender, not the content, and the replay identity is the body's hash (the body's `message.messageId` is not signed). " +
				"Google's keys are fetched over HTTPS with normal certificate verification from www.googleapis.com only, cached for the response's max-age and refreshed before it ends (docs/fetched-keys.md); an unknown `kid` fetches the JWKS again at most once a minute. " +
				"A key that cannot be had gives 503 with Retry-After (`key_unavailable`): Pub/Sub retries. " +
				"For an offline site, pin keys with `public_key`: a JWKS document (`{file./etc/hookgate/google-certs.json}`, kids matched) or a PEM key or certificate (any kid); pinning replaces fetching. " +
				"`caddy webhook sign --provider google_pubsub` takes the RSA private key as the secret.",
		},
	})
}

// googlePubSub verifies Google Cloud Pub/Sub push deliveries of a
// subscription with authentication: "Authorization: Bearer <JWT>", an
// OpenID Connect ID token signed RS256 by one of Google's keys (JWKS at
// https://www.googleapis.com/oauth2/v3/certs, chosen by the token's kid),
// issued by accounts.google.com or https://accounts.google.com, for the
// route's aud, naming the route's service account email with
// email_verified true, within its iat/exp and a clock skew (5 minutes, as
// google-auth-library allows; tolerance overrides it), and valid for at
// most a day (as google-auth-library requires).
//
// The token does not cover the body: it proves that Pub/Sub pushed this
// request for the subscription's service account, not what the body
// says, and anyone who sees a token may reuse it with another body until
// it expires. The replay identity is therefore the body's hash: the
// body's message.messageId is not signed.
type googlePubSub struct {
	aud, email string
	keys       *keyRing
	skew       time.Duration
}

const (
	// googleCertsURL is Google's OIDC JWKS.
	googleCertsURL = "https://www.googleapis.com/oauth2/v3/certs"
	// googleSkew is google-auth-library's clock skew (CLOCK_SKEW_SECS_).
	googleSkew = 5 * time.Minute
	// googleMaxLifetime is the longest a token may live
	// (google-auth-library's DEFAULT_MAX_TOKEN_LIFETIME_SECS_).
	googleMaxLifetime = 24 * time.Hour
)

// googleKeys is where Google's token keys are fetched from.
var googleKeys = &keySource{
	provider: "google_pubsub",
	allowed: func(u *url.URL) bool {
		return httpsHost(u, func(h string) bool { return h == "www.googleapis.com" }) && u.Path == "/oauth2/v3/certs" && u.RawQuery == "" && !u.ForceQuery
	},
	parse: parseJWKS,
}

func newGooglePubSub(s Settings) (Verifier, error) {
	aud, email := s.Options["aud"], s.Options["email"]
	if aud == "" || email == "" {
		return nil, fmt.Errorf("google_pubsub needs aud (the push subscription's audience) and email (its service account)")
	}
	keys, err := newKeyRing(googleKeys, s, true)
	if err != nil {
		return nil, err
	}
	skew := s.Tolerance
	if skew <= 0 {
		skew = googleSkew
	}
	return &googlePubSub{aud: aud, email: email, keys: keys, skew: skew}, nil
}

func (v *googlePubSub) Verify(d *Delivery) (Verified, error) {
	auth, err := headerValue(d.Request.Header, "Authorization")
	if err != nil {
		return Verified{}, err
	}
	scheme, token, _ := strings.Cut(auth, " ")
	if !strings.EqualFold(scheme, "Bearer") || token == "" {
		return Verified{}, reject(malformedSignature, "header Authorization is not a Bearer token")
	}
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return Verified{}, reject(malformedSignature, "the Bearer token is not a JWT")
	}
	var decoded [3][]byte
	for i, p := range parts {
		if decoded[i], err = base64.RawURLEncoding.DecodeString(p); err != nil || len(decoded[i]) == 0 {
			return Verified{}, reject(malformedSignature, "the Bearer token is not a JWT")
		}
	}
	header, err := parseJSON(decoded[0])
	if err != nil {
		return Verified{}, reject(malformedSignature, "the JWT header is not a JSON object")
	}
	claims, err := parseJSON(decoded[1])
	if err != nil {
		return Verified{}, reject(malformedSignature, "the JWT claims are not a JSON object")
	}
	if s, ok := jsonText(header, "alg"); !ok || s != "RS256" {
		return Verified{}, reject(malformedSignature, "the JWT is not signed RS256")
	}
	kid, ok := jsonText(header, "kid")
	if header.Get("kid") != nil && !ok {
		return Verified{}, reject(malformedSignature, "the JWT kid is not a string")
	}
	// The claims are checked first: no fetch for a token that is not for this route.
	if iss, _ := jsonText(claims, "iss"); iss != "accounts.google.com" && iss != "https://accounts.google.com" {
		return Verified{}, reject(badSignature, "the JWT issuer is not Google")
	}
	if aud, ok := jsonText(claims, "aud"); !ok || aud != v.aud {
		return Verified{}, reject(badSignature, "the JWT audience is not the route's aud")
	}
	if email, ok := jsonText(claims, "email"); !ok || email != v.email {
		return Verified{}, reject(badSignature, "the JWT email is not the route's service account")
	}
	if ev := claims.Get("email_verified"); ev == nil || ev.Kind != jsonBool || ev.Text != "true" {
		return Verified{}, reject(badSignature, "the JWT email is not verified")
	}
	iat, err1 := jsonUnix(claims, "iat")
	exp, err2 := jsonUnix(claims, "exp")
	if err1 != nil || err2 != nil {
		return Verified{}, reject(malformedSignature, "the JWT has no usable iat and exp")
	}
	switch {
	case exp.Before(iat) || exp.Sub(iat) > googleMaxLifetime:
		return Verified{}, reject(badSignature, "the JWT lifetime is longer than a day")
	case d.Now.Before(iat.Add(-v.skew)):
		return Verified{}, reject(stale, "the JWT is issued in the future")
	case d.Now.After(exp.Add(v.skew)):
		return Verified{}, reject(stale, "the JWT has expired")
	}
	if kid == "" && v.keys.pinned == nil {
		return Verified{}, reject(malformedSignature, "the JWT names no kid")
	}
	keys, err := v.keys.lookup(d.Request.Context(), googleCertsURL, kid)
	if err != nil {
		return Verified{}, err
	}
	signed := token[:len(parts[0])+1+len(parts[1])]
	index, err := verifyRSA(keys, crypto.SHA256, []byte(signed), decoded[2], d.Now)
	if err != nil {
		return Verified{}, err
	}
	return bodySigned(d.Body, index), nil
}

// Interface guard
var _ Verifier = (*googlePubSub)(nil)

// jsonText is the string member name of v, and whether there is one.
func jsonText(v *jsonValue, name string) (string, bool) {
	f := v.Get(name)
	if f == nil || f.Kind != jsonString {
		return "", false
	}
	return f.Text, true
}

// jsonUnix reads the integer member name of v as unix seconds.
func jsonUnix(v *jsonValue, name string) (time.Time, error) {
	f := v.Get(name)
	if f == nil || f.Kind != jsonNumber {
		return time.Time{}, fmt.Errorf("no %s", name)
	}
	s, err := f.Scalar()
	if err != nil {
		return time.Time{}, err
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return time.Time{}, err
	}
	return time.Unix(n, 0), nil
}

// googleKeyID is the kid the signer names for key: the hex SHA-1 of its
// public key, shaped like Google's.
func googleKeyID(pub crypto.PublicKey) string {
	der, _ := x509.MarshalPKIXPublicKey(pub)
	sum := sha1.Sum(der)
	return hex.EncodeToString(sum[:])
}

// signGooglePubSub signs a push as Pub/Sub does: a one-hour RS256 ID token
// for the route's aud and email, with the RSA private key given as the
// first secret (its kid is googleKeyID). The body is left as it is.
func signGooglePubSub(s Settings, m *Message) error {
	key, err := rsaSignerKey("google_pubsub", s)
	if err != nil {
		return err
	}
	aud, email := s.Options["aud"], s.Options["email"]
	if aud == "" {
		aud = m.URL
	}
	if email == "" {
		email = "hookgate-test@example-project.iam.gserviceaccount.com"
	}
	header := `{"alg":"RS256","kid":"` + googleKeyID(key.Public()) + `","typ":"JWT"}`
	iat := m.Now.Unix()
	claims := `{"aud":` + string(quoteJSON(aud)) + `,"azp":"100000000000000000000","email":` + string(quoteJSON(email)) +
		`,"email_verified":true,"exp":` + strconv.FormatInt(iat+3600, 10) + `,"iat":` + strconv.FormatInt(iat, 10) +
		`,"iss":"https://accounts.google.com","sub":"100000000000000000000"}`
	signed := base64.RawURLEncoding.EncodeToString([]byte(header)) + "." + base64.RawURLEncoding.EncodeToString([]byte(claims))
	digest := sha256.Sum256([]byte(signed))
	sig, err := rsa.SignPKCS1v15(rand.Reader, key, crypto.SHA256, digest[:])
	if err != nil {
		return fmt.Errorf("google_pubsub: %v", err)
	}
	m.Header.Set("Authorization", "Bearer "+signed+"."+base64.RawURLEncoding.EncodeToString(sig))
	return nil
}
