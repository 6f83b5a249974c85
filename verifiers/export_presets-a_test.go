package verifiers_test

// Test hooks of catalogue batch A (issue #12), kept out of the shared
// test files.

func init() {
	// Telegram sends the setWebhook secret_token verbatim; nothing covers the body.
	bodyUncovered["telegram"] = "token only"
}
