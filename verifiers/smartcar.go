package verifiers

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
)

func init() {
	register(withScheme(Preset{
		// Smartcar: SC-Signature = hex HMAC-SHA256(application management token, body); a verified
		// VERIFY event is answered with {"challenge": hex HMAC-SHA256(token, challenge)}.
		Name: "smartcar",
		Doc: PresetDoc{
			Signature: "`SC-Signature: <hex>`",
			Algorithm: "HMAC-SHA256, key = the Application Management Token",
			Signed:    "body",
			Handshake: "a verified VERIFY event (`eventType` VERIFY with `data.challenge`, or v2 `eventName` verify with `payload.challenge`): 200 JSON `{\"challenge\": <hex HMAC-SHA256(token, challenge)>}`",
			Identity:  "hash of the body",
			Vectors:   "computed (smartcar/python-sdk `hash_challenge`, `verify_payload`; smartcar.com/docs/api-reference/webhooks/callback-verification, payload-verification)",
			Source:    "smartcar/python-sdk smartcar/smartcar.py; smartcar.com/docs/api-reference/webhooks/callback-verification",
			Note: "The challenge is answered only when its request carries a valid SC-Signature: answering an unsigned " +
				"challenge would sign any string a caller chose, a body included.",
		},
		Sample: []byte(`{"eventId":"52f6e0bb-1369-45da-a61c-9e67d092d6db","eventType":"VEHICLE_STATE","data":{"vehicle":{"id":"36ab27d0-fd9d-4455-823a-ce30af709ffc"}},"meta":{"version":"4.0","deliveryId":"5d569643-3a47-4cd1-a3ec-db5fc1f6f03b"}}`),
	}, hmacScheme{Signature: signatureFormat{Header: "SC-Signature", Encoding: encHex}, Template: rawBody, Algorithm: algSHA256,
		Handshake: smartcarHandshake}))
}

// smartcarMaxChallenge bounds the challenge answered.
const smartcarMaxChallenge = 1024

// smartcarHandshake answers a verified VERIFY event with the challenge's
// HMAC under the key that verified it.
func smartcarHandshake(d *Delivery, key []byte) *Answer {
	doc, err := parseJSON(d.Body)
	if err != nil {
		return nil
	}
	var c *jsonValue
	if t := doc.Get("eventType"); t != nil && t.Kind == jsonString && t.Text == "VERIFY" {
		c = doc.Path("data.challenge")
	} else if n := doc.Get("eventName"); n != nil && n.Kind == jsonString && n.Text == "verify" {
		c = doc.Path("payload.challenge")
	}
	if c == nil || c.Kind != jsonString || c.Text == "" || len(c.Text) > smartcarMaxChallenge {
		return nil
	}
	m := hmac.New(sha256.New, key)
	m.Write([]byte(c.Text))
	body, err := json.Marshal(map[string]string{"challenge": hex.EncodeToString(m.Sum(nil))})
	if err != nil {
		return nil
	}
	return &Answer{Status: http.StatusOK, ContentType: "application/json", Body: body}
}
