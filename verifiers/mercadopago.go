package verifiers

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"strings"
	"time"
)

func init() {
	register(Preset{
		// Mercado Pago: x-signature ts=,v1=<hex HMAC-SHA256("id:<data.id>;request-id:<x-request-id>;ts:<ts>;")>; body unsigned.
		Name: "mercadopago", New: newMercadoPago, Signer: signMercadoPago,
		Doc: PresetDoc{
			Source:        "mercadopago.com/developers (Webhooks: validar origen de una notificación)",
			Signature:     "`x-signature: ts=..,v1=<hex>` + `x-request-id`",
			Algorithm:     "HMAC-SHA256, key = secret signature key",
			Signed:        "`id:<query data.id, lowercased>;request-id:<x-request-id>;ts:<ts>;` (absent parts left out; **body not signed**)",
			ToleranceNote: "none unless `tolerance` is set; the ts unit is ambiguous: 13+ digits are read as ms",
			Identity:      "`x-request-id`",
			Vectors:       "computed",
		},
	})
}

// mercadoPago verifies Mercado Pago webhooks ("Validar origen de una
// notificación"): x-signature: ts=<ts>,v1=<hex> where v1 is HMAC-SHA256
// (secret signature key) over the manifest
//
//	id:<data.id from the query, lowercased>;request-id:<x-request-id>;ts:<ts>;
//
// with a part left out when its value is absent. The body is NOT signed:
// the app must fetch the resource by data.id. Mercado Pago sets no
// tolerance and the unit of ts is ambiguous (documented as milliseconds,
// shown as seconds), so the timestamp is checked only when a tolerance is
// configured, reading a 13-digit or longer ts as milliseconds.
type mercadoPago struct {
	macs      macSet
	tolerance time.Duration
}

func newMercadoPago(s Settings) (Verifier, error) {
	return &mercadoPago{macs: newMACSet(algSHA256, s.Secrets), tolerance: s.Tolerance}, nil
}

// parseMercadoPagoSignature reads ts and v1 from x-signature.
func parseMercadoPagoSignature(v string) (ts, v1 string, err error) {
	for part := range strings.SplitSeq(v, ",") {
		key, value, _ := strings.Cut(part, "=")
		key, value = strings.TrimSpace(key), strings.TrimSpace(value)
		switch key {
		case "ts":
			if ts != "" {
				return "", "", reject(malformedSignature, "x-signature has ts twice")
			}
			ts = value
		case "v1":
			if v1 != "" {
				return "", "", reject(malformedSignature, "x-signature has v1 twice")
			}
			v1 = value
		}
	}
	if ts == "" || v1 == "" {
		return "", "", reject(malformedSignature, "x-signature is not ts=<ts>,v1=<hex>")
	}
	return ts, v1, nil
}

// mercadoPagoManifest builds the signed manifest.
func mercadoPagoManifest(rawQuery, requestID, ts string) ([]byte, error) {
	fields, err := parseForm([]byte(rawQuery))
	if err != nil {
		return nil, reject(malformedSignature, "query is malformed")
	}
	ids, _, err := lookupForm(fields, exactNames, "data.id")
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	if id := ids[0]; id != "" {
		b.WriteString("id:" + strings.ToLower(id) + ";")
	}
	if requestID != "" {
		b.WriteString("request-id:" + requestID + ";")
	}
	b.WriteString("ts:" + ts + ";")
	return []byte(b.String()), nil
}

// Verify checks x-signature. The signed x-request-id is the ID; Signed is
// the manifest without its ts part.
func (v *mercadoPago) Verify(d *Delivery) (Verified, error) {
	header, err := headerValue(d.Request.Header, "x-signature")
	if err != nil {
		return Verified{}, err
	}
	ts, v1, err := parseMercadoPagoSignature(header)
	if err != nil {
		return Verified{}, err
	}
	sig, err := signatureFormat{Header: "x-signature", Encoding: encHex}.decode(v1, sha256.Size)
	if err != nil {
		return Verified{}, err
	}
	var requestID string
	if len(d.Request.Header.Values("x-request-id")) > 0 {
		if requestID, err = headerValue(d.Request.Header, "x-request-id"); err != nil {
			return Verified{}, err
		}
	}
	manifest, err := mercadoPagoManifest(d.Request.URL.RawQuery, requestID, ts)
	if err != nil {
		return Verified{}, err
	}
	key, ok := v.macs.matches(sig, manifest)
	if !ok {
		return Verified{}, errBadSignature
	}
	out := Verified{ID: requestID, Signed: signedOf(manifest[:len(manifest)-len("ts:"+ts+";")]), Key: key}
	if v.tolerance <= 0 {
		return out, nil
	}
	format := unixSeconds
	if len(ts) >= 13 {
		format = unixMillis
	}
	t, err := parseTimestamp(ts, format)
	if err != nil {
		return Verified{}, err
	}
	if err := checkFresh(t, d.Now, v.tolerance); err != nil {
		return Verified{}, err
	}
	return out, nil
}

// Interface guard
var _ Verifier = (*mercadoPago)(nil)

// signMercadoPago sets x-signature (ts in milliseconds) and x-request-id
// (m.ID, or one derived from the time) for a delivery to m.URL.
func signMercadoPago(s Settings, m *Message) error {
	u, err := url.Parse(m.URL)
	if err != nil {
		return fmt.Errorf("mercadopago: %v", err)
	}
	ts := formatTimestamp(m.Now, unixMillis)
	requestID := m.ID
	if requestID == "" {
		requestID = "req-" + ts
	}
	manifest, err := mercadoPagoManifest(u.RawQuery, requestID, ts)
	if err != nil {
		return err
	}
	m.Header.Set("x-request-id", requestID)
	m.Header.Set("x-signature", "ts="+ts+",v1="+hex.EncodeToString(hmacSum(algSHA256, firstSecret(s), manifest)))
	return nil
}
