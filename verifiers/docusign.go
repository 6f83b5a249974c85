package verifiers

import (
	"crypto/sha256"
	"strconv"
)

func init() {
	register(Preset{
		// DocuSign Connect: X-DocuSign-Signature-N = base64 HMAC-SHA256(Connect key, body), one per key.
		Name: "docusign", New: newDocuSign, Signer: signDocuSign,
		Doc: PresetDoc{
			Source:    "developers.docusign.com/platform/webhooks/connect/validate",
			Signature: "`X-DocuSign-Signature-1..N: <base64>` (one per Connect key, up to 100 read)",
			Algorithm: "HMAC-SHA256, key = Connect HMAC key as UTF-8",
			Signed:    "body",
			Identity:  "hash of the signed content",
			Vectors:   "computed",
		},
	})
}

// docusign verifies DocuSign Connect HMAC: one header per active Connect
// key, X-DocuSign-Signature-1, -2, ..., each the base64 HMAC-SHA256 of the
// raw body (key = the Connect secret as UTF-8). A delivery is accepted when
// any header matches any configured secret. Headers are read in order
// until the first absent one, at most docusignMaxHeaders.
type docusign struct {
	macs macSet
}

// docusignMaxHeaders caps the headers read (DocuSign allows a few keys per account).
const docusignMaxHeaders = 100

func newDocuSign(s Settings) (Verifier, error) {
	return &docusign{macs: newMACSet(algSHA256, s.Secrets)}, nil
}

func docusignHeader(n int) string { return "X-DocuSign-Signature-" + strconv.Itoa(n) }

// docusignHeaders are X-DocuSign-Signature-1 .. -docusignMaxHeaders, named
// once rather than per delivery.
var docusignHeaders = func() (names [docusignMaxHeaders]string) {
	for i := range names {
		names[i] = docusignHeader(i + 1)
	}
	return names
}()

func (v *docusign) Verify(d *Delivery) (Verified, error) {
	var sigs signatures
	for _, name := range docusignHeaders {
		f := signatureFormat{Header: name, Encoding: encBase64}
		if len(d.Request.Header.Values(f.Header)) == 0 {
			break
		}
		if _, err := f.ReadSignatures(d.Request.Header, sha256.Size, &sigs); err != nil {
			return Verified{}, err
		}
	}
	if sigs.Len() == 0 {
		return Verified{}, reject(missingSignature, "header %s is missing", docusignHeaders[0])
	}
	key, ok := v.macs.matchesAny(sigs.List(), d.Body)
	if !ok {
		return Verified{}, errBadSignature
	}
	return bodySigned(d.Body, key), nil
}

// Interface guard
var _ Verifier = (*docusign)(nil)

// signDocuSign writes one X-DocuSign-Signature-N header per secret, as
// DocuSign does for each active key.
func signDocuSign(s Settings, m *Message) error {
	for i, secret := range s.Secrets {
		signatureFormat{Header: docusignHeader(i + 1), Encoding: encBase64}.write(m.Header, hmacSum(algSHA256, secret, m.Body))
	}
	m.Header.Set("X-Authorization-Digest", "HMACSHA256")
	return nil
}
