package verifiers

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
)

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

var adyenKeys = KeyFormat{Decoding: KeyHex}

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
	return &adyen{variant: variant, macs: newMACSet(SHA256, keys)}, nil
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

type adyenNotification struct {
	NotificationItems []struct {
		Item *adyenItem `json:"NotificationRequestItem"`
	} `json:"notificationItems"`
}

// signedString returns the string Adyen signs for one notification item.
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

func (v *adyen) Verify(d *Delivery) error {
	useHeader := v.variant == "header" || v.variant == "auto" && len(headerValues(d.Request.Header, adyenHeader)) > 0
	if useHeader {
		var buf [sha256.Size]byte
		sig, err := SignatureFormat{Header: adyenHeader, Encoding: Base64}.read(d.Request.Header, sha256.Size, buf[:0])
		if err != nil {
			return err
		}
		if !v.macs.matches(sig, d.Body) {
			return errBadSignature
		}
		return nil
	}
	var n adyenNotification
	if err := json.Unmarshal(d.Body, &n); err != nil {
		return reject(MalformedSignature, "body is not an Adyen notification")
	}
	if len(n.NotificationItems) == 0 {
		return reject(MissingSignature, "notification has no items")
	}
	for i, wrapped := range n.NotificationItems {
		it := wrapped.Item
		if it == nil {
			return reject(MalformedSignature, "item %d is not a NotificationRequestItem", i+1)
		}
		if it.AdditionalData.HMACSignature == "" {
			return reject(MissingSignature, "item %d has no additionalData.hmacSignature", i+1)
		}
		sig, err := base64.StdEncoding.DecodeString(it.AdditionalData.HMACSignature)
		if err != nil || len(sig) != sha256.Size {
			return reject(MalformedSignature, "item %d: hmacSignature is not base64 HMAC-SHA256", i+1)
		}
		signed, err := it.signedString()
		if err != nil {
			return reject(MalformedSignature, "item %d: %v", i+1, err)
		}
		if !v.macs.matches(sig, signed) {
			return reject(BadSignature, "item %d: signature does not match", i+1)
		}
	}
	return nil
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
		m.Header.Set(adyenHeader, base64.StdEncoding.EncodeToString(hmacSum(SHA256, key, m.Body)))
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
		ad["hmacSignature"] = base64.StdEncoding.EncodeToString(hmacSum(SHA256, key, signed))
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
