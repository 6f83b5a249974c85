package verifiers

import (
	"encoding/hex"
	"encoding/json"
	"net/http"
	"time"
)

// Zoom (declared below): x-zm-signature: v0=<hex HMAC-SHA256(secret
// token, "v0:" + x-zm-request-timestamp + ":" + raw body)>, the timestamp in
// unix seconds. A verified endpoint.url_validation event is answered by the
// gate: {"plainToken": p, "encryptedToken": hex HMAC-SHA256(secret token,
// p)}, with the secret that signed the request.

func init() {
	register(withScheme(Preset{
		// Zoom: x-zm-signature = v0=<hex HMAC-SHA256("v0:ts:body")>; endpoint.url_validation answered (zoom.go).
		Name: "zoom", Tolerance: zoomTolerance,
		Doc: PresetDoc{
			Source:        "developers.zoom.us/docs/api/webhooks/#verify-webhook-events",
			Signature:     "`x-zm-signature: v0=<hex>` + `x-zm-request-timestamp`",
			Algorithm:     "HMAC-SHA256, key = secret token",
			Signed:        "`v0:<ts>:<body>`",
			ToleranceNote: "covers Zoom's retries (5, 20 and 60 min apart, developers.zoom.us webhook-delays); Zoom publishes no age check",
			Handshake:     "verified `endpoint.url_validation` answered `{\"plainToken\",\"encryptedToken\"}` with the secret that signed it",
			Identity:      "hash of the signed content",
			Vectors:       "computed",
		},
	}, hmacScheme{Signature: signatureFormat{Header: "x-zm-signature", Prefix: "v0=", Encoding: encHex},
		TimestampHeader: "x-zm-request-timestamp", Template: slackV0, Algorithm: algSHA256, Handshake: zoomHandshake}))
}

// zoomHandshake answers a verified endpoint.url_validation.
func zoomHandshake(d *Delivery, key []byte) *Answer {
	doc, err := parseJSON(d.Body)
	if err != nil {
		return nil
	}
	event, token := doc.Get("event"), doc.Path("payload.plainToken")
	if event == nil || event.Kind != jsonString || event.Text != "endpoint.url_validation" ||
		token == nil || token.Kind != jsonString || token.Text == "" {
		return nil
	}
	body, _ := json.Marshal(map[string]string{
		"plainToken":     token.Text,
		"encryptedToken": hex.EncodeToString(hmacSum(algSHA256, key, []byte(token.Text))),
	})
	return &Answer{Status: http.StatusOK, ContentType: "application/json", Body: body}
}

// zoomTolerance covers Zoom's retries: 5 minutes after the first attempt,
// then 20 and 60 minutes after the previous one, 85 minutes in all
// (developers.zoom.us/blog/webhook-delays). Zoom publishes no age check
// and does not say that a retry carries a new x-zm-request-timestamp.
const zoomTolerance = 90 * time.Minute
