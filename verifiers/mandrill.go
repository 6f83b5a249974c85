package verifiers

import (
	"crypto/sha1"
	"encoding/base64"
	"mime"
	"net/http"
	"net/url"
	"slices"
)

func init() {
	register(Preset{
		// Mailchimp Transactional (Mandrill): X-Mandrill-Signature = base64 HMAC-SHA1(webhook key,
		// URL + sorted POST name+value); the unsigned HEAD URL check is answered 200 (mandrill.go).
		Name: "mandrill", SignsURL: true, New: newMandrill, Signer: signMandrill,
		Sample: []byte("mandrill_events=%5B%7B%22event%22%3A%22send%22%2C%22msg%22%3A%7B%22ts%22%3A1365109999%2C%22subject%22%3A%22This+an+example+webhook+message%22%2C%22email%22%3A%22example.webhook%40mandrillapp.com%22%2C%22_id%22%3A%22exampleaaaaaaaaaaaaaaaaaaaaaaaaa%22%7D%2C%22_id%22%3A%22exampleaaaaaaaaaaaaaaaaaaaaaaaaa%22%2C%22ts%22%3A1384954004%7D%5D"),
		Doc: PresetDoc{
			Source:    "mailchimp.com/developer/transactional 'Authenticating webhook requests'",
			Signature: "`X-Mandrill-Signature: <base64>`",
			Algorithm: "HMAC-SHA1, key = the webhook's authentication key",
			Signed:    "the webhook URL as entered in Mandrill, then every POST field sorted by name, as name and value (no delimiter)",
			Handshake: "HEAD without a body (the URL check when a webhook is added): 200, empty",
			Identity:  "hash of the URL and the sorted fields",
			Vectors:   "computed (mandrill.zendesk.com \"How to Authenticate Webhook Requests\", \"Webhook Format\", \"Why can't my webhook or inbound route URL be verified?\")",
			Note: "Mandrill signs the URL exactly as entered in its settings, query string included: the route's public URL " +
				"(or `url`) must be identical, trailing slash included. A form with a repeated field, or two names PHP " +
				"files as one, is refused as ambiguous; Mandrill sends one field, `mandrill_events`. The HEAD check is " +
				"answered so that Mandrill does not fall back to a POST signed with its generic key `test-webhook`.",
		},
	})
	register(Preset{
		// Mailchimp Transactional (Mandrill's current name): the same X-Mandrill-Signature scheme, under
		// the name users know. Mailchimp Marketing (audience) webhooks are not signed: not covered.
		Name: "mailchimp", SignsURL: true, New: newMandrill, Signer: signMandrill,
		Sample: []byte("mandrill_events=%5B%7B%22event%22%3A%22send%22%2C%22msg%22%3A%7B%22ts%22%3A1365109999%2C%22subject%22%3A%22This+an+example+webhook+message%22%2C%22email%22%3A%22example.webhook%40mandrillapp.com%22%2C%22_id%22%3A%22exampleaaaaaaaaaaaaaaaaaaaaaaaaa%22%7D%2C%22_id%22%3A%22exampleaaaaaaaaaaaaaaaaaaaaaaaaa%22%2C%22ts%22%3A1384954004%7D%5D"),
		Doc: PresetDoc{
			Signature: "`X-Mandrill-Signature: <base64>` (Mailchimp Transactional)",
			Algorithm: "as mandrill: HMAC-SHA1, key = the webhook's authentication key",
			Signed:    "as mandrill: the webhook URL, then every POST field sorted by name, as name and value",
			Handshake: "as mandrill: HEAD without a body, 200",
			Identity:  "hash of the URL and the sorted fields",
			Vectors:   "computed (mailchimp.com/developer/transactional/guides/track-respond-activity-webhooks)",
			Source:    "mailchimp.com/developer/transactional/guides/track-respond-activity-webhooks",
			Note: "This is Mailchimp Transactional (formerly Mandrill), verified exactly as `mandrill`. Mailchimp Marketing " +
				"(audience) webhooks carry no signature at all (Mailchimp support confirms it); they are not covered: " +
				"put a long random token in their URL and check it in the app, or restrict `allow_ip`.",
		},
	})
}

