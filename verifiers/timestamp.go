package verifiers

import (
	"strconv"
	"strings"
	"time"
)

// TimeFormat is how a provider writes a signed timestamp.
type timeFormat int

// The timestamp formats providers use.
const (
	// unixSeconds is decimal seconds since the epoch (Stripe, Slack, Svix).
	unixSeconds timeFormat = iota
	// unixMillis is decimal milliseconds since the epoch (HubSpot v3, Linear).
	unixMillis
	// rfc3339 is an RFC 3339 date-time, fractional seconds allowed
	// (Zendesk, Twitch with nanoseconds, Box).
	rfc3339
	// isoUTC is an ISO 8601 date-time that may omit its zone, read as UTC
	// when it does, as Python's datetime.fromisoformat reads it (Orb's
	// X-Orb-Timestamp: 2024-03-27T15:42:29.551).
	isoUTC
)

// isoLocalLayout is an ISO 8601 date-time without a zone.
const isoLocalLayout = "2006-01-02T15:04:05.999999999"

// parseTimestamp reads v in format f. Signs, spaces and fractions in the
// unix formats are refused: providers send plain integers.
func parseTimestamp(v string, f timeFormat) (time.Time, error) {
	switch f {
	case unixSeconds, unixMillis:
		if v == "" || len(v) > 19 || strings.TrimLeft(v, "0123456789") != "" {
			return time.Time{}, reject(malformedSignature, "timestamp is not a unix time")
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return time.Time{}, reject(malformedSignature, "timestamp is not a unix time")
		}
		if f == unixMillis {
			return time.UnixMilli(n), nil
		}
		return time.Unix(n, 0), nil
	case rfc3339:
		t, err := time.Parse(time.RFC3339Nano, v)
		if err != nil {
			return time.Time{}, reject(malformedSignature, "timestamp is not an RFC 3339 time")
		}
		return t, nil
	case isoUTC:
		t, err := time.Parse(time.RFC3339Nano, v)
		if err != nil {
			t, err = time.ParseInLocation(isoLocalLayout, v, time.UTC)
		}
		if err != nil {
			return time.Time{}, reject(malformedSignature, "timestamp is not an ISO 8601 time")
		}
		return t, nil
	}
	return time.Time{}, reject(malformedSignature, "unknown timestamp format")
}

// checkFresh refuses t, with reason stale, when it is more than tolerance
// before or after now. A tolerance of zero or less refuses everything but
// the exact instant: fail closed rather than accept any age.
func checkFresh(t, now time.Time, tolerance time.Duration) error {
	switch d := now.Sub(t); {
	case d > tolerance:
		return reject(stale, "timestamp is too old")
	case -d > tolerance:
		return reject(stale, "timestamp is in the future")
	}
	return nil
}

// formatTimestamp writes t in format f, as a signer would send it.
func formatTimestamp(t time.Time, f timeFormat) string {
	switch f {
	case unixMillis:
		return strconv.FormatInt(t.UnixMilli(), 10)
	case rfc3339:
		return t.UTC().Format(time.RFC3339)
	case isoUTC:
		return t.UTC().Format("2006-01-02T15:04:05.000")
	}
	return strconv.FormatInt(t.Unix(), 10)
}

// Default tolerances of the timestamped presets.
const (
	tolerance5s  = 5 * time.Second
	tolerance60s = 60 * time.Second
	tolerance3m  = 3 * time.Minute
	tolerance5m  = 5 * time.Minute
	tolerance30m = 30 * time.Minute
)

// Defaults that cover a provider's documented retry period, for providers
// that may resend a delivery with the timestamp it was first signed with
// (or do not say): a genuine retry is never refused as stale, and replay
// protection, keyed on the signed identity, refuses copies within it.
const (
	tolerance1h  = time.Hour                  // Zendesk: retries documented, schedule not; Cashfree: default retries over 42 min
	tolerance25h = 25 * time.Hour             // Calendly: retries for 24 hours
	tolerance7d  = 7*24*time.Hour + time.Hour // Customer.io: retries over seven days
)
