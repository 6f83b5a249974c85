package verifiers

import (
	"crypto/sha256"
	"fmt"
	"net/http"
	"time"
)

// twitch verifies Twitch EventSub webhook deliveries:
// Twitch-Eventsub-Message-Signature: sha256=<hex HMAC-SHA256(secret,
// message id + timestamp + raw body)>, the timestamp RFC 3339 with
// nanoseconds, refused when older (or further ahead) than 10 minutes. A
// verified webhook_callback_verification is answered by the gate with the
// challenge as text/plain.
type twitch struct {
	macs      macSet
	tolerance time.Duration
}

const (
	twitchID   = "Twitch-Eventsub-Message-Id"
	twitchTS   = "Twitch-Eventsub-Message-Timestamp"
	twitchType = "Twitch-Eventsub-Message-Type"
)

var twitchFormat = SignatureFormat{Header: "Twitch-Eventsub-Message-Signature", Prefix: "sha256=", Encoding: Hex}

// newTwitch refuses secrets Twitch would not accept (10 to 100 characters).
func newTwitch(s Settings) (Verifier, error) {
	for i, secret := range s.Secrets {
		if len(secret) < 10 || len(secret) > 100 {
			return nil, fmt.Errorf("twitch: secret #%d is %d characters; an EventSub secret has 10 to 100", i+1, len(secret))
		}
	}
	return &twitch{macs: newMACSet(SHA256, s.Secrets), tolerance: s.Tolerance}, nil
}

func (v *twitch) Verify(d *Delivery) (Verified, error) {
	sig, err := twitchFormat.read(d.Request.Header, sha256.Size)
	if err != nil {
		return Verified{}, err
	}
	id, err := headerValue(d.Request.Header, twitchID)
	if err != nil {
		return Verified{}, err
	}
	ts, err := headerValue(d.Request.Header, twitchTS)
	if err != nil {
		return Verified{}, err
	}
	key, ok := v.macs.matches(sig, []byte(id), []byte(ts), d.Body)
	if !ok {
		return Verified{}, errBadSignature
	}
	t, err := ParseTimestamp(ts, RFC3339)
	if err != nil {
		return Verified{}, err
	}
	if err := CheckFresh(t, d.Now, v.tolerance); err != nil {
		return Verified{}, err
	}
	return Verified{ID: id, Signed: signedOf([]byte(id), d.Body), Key: key}, nil
}

// Handshake answers a verified webhook_callback_verification with its challenge.
func (v *twitch) Handshake(d *Delivery) *Answer {
	if d.Request.Header.Get(twitchType) != "webhook_callback_verification" {
		return nil
	}
	doc, err := ParseJSON(d.Body)
	if err != nil {
		return nil
	}
	challenge := doc.Get("challenge")
	if challenge == nil || challenge.Kind != JSONString || challenge.Text == "" {
		return nil
	}
	return &Answer{Status: http.StatusOK, ContentType: "text/plain; charset=utf-8", Body: []byte(challenge.Text)}
}

// Interface guards
var (
	_ Verifier   = (*twitch)(nil)
	_ Handshaker = (*twitch)(nil)
)

// signTwitch sets the id (m.ID, or one derived from the time), timestamp,
// type (notification unless already set) and signature headers.
func signTwitch(s Settings, m *Message) error {
	id := m.ID
	if id == "" {
		id = fmt.Sprintf("hookgate-%d", m.Now.UnixNano())
	}
	ts := m.Now.UTC().Format(time.RFC3339Nano)
	m.Header.Set(twitchID, id)
	m.Header.Set(twitchTS, ts)
	if m.Header.Get(twitchType) == "" {
		m.Header.Set(twitchType, "notification")
	}
	twitchFormat.write(m.Header, hmacSum(SHA256, firstSecret(s), []byte(id), []byte(ts), m.Body))
	return nil
}

// twitchTolerance is Twitch's: "reject messages older than 10 minutes".
const twitchTolerance = 10 * time.Minute
