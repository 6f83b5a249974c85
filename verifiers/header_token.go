package verifiers

import "fmt"

// HeaderToken verifies schemes in which the provider sends the shared
// secret itself in a header (KKiaPay's x-kkiapay-secret, Flutterwave's
// verif-hash, GitLab's X-Gitlab-Token). It proves the sender knows the
// secret, not that the body is unchanged: say so where it is used.
type HeaderToken struct {
	Header string
	tokens tokenSet
}

// NewHeaderToken builds a HeaderToken accepting any of tokens.
func NewHeaderToken(header string, tokens [][]byte) (*HeaderToken, error) {
	if header == "" {
		return nil, fmt.Errorf("no token header configured")
	}
	return &HeaderToken{Header: header, tokens: newTokenSet(tokens)}, nil
}

// Verify compares the header with the configured tokens in constant time.
func (v *HeaderToken) Verify(d *Delivery) error {
	got, err := headerValue(d.Request.Header, v.Header)
	if err != nil {
		return err
	}
	if !v.tokens.contains([]byte(got)) {
		return reject(BadSignature, "header %s does not match", v.Header)
	}
	return nil
}

// allOf is a verifier that requires every one of its parts.
type allOf []Verifier

func (a allOf) Verify(d *Delivery) error {
	for _, v := range a {
		if err := v.Verify(d); err != nil {
			return err
		}
	}
	return nil
}

// Interface guards
var (
	_ Verifier = (*HeaderToken)(nil)
	_ Verifier = allOf(nil)
)

// signHeaderToken sends the secret itself in header, as the provider does.
func signHeaderToken(header string) func(Settings, *Message) error {
	return func(s Settings, m *Message) error {
		m.Header.Set(header, string(firstSecret(s)))
		return nil
	}
}
