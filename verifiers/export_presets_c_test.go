package verifiers_test

// Test hooks of catalogue batch C (issue #12), kept out of the shared test
// files so that the batches merge cleanly.

func init() {
	// Schemes that send a shared secret and sign nothing.
	bodyUncovered["microsoft_graph"] = "clientState only: Graph signs nothing"
	bodyUncovered["okta"] = "token only"
	bodyUncovered["azure_devops"] = "Basic credentials only"
}
