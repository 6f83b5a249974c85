package verifiers_test

import (
	"bytes"
	"net/http"
	"testing"
	"time"

	"github.com/hookgate/hookgate/verifiers"
	"github.com/hookgate/hookgate/verifiers/verifierstest"
)

// TestRetryTolerances: a provider that may resend a delivery with the
// timestamp it was first signed with must not see its last retry refused
// as stale. For each such preset, a delivery signed as long ago as the
// provider's documented retry period is accepted under the default
// tolerance, and one signed past the default is refused (the window still
// ends). Sources, per preset, are in the presets' ToleranceNote.
func TestRetryTolerances(t *testing.T) {
	const url = "https://hooks.example.com/webhook"
	now := time.Unix(1_765_000_000, 0)
	for _, tc := range []struct {
		preset string
		retry  time.Duration // the provider's last retry after the first attempt
		past   time.Duration // beyond the default tolerance
	}{
		// Mailgun: 10 min, 10 min, 15 min, 30 min, 1 h, 2 h, 4 h (help.mailgun.com 202236504).
		{"mailgun", 8*time.Hour + 5*time.Minute, 9*time.Hour + time.Minute},
		// Zoom: retries 5 min, then 20 min, then 60 min after the previous (developers.zoom.us webhook-delays).
		{"zoom", 85 * time.Minute, 91 * time.Minute},
		// Calendly: retries for 24 hours (developer.calendly.com webhook-errors).
		{"calendly", 24 * time.Hour, 25*time.Hour + time.Minute},
		// Customer.io: retries over seven days (docs.customer.io/api/webhooks, "Timeouts and failures").
		{"customerio", 7 * 24 * time.Hour, 7*24*time.Hour + time.Hour + time.Minute},
		// Zendesk: retries documented without a schedule; 1 hour.
		{"zendesk", 59 * time.Minute, 61 * time.Minute},
		// PayMongo: 12 retries over up to 136.5 min (developers.paymongo.com/docs/webhook-retry-logic).
		{"paymongo", 136*time.Minute + 30*time.Second, 141 * time.Minute},
		// Cashfree: default policy, retries at 2, 10 and 30 min (cashfree.com/docs/api-reference/webhooks/reliability-and-operations).
		{"cashfree", 42 * time.Minute, 61 * time.Minute},
		// Vonage: Messages and Dispatch callbacks retried for 24 hours (api.support.vonage.com 360028543292).
		{"vonage", 24 * time.Hour, 25*time.Hour + time.Minute},
		// Discord: webhook events retried with backoff for up to 10 minutes (discord-api-docs webhook-events.mdx).
		{"discord", 10 * time.Minute, 16 * time.Minute},
		// Persona: 5 attempts at 0, 3, 18, 83 and 258 s (docs.withpersona.com/docs/best-practices).
		{"persona", 258 * time.Second, 6 * time.Minute},
		// Sanity: retried twice at 30-second intervals (sanity.io changelog, 2026-04-29).
		{"sanity", time.Minute, 6 * time.Minute},
		// Ghost: one signature per event, retried by its HTTP client (limit 5, 2 s timeout) seconds apart (WebhookTrigger.js).
		{"ghost", time.Minute, 6 * time.Minute},
	} {
		t.Run(tc.preset, func(t *testing.T) {
			f, v := verifierstest.Built(t, tc.preset, url, now)
			at := func(signed time.Time) error {
				m := &verifiers.Message{Body: bytes.Clone(f.Body), URL: url, Now: signed,
					Header: http.Header{"Content-Type": {f.ContentType}}}
				if err := f.Preset.Sign(f.Sign, m); err != nil {
					t.Fatal(err)
				}
				_, err := v.Verify(&verifiers.Delivery{Request: verifierstest.Request(m), Body: m.Body, Now: now, PublicURL: url})
				return err
			}
			if err := at(now.Add(-tc.retry)); err != nil {
				t.Errorf("signed %v before its last retry: %v", tc.retry, err)
			}
			if err := at(now.Add(-tc.past)); err == nil {
				t.Errorf("signed %v ago: accepted", tc.past)
			}
		})
	}
}
