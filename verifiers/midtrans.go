package verifiers

import (
	"bytes"
	"crypto/sha512"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"fmt"
)

func init() {
	register(Preset{
		// Midtrans: body signature_key = hex SHA-512(order_id + status_code + gross_amount + server key) (midtrans.go).
		Name: "midtrans", New: newMidtrans, Signer: signMidtrans,
		Sample: []byte(`{"transaction_time":"2024-05-01 10:00:00","transaction_status":"settlement","transaction_id":"6ee793df-9b1d-4343-8eda-cc9663b4222f","status_message":"midtrans payment notification","status_code":"200","payment_type":"bank_transfer","order_id":"order-hookgate-1","gross_amount":"10000.00","fraud_status":"accept","currency":"IDR"}`),
		Doc: PresetDoc{
			Source:    "docs.midtrans.com 'Verifying Notification Authenticity'",
			Signature: "body field `signature_key` (hex)",
			Algorithm: "SHA-512 (not an HMAC) of the fields and the server key (the secret)",
			Signed:    "`order_id + status_code + gross_amount + server key`, the three read from the JSON body as JSON strings",
			Identity:  "the signed fields (`order_id`, `status_code`, `gross_amount`)",
			Vectors:   "computed (testdata/vectors/presets-b.jsonl)",
			Note:      "Midtrans signs three fields, not the body: `transaction_status`, `fraud_status` and everything else can be changed by whoever replays a genuine notification (a `status_code` 200 notification of one order can be made to say `settlement` instead of `capture`). The gate proves only that Midtrans sent these three values; the app must still confirm the status with Midtrans's Get Status API, as Midtrans tells it to. The fields must be JSON strings, as Midtrans sends them; a number is refused (parsers format 10000.00 differently).",
		},
	})
}

// midtrans verifies Midtrans payment notifications (HTTP(S) Notification):
// the JSON body's signature_key is the hex SHA-512 of order_id,
// status_code, gross_amount and the merchant's server key, concatenated
// (docs.midtrans.com, "Verifying Notification Authenticity"). The three
// fields are read with the strict JSON reader and must be JSON strings, as
// Midtrans sends them ("gross_amount": "10000.00"): a number would be
// formatted differently by each app's parser (PHP makes 10000.00 the float
// 10000), so it is refused rather than guessed.
//
// Nothing else in the body is signed: transaction_status, fraud_status and
// the rest could be changed by whoever replays a notification; Midtrans
// tells apps to confirm with the Get Status API, and the gate cannot.
type midtrans struct {
	keys [][]byte
}

// midtransFields are the signed fields, in order.
var midtransFields = []string{"order_id", "status_code", "gross_amount"}

func newMidtrans(s Settings) (Verifier, error) {
	return &midtrans{keys: s.Secrets}, nil
}

// midtransRead returns the signed fields and the signature of body.
func midtransRead(body []byte) (fields []string, sig []byte, err error) {
	doc, err := parseJSON(body)
	if err != nil {
		return nil, nil, err
	}
	if doc.Kind != jsonObject {
		return nil, nil, reject(missingSignature, "the body is not a JSON object")
	}
	sk := doc.Get("signature_key")
	if sk == nil || sk.Kind != jsonString || sk.Text == "" {
		return nil, nil, reject(missingSignature, "signature_key is missing")
	}
	if sig, err = hex.DecodeString(sk.Text); err != nil || len(sig) != sha512.Size {
		return nil, nil, reject(malformedSignature, "signature_key is not a hex SHA-512")
	}
	for _, name := range midtransFields {
		f := doc.Get(name)
		switch {
		case f == nil:
			return nil, nil, reject(missingSignature, "field %s is missing", name)
		case f.Kind != jsonString:
			return nil, nil, reject(malformedSignature, "field %s is not a JSON string", name)
		}
		fields = append(fields, f.Text)
	}
	return fields, sig, nil
}

// midtransSum is SHA-512(order_id + status_code + gross_amount + server key).
func midtransSum(fields []string, key []byte) []byte {
	h := sha512.New()
	for _, f := range fields {
		h.Write([]byte(f))
	}
	h.Write(key)
	return h.Sum(nil)
}

func (v *midtrans) Verify(d *Delivery) (Verified, error) {
	fields, sig, err := midtransRead(d.Body)
	if err != nil {
		return Verified{}, err
	}
	ok, key := 0, 0
	for i := len(v.keys) - 1; i >= 0; i-- { // every key: no early exit
		if subtle.ConstantTimeCompare(midtransSum(fields, v.keys[i]), sig) == 1 {
			ok, key = 1, i
		}
	}
	if ok == 0 {
		return Verified{}, errBadSignature
	}
	signed := appendSigned(nil, []byte(fields[0]), []byte(fields[1]), []byte(fields[2]))
	return Verified{Signed: signed, Key: key}, nil
}

// Interface guard
var _ Verifier = (*midtrans)(nil)

// signMidtrans adds signature_key to a JSON object body, with order_id,
// status_code and gross_amount made up where the body has none.
func signMidtrans(s Settings, m *Message) error {
	obj := map[string]any{}
	dec := json.NewDecoder(bytes.NewReader(m.Body))
	dec.UseNumber()
	if err := dec.Decode(&obj); err != nil {
		return fmt.Errorf("midtrans: the body is not a JSON object: %v", err)
	}
	defaults := map[string]string{"order_id": "order-hookgate-1", "status_code": "200", "gross_amount": "10000.00"}
	fields := make([]string, len(midtransFields))
	for i, name := range midtransFields {
		v, ok := obj[name].(string)
		if !ok {
			v = defaults[name]
			obj[name] = v
		}
		fields[i] = v
	}
	obj["signature_key"] = hex.EncodeToString(midtransSum(fields, firstSecret(s)))
	body, err := json.Marshal(obj)
	if err != nil {
		return err
	}
	m.Body = body
	m.Header.Set("Content-Type", "application/json")
	return nil
}
