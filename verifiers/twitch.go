package verifiers

import (
	"net/http"
	"time"
)

// Twitch EventSub (declared below): Twitch-Eventsub-Message-Signature
// is sha256=<hex HMAC-SHA256(secret, message id + timestamp + raw body)>,
// the timestamp RFC 3339 with nanoseconds, refused when older (or further
// ahead) than 10 minutes. A verified webhook_callback_verification is
// answered by the gate with the challenge as text/plain.

func init() {
	register(withScheme(Preset{
		// Twitch EventSub: sha256=<hex HMAC-SHA256(id + timestamp + body)>; webhook_callback_verification answered (twitch.go).
		Name: "twitch", Tolerance: twitchTolerance, Signer: signTwitch,
		Doc: PresetDoc{
			Source:        "dev.twitch.tv/docs/eventsub/handling-webhook-events",
			Signature:     "`Twitch-Eventsub-Message-Signature: sha256=<hex>` + `-Id`, `-Timestamp`",
			Algorithm:     "HMAC-SHA256, key = subscription secret (10–100 characters, enforced)",
			Signed:        "id + timestamp + body",
			ToleranceNote: "Twitch",
			Handshake:     "verified `webhook_callback_verification` answered with `challenge` as text/plain",
			Identity:      "`Twitch-Eventsub-Message-Id`",
			Vectors:       "computed",
		},
	}, twitchScheme))
}

const twitchType = "Twitch-Eventsub-Message-Type"

// twitchHandshake answers a verified webhook_callback_verification with its
// challenge.
func twitchHandshake(d *Delivery, _ []byte) *Answer {
	if d.Request.Header.Get(twitchType) != "webhook_callback_verification" {
		return nil
	}
	doc, err := parseJSON(d.Body)
	if err != nil {
		return nil
	}
	challenge := doc.Get("challenge")
	if challenge == nil || challenge.Kind != jsonString || challenge.Text == "" {
		return nil
	}
	return &Answer{Status: http.StatusOK, ContentType: "text/plain; charset=utf-8", Body: []byte(challenge.Text)}
}

// signTwitch signs as the scheme does, with the message type notification
// unless m already names one.
func signTwitch(s Settings, m *Message) error {
	if m.Header.Get(twitchType) == "" {
		m.Header.Set(twitchType, "notification")
	}
	return twitchScheme.Sign(s, m)
}

// twitchScheme is Twitch's; an EventSub secret has 10 to 100 characters.
var twitchScheme = hmacScheme{
	Signature:       signatureFormat{Header: "Twitch-Eventsub-Message-Signature", Prefix: "sha256=", Encoding: encHex},
	IDHeader:        "Twitch-Eventsub-Message-Id",
	TimestampHeader: "Twitch-Eventsub-Message-Timestamp", TimeFormat: rfc3339,
	Template:  template{idPart, timestampPart, bodyPart},
	Algorithm: algSHA256,
	Key:       keyFormat{MinLen: 10, MaxLen: 100},
	Handshake: twitchHandshake,
}

// twitchTolerance is Twitch's: "reject messages older than 10 minutes".
const twitchTolerance = 10 * time.Minute
