package verifiers

import "fmt"

func init() {
	register(Preset{
		// GitLab: X-Gitlab-Token shared token (mode token, default; no body signature),
		// or GitLab 19+ signing tokens = Standard Webhooks webhook-* headers (mode signing).
		Name: "gitlab", Options: []string{"mode"}, Tolerance: tolerance5m,
		Doc: PresetDoc{
			Source:        "docs.gitlab.com/user/project/integrations/webhooks",
			Signature:     "`X-Gitlab-Token` (mode `token`, default); `webhook-signature` (mode `signing`)",
			Algorithm:     "shared token (body **not** covered); or Standard Webhooks v1",
			Signed:        "–; or `id.timestamp.body`",
			ToleranceNote: "signing; GitLab follows the Standard Webhooks spec (MR 230944), whose libraries refuse a timestamp older than 5 min, so each request is signed when sent",
			Identity:      "`Idempotency-Key`",
			Vectors:       "computed (token); sdk (Standard Webhooks vector, signing)",
		},
		New: newGitLab, Signer: signGitLab, LogIDHeader: "Idempotency-Key",
	})
}

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
