package verifiers

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// adyenSignedBody signs a notification of one item with adyenTestKey.
func adyenSignedBody(t *testing.T) string {
	t.Helper()
	body := `{"live":"false","notificationItems":[{"NotificationRequestItem":{"pspReference":"7914073381342284","merchantAccountCode":"TestMerchant","merchantReference":"TestPayment-1","amount":{"value":1130,"currency":"EUR"},"eventCode":"AUTHORISATION","success":"true","reason":"ok"}}]}`
	m := &Message{Header: http.Header{}, Body: []byte(body)}
	s := Settings{Secrets: [][]byte{[]byte(adyenTestKey)}, Options: map[string]string{"variant": "notification"}}
	if err := mustPreset("adyen").Sign(s, m); err != nil {
		t.Fatal(err)
	}
	return string(m.Body)
}

// TestAdyenParserDifferentials: the bodies of issue 9 section 1, which
// encoding/json read as the signed item while Python, Node and PHP read a
// forged one, are refused; every item must verify.
func TestAdyenParserDifferentials(t *testing.T) {
	signed := adyenSignedBody(t)
	var doc map[string]json.RawMessage
	if err := json.Unmarshal([]byte(signed), &doc); err != nil {
		t.Fatal(err)
	}
	items := string(doc["notificationItems"])
	item := strings.TrimSuffix(strings.TrimPrefix(items, "["), "]")
	forged := `{"NotificationRequestItem":{"pspReference":"ANY","merchantAccountCode":"TestMerchant","merchantReference":"x","amount":{"value":5000000,"currency":"EUR"},"eventCode":"AUTHORISATION","success":"true","additionalData":{"hmacSignature":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}}}`
	tests := []struct {
		name   string
		body   string
		reason Reason
	}{
		{"as signed", signed, ""},
		{"unsigned field changed", strings.Replace(signed, `"reason":"ok"`, `"reason":"forged"`, 1), ""},
		{"forged items beside case-variant signed items", `{"live":"true","notificationItems":[` + forged + `],"NotificationItems":` + items + `}`, ambiguousBody},
		{"signed items under a case variant only", `{"live":"true","NotificationItems":` + items + `}`, missingSignature},
		{"duplicate notificationItems", `{"notificationItems":[` + forged + `],"notificationItems":` + items + `}`, ambiguousBody},
		{"success and SUCCESS", strings.Replace(signed, `"success":"true"`, `"success":"true","SUCCESS":"false"`, 1), ambiguousBody},
		{"escaped duplicate success", strings.Replace(signed, `"success":"true"`, `"success":"true","\u0073uccess":"false"`, 1), ambiguousBody},
		{"value and Value", strings.Replace(signed, `"value":1130`, `"value":999999,"Value":1130`, 1), ambiguousBody},
		{"value as exponent", strings.Replace(signed, `"value":1130`, `"value":1.13e3`, 1), ambiguousBody},
		{"value as fraction", strings.Replace(signed, `"value":1130`, `"value":1130.0`, 1), ambiguousBody},
		{"duplicate NotificationRequestItem", strings.Replace(signed, `{"NotificationRequestItem":`, `{"NotificationRequestItem":{},"notificationRequestItem":`, 1), ambiguousBody},
		{"forged item after a signed one", `{"notificationItems":[` + item + `,` + forged + `]}`, badSignature},
		{"byte order mark", "\xef\xbb\xbf" + signed, ambiguousBody},
		{"trailing content", signed + `{"notificationItems":[` + forged + `]}`, ambiguousBody},
		{"lone surrogate", strings.Replace(signed, `"reason":"ok"`, `"reason":"\ud800"`, 1), ambiguousBody},
		{"not an object", `[` + signed + `]`, malformedSignature},
	}
	v, err := mustPreset("adyen").Build(Settings{Secrets: [][]byte{[]byte(adyenTestKey)}})
	if err != nil {
		t.Fatal(err)
	}
	want := ""
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(tt.body))
			got, err := v.Verify(&Delivery{Request: r, Body: []byte(tt.body)})
			checkRejection(t, err, tt.reason)
			if err != nil {
				return
			}
			id, _ := got.Identity()
			if want == "" {
				want = id
			} else if id != want {
				t.Fatalf("identity %s, want %s: an unsigned field changed it", id, want)
			}
		})
	}
}
