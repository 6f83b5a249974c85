package verifiers

// Appwrite (declared below): X-Appwrite-Webhook-Signature is the
// base64 HMAC-SHA1, keyed with the webhook's signature key, of the
// webhook's URL followed by the raw body (appwrite/appwrite's webhooks
// worker: base64_encode(hash_hmac('sha1', $url . $payload, $key, true))).
// The URL is Delivery.PublicURL, as for Square.

func init() {
	register(Preset{
		// Appwrite: X-Appwrite-Webhook-Signature = base64 HMAC-SHA1(signature key, webhook URL + body).
		Name: "appwrite", SignsURL: true, New: newAppwrite, Signer: signURLBodyHMAC(newAppwrite),
		Doc: PresetDoc{
			Source:    "appwrite/appwrite src/Appwrite/Platform/Workers/Webhooks.php",
			Signature: "`X-Appwrite-Webhook-Signature: <base64>`",
			Algorithm: "HMAC-SHA1, key = the webhook's signature key",
			Signed:    "the webhook's URL followed by the body",
			Identity:  "hash of the URL and body",
			Vectors:   "computed (appwrite/appwrite `src/Appwrite/Platform/Workers/Webhooks.php`)",
			Note: "Appwrite signs the webhook's URL as configured in Appwrite, percent-decoded (`rawurldecode`). The gate " +
				"rebuilds the URL from the request (or takes `url`): the URL configured in Appwrite must be the public URL " +
				"of the route exactly, without percent-escapes.",
		},
	})
}

var appwriteFormat = signatureFormat{Header: "X-Appwrite-Webhook-Signature", Encoding: encBase64}

func newAppwrite(s Settings) (Verifier, error) {
	return &urlBodyHMAC{format: appwriteFormat, alg: algSHA1, macs: newMACSet(algSHA1, s.Secrets)}, nil
}
