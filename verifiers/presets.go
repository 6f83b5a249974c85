package verifiers

// The preset catalogue: one entry per provider, with its published
// defaults. Schemes with code of their own live in their own files
// (payone.go, cardknox.go, ...); the rest are declarations over the engine.
//
// Sources for every entry are in PROVIDERS.md and testdata/vectors.

func init() {
	for _, p := range presets {
		Register(p)
	}
}

var presets = []Preset{
	{
		// PAYONE TransactionStatus: form field key = md5(portal key).
		Name:      "payone",
		AllowIP:   []string{"185.60.20.0/24"},
		UserAgent: "PAYONE FinanceGate",
		Options:   []string{"portal_id", "aid"},
		New:       newPayone,
		Signer:    signPayone,
		ID:        IDSource{FormFields: []string{"txid", "sequencenumber", "txaction"}},
	},
	{
		// Cardknox (Sola): ck-signature = md5(sorted form values + PIN).
		Name:    "cardknox",
		AllowIP: nil, // Cardknox's published hosts changed between doc revisions; set allow_ip yourself.
		New:     newCardknox,
		Signer:  signCardknox,
		ID:      IDSource{FormFields: []string{"xRefNum"}},
	},
	{
		// KKiaPay: the dashboard's hash secret, sent verbatim in x-kkiapay-secret.
		Name: "kkiapay",
		New: func(s Settings) (Verifier, error) {
			return NewHeaderToken("x-kkiapay-secret", s.Secrets)
		},
		Signer: signHeaderToken("x-kkiapay-secret"),
		ID:     IDSource{JSONField: "transactionId"},
	},
	{
		// Checkout.com: Cko-Signature = hex HMAC-SHA256(signature key, raw body);
		// option authorization also requires the static Authorization key.
		Name:    "checkout_com",
		Options: []string{"authorization"},
		New: func(s Settings) (Verifier, error) {
			sig, err := NewBodyHMAC(checkoutFormat, SHA256, s.Secrets)
			if err != nil || s.Options["authorization"] == "" {
				return sig, err
			}
			auth, err := NewHeaderToken("Authorization", [][]byte{[]byte(s.Options["authorization"])})
			return allOf{auth, sig}, err
		},
		Signer: func(s Settings, m *Message) error {
			if auth := s.Options["authorization"]; auth != "" {
				m.Header.Set("Authorization", auth)
			}
			return signBodyHMAC(checkoutFormat, SHA256)(s, m)
		},
		ID: IDSource{JSONField: "id"},
	},
	{
		// 24sevenpay: Authorization: HMAC-SHA256 Signature=<hex> over compacted JSON.
		Name:   "24sevenpay",
		New:    newTwentyFourSevenPay,
		Signer: signTwentyFourSevenPay,
		ID:     IDSource{JSONField: "payload.paymentId"},
	},
	{
		// The generic scheme: an HMAC of the raw body in a header of your choice.
		Name:            "hmac",
		Options:         []string{"header", "algorithm", "encoding", "prefix"},
		RequiredOptions: []string{"header"},
		New:             newGenericHMAC,
		Signer:          signGenericHMAC,
	},
}

// checkoutFormat is Checkout.com's signature header.
var checkoutFormat = SignatureFormat{Header: "Cko-Signature", Encoding: Hex}
