package verifiers

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

const adyenTestKey = "44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056"

func TestAdyenSignedString(t *testing.T) {
	// Adyen/adyen-python-api-library test_notification_request_item_hmac.
	it := adyenItem{PSPReference: "7914073381342284", MerchantAccountCode: "TestMerchant",
		MerchantReference: "TestPayment-1407325143704", EventCode: "AUTHORISATION", Success: []byte(`"true"`)}
	it.Amount.Value, it.Amount.Currency = "1130", "EUR"
	got, err := it.signedString()
	if err != nil || string(got) != "7914073381342284::TestMerchant:TestPayment-1407325143704:1130:EUR:AUTHORISATION:true" {
		t.Fatalf("%q %v", got, err)
	}
	it.Success = []byte(`false`)
	if got, _ := it.signedString(); !strings.HasSuffix(string(got), ":false") {
		t.Fatalf("boolean success: %q", got)
	}
}

func TestAdyenVariants(t *testing.T) {
	if _, err := mustPreset("adyen").Build(Settings{Secrets: [][]byte{[]byte("not-hex")}}); err == nil || strings.Contains(err.Error(), "not-hex") {
		t.Fatalf("non-hex key: %v", err)
	}
	if _, err := mustPreset("adyen").Build(Settings{Secrets: [][]byte{[]byte(adyenTestKey)}, Options: map[string]string{"variant": "x"}}); err == nil {
		t.Fatal("unknown variant accepted")
	}
	s := Settings{Secrets: [][]byte{[]byte(adyenTestKey)}}
	body := `{"type":"balancePlatform.accountHolder.created"}`
	m := &Message{Header: http.Header{}, Body: []byte(body)}
	if err := mustPreset("adyen").Sign(s, m); err != nil || m.Header.Get("HmacSignature") == "" {
		t.Fatalf("auto signer chose the header for a body without items: %v", err)
	}
	verify := func(opts map[string]string, h http.Header, b string) error {
		v, err := mustPreset("adyen").Build(Settings{Secrets: s.Secrets, Options: opts})
		if err != nil {
			t.Fatal(err)
		}
		r := httptest.NewRequest("POST", "/", strings.NewReader(b))
		r.Header = h
		_, err = v.Verify(&Delivery{Request: r, Body: []byte(b)})
		return err
	}
	if err := verify(nil, m.Header, body); err != nil {
		t.Fatalf("auto, header present: %v", err)
	}
	if err := verify(map[string]string{"variant": "notification"}, m.Header, body); err == nil {
		t.Fatal("notification variant accepted a body without items")
	}
	if err := verify(map[string]string{"variant": "header"}, http.Header{}, body); ReasonOf(err) != missingSignature {
		t.Fatalf("header variant without header: %v", err)
	}
	if err := verify(nil, http.Header{}, `{"notificationItems":[]}`); ReasonOf(err) != missingSignature {
		t.Fatalf("no items: %v", err)
	}
	if err := verify(nil, http.Header{}, `[1,2]`); ReasonOf(err) != malformedSignature {
		t.Fatalf("not a notification: %v", err)
	}
}
