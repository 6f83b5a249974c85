package verifiers

import "fmt"

// headerToken verifies schemes in which the provider sends the shared
// secret itself in a header (KKiaPay's x-kkiapay-secret, Flutterwave's
// verif-hash, GitLab's X-Gitlab-Token). It proves the sender knows the
// secret, not that the body is unchanged: say so where it is used.
type headerToken struct {
	Header string
	tokens tokenSet
}

// newHeaderToken builds a headerToken accepting any of tokens.
func newHeaderToken(header string, tokens [][]byte) (*headerToken, error) {
	if header == "" {
		return nil, fmt.Errorf("no token header configured")
	}
	return &headerToken{Header: header, tokens: newTokenSet(tokens)}, nil
}

// Verify compares the header with the configured tokens in constant time.
// The token covers no content: Signed is the raw body.
func (v *headerToken) Verify(d *Delivery) (Verified, error) {
	got, err := headerValue(d.Request.Header, v.Header)
	if err != nil {
		return Verified{}, err
	}
	key, ok := v.tokens.index([]byte(got))
	if !ok {
		return Verified{}, reject(badSignature, "header %s does not match", v.Header)
	}
	return bodySigned(d.Body, key), nil
}

// allOf is a verifier that requires every one of its parts. What it
// verified is what its last part verified: list the signature last.
type allOf []Verifier

func (a allOf) Verify(d *Delivery) (Verified, error) {
	var out Verified
	for _, v := range a {
		var err error
		if out, err = v.Verify(d); err != nil {
			return Verified{}, err
		}
	}
	return out, nil
}

// Interface guards
var (
	_ Verifier = (*headerToken)(nil)
	_ Verifier = allOf(nil)
)

// signHeaderToken sends the secret itself in header, as the provider does.
func signHeaderToken(header string) func(Settings, *Message) error {
	return func(s Settings, m *Message) error {
		m.Header.Set(header, string(firstSecret(s)))
		return nil
	}
}
