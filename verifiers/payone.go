package verifiers

import (
	"crypto/md5"
	"crypto/subtle"
	"encoding/hex"
)

// payone verifies a PAYONE TransactionStatus post. PAYONE signs nothing: the
// form field `key` carries md5(portal key) as 32 hex digits, a static bearer
// value, and the docs tell receivers to check that portalid and aid are
// their own. The form is ISO-8859-1; only ASCII fields are read here and the
// body is passed on untouched.
type payone struct {
	keyDigests [][md5.Size]byte
	portalID   string
	aid        string
}

// newPayone builds the payone preset; options portal_id and aid pin those
// fields when set.
func newPayone(s Settings) (Verifier, error) {
	v := &payone{portalID: s.Options["portal_id"], aid: s.Options["aid"]}
	for _, secret := range s.Secrets {
		v.keyDigests = append(v.keyDigests, md5.Sum(secret))
	}
	return v, nil
}

func (v *payone) Verify(d *Delivery) error {
	fields, err := formValues(d.Body, "key", "portalid", "aid")
	if err != nil {
		return err
	}
	key, portalID, aid := fields[0], fields[1], fields[2]
	if key == "" {
		return reject(MissingSignature, "form field key is missing")
	}
	var got [md5.Size]byte
	if len(key) != hex.EncodedLen(md5.Size) {
		return reject(MalformedSignature, "form field key is not 32 hex digits")
	}
	if _, err := hex.Decode(got[:], []byte(key)); err != nil {
		return reject(MalformedSignature, "form field key is not 32 hex digits")
	}
	ok := 0
	for i := range v.keyDigests {
		ok |= subtle.ConstantTimeCompare(got[:], v.keyDigests[i][:])
	}
	if ok != 1 {
		return errBadSignature
	}
	if v.portalID != "" && portalID != v.portalID {
		return reject(BadSignature, "portalid does not match")
	}
	if v.aid != "" && aid != v.aid {
		return reject(BadSignature, "aid does not match")
	}
	return nil
}

// Interface guard
var _ Verifier = (*payone)(nil)

// signPayone sets the form field key to md5(portal key), and portalid and
// aid to the pinned values, keeping every other field as it is.
func signPayone(s Settings, m *Message) error {
	digest := md5.Sum(firstSecret(s))
	set := map[string]string{"key": hex.EncodeToString(digest[:])}
	if v := s.Options["portal_id"]; v != "" {
		set["portalid"] = v
	}
	if v := s.Options["aid"]; v != "" {
		set["aid"] = v
	}
	m.Body = setFormFields(m.Body, set)
	if m.Header.Get("Content-Type") == "" {
		m.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	return nil
}
