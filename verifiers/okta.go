package verifiers

import (
	"encoding/json"
	"net/http"
)

func init() {
	register(Preset{
		// Okta event hooks: the hook's Authorization header value (option header: another name) is the
		// secret, verbatim; the one-time GET X-Okta-Verification-Challenge is answered {"verification": ...} (okta.go).
		Name: "okta", Options: []string{"header"}, New: newOkta, Signer: signOkta,
		Sample: []byte(`{"eventType":"com.okta.event_hook","eventTypeVersion":"1.0","cloudEventsVersion":"0.1","contentType":"application/json","eventId":"b5a188b9-5ece-4636-b041-482ffda96311","eventTime":"2026-03-27T16:59:53.032Z","source":"https://example.okta.com/api/v1/eventHooks/whoql0HfiLGPWc8Jx0g3","data":{"events":[{"uuid":"f790999f-fe87-467a-9880-6982a583986c","eventType":"user.session.start","published":"2026-03-28T22:23:07.777Z"}]}}`),
		Doc: PresetDoc{
			Source:    "developer.okta.com/docs/concepts/event-hooks",
			Signature: "`Authorization: <secret>` (option `header`: the hook's authentication field name)",
			Algorithm: "shared secret sent verbatim, compared in constant time",
			Signed:    "nothing (the header proves the sender knows the secret; the body is unsigned)",
			Handshake: "GET with `X-Okta-Verification-Challenge` (no body, after the header secret matched): 200 `application/json` `{\"verification\":\"<challenge>\"}`",
			Identity:  "hash of the body (`eventId` is not signed)",
			Vectors:   "computed (developer.okta.com/docs/concepts/event-hooks)",
			Note: "Okta signs nothing: the event hook's authentication secret travels verbatim in the header named by its " +
				"authentication field (`Authorization` unless option `header` names another). Okta's docs say the value is " +
				"provided in every request, so the gate requires it on the one-time verification GET too; a hook registered " +
				"without an authentication secret cannot use this preset. The challenge is echoed only when it is at most 512 " +
				"visible ASCII characters.",
		},
	})
}

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