// mandrill verifies Mailchimp Transactional (Mandrill) webhooks:
// X-Mandrill-Signature is the base64 HMAC-SHA1, keyed with the webhook's
// authentication key, of the webhook's URL exactly as entered in Mandrill
// followed by every POST field, sorted by name, as name then value with no
// delimiter. The URL is Delivery.PublicURL (rebuilt from the request, or
// pinned with `url`). Mandrill posts one form field, mandrill_events; a
// form in which a field repeats, or two names are one field to PHP, is
// refused as ambiguous, since the app and the gate could read different
// values. When a webhook is added, Mandrill checks the URL with an
// unsigned HEAD request and, unless it gets 200, falls back to a POST
// signed with the generic key "test-webhook"; the gate answers that HEAD
// with 200 itself (Handshake), so no generic key need be configured.
type mandrill struct {
	macs macSet
}

var mandrillFormat = signatureFormat{Header: "X-Mandrill-Signature", Encoding: encBase64}

func newMandrill(s Settings) (Verifier, error) {
	return &mandrill{macs: newMACSet(algSHA1, s.Secrets)}, nil
}

// mandrillParams is the signed form: names sorted bytewise, each followed
// by its value. An empty body signs the URL alone.
func mandrillParams(contentType string, body []byte) ([]byte, error) {
	if len(body) == 0 {
		return nil, nil
	}
	if err := formBody(contentType); err != nil {
		return nil, err
	}
	fields, err := parseForm(body)
	if err != nil {
		return nil, err
	}
	if err := formUnambiguous(fields, exactNames); err != nil {
		return nil, err
	}
	slices.SortFunc(fields, func(a, b formField) int {
		switch {
		case a.Name < b.Name:
			return -1
		case a.Name > b.Name:
			return 1
		}
		return 0
	})
	var out []byte
	for _, f := range fields {
		out = append(out, f.Name...)
		out = append(out, f.Value...)
	}
	return out, nil
}

// Verify checks the signature over the URL and the sorted form. Signed is
// the URL and the canonical form, so reordered fields or another
// percent-encoding of the same text are the same delivery.
func (v *mandrill) Verify(d *Delivery) (Verified, error) {
	if mandrillProbe(d) {
		return Verified{Signed: []byte{}}, nil // answered by Handshake, goes no further
	}
	sig, err := mandrillFormat.read(d.Request.Header, sha1.Size)
	if err != nil {
		return Verified{}, err
	}
	if d.PublicURL == "" {
		return Verified{}, reject(malformedSignature, "the public URL Mandrill signed is unknown; set url")
	}
	params, err := mandrillParams(d.Request.Header.Get("Content-Type"), d.Body)
	if err != nil {
		return Verified{}, err
	}
	key, ok := v.macs.matches(sig, []byte(d.PublicURL), params)
	if !ok {
		return Verified{}, errBadSignature
	}
	return Verified{Signed: signedOf([]byte(d.PublicURL), params), Key: key}, nil
}

// mandrillProbe reports whether d is the URL check of a webhook being
// added: a HEAD without a body.
func mandrillProbe(d *Delivery) bool {
	return d.Request.Method == http.MethodHead && len(d.Body) == 0
}

// Handshake answers the URL check with 200 and nothing else.
func (v *mandrill) Handshake(d *Delivery) *Answer {
	if mandrillProbe(d) {
		return &Answer{Status: http.StatusOK}
	}
	return nil
}

// Interface guards
var (
	_ Verifier   = (*mandrill)(nil)
	_ Handshaker = (*mandrill)(nil)
)

// signMandrill signs m.URL and m.Body's form fields as Mandrill does. A
// body that is not a form (a JSON array of events, say) is sent the way
// Mandrill sends its events: as the form field mandrill_events.
func signMandrill(s Settings, m *Message) error {
	if mt, _, _ := mime.ParseMediaType(m.Header.Get("Content-Type")); len(m.Body) > 0 && mt != "application/x-www-form-urlencoded" {
		if mt != "" {
			m.Body = []byte("mandrill_events=" + url.QueryEscape(string(m.Body)))
		}
		m.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	params, err := mandrillParams(m.Header.Get("Content-Type"), m.Body)
	if err != nil {
		return err
	}
	mac := hmacSum(algSHA1, firstSecret(s), []byte(m.URL), params)
	m.Header.Set(mandrillFormat.Header, base64.StdEncoding.EncodeToString(mac))
	return nil
}
