package verifiers

import "fmt"

// newGitLab builds the gitlab preset. Option mode: token (default) compares
// X-Gitlab-Token with the secret token verbatim (no body signature);
// signing (GitLab 19.0+ signing tokens, whsec_...) verifies the Standard
// Webhooks headers webhook-id/-timestamp/-signature.
func newGitLab(s Settings) (Verifier, error) {
	switch s.Options["mode"] {
	case "", "token":
		return newHeaderToken("X-Gitlab-Token", s.Secrets)
	case "signing":
		return newStandardWebhooks("webhook-")(s)
	}
	return nil, fmt.Errorf("gitlab: mode must be token or signing")
}

// signGitLab signs as the configured mode verifies.
func signGitLab(s Settings, m *Message) error {
	if s.Options["mode"] == "signing" {
		return signStandardWebhooks("webhook-")(s, m)
	}
	return signHeaderToken("X-Gitlab-Token")(s, m)
}
