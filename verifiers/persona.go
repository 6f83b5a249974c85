package verifiers

import (
	"net/http"
	"strings"
)

// Persona (declared below; docs.withpersona.com "Webhook Best
// Practices"): Persona-Signature is "t=<unix>,v1=<hex HMAC-SHA256(webhook
// secret, t + "." + raw body)>". While a secret rotates the header holds
// two such sets, space-separated; any of their signatures may match.

func init() {
	register(withScheme(Preset{
		// Persona: Persona-Signature: t=<unix>,v1=<hex HMAC-SHA256("t.body")>, sets space-separated while rotating (persona.go).
		Name: "persona", Tolerance: tolerance5m,
		Doc: PresetDoc{
			Source:        "docs.withpersona.com/docs/webhooks-best-practices",
			Signature:     "`Persona-Signature: t=<unix>,v1=<hex>[ t=<unix>,v1=<hex>]`",
			Algorithm:     "HMAC-SHA256, key = the webhook secret",
			Signed:        "`t.body`",
			ToleranceNote: "covers Persona's retries, 5 attempts at 0, 3, 18, 83 and 258 s (docs.withpersona.com/docs/best-practices, \"Retry Logic\"); `t` is the time the request was sent",
			Identity:      "hash of the body",
			Vectors:       "computed (testdata/vectors/presets-a.jsonl), from docs.withpersona.com webhooks best practices",
			Note:          "Persona: while a secret rotates the header holds two `t=..,v1=..` sets separated by a space; hookgate requires both to carry the same `t` and refuses a header whose sets disagree.",
		},
	}, hmacScheme{Signature: personaSignatures{}, Template: timestampDotBody, Algorithm: algSHA256}))
}

// personaHeader is Persona's signature header.
const personaHeader = "Persona-Signature"

// personaSet is one "t=..,v1=.." set of the header.
var personaSet = structuredFormat{Header: personaHeader, ItemSep: ',', KeySep: '=', TimestampKey: "t", SignatureKey: "v1", Encoding: encHex}

// personaSignatures carries Persona's header: one or more sets separated
// by spaces. Every set must carry exactly one t and at least one v1, and
// all sets the same t (one request, one send time): a header whose sets
// disagree is refused rather than have the gate pick one.
type personaSignatures struct{}

// ReadSignatures reads every set of the header.
func (personaSignatures) ReadSignatures(h http.Header, size int, sigs *signatures) (string, error) {
	v, err := headerValue(h, personaHeader)
	if err != nil {
		return "", err
	}
	var ts string
	for set := range strings.FieldsSeq(v) {
		var setTS string
		tsCount, found := 0, 0
		for k, val := range personaSet.items(set) {
			switch k {
			case "t":
				setTS = val
				tsCount++
			case "v1":
				found += boolInt(sigs.Add(encHex, val, size))
			}
		}
		if tsCount != 1 || setTS == "" || found == 0 {
			return "", reject(malformedSignature, "header %s has a set without one t and a valid v1", personaHeader)
		}
		if ts != "" && setTS != ts {
			return "", reject(malformedSignature, "header %s has sets with different timestamps", personaHeader)
		}
		ts = setTS
	}
	return ts, nil
}

// WriteSignature sets the header to one set.
func (personaSignatures) WriteSignature(h http.Header, timestamp string, sig []byte) {
	personaSet.WriteSignature(h, timestamp, sig)
}

// HeaderName is the signature header.
func (personaSignatures) HeaderName() string { return personaHeader }

// Interface guard
var _ signatureCarrier = personaSignatures{}
