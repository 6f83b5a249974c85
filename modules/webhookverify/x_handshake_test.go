package webhookverify

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"testing"

	"github.com/hookgate/hookgate/internal/gatetest"
)

// TestXCRCThroughCaddy: X's Challenge-Response Check is answered by the
// gate with the HMAC of crc_token under the consumer secret and never
// reaches the app; a GET without crc_token is refused.
func TestXCRCThroughCaddy(t *testing.T) {
	up := gatetest.StartUpstream(t)
	g := gatetest.StartGate(t, up, "", "\thandle /x {\n\t\twebhook_verify x {\n\t\t\tsecret x-consumer-secret-1\n\t\t\tallow_ip 127.0.0.1/32 ::1\n\t\t}\n\t\treverse_proxy UPSTREAM\n\t}\n")

	mac := hmac.New(sha256.New, []byte("x-consumer-secret-1"))
	mac.Write([]byte("crc-token-1"))
	want := `{"response_token":"sha256=` + base64.StdEncoding.EncodeToString(mac.Sum(nil)) + `"}`
	if rep := g.Send(t, http.MethodGet, "/x?crc_token=crc-token-1&nonce=n1", nil, nil); rep.Status != http.StatusOK || rep.Body != want {
		t.Fatalf("CRC: %d %q, want 200 %q", rep.Status, rep.Body, want)
	}
	if rep := g.Send(t, http.MethodGet, "/x?token=crc-token-1", nil, nil); rep.Status != http.StatusUnauthorized {
		t.Fatalf("GET without crc_token: %d %q, want 401", rep.Status, rep.Body)
	}
	if n := len(up.Got()); n != 0 {
		t.Fatalf("%d handshake requests reached the app", n)
	}
}
