package verifiers

import (
	"encoding/hex"
	"encoding/json"
	"net/http"
	"time"
)

// Zoom (declared in presets.go): x-zm-signature: v0=<hex HMAC-SHA256(secret
// token, "v0:" + x-zm-request-timestamp + ":" + raw body)>, the timestamp in
// unix seconds. A verified endpoint.url_validation event is answered by the
// gate: {"plainToken": p, "encryptedToken": hex HMAC-SHA256(secret token,
// p)}, with the secret that signed the request.

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

// zoomTolerance is hookgate's default: Zoom publishes none; 5 minutes is common practice.
const zoomTolerance = 5 * time.Minute
