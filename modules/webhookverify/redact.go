package webhookverify

import (
	"net/http"
	"slices"

	"github.com/hookgate/hookgate/modules/redactlog"
	"github.com/hookgate/hookgate/verifiers"
)

// Keeping secrets out of Caddy's logs: the route's part. The log encoder
// webhook_redact (package redactlog) hides what each route registers here;
// its package comment says why redaction happens in the encoder.

// registerRedaction records the handler's secret-bearing headers and
// secrets for the log encoder. Called at the end of Provision, before
// checkLogs (logcheck.go); unregisterRedaction undoes it.
func (h *Handler) registerRedaction(s verifiers.Settings) {
	names := redactlog.SecretHeaderNames(h.preset, s)
	h.secretHeaders = names
	var secrets []string
	for _, b := range s.Secrets {
		secrets = append(secrets, string(b))
	}
	for name, v := range s.Options {
		if slices.Contains(h.preset.SecretOptions, name) {
			secrets = append(secrets, v)
		}
	}
	redactlog.Register(h, names, secrets)

}

// unregisterRedaction forgets what registerRedaction recorded.
func (h *Handler) unregisterRedaction() { redactlog.Unregister(h) }

// redactSecretHeaders replaces the values of the route's secret-bearing
// headers in r once the handler is done with r, so that placeholders
// evaluated after it ({http.request.header.X-Kkiapay-Secret} in log_append,
// handle_errors) never expand to them. The upstream has its own copy by then.
//
// Hook: `defer h.redactSecretHeaders(r)` as the first statement of
// ServeHTTP, so it runs on every path: refusal, error, panic, success.
func (h *Handler) redactSecretHeaders(r *http.Request) {
	for _, name := range h.secretHeaders {
		if vs, ok := r.Header[name]; ok && len(vs) > 0 {
			r.Header[name] = []string{redactlog.Redacted}
		}
	}
}
