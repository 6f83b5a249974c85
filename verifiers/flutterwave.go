package verifiers

import "fmt"

func init() {
	register(Preset{
		// Flutterwave: verif-hash = the secret hash verbatim (mode v3, default; no body signature);
		// mode v4/auto: flutterwave-signature = base64 HMAC-SHA256(body).
		// Only v4 signs the body, so only v4 reads its data.id (newFlutterwave).
		Name: "flutterwave", Options: []string{"mode"}, New: newFlutterwave, Signer: signFlutterwave,
		Doc: PresetDoc{
			Signature: "`verif-hash` (mode `v3`, default); `flutterwave-signature: <base64>` (mode `v4`; `auto` uses v4 when that header is present)",
			Algorithm: "v3: the secret hash itself (body **not** covered); v4: HMAC-SHA256 (third-party sources only)",
			Signed:    "v3 –; v4 body",
			Identity:  "body `data.id`",
			Vectors:   "computed",
		},
	})
}

// newFlutterwave builds the flutterwave preset. Option mode: v3 (default)
// compares the verif-hash header with the secret hash verbatim; v4 checks
// flutterwave-signature, a base64 HMAC-SHA256 of the body keyed with the
// secret hash (scheme from third-party code only); auto uses v4 when that
// header is present and v3 otherwise.
func newFlutterwave(s Settings) (Verifier, error) {
	v3, err := newHeaderToken("verif-hash", s.Secrets)
	if err != nil {
		return nil, err
	}
	v4, err := flutterwaveV4.New(s)
	if err != nil {
		return nil, err
	}
	v4 = withBodyID(v4, "data.id") // the v3 token covers no body: no ID from it
	switch s.Options["mode"] {
	case "", "v3":
		return v3, nil
	case "v4":
		return v4, nil
	case "auto":
		return verifierFunc(func(d *Delivery) (Verified, error) {
			if len(d.Request.Header.Values("flutterwave-signature")) > 0 {
				return v4.Verify(d)
			}
			return v3.Verify(d)
		}), nil
	}
	return nil, fmt.Errorf("flutterwave: mode must be v3, v4 or auto")
}

var flutterwaveV4 = bodyScheme(signatureFormat{Header: "flutterwave-signature", Encoding: encBase64}, algSHA256)

// signFlutterwave signs as the configured mode verifies (auto signs as v4).
func signFlutterwave(s Settings, m *Message) error {
	if mode := s.Options["mode"]; mode == "v4" || mode == "auto" {
		return flutterwaveV4.Sign(s, m)
	}
	return signHeaderToken("verif-hash")(s, m)
}
