package verifiers

import (
	"encoding/base64"
	"strings"
)

func init() {
	register(Preset{
		// Postmark signs nothing: Basic-auth credentials of the webhook URL (secret "user:password"),
		// or option header = a custom header carrying the secret. Its IP list is not shipped (unverified).
		Name: "postmark", Options: []string{"header"}, New: newPostmark, Signer: signPostmark,
		Doc: PresetDoc{
			Source:        "postmarkapp.com/developer/webhooks/webhooks-overview",
			Signature:     "`Authorization: Basic …` (or option `header`)",
			Algorithm:     "none: a shared credential (secret `user:password`, or the header's value); body **not** covered",
			Signed:        "–",
			AllowListNote: "the IP list is not verified",
			Identity:      "none",
			Vectors:       "computed",
		},
	})
	register(Preset{
		// Azure DevOps service hooks (Web Hooks): Basic-auth credentials (secret "user:password"),
		// or option header = a custom HTTP header whose value is the secret. Nothing is signed.
		Name: "azure_devops", Options: []string{"header"}, New: newPostmark, Signer: signPostmark,
		Doc: PresetDoc{
			Source:    "MicrosoftDocs/azure-devops-docs docs/service-hooks/services/webhooks.md",
			Signature: "`Authorization: Basic <base64(user:password)>` (option `header`: a custom header carrying the secret)",
			Algorithm: "shared credentials sent verbatim, compared in constant time",
			Signed:    "nothing (the credentials prove the sender knows them; the body is unsigned)",
			Identity:  "hash of the body",
			Vectors:   "computed (MicrosoftDocs/azure-devops-docs `docs/service-hooks/services/webhooks.md`)",
			Note: "Azure DevOps signs nothing. Configure the subscription's basic authentication user name and password and " +
				"give the gate `user:password` as the secret, or add an HTTP header `Name: value` to the subscription and " +
				"configure `header Name` with the value as the secret. Use HTTPS: the credentials travel in every request.",
		},
	})
	register(Preset{
		// Pipedrive: nothing is signed; the webhook's http_auth_user/http_auth_password arrive as Basic auth.
		Name: "pipedrive", New: newPipedrive, Signer: signPostmark,
		Doc: PresetDoc{
			Signature: "`Authorization: Basic <base64(user:password)>`",
			Algorithm: "shared credentials (the webhook's `http_auth_user` and `http_auth_password`), compared in constant time",
			Signed:    "nothing: the body is **not** covered",
			Identity:  "hash of the body",
			Vectors:   "computed (developers.pipedrive.com/docs/api/v1/Webhooks `http_auth_user`, `http_auth_password`)",
			Source:    "developers.pipedrive.com/docs/api/v1/Webhooks",
			Note: "Pipedrive signs nothing: create the webhook with `http_auth_user` and `http_auth_password` and configure " +
				"`user:password` as the secret. The credentials prove the sender knows them, not that the body is unchanged.",
		},
	})
}

// newPipedrive builds the pipedrive preset: Basic-auth credentials only.
func newPipedrive(s Settings) (Verifier, error) { return newBasicAuth(s.Secrets), nil }

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
