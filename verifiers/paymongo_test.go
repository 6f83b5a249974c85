package verifiers

import (
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestPaymongoSignatures(t *testing.T) {
	const secret = "whsk_paymongo"
	body := `{"data":{"id":"evt_1","type":"event","attributes":{"type":"payment.paid"}}}`
	now := time.Unix(1_700_000_000, 0)
	ts := strconv.FormatInt(now.Unix(), 10)
	sig := hex.EncodeToString(hmacSum(algSHA256, []byte(secret), []byte(ts+"."+body)))
	other := hex.EncodeToString(hmacSum(algSHA256, []byte("another"), []byte(ts+"."+body)))
	p, _ := Lookup("paymongo")
	v, err := p.Build(Settings{Secrets: [][]byte{[]byte(secret)}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, header string
		want         Reason // "" = accepted
	}{
		{"test mode", "t=" + ts + ",te=" + sig + ",li=", ""},
		{"live mode", "t=" + ts + ",te=,li=" + sig, ""},
		{"spaces", "t=" + ts + ", te=" + sig + ", li=", ""},
		{"live signature wrong, test right", "t=" + ts + ",te=" + sig + ",li=" + other, ""},
		{"both wrong", "t=" + ts + ",te=" + other + ",li=" + other, badSignature},
		{"both empty", "t=" + ts + ",te=,li=", malformedSignature},
		{"no timestamp", "te=" + sig + ",li=", malformedSignature},
		{"two timestamps", "t=" + ts + ",t=" + ts + ",te=" + sig, malformedSignature},
		{"empty timestamp", "t=,te=" + sig, malformedSignature},
		{"another key", "t=" + ts + ",v1=" + sig, malformedSignature},
		{"truncated", "t=" + ts + ",te=" + sig[:62], malformedSignature},
	} {
		d := &Delivery{Request: request("POST", "https://x/paymongo", body).Request, Body: []byte(body), Now: now}
		d.Request.Header = http.Header{"Paymongo-Signature": {tt.header}}
		got, err := v.Verify(d)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: refused: %v", tt.name, err)
		case tt.want == "" && got.ID != "evt_1":
			t.Errorf("%s: ID %q, want evt_1", tt.name, got.ID)
		case tt.want != "" && ReasonOf(err) != tt.want:
			t.Errorf("%s: %v, want %s", tt.name, err, tt.want)
		case err != nil && strings.Contains(err.Error(), sig):
			t.Errorf("%s: refusal names the signature", tt.name)
		}
	}
	// The signer writes a live mode header the verifier accepts.
	m := &Message{Header: http.Header{}, Body: []byte(body), Now: now}
	if err := p.Sign(Settings{Secrets: [][]byte{[]byte(secret)}}, m); err != nil {
		t.Fatal(err)
	}
	if got := m.Header.Get("Paymongo-Signature"); got != "t="+ts+",te=,li="+sig {
		t.Errorf("signer wrote %q", got)
	}
}
