package verifiers

import (
	"errors"
	"fmt"
	"time"
)

// Reason says which check refused a delivery. The values double as the
// outcome label of hookgate's metrics and the `check` field of its logs, so
// they are a small fixed set of snake_case words.
type Reason string

// The reasons a verifier refuses a delivery.
const (
	// missingSignature: the header or field that carries the signature is absent.
	missingSignature Reason = "missing_signature"
	// malformedSignature: the signature is present but cannot be parsed
	// (bad encoding, wrong length, duplicated header, unparsable body).
	malformedSignature Reason = "malformed_signature"
	// badSignature: the signature is well formed but matches no secret, or
	// a field the route pins (a portal ID, say) has another value.
	badSignature Reason = "bad_signature"
	// stale: the signed timestamp is too old or too far in the future.
	stale Reason = "stale"
	// ambiguousBody: the body, or a part of it the gate reads, is one that
	// parsers read differently (a duplicate or case-variant JSON key or
	// form field, invalid UTF-8, a byte order mark, trailing content, a
	// number not every parser reads alike), or the delivery's identity
	// cannot be told from what the signature covers. Refused with 401.
	ambiguousBody Reason = "ambiguous_body"
	// keyUnavailable: the provider's public key (a certificate or JWKS the
	// gate fetches from the provider) cannot be had right now. Refused with
	// 503 and Retry-After (see Rejection.RetryAfter): the provider retries.
	keyUnavailable Reason = "key_unavailable"
)

// Rejection is the error a verifier returns when it refuses a delivery. Its
// message is short and safe to show to the sender: it names the check, never
// a secret or the expected signature.
type Rejection struct {
	Reason Reason
	// Detail is a short, client-safe explanation, e.g. "header Cko-Signature is missing".
	Detail string
	// RetryAfter, when positive, says the refusal is temporary (the
	// provider's key could not be fetched): the gate answers 503 with a
	// Retry-After of this many seconds instead of 401. Zero otherwise.
	RetryAfter time.Duration
	// Cause is what went wrong underneath, for the gate's log only (a
	// fetch error); it never holds a secret. Nil when there is nothing more.
	Cause error
}

func (r *Rejection) Error() string {
	if r.Detail == "" {
		return string(r.Reason)
	}
	return string(r.Reason) + ": " + r.Detail
}

// reject builds a *Rejection with a formatted detail.
func reject(reason Reason, format string, args ...any) error {
	return &Rejection{Reason: reason, Detail: fmt.Sprintf(format, args...)}
}

// errBadSignature is the one refusal for a well-formed signature that
// matches no secret; it is shared so the hot path does not allocate.
var errBadSignature error = &Rejection{Reason: badSignature, Detail: "signature does not match"}

// ReasonOf returns the reason of a rejection, or badSignature for any other
// error: an error a verifier did not classify still refuses the delivery.
func ReasonOf(err error) Reason {
	if rej, ok := errors.AsType[*Rejection](err); ok {
		return rej.Reason
	}
	return badSignature
}
