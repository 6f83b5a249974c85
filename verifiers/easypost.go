package verifiers

import (
	"bytes"
	"regexp"
)

// EasyPost (declared in presets_commerce.go) signs a whole-number weight as
// a float ("weight": 17.0) but may send it as an integer ("weight": 17).
// EasyPost's Node SDK, @easypost/api 8.9.0 Utils.validateWebhook, restores
// the ".0" before it hashes:
//
//	body.replace(/("weight":\s*)(\d+)(\s*)(?=,|\})/g, "$1$2.0")
//
// while easypost-go 5 (ValidateWebhookWithContext) and easypost-python hash
// the raw body. The gate accepts what either accepts: the raw body first,
// then, if that does not match, the body with EasyPost's own rewrite. The
// rewrite only appends ".0" to an integer value of a "weight" member, so the
// content it verifies differs from what the app receives by that ".0"
// alone (the same number to any JSON reader); Verified.Signed is the
// rewritten body, which both forms of one delivery share, and the event ID
// (the body's id, which the rewrite never touches) is the replay identity.
// The SDK also decodes the body as UTF-8 before hashing (an invalid
// sequence becomes U+FFFD); the gate does not, since that would let many
// bodies share one signature.

// easypostWeight is @easypost/api's pattern with its lookahead (?=,|\})
// consumed and put back: RE2 has no lookahead, and a match can never start
// at the "," or "}" that ends the previous one, so the result is the same.
// Go's \s is JSON's whitespace plus \f; JavaScript's also takes \v and
// Unicode spaces, which no valid JSON has there.
var easypostWeight = regexp.MustCompile(`("weight":\s*)(\d+)(\s*)([,}])`)

// easypostWeights returns body with ".0" after every integer "weight"
// value, as @easypost/api rewrites it before hashing.
func easypostWeights(body []byte) []byte {
	return easypostWeight.ReplaceAll(body, []byte("${1}${2}.0${3}${4}"))
}

// withEasyPostWeights wraps p's verifier so that a body whose signature
// does not match is tried once more with EasyPost's weight rewrite.
func withEasyPostWeights(p Preset) Preset {
	inner := p.New
	p.New = func(s Settings) (Verifier, error) {
		v, err := inner(s)
		if err != nil {
			return nil, err
		}
		return easypostVerifier{v}, nil
	}
	return p
}

// easypostVerifier is the body scheme with the weight rewrite as a second try.
type easypostVerifier struct {
	raw Verifier
}

func (v easypostVerifier) Verify(d *Delivery) (Verified, error) {
	got, err := v.raw.Verify(d)
	if err != errBadSignature {
		return got, err
	}
	rewritten := easypostWeights(d.Body)
	if bytes.Equal(rewritten, d.Body) {
		return got, err
	}
	alt := *d
	alt.Body = rewritten
	return v.raw.Verify(&alt)
}

// Interface guard
var _ Verifier = easypostVerifier{}
