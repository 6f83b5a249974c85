package verifiers

import (
	"errors"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// testNow is the fixed time deliveries built by the tests are judged at.
var testNow = time.Unix(1714557600, 0)

// newDelivery builds a POST delivery of body with the given header
// name/value pairs; a name given twice is sent twice.
func newDelivery(body string, headerPairs ...string) *Delivery {
	if len(headerPairs)%2 != 0 {
		panic("newDelivery: odd number of header arguments")
	}
	r := httptest.NewRequest("POST", "https://hooks.example.com/webhook", strings.NewReader(body))
	for i := 0; i < len(headerPairs); i += 2 {
		r.Header.Add(headerPairs[i], headerPairs[i+1])
	}
	return &Delivery{Request: r, Body: []byte(body), Now: testNow}
}

// checkVerify runs v on d and checks the outcome: want "" means accepted,
// otherwise a *Rejection with that reason. The error text must contain none
// of secrets (the configured secrets, the expected MAC in its textual forms).
func checkVerify(t *testing.T, v Verifier, d *Delivery, want Reason, secrets ...string) {
	t.Helper()
	_, err := v.Verify(d)
	checkRejection(t, err, want, secrets...)
}

// checkRejection checks err as checkVerify does.
func checkRejection(t *testing.T, err error, want Reason, secrets ...string) {
	t.Helper()
	if want == "" {
		if err != nil {
			t.Fatalf("Verify = %v, want accepted", err)
		}
		return
	}
	if err == nil {
		t.Fatalf("Verify accepted the delivery, want %s", want)
	}
	var rej *Rejection
	if !errors.As(err, &rej) {
		t.Fatalf("Verify = %T %v, want a *Rejection", err, err)
	}
	if got := ReasonOf(err); got != want {
		t.Fatalf("ReasonOf(%v) = %s, want %s", err, got, want)
	}
	assertNoLeak(t, err.Error(), secrets...)
}

// assertNoLeak fails if msg contains any of secrets, in any case.
func assertNoLeak(t *testing.T, msg string, secrets ...string) {
	t.Helper()
	for _, s := range secrets {
		if len(s) < 4 { // too short to be meaningful as a substring
			continue
		}
		if strings.Contains(strings.ToLower(msg), strings.ToLower(s)) {
			t.Fatalf("message %q leaks %q", msg, s)
		}
	}
}

func TestRejectionError(t *testing.T) {
	tests := []struct {
		name string
		rej  *Rejection
		want string
	}{
		{"reason only", &Rejection{Reason: stale}, "stale"},
		{"with detail", &Rejection{Reason: missingSignature, Detail: "header X is missing"}, "missing_signature: header X is missing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.rej.Error(); got != tt.want {
				t.Fatalf("Error() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestReject(t *testing.T) {
	err := reject(malformedSignature, "header %s is sent %d times", "X-Sig", 2)
	var rej *Rejection
	if !errors.As(err, &rej) {
		t.Fatalf("reject returned %T", err)
	}
	if rej.Reason != malformedSignature || rej.Detail != "header X-Sig is sent 2 times" {
		t.Fatalf("reject = %+v", rej)
	}
}

func TestReasonOf(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want Reason
	}{
		{"rejection", &Rejection{Reason: stale}, stale},
		{"missing", reject(missingSignature, "x"), missingSignature},
		{"wrapped", fmt.Errorf("route /x: %w", &Rejection{Reason: malformedSignature}), malformedSignature},
		{"shared bad signature", errBadSignature, badSignature},
		{"unclassified error refuses", errors.New("boom"), badSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ReasonOf(tt.err); got != tt.want {
				t.Fatalf("ReasonOf = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestReasonsAreSnakeCase(t *testing.T) {
	for _, r := range []Reason{missingSignature, malformedSignature, badSignature, stale, ambiguousBody} {
		t.Run(string(r), func(t *testing.T) {
			if r == "" || strings.Trim(string(r), "abcdefghijklmnopqrstuvwxyz_") != "" {
				t.Fatalf("reason %q is not snake_case", r)
			}
		})
	}
}
