package verifiers

import "strings"

// Authorize.Net (declared below): X-ANET-Signature: sha512=<HEX>, the
// upper-case hex HMAC-SHA512 of the raw body keyed by the merchant's
// Signature Key, used as its characters (not hex-decoded). Authorize.Net's
// webhook docs name the header and algorithm; how the key is used was
// settled by the one real delivery published with its key, body and header
// (developer community thread 88640, testdata/vectors/authorize_net.jsonl):
// the header is the HMAC under the key's characters of the body as sent.
// Authorize.Net documents no timestamp; retries keep notificationId.

func init() {
	register(withScheme(Preset{
		// Authorize.Net: X-ANET-Signature: sha512=<upper hex HMAC-SHA512(Signature Key characters, body)>.
		Name: "authorize_net", BodyID: "notificationId", Signer: signAuthorizeNet,
		Sample: []byte(`{"notificationId":"d0e8e7fe-c3e7-4add-a480-27bc5ce28a18","eventType":"net.authorize.payment.authcapture.created","eventDate":"2017-03-29T20:48:02.0080095Z","webhookId":"63d6fea2-aa13-4b1d-a204-f5fbc15942b7","payload":{"responseCode":1,"authCode":"LZ6I19","avsResponse":"Y","authAmount":45.00,"entityName":"transaction","id":"60020981676"}}`),
		Doc: PresetDoc{
			Source:    "community.developer.cybersource.com thread 88640 (Authorize.Net developer forum: a real delivery with its key)",
			Signature: "`X-ANET-Signature: sha512=<HEX>` (upper case as sent; either case accepted)",
			Algorithm: "HMAC-SHA512, key = the Signature Key's characters as shown in the Merchant Interface (not hex-decoded)",
			Signed:    "body",
			Identity:  "body `notificationId`",
			Vectors:   "published (the real delivery of Authorize.Net developer forum thread 88640) and computed",
			Note:      "The key handling comes from a real delivery published with its Signature Key on Authorize.Net's developer forum (thread 88640): the header is the HMAC of the body as sent, keyed by the key's characters. That thread is also a warning: a JSON library that re-serialises the body (`1.10` becomes `1.1`) breaks the signature; the gate checks the bytes received and passes them on unchanged. Authorize.Net signs no timestamp: turn on `replay` to refuse a captured notification sent again.",
		},
	}, bodyScheme(authorizeNetFormat, algSHA512)))
}

var authorizeNetFormat = signatureFormat{Header: "X-ANET-Signature", Prefix: "sha512=", Encoding: encHex}

// signAuthorizeNet signs as Authorize.Net does: upper-case hex.
func signAuthorizeNet(s Settings, m *Message) error {
	if err := bodyScheme(authorizeNetFormat, algSHA512).Sign(s, m); err != nil {
		return err
	}
	v := m.Header.Get(authorizeNetFormat.Header)
	m.Header.Set(authorizeNetFormat.Header, authorizeNetFormat.Prefix+strings.ToUpper(strings.TrimPrefix(v, authorizeNetFormat.Prefix)))
	return nil
}
