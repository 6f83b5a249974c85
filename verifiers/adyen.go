package verifiers

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
)

func init() {
	register(Preset{
		// Adyen: hex key; base64 HMAC-SHA256 per notification item (additionalData.hmacSignature)
		// or of the raw body in HmacSignature (option variant: auto, notification, header).
		Name: "adyen", Options: []string{"variant"}, New: newAdyen, Signer: signAdyen,
		Doc: PresetDoc{
			Source:    "Adyen/adyen-python-api-library Adyen/util.py, test/UtilTest.py",
			Signature: "variant `notification`: `additionalData.hmacSignature` in every item; variant `header`: `HmacSignature: <base64>`; `auto` (default): the header when present, else the items",
			Algorithm: "HMAC-SHA256, key = hex-decoded HMAC key",
			Signed:    "items: `pspReference:originalReference:merchantAccountCode:merchantReference:value:currency:eventCode:success` (JSON-decoded values, every item must verify); header: raw body",
			Handshake: "– (the app answers `[accepted]`)",
			Identity:  "hash of the signed content",
			Vectors:   "sdk-test (adyen-python-api-library) ×7",
		},
	})
}

// adyen verifies Adyen webhooks with the hex HMAC key from the Customer Area
// (PROVIDERS.md 6.7; Adyen/adyen-python-api-library Adyen/util.py):
//
//   - standard (payment) notifications carry the signature in the body:
//     every notificationItems[].NotificationRequestItem has
//     additionalData.hmacSignature = base64 HMAC-SHA256 over
//     pspReference:originalReference:merchantAccountCode:merchantReference:value:currency:eventCode:success
//     (JSON-decoded values, missing ones empty). Every item must verify.
//   - Banking, Management and other webhooks send HmacSignature: base64
//     HMAC-SHA256 over the raw body.
//
// Option variant picks one: "notification", "header", or "auto" (default):
// the header scheme when an HmacSignature header is present, else the
// per-item scheme. Both need the same key, and each authenticates what it
// covers, so letting the delivery pick is safe.
type adyen struct {
	variant string
	macs    macSet
}

const adyenHeader = "HmacSignature"

var adyenKeys = keyFormat{Decoding: keyHex}

func newAdyen(s Settings) (Verifier, error) {
	variant := s.Options["variant"]
	switch variant {
	case "":
		variant = "auto"
	case "auto", "notification", "header":
	default:
		return nil, fmt.Errorf("adyen: variant %q is not auto, notification or header", variant)
	}
	keys, err := adyenKeys.DecodeAll(s.Secrets)
	if err != nil {
		return nil, fmt.Errorf("adyen: %v (the HMAC key is hex)", err)
	}
	return &adyen{variant: variant, macs: newMACSet(algSHA256, keys)}, nil
}

// adyenItem is the part of a NotificationRequestItem that is signed.
type adyenItem struct {
	PSPReference        string `json:"pspReference"`
	OriginalReference   string `json:"originalReference"`
	MerchantAccountCode string `json:"merchantAccountCode"`
	MerchantReference   string `json:"merchantReference"`
	Amount              struct {
		Value    json.Number `json:"value"`
		Currency string      `json:"currency"`
	} `json:"amount"`
	EventCode      string          `json:"eventCode"`
	Success        json.RawMessage `json:"success"`
	AdditionalData struct {
		HMACSignature string `json:"hmacSignature"`
	} `json:"additionalData"`
}

// signedString returns the string Adyen signs for one notification item
// (used by the signer, over a body it builds itself).
func (it *adyenItem) signedString() ([]byte, error) {
	success := ""
	if len(it.Success) > 0 {
		var s any
		if err := json.Unmarshal(it.Success, &s); err != nil {
			return nil, err
		}
		switch s := s.(type) {
		case string:
			success = s
		case bool:
			success = fmt.Sprint(s)
		case nil:
		default:
			return nil, fmt.Errorf("success is neither a string nor a boolean")
		}
	}
	return []byte(strings.Join([]string{it.PSPReference, it.OriginalReference, it.MerchantAccountCode,
		it.MerchantReference, it.Amount.Value.String(), it.Amount.Currency, it.EventCode, success}, ":")), nil
}

// adyenSignedFields are the signed fields of an item, in order, as dotted
// paths in the NotificationRequestItem.
var adyenSignedFields = [...]string{"pspReference", "originalReference", "merchantAccountCode",
	"merchantReference", "amount.value", "amount.currency", "eventCode", "success"}

