package verifiers

import (
	"crypto/md5"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
)

func init() {
	register(Preset{
		// Cardknox (Sola): ck-signature = md5(sorted form values + PIN).
		Name: "cardknox",
		Doc: PresetDoc{
			Source:    "docs.cardknox.com/cardknox-products/webhooks",
			Signature: "`ck-signature: <hex>` (case-insensitive)",
			Algorithm: "MD5, PIN ≥ 15 alphanumeric characters",
			Signed:    "URL-decoded form values sorted by lower-cased name, concatenated, + PIN",
			Identity:  "form `xRefNum`",
			Vectors:   "computed (docs example body)",
		},
		AllowIP: nil, // Cardknox's published hosts changed between doc revisions; set allow_ip yourself.
		New:     newCardknox,
		Signer:  signCardknox,
		Sample:  []byte("xResult=A&xStatus=Approved&xRefNum=1000001&xAmount=1.00&xCommand=cc%3Asale"),
	})
}

// cardknox verifies a Cardknox (Sola) webhook: ck-signature is the MD5, in
// hex, of the URL-decoded form values sorted by lower-cased field name and
// concatenated, followed by the webhook PIN.
type cardknox struct {
	pins [][]byte
}

// cardknoxMinPIN is the shortest PIN Cardknox issues.
const cardknoxMinPIN = 15

// newCardknox builds the cardknox preset, refusing PINs that Cardknox would
// never issue (shorter than 15 characters, or not alphanumeric): such a PIN
// is a configuration mistake, and a short one is guessable.
func newCardknox(s Settings) (Verifier, error) {
	for i, pin := range s.Secrets {
		if len(pin) < cardknoxMinPIN {
			return nil, fmt.Errorf("cardknox: secret #%d is %d characters; a Cardknox webhook PIN has at least %d", i+1, len(pin), cardknoxMinPIN)
		}
		for _, c := range pin {
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
				return nil, fmt.Errorf("cardknox: secret #%d is not alphanumeric, as Cardknox webhook PINs are", i+1)
			}
		}
	}
	return &cardknox{pins: s.Secrets}, nil
}

// cardknoxSignedString returns the bytes Cardknox hashes, before the PIN:
// the form values ordered by lower-cased name. Cardknox's SDKs read names
// case-insensitively, so a form with two fields that are one to Cardknox,
// PHP or any other reader (formUnambiguous, foldedNames) is ambiguousBody:
// its sorted order, and so what was signed, would be the sender's choice.
func cardknoxSignedString(body []byte) ([]byte, error) {
	fields, err := parseForm(body)
	if err != nil {
		return nil, err
	}
	if err := formUnambiguous(fields, foldedNames); err != nil {
		return nil, err
	}
	sort.SliceStable(fields, func(i, j int) bool {
		return strings.ToLower(fields[i].Name) < strings.ToLower(fields[j].Name)
	})
	var n int
	for _, f := range fields {
		n += len(f.Value)
	}
	out := make([]byte, 0, n)
	for _, f := range fields {
		out = append(out, f.Value...)
	}
	return out, nil
}

// Verify checks ck-signature. Signed is the sorted-values string (no ID:
// xRefNum names a transaction, and every field is signed anyway).
func (v *cardknox) Verify(d *Delivery) (Verified, error) {
	sig, err := signatureFormat{Header: "ck-signature", Encoding: encHex}.read(d.Request.Header, md5.Size)
	if err != nil {
		return Verified{}, err
	}
	signed, err := cardknoxSignedString(d.Body)
	if err != nil {
		return Verified{}, err
	}
	ok, key := 0, 0
	for i, pin := range v.pins {
		h := md5.New()
		h.Write(signed)
		h.Write(pin)
		c := subtle.ConstantTimeCompare(h.Sum(nil), sig)
		key = subtle.ConstantTimeSelect(c&(ok^1), i, key)
		ok |= c
	}
	if ok != 1 {
		return Verified{}, errBadSignature
	}
	return Verified{Signed: signed, Key: key}, nil
}

// Interface guard
var _ Verifier = (*cardknox)(nil)

// signCardknox sets ck-signature for the form body.
func signCardknox(s Settings, m *Message) error {
	signed, err := cardknoxSignedString(m.Body)
	if err != nil {
		return err
	}
	sum := md5.Sum(append(signed, firstSecret(s)...))
	m.Header.Set("ck-signature", hex.EncodeToString(sum[:]))
	if m.Header.Get("Content-Type") == "" {
		m.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	return nil
}
