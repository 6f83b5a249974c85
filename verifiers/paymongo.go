package verifiers

import (
	"net/http"
	"strings"
	"time"
)

// PayMongo (declared below): Paymongo-Signature is
// t=<unix seconds>,te=<hex>,li=<hex>, where te is the signature of a test
// mode event and li of a live mode one (the other is empty), each the hex
// HMAC-SHA256 of "<t>.<raw body>" with the webhook's secret key.

func init() {
	register(withScheme(Preset{
		// PayMongo: Paymongo-Signature: t=<unix>,te=<hex>,li=<hex> HMAC-SHA256("t.body"); te test mode, li live mode.
		Name: "paymongo", Tolerance: paymongoTolerance, BodyID: "data.id",
		Doc: PresetDoc{
			Source:        "paymongo/paymongo-php src/Services/WebhookService.php",
			Signature:     "`Paymongo-Signature: t=<unix>,te=<hex>,li=<hex>` (te: test mode, li: live mode; the other is empty)",
			Algorithm:     "HMAC-SHA256, key = the webhook's secret key",
			Signed:        "`t.body`",
			ToleranceNote: "covers PayMongo's 12 retries over up to 136.5 min (developers.paymongo.com/docs/webhook-retry-logic), which may keep the first `t`; a manual retry later than that needs `tolerance` raised",
			Identity:      "body `data.id` (the event ID)",
			Vectors:       "computed (paymongo/paymongo-php `src/Services/WebhookService.php` `constructEvent`)",
			Note: "Either of `te` and `li` is accepted when it matches; test and live webhooks have distinct secret keys, " +
				"so configure only the live one on a production route.",
		},
	}, hmacScheme{Signature: paymongoSignatures{}, Template: timestampDotBody, Algorithm: algSHA256}))
}

const paymongoHeader = "Paymongo-Signature"

// paymongoSignatures carries PayMongo's signatures: the te and li items
// of one header, either of which may be empty.
type paymongoSignatures struct{}

// ReadSignatures reads the one t item and every non-empty te and li item.
func (paymongoSignatures) ReadSignatures(h http.Header, size int, sigs *signatures) (string, error) {
	v, err := headerValue(h, paymongoHeader)
	if err != nil {
		return "", err
	}
	var ts string
	var tsCount, found int
	for item := range strings.SplitSeq(v, ",") {
		k, val, ok := strings.Cut(strings.TrimSpace(item), "=")
		if !ok {
			continue
		}
		switch strings.TrimSpace(k) {
		case "t":
			ts = strings.TrimSpace(val)
			tsCount++
		case "te", "li":
			if val = strings.TrimSpace(val); val != "" {
				found += boolInt(sigs.Add(encHex, val, size))
			}
		}
	}
	if tsCount != 1 || ts == "" {
		return "", reject(malformedSignature, "header %s has no single t timestamp", paymongoHeader)
	}
	if found == 0 {
		return "", reject(malformedSignature, "header %s has no valid te or li signature", paymongoHeader)
	}
	return ts, nil
}

// WriteSignature writes a live mode signature, as PayMongo does for live
// events: t=<t>,te=,li=<hex>.
func (paymongoSignatures) WriteSignature(h http.Header, timestamp string, sig []byte) {
	h.Set(paymongoHeader, "t="+timestamp+",te=,li="+string(encHex.Encode(nil, sig)))
}

// HeaderName is the signature header.
func (paymongoSignatures) HeaderName() string { return paymongoHeader }

// Interface guard
var _ signatureCarrier = paymongoSignatures{}

// paymongoTolerance covers PayMongo's automatic retries (12, over up to
// 136.5 minutes; developers.paymongo.com/docs/webhook-retry-logic), which
// PayMongo does not say are signed afresh; the event ID (data.id) with
// replay refuses a captured delivery sent again within it.
const paymongoTolerance = 140 * time.Minute
