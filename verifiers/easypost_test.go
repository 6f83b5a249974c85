package verifiers

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"testing"
	"time"
)

// TestEasyPostWeights: the rewrite is @easypost/api's own (validateWebhook,
// 8.9.0): ".0" after an integer "weight" value followed by "," or "}",
// and nothing else.
func TestEasyPostWeights(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`{"weight":17}`, `{"weight":17.0}`},
		{`{"weight": 17 ,"x":1}`, `{"weight": 17.0 ,"x":1}`},
		{"{\"weight\":\n17\n}", "{\"weight\":\n17.0\n}"},
		{`{"a":{"weight":1},"b":[{"weight":20,"weight2":3}]}`, `{"a":{"weight":1.0},"b":[{"weight":20.0,"weight2":3}]}`},
		{`{"weight":17.5}`, `{"weight":17.5}`},
		{`{"weight":17.0}`, `{"weight":17.0}`},
		{`{"weight":-3}`, `{"weight":-3}`},
		{`{"weight":1e3}`, `{"weight":1e3}`},
		{`{"weight":"17"}`, `{"weight":"17"}`},
		{`{"Weight":17,"xweight":17}`, `{"Weight":17,"xweight":17}`},
		{`{"weight":[17]}`, `{"weight":[17]}`},
		{`{"note":"\"weight\": 5}"}`, `{"note":"\"weight\": 5}"}`}, // inside a string: escaped quotes never match
	} {
		if got := string(easypostWeights([]byte(tc.in))); got != tc.want {
			t.Errorf("%s: got %s, want %s", tc.in, got, tc.want)
		}
	}
}

// TestEasyPostIntegerWeight: a delivery EasyPost signed with "weight":
// 17.0 and sent with "weight": 17 is accepted, as @easypost/api accepts
// it; one signed over the raw body still is (easypost-go, easypost-python);
// nothing that differs from the signed content by more than that ".0" is.
func TestEasyPostIntegerWeight(t *testing.T) {
	const secret = "easypost-webhook-secret"
	mac := func(s string) string {
		h := hmac.New(sha256.New, []byte(secret))
		h.Write([]byte(s))
		return "hmac-sha256-hex=" + hex.EncodeToString(h.Sum(nil))
	}
	const (
		asSent  = `{"id":"evt_1","object":"Event","result":{"id":"trk_1","weight":17}}`
		asFloat = `{"id":"evt_1","object":"Event","result":{"id":"trk_1","weight":17.0}}`
	)
	p, ok := Lookup("easypost")
	if !ok {
		t.Fatal("no easypost preset")
	}
	v, err := p.Build(Settings{Secrets: [][]byte{[]byte(secret)}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, signed, sent string
		ok                 bool
	}{
		{"signed 17.0, sent 17", asFloat, asSent, true},
		{"signed 17.0, sent 17.0", asFloat, asFloat, true},
		{"signed raw 17, sent 17", asSent, asSent, true},
		{"signed raw 17, sent 17.0", asSent, asFloat, false},
		{"signed 17.0, sent 18", asFloat, `{"id":"evt_1","object":"Event","result":{"id":"trk_1","weight":18}}`, false},
		{"signed 17.0, sent 17 with another id", asFloat, `{"id":"evt_2","object":"Event","result":{"id":"trk_1","weight":17}}`, false},
		{"signed 17.0, sent 17.00", asFloat, `{"id":"evt_1","object":"Event","result":{"id":"trk_1","weight":17.00}}`, false},
		{"signed 17.0, sent \"17\"", asFloat, `{"id":"evt_1","object":"Event","result":{"id":"trk_1","weight":"17"}}`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := request("POST", "https://x/hook", tc.sent)
			d.Now = time.Unix(1_765_000_000, 0)
			d.Request.Header.Set("X-Hmac-Signature", mac(tc.signed))
			got, err := v.Verify(d)
			if (err == nil) != tc.ok {
				t.Fatalf("accepted=%v, want %v: %v", err == nil, tc.ok, err)
			}
			if err == nil && !bytes.Equal(d.Body, []byte(tc.sent)) {
				t.Errorf("the body was changed: %s", d.Body)
			}
			if id, _ := got.Identity(); err == nil && id != "id:evt_1" {
				t.Errorf("identity %q, want the event ID", id)
			}
			if err == nil && tc.signed == asFloat && !bytes.Contains(got.Signed, []byte(`"weight":17.0`)) {
				t.Errorf("Signed is not the content that was signed: %s", got.Signed)
			}
		})
	}
}
