package verifiers

import (
	"errors"
	"testing"
)

func TestNewHeaderToken(t *testing.T) {
	if _, err := newHeaderToken("", secrets("x")); err == nil {
		t.Fatal("no header accepted")
	}
	v, err := newHeaderToken("X-Token", secrets("x"))
	if err != nil || v.Header != "X-Token" {
		t.Fatalf("NewHeaderToken = %+v, %v", v, err)
	}
}

func TestKKiaPay(t *testing.T) {
	const secret, prev = "kkiapay-hash-secret-2024", "kkiapay-hash-secret-2023"
	body := `{"transactionId":"123abc","isPaymentSucces":true,"event":"transaction.success"}`
	v := buildPreset(t, "kkiapay", Settings{Secrets: secrets(secret, prev)})
	tests := []struct {
		name    string
		headers []string
		reason  Reason
	}{
		{"valid", []string{"x-kkiapay-secret", secret}, ""},
		{"header name case-insensitive", []string{"X-Kkiapay-Secret", secret}, ""},
		{"surrounding whitespace trimmed", []string{"x-kkiapay-secret", " " + secret + " "}, ""},
		{"rotation: previous secret", []string{"x-kkiapay-secret", prev}, ""},
		{"wrong secret", []string{"x-kkiapay-secret", "kkiapay-hash-secret-2025"}, badSignature},
		{"prefix of the secret", []string{"x-kkiapay-secret", secret[:10]}, badSignature},
		{"secret plus suffix", []string{"x-kkiapay-secret", secret + "x"}, badSignature},
		{"case differs", []string{"x-kkiapay-secret", "KKIAPAY-hash-secret-2024"}, badSignature},
		{"missing", nil, missingSignature},
		{"empty", []string{"x-kkiapay-secret", ""}, missingSignature},
		{"duplicated", []string{"x-kkiapay-secret", secret, "x-kkiapay-secret", secret}, malformedSignature},
		{"other header", []string{"x-kkiapay-signature", secret}, missingSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkVerify(t, v, newDelivery(body, tt.headers...), tt.reason, secret, prev)
		})
	}
	t.Run("body is not authenticated", func(t *testing.T) {
		// Documented limitation: the header proves the sender knows the
		// secret, not that the body is unchanged.
		checkVerify(t, v, newDelivery(`{"tampered":true}`, "x-kkiapay-secret", secret), "")
	})
	t.Run("no secret is a build error", func(t *testing.T) {
		p, _ := Lookup("kkiapay")
		if _, err := p.Build(Settings{}); err == nil {
			t.Fatal("Build without a secret succeeded")
		}
	})
}

func TestAllOf(t *testing.T) {
	first := errors.New("first")
	second := &Rejection{Reason: missingSignature}
	calls := 0
	ok := verifierFunc(func(*Delivery) (Verified, error) { calls++; return Verified{Signed: []byte("ok"), Key: 1}, nil })
	failA := verifierFunc(func(*Delivery) (Verified, error) { calls++; return Verified{}, first })
	failB := verifierFunc(func(*Delivery) (Verified, error) { calls++; return Verified{}, second })
	tests := []struct {
		name  string
		v     allOf
		want  error
		calls int
	}{
		{"empty accepts", allOf{}, nil, 0},
		{"all pass", allOf{ok, ok}, nil, 2},
		{"first failure stops", allOf{failA, failB}, first, 1},
		{"later failure", allOf{ok, failB, ok}, second, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			calls = 0
			got, err := tt.v.Verify(newDelivery(""))
			if err != tt.want {
				t.Fatalf("Verify = %v, want %v", err, tt.want)
			}
			if err == nil && tt.calls > 0 && (string(got.Signed) != "ok" || got.Key != 1) {
				t.Fatalf("Verified = %+v, want the last part's", got)
			}
			if calls != tt.calls {
				t.Fatalf("%d verifiers called, want %d", calls, tt.calls)
			}
		})
	}
}
