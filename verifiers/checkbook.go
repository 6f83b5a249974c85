package verifiers

import (
	"crypto/rand"
	"crypto/sha256"
	"fmt"
	"math/big"
	"strconv"
)

func init() {
	register(Preset{
		// Checkbook.io: signature: nonce=<n>,signature=<hex HMAC-SHA256(webhooks key, body + nonce)>.
		Name: "checkbook", New: newCheckbook, Signer: signCheckbook,
		AllowIP: []string{"52.10.180.255", "54.70.79.20"},
		Doc: PresetDoc{
			Signature: "`signature: nonce=<n>,signature=<hex>`",
			Algorithm: "HMAC-SHA256, key = the environment's webhooks key (developer settings; Sandbox and Production differ)",
			Signed:    "body followed by the nonce",
			Identity:  "hash of the body and nonce",
			Vectors:   "published (docs.checkbook.io/docs/webhooks example) + computed",
			Source:    "docs.checkbook.io/docs/webhooks",
			Note: "The nonce is not a timestamp: Checkbook's signature has no freshness, so a captured delivery verifies " +
				"again; configure replay protection on the route.",
		},
		Sample: []byte(`{"status": "PAID", "id": "ed0af5fb335c47dd8eb53199ba50f5c4", "type": "CHECK"}`),
	})
}

// checkbookFormat reads the nonce where structuredFormat reads a timestamp.
var checkbookFormat = structuredFormat{Header: "signature", ItemSep: ',', KeySep: '=', TimestampKey: "nonce", SignatureKey: "signature", Encoding: encHex}

// checkbookMaxNonce bounds the nonce.
const checkbookMaxNonce = 64

type checkbook struct {
	macs macSet
}

func newCheckbook(s Settings) (Verifier, error) {
	if len(s.Secrets) == 0 {
		return nil, fmt.Errorf("no secret configured")
	}
	return &checkbook{macs: newMACSet(algSHA256, s.Secrets)}, nil
}

func (v *checkbook) Verify(d *Delivery) (Verified, error) {
	var sigs signatures
	nonce, err := checkbookFormat.ReadSignatures(d.Request.Header, sha256.Size, &sigs)
	if err != nil {
		return Verified{}, err
	}
	if len(nonce) > checkbookMaxNonce {
		return Verified{}, reject(malformedSignature, "header %s has an overlong nonce", checkbookFormat.Header)
	}
	key, ok := v.macs.matchesAny(sigs.List(), d.Body, []byte(nonce))
	if !ok {
		return Verified{}, errBadSignature
	}
	return Verified{Signed: signedOf(d.Body, []byte(nonce)), Key: key}, nil
}

func signCheckbook(s Settings, m *Message) error {
	n, err := rand.Int(rand.Reader, big.NewInt(1e10))
	if err != nil {
		return err
	}
	nonce := strconv.FormatInt(n.Int64(), 10)
	mac := newKeyedMAC(algSHA256, firstSecret(s)).sum(nil, m.Body, []byte(nonce))
	checkbookFormat.WriteSignature(m.Header, nonce, mac)
	return nil
}

// Interface guard
var _ Verifier = (*checkbook)(nil)
