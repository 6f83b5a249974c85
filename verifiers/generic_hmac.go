package verifiers

func init() {
	register(Preset{
		// The generic scheme: an HMAC of the raw body in a header of your choice.
		Name: "hmac",
		Doc: PresetDoc{
			Source:    "generic: the operator configures the provider's documented scheme",
			Signature: "option `header` (+ `prefix`)",
			Algorithm: "HMAC md5/sha1/sha256/sha512, hex/base64/base64url",
			Signed:    "body",
			Identity:  "`id_field`, else hash of the body",
			Vectors:   "computed",
		},
		Options:         []string{"header", "algorithm", "encoding", "prefix", optionIDHeader, optionIDField},
		RequiredOptions: []string{"header"},
		New:             newGenericHMAC,
		Signer:          signGenericHMAC,
	})
}

// newGenericHMAC builds the `hmac` preset from its options: header
// (required), algorithm (default sha256), encoding (default hex), prefix.
func newGenericHMAC(s Settings) (Verifier, error) {
	scheme, err := genericScheme(s)
	if err != nil {
		return nil, err
	}
	return scheme.New(s)
}

// signGenericHMAC signs as the `hmac` preset verifies, from the same options.
func signGenericHMAC(s Settings, m *Message) error {
	scheme, err := genericScheme(s)
	if err != nil {
		return err
	}
	return scheme.Sign(s, m)
}

// genericScheme is the raw-body HMAC scheme the `hmac` preset's options
// describe.
func genericScheme(s Settings) (hmacScheme, error) {
	alg := algSHA256
	if name := s.Options["algorithm"]; name != "" {
		var err error
		if alg, err = parseAlgorithm(name); err != nil {
			return hmacScheme{}, err
		}
	}
	enc := encHex
	if name := s.Options["encoding"]; name != "" {
		var err error
		if enc, err = parseEncoding(name); err != nil {
			return hmacScheme{}, err
		}
	}
	format := signatureFormat{Header: s.Options["header"], Prefix: s.Options["prefix"], Encoding: enc}
	return bodyScheme(format, alg), nil
}