// adyenSigned returns the string Adyen signs for one item of the strictly
// parsed notification, and its hmacSignature. A missing field (or null) is
// empty; success may be a string or a boolean; amount.value must be an
// integer every parser reads alike; every other signed field a string.
func adyenSigned(item *jsonValue) (signed []byte, sig string, err error) {
	if item == nil || item.Kind != jsonObject {
		return nil, "", reject(malformedSignature, "is not a NotificationRequestItem")
	}
	values := make([]string, len(adyenSignedFields))
	for i, path := range adyenSignedFields {
		f := item.Path(path)
		switch {
		case f == nil || f.Kind == jsonNull:
		case f.Kind == jsonString:
			values[i] = f.Text
		case f.Kind == jsonBool && path == "success":
			values[i] = f.Text
		case f.Kind == jsonNumber && path == "amount.value":
			if values[i], err = f.Scalar(); err != nil {
				return nil, "", err
			}
		default:
			return nil, "", reject(malformedSignature, "field %s has the wrong type", path)
		}
	}
	s := item.Path("additionalData.hmacSignature")
	if s == nil || s.Kind != jsonString || s.Text == "" {
		return nil, "", reject(missingSignature, "has no additionalData.hmacSignature")
	}
	return []byte(strings.Join(values, ":")), s.Text, nil
}

// Verify checks the HmacSignature header (Signed: the raw body) or every
// notification item (Signed: each item's signed string, in order).
func (v *adyen) Verify(d *Delivery) (Verified, error) {
	useHeader := v.variant == "header" || v.variant == "auto" && len(d.Request.Header.Values(adyenHeader)) > 0
	if useHeader {
		sig, err := signatureFormat{Header: adyenHeader, Encoding: encBase64}.read(d.Request.Header, sha256.Size)
		if err != nil {
			return Verified{}, err
		}
		key, ok := v.macs.matches(sig, d.Body)
		if !ok {
			return Verified{}, errBadSignature
		}
		return bodySigned(d.Body, key), nil
	}
	doc, err := parseJSON(d.Body)
	if err != nil {
		return Verified{}, err
	}
	if doc.Kind != jsonObject {
		return Verified{}, reject(malformedSignature, "body is not an Adyen notification")
	}
	items := doc.Get("notificationItems")
	if items == nil || items.Kind != jsonArray {
		return Verified{}, reject(missingSignature, "body has no notificationItems array")
	}
	if len(items.Elems) == 0 {
		return Verified{}, reject(missingSignature, "notification has no items")
	}
	out := Verified{Signed: []byte{}}
	for i, wrapped := range items.Elems {
		signed, text, err := adyenSigned(wrapped.Get("NotificationRequestItem"))
		if err != nil {
			rej, _ := err.(*Rejection)
			return Verified{}, reject(rej.Reason, "item %d %s", i+1, rej.Detail)
		}
		sig, err := base64.StdEncoding.DecodeString(text)
		if err != nil || len(sig) != sha256.Size {
			return Verified{}, reject(malformedSignature, "item %d: hmacSignature is not base64 HMAC-SHA256", i+1)
		}
		key, ok := v.macs.matches(sig, signed)
		if !ok {
			return Verified{}, reject(badSignature, "item %d: signature does not match", i+1)
		}
		if i == 0 {
			out.Key = key
		}
		out.Signed = appendSigned(out.Signed, signed)
	}
	return out, nil
}

// Interface guard
var _ Verifier = (*adyen)(nil)

// signAdyen signs as the configured variant: the HmacSignature header, or
// additionalData.hmacSignature in every item (auto: items when the body
// has notificationItems, else the header). The body is re-encoded when
// items are signed.
func signAdyen(s Settings, m *Message) error {
	keys, err := adyenKeys.DecodeAll(s.Secrets[:1])
	if err != nil {
		return fmt.Errorf("adyen: %v", err)
	}
	key := keys[0]
	var doc map[string]any
	dec := json.NewDecoder(bytes.NewReader(m.Body))
	dec.UseNumber()
	_ = dec.Decode(&doc)
	items, _ := doc["notificationItems"].([]any)
	variant := s.Options["variant"]
	if variant == "header" || variant != "notification" && len(items) == 0 {
		m.Header.Set(adyenHeader, base64.StdEncoding.EncodeToString(hmacSum(algSHA256, key, m.Body)))
		return nil
	}
	if len(items) == 0 {
		return fmt.Errorf("adyen: body has no notificationItems to sign")
	}
	for _, wrapped := range items {
		w, _ := wrapped.(map[string]any)
		raw, _ := w["NotificationRequestItem"].(map[string]any)
		if raw == nil {
			return fmt.Errorf("adyen: an item is not a NotificationRequestItem")
		}
		b, _ := json.Marshal(raw)
		var it adyenItem
		if err := json.Unmarshal(b, &it); err != nil {
			return fmt.Errorf("adyen: %v", err)
		}
		signed, err := it.signedString()
		if err != nil {
			return fmt.Errorf("adyen: %v", err)
		}
		ad, _ := raw["additionalData"].(map[string]any)
		if ad == nil {
			ad = map[string]any{}
			raw["additionalData"] = ad
		}
		ad["hmacSignature"] = base64.StdEncoding.EncodeToString(hmacSum(algSHA256, key, signed))
	}
	body, err := json.Marshal(doc)
	if err != nil {
		return err
	}
	m.Body = body
	if m.Header.Get("Content-Type") == "" {
		m.Header.Set("Content-Type", "application/json")
	}
	return nil
}
