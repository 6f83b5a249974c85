package verifiers

import (
	"encoding/json"
	"net/http"
)

// okta verifies Okta event hooks. Okta signs nothing: every request it
// sends carries, in the header the event hook was registered with
// (Authorization by default; option header names another), the secret
// string configured on the hook, verbatim. The one-time verification
// request is a GET carrying X-Okta-Verification-Challenge; the gate
// answers it with {"verification": "<challenge>"} once the header secret
// matched, so a legacy app behind the gate need not implement it.
type okta struct {
	token *headerToken
}

// oktaChallenge is the header of the one-time verification request.
const oktaChallenge = "X-Okta-Verification-Challenge"

// oktaMaxChallenge bounds the echoed challenge.
const oktaMaxChallenge = 512

// oktaHeader is the header carrying the secret: option header, or
// Authorization.
func oktaHeader(s Settings) string {
	if h := s.Options["header"]; h != "" {
		return h
	}
	return "Authorization"
}

func newOkta(s Settings) (Verifier, error) {
	t, err := newHeaderToken(oktaHeader(s), s.Secrets)
	if err != nil {
		return nil, err
	}
	return &okta{token: t}, nil
}

// Verify checks the header secret of every request, the verification GET
// included.
func (v *okta) Verify(d *Delivery) (Verified, error) {
	return v.token.Verify(d)
}

// challenge returns the challenge of a verification request, or "" when d
// is not exactly one: a GET without a body and with one non-empty
// challenge header of at most oktaMaxChallenge visible ASCII characters.
func (v *okta) challenge(d *Delivery) string {
	values := d.Request.Header.Values(oktaChallenge)
	if d.Request.Method != http.MethodGet || len(d.Body) != 0 || len(values) != 1 {
		return ""
	}
	c := values[0]
	if c == "" || len(c) > oktaMaxChallenge {
		return ""
	}
	for i := 0; i < len(c); i++ {
		if c[i] < 0x21 || c[i] > 0x7e {
			return ""
		}
	}
	return c
}

// Handshake answers a verified verification request; any other delivery
// goes on to the app.
func (v *okta) Handshake(d *Delivery) *Answer {
	c := v.challenge(d)
	if c == "" {
		return nil
	}
	body, err := json.Marshal(map[string]string{"verification": c})
	if err != nil {
		return nil
	}
	return &Answer{Status: http.StatusOK, ContentType: "application/json", Body: body}
}

// signOkta sends the secret in the hook's header, as Okta does.
func signOkta(s Settings, m *Message) error {
	return signHeaderToken(oktaHeader(s))(s, m)
}

// Interface guards
var (
	_ Verifier   = (*okta)(nil)
	_ Handshaker = (*okta)(nil)
)
