package verifiers

import (
	"encoding/base64"
	"strings"
)

// basicAuth verifies `Authorization: Basic base64(user:password)` against
// secrets written as "user:password". It is a shared credential, not a
// signature: it proves the sender knows it, not that the body is intact.
type basicAuth struct {
	creds tokenSet
}

func newBasicAuth(secrets [][]byte) *basicAuth {
	return &basicAuth{creds: newTokenSet(secrets)}
}

// Verify checks the credentials; they cover no content: Signed is the raw body.
func (v *basicAuth) Verify(d *Delivery) (Verified, error) {
	h, err := headerValue(d.Request.Header, "Authorization")
	if err != nil {
		return Verified{}, err
	}
	scheme, enc, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Basic") {
		return Verified{}, reject(malformedSignature, "header Authorization is not Basic credentials")
	}
	cred, err := base64.StdEncoding.DecodeString(strings.TrimSpace(enc))
	if err != nil {
		return Verified{}, reject(malformedSignature, "header Authorization is not valid base64")
	}
	key, ok := v.creds.index(cred)
	if !ok {
		return Verified{}, reject(badSignature, "credentials do not match")
	}
	return bodySigned(d.Body, key), nil
}

// newPostmark builds the postmark preset. Postmark signs nothing: it sends
// the Basic-auth credentials of the webhook URL (secret "user:password"),
// or, with option header, a custom header whose value is the secret.
func newPostmark(s Settings) (Verifier, error) {
	if h := s.Options["header"]; h != "" {
		return newHeaderToken(h, s.Secrets)
	}
	return newBasicAuth(s.Secrets), nil
}

// signPostmark sends the credentials as Postmark would.
func signPostmark(s Settings, m *Message) error {
	if h := s.Options["header"]; h != "" {
		return signHeaderToken(h)(s, m)
	}
	m.Header.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString(firstSecret(s)))
	return nil
}

// Interface guard
var _ Verifier = (*basicAuth)(nil)
