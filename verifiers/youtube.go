package verifiers

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
)

func init() {
	register(Preset{
		// YouTube push notifications (WebSub): X-Hub-Signature: sha1=<hex HMAC-SHA1(hub.secret, body)>;
		// the hub's verification GET is answered for the `topic` option's topics (youtube.go).
		Name: "youtube", Options: []string{"topic"}, RequiredOptions: []string{"topic"},
		New: newYouTube, Signer: bodyScheme(youtubeFormat, algSHA1).Sign,
		Sample: []byte(`<?xml version="1.0" encoding="UTF-8"?><feed xmlns:yt="http://www.youtube.com/xml/schemas/2015" xmlns="http://www.w3.org/2005/Atom"><link rel="hub" href="https://pubsubhubbub.appspot.com"/><link rel="self" href="https://www.youtube.com/xml/feeds/videos.xml?channel_id=UCxxxxxxxxxxxxxxxxxxxxxx"/><title>YouTube video feed</title><updated>2024-05-01T10:00:00.000000000+00:00</updated><entry><id>yt:video:VIDEO_ID</id><yt:videoId>VIDEO_ID</yt:videoId><yt:channelId>UCxxxxxxxxxxxxxxxxxxxxxx</yt:channelId><title>Video title</title><published>2024-05-01T10:00:00+00:00</published><updated>2024-05-01T10:00:00.000000000+00:00</updated></entry></feed>`),
		Doc: PresetDoc{
			Source:    "developers.google.com/youtube/v3/guides/push_notifications; PubSubHubbub Core 0.4",
			Signature: "`X-Hub-Signature: sha1=<hex>`",
			Algorithm: "HMAC-SHA1, key = the `hub.secret` the app sent when it subscribed",
			Signed:    "body (an Atom feed)",
			Handshake: "the hub's GET `hub.mode=subscribe\\|unsubscribe&hub.topic=..&hub.challenge=..` is answered 200 with the challenge as text/plain, for the topics of option `topic` only (required; space-separated feed URLs such as `https://www.youtube.com/xml/feeds/videos.xml?channel_id=...`)",
			Identity:  "hash of the body",
			Vectors:   "computed (testdata/vectors/presets-b.jsonl)",
			Note:      "WebSub (PubSubHubbub 0.4) signatures are optional: the app must subscribe with a `hub.secret`, or the hub signs nothing and the gate refuses every notification. Only the hub's parameters may be on the verification GET (a callback URL with query parameters of its own is not answered), and the challenge is echoed only when it is made of URL-safe characters (at most 256). The gate does not subscribe, renew leases or fetch anything.",
		},
	})
}

// youtube verifies YouTube's push notifications, which are WebSub
// (PubSubHubbub 0.4) deliveries from Google's hub: a notification is a
// POST of an Atom feed with X-Hub-Signature: sha1=<hex HMAC-SHA1(hub.secret,
// body)>, the hub.secret the subscriber sent when it subscribed. Before
// that, the hub verifies the subscriber's intent with an unsigned GET
// ?hub.mode=subscribe|unsubscribe&hub.topic=..&hub.challenge=..[&hub.lease_seconds=..],
// answered 200 with the challenge echoed. The gate answers it itself, but
// only for the topics of the route's `topic` option (space-separated), so
// that nobody can confirm a subscription the app did not ask for; any
// other GET is refused.
type youtube struct {
	body   Verifier
	topics []string
}

// youtubeFormat is the hub's signature header.
var youtubeFormat = signatureFormat{Header: "X-Hub-Signature", Prefix: "sha1=", Encoding: encHex}

// websubMaxChallenge bounds the echoed challenge.
const websubMaxChallenge = 256

func newYouTube(s Settings) (Verifier, error) {
	b, err := bodyScheme(youtubeFormat, algSHA1).New(s)
	return &youtube{body: b, topics: strings.Fields(s.Options["topic"])}, err
}

// websubChallenge returns the challenge of a verification GET for one of
// topics, or "" when d is not exactly one: GET, no body, the hub.*
// parameters each once and nothing else, a subscribe or unsubscribe mode,
// a configured topic, a lease of digits, and a challenge of URL-safe
// characters (echoed as text/plain, it cannot carry markup).
func websubChallenge(d *Delivery, topics []string) string {
	r := d.Request
	if r.Method != http.MethodGet || len(d.Body) != 0 || len(topics) == 0 {
		return ""
	}
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return ""
	}
	for k, vs := range q {
		switch k {
		case "hub.mode", "hub.topic", "hub.challenge", "hub.lease_seconds":
		default:
			return ""
		}
		if len(vs) != 1 {
			return ""
		}
	}
	mode, topic, challenge := q.Get("hub.mode"), q.Get("hub.topic"), q.Get("hub.challenge")
	if mode != "subscribe" && mode != "unsubscribe" || !slices.Contains(topics, topic) {
		return ""
	}
	if lease, ok := q["hub.lease_seconds"]; ok && (mode != "subscribe" || !websubDigits(lease[0])) {
		return ""
	}
	if challenge == "" || len(challenge) > websubMaxChallenge || !websubSafe(challenge) {
		return ""
	}
	return challenge
}

// websubDigits reports whether s is a non-empty string of ASCII digits.
func websubDigits(s string) bool {
	if s == "" || len(s) > 12 {
		return false
	}
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// websubSafe reports whether s has only RFC 3986 unreserved characters.
func websubSafe(s string) bool {
	for _, c := range []byte(s) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '-' || c == '_' || c == '.' || c == '~') {
			return false
		}
	}
	return true
}

func (v *youtube) Verify(d *Delivery) (Verified, error) {
	if websubChallenge(d, v.topics) != "" {
		return Verified{Signed: []byte{}}, nil // answered by Handshake, goes no further
	}
	return v.body.Verify(d)
}

// Handshake echoes the hub's challenge as text/plain.
func (v *youtube) Handshake(d *Delivery) *Answer {
	if c := websubChallenge(d, v.topics); c != "" {
		return &Answer{Status: http.StatusOK, ContentType: "text/plain; charset=utf-8", Body: []byte(c)}
	}
	return nil
}

// Interface guards
var (
	_ Verifier   = (*youtube)(nil)
	_ Handshaker = (*youtube)(nil)
)
