package verifiers

import (
	"crypto/md5"
	"crypto/subtle"
	"encoding/hex"
	"strings"
)

func init() {
	register(Preset{
		// PAYONE TransactionStatus: form field key = md5(portal key).
		Name: "payone",
		Doc: PresetDoc{
			Source:    "docs.payone.com/integration/response-handling/transactionstatus-notification",
			Signature: "form field `key` (md5 of the portal key, 32 hex)",
			Algorithm: "MD5 of the portal key (a static value, not a signature)",
			Signed:    "– (nothing is signed); `portalid`/`aid` must match when configured",
			Handshake: "– (the app answers `TSOK`)",
			Identity:  "form `txid:sequencenumber:txaction`",
			Vectors:   "published (docs), sdk (magento-2)",
		},
		AllowIP:   []string{"185.60.20.0/24"},
		UserAgent: "PAYONE FinanceGate",
		Options:   []string{"portal_id", "aid"},
		New:       newPayone,
		Signer:    signPayone,
		AckBody:   "TSOK", // PAYONE retries until the answer is TSOK
		Sample:    []byte("txaction=paid&portalid=2012345&aid=12345&txid=1000&sequencenumber=1&mode=test&clearingtype=cc&price=1.00&currency=EUR"),
	})
}

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

// payoneFields are the form fields the gate reads: the key and the pinned
// fields, then the transaction's identity (txid, sequencenumber, txaction).
var payoneFields = [...]string{"key", "portalid", "aid", "txid", "sequencenumber", "txaction"}

// Verify checks the key field and the pinned fields. PAYONE's key
// authenticates the sender, not the content. When the form carries any of
// txid, sequencenumber and txaction, the ID is "txid:sequencenumber:txaction"
// (a retry of one status is the same delivery; a field holding ':' is
// ambiguousBody) and Signed is the three, length-prefixed; else Signed is
// the raw body and there is no ID.
func (v *payone) Verify(d *Delivery) (Verified, error) {
	form, err := parseForm(d.Body)
	if err != nil {
		return Verified{}, err
	}
	fields, present, err := lookupForm(form, exactNames, payoneFields[:]...)
	if err != nil {
		return Verified{}, err
	}
	key, portalID, aid := fields[0], fields[1], fields[2]
	if key == "" {
		return Verified{}, reject(missingSignature, "form field key is missing")
	}
	var got [md5.Size]byte
	if len(key) != hex.EncodedLen(md5.Size) {
		return Verified{}, reject(malformedSignature, "form field key is not 32 hex digits")
	}
	if _, err := hex.Decode(got[:], []byte(key)); err != nil {
		return Verified{}, reject(malformedSignature, "form field key is not 32 hex digits")
	}
	ok, keyIndex := 0, 0
	for i := range v.keyDigests {
		c := subtle.ConstantTimeCompare(got[:], v.keyDigests[i][:])
		keyIndex = subtle.ConstantTimeSelect(c&(ok^1), i, keyIndex)
		ok |= c
	}
	if ok != 1 {
		return Verified{}, errBadSignature
	}
	if v.portalID != "" && portalID != v.portalID {
		return Verified{}, reject(badSignature, "portalid does not match")
	}
	if v.aid != "" && aid != v.aid {
		return Verified{}, reject(badSignature, "aid does not match")
	}
	if present[3] || present[4] || present[5] {
		for _, f := range fields[3:] {
			if strings.ContainsRune(f, ':') {
				return Verified{}, ambiguous("txid, sequencenumber or txaction holds ':'")
			}
		}
		return Verified{
			ID:     strings.Join(fields[3:], ":"),
			Signed: signedOf([]byte(fields[3]), []byte(fields[4]), []byte(fields[5])),
			Key:    keyIndex,
		}, nil
	}
	return bodySigned(d.Body, keyIndex), nil
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
