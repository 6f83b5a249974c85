package webhookverify

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/hookgate/hookgate/internal/gatetest"
)

// TestYouTubeHandshakeThroughCaddy: the hub's verification GET for the
// configured topic is answered by the gate with the challenge and never
// reaches the app; one for another topic is refused.
func TestYouTubeHandshakeThroughCaddy(t *testing.T) {
	const topic = "https://www.youtube.com/xml/feeds/videos.xml?channel_id=UCabc"
	up := gatetest.StartUpstream(t)
	g := gatetest.StartGate(t, up, "", "\thandle /yt {\n\t\twebhook_verify youtube {\n\t\t\tsecret hub-secret-1\n\t\t\ttopic `"+topic+"`\n\t\t\tallow_ip 127.0.0.1/32 ::1\n\t\t}\n\t\treverse_proxy UPSTREAM\n\t}\n")

	verify := func(topic string) string {
		return "/yt?" + url.Values{"hub.mode": {"subscribe"}, "hub.topic": {topic}, "hub.challenge": {"9876543210"}, "hub.lease_seconds": {"432000"}}.Encode()
	}
	if rep := g.Send(t, http.MethodGet, verify(topic), nil, nil); rep.Status != http.StatusOK || rep.Body != "9876543210" {
		t.Fatalf("verification of intent: %d %q", rep.Status, rep.Body)
	}
	if rep := g.Send(t, http.MethodGet, verify(topic+"x"), nil, nil); rep.Status != http.StatusUnauthorized {
		t.Fatalf("verification for another topic: %d %q, want 401", rep.Status, rep.Body)
	}
	if n := len(up.Got()); n != 0 {
		t.Fatalf("%d handshake requests reached the app", n)
	}
}
