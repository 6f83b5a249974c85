package verifiers_test

// Test hooks of the issue 24 catalogue growth, kept out of the shared test
// files so that branches merge cleanly.

func init() {
	// Schemes that send a shared secret and sign nothing.
	bodyUncovered["pipedrive"] = "Basic credentials only"
	bodyUncovered["vapi"] = "token only"
	bodyUncovered["bigcommerce"] = "token only"
	// Gitee signs its timestamp and the secret, not the body.
	bodyUncovered["gitee"] = "signs the timestamp and the secret only"
}
