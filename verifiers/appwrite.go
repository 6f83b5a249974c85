package verifiers

// Appwrite (declared in presets.go): X-Appwrite-Webhook-Signature is the
// base64 HMAC-SHA1, keyed with the webhook's signature key, of the
// webhook's URL followed by the raw body (appwrite/appwrite's webhooks
// worker: base64_encode(hash_hmac('sha1', $url . $payload, $key, true))).
// The URL is Delivery.PublicURL, as for Square.

var appwriteFormat = signatureFormat{Header: "X-Appwrite-Webhook-Signature", Encoding: encBase64}

func newAppwrite(s Settings) (Verifier, error) {
	return &urlBodyHMAC{format: appwriteFormat, alg: algSHA1, macs: newMACSet(algSHA1, s.Secrets)}, nil
}
