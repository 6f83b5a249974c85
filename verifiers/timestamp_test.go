package verifiers

import (
	"testing"
	"time"
)

func TestParseTimestamp(t *testing.T) {
	for _, c := range []struct {
		in   string
		f    timeFormat
		want time.Time
		ok   bool
	}{
		{"1700000000", unixSeconds, time.Unix(1700000000, 0), true},
		{"1700000000123", unixMillis, time.UnixMilli(1700000000123), true},
		{"2019-11-16T10:11:12.634234626Z", rfc3339, time.Date(2019, 11, 16, 10, 11, 12, 634234626, time.UTC), true},
		{"2020-01-01T00:00:00-07:00", rfc3339, time.Date(2020, 1, 1, 7, 0, 0, 0, time.UTC), true},
		{"", unixSeconds, time.Time{}, false},
		{"-5", unixSeconds, time.Time{}, false},
		{"+5", unixSeconds, time.Time{}, false},
		{"1.5", unixSeconds, time.Time{}, false},
		{"99999999999999999999", unixSeconds, time.Time{}, false},
		{"yesterday", rfc3339, time.Time{}, false},
		{"2024-03-27T15:42:29.551", isoUTC, time.Date(2024, 3, 27, 15, 42, 29, 551000000, time.UTC), true},
		{"2024-03-27T15:42:29", isoUTC, time.Date(2024, 3, 27, 15, 42, 29, 0, time.UTC), true},
		{"2024-03-27T15:42:29.551+02:00", isoUTC, time.Date(2024, 3, 27, 13, 42, 29, 551000000, time.UTC), true},
		{"2024-03-27 15:42:29", isoUTC, time.Time{}, false},
		{"1700000000", isoUTC, time.Time{}, false},
	} {
		got, err := parseTimestamp(c.in, c.f)
		if (err == nil) != c.ok || (c.ok && !got.Equal(c.want)) {
			t.Errorf("ParseTimestamp(%q) = %v, %v", c.in, got, err)
		}
		if err != nil && ReasonOf(err) != malformedSignature {
			t.Errorf("ParseTimestamp(%q): reason %s", c.in, ReasonOf(err))
		}
	}
}

func TestCheckFresh(t *testing.T) {
	now := time.Unix(1000, 0)
	for _, c := range []struct {
		offset time.Duration
		ok     bool
	}{{0, true}, {300 * time.Second, true}, {-300 * time.Second, true}, {301 * time.Second, false}, {-301 * time.Second, false}} {
		err := checkFresh(now.Add(-c.offset), now, 300*time.Second)
		if (err == nil) != c.ok || (err != nil && ReasonOf(err) != stale) {
			t.Errorf("offset %v: %v", c.offset, err)
		}
	}
	if checkFresh(now.Add(-time.Second), now, 0) == nil {
		t.Error("zero tolerance accepted an old timestamp")
	}
}

func TestFormatTimestampRoundTrip(t *testing.T) {
	now := time.Unix(1700000000, 0)
	for _, f := range []timeFormat{unixSeconds, unixMillis, rfc3339, isoUTC} {
		got, err := parseTimestamp(formatTimestamp(now, f), f)
		if err != nil || !got.Equal(now) {
			t.Errorf("format %d: %v %v", f, got, err)
		}
	}
}
