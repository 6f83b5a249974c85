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
