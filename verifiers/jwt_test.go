package verifiers

import (
	"encoding/base64"
	"strings"
	"testing"
	"time"
)

func TestHS256JWT(t *testing.T) {
	key := []byte("k1")
	good, err := signHS256JWT(key, map[string]any{"sub": "x"})
	if err != nil {
		t.Fatal(err)
	}
	enc := base64.RawURLEncoding
	parts := strings.Split(good, ".")
	withHeader := func(h string) string {
		signing := enc.EncodeToString([]byte(h)) + "." + parts[1]
		return signing + "." + enc.EncodeToString(hmacSum(algSHA256, key, []byte(signing)))
	}
	if c, k, err := hs256JWT(good, [][]byte{[]byte("other"), key}); err != nil || k != 1 || c.Get("sub").Text != "x" {
		t.Fatalf("good token: %v key %d", err, k)
	}
	for name, tok := range map[string]string{
		"alg none":         enc.EncodeToString([]byte(`{"alg":"none"}`)) + "." + parts[1] + ".",
		"alg HS512":        withHeader(`{"alg":"HS512"}`),
		"alg hs256":        withHeader(`{"alg":"hs256"}`),
		"no alg":           withHeader(`{"typ":"JWT"}`),
		"duplicate alg":    withHeader(`{"alg":"none","alg":"HS256"}`),
		"crit":             withHeader(`{"alg":"HS256","crit":["exp"]}`),
		"padded signature": good + "=",
		"two parts":        parts[0] + "." + parts[1],
		"four parts":       good + ".x",
		"wrong signature":  parts[0] + "." + parts[1] + "." + enc.EncodeToString(make([]byte, 32)),
		"other key":        func() string { s, _ := signHS256JWT([]byte("k2"), map[string]any{"sub": "x"}); return s }(),
	} {
		if _, _, err := hs256JWT(tok, [][]byte{key}); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestCheckJWTTimes(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	for _, tc := range []struct {
		claims  string
		needIat bool
		ok      bool
	}{
		{`{}`, false, true},
		{`{}`, true, false},
		{`{"iat":1700000000}`, true, true},
		{`{"iat":1699999699}`, true, false},
		{`{"iat":1700000301}`, true, false},
		{`{"exp":1699999701}`, false, true},
		{`{"exp":1699999699}`, false, false},
		{`{"nbf":1700000299}`, false, true},
		{`{"nbf":1700000301}`, false, false},
		{`{"exp":"1700000000"}`, false, false},
		{`{"exp":1.7e9}`, false, false},
	} {
		c, err := parseJSON([]byte(tc.claims))
		if err != nil {
			t.Fatal(err)
		}
		if err := checkJWTTimes(c, now, 5*time.Minute, tc.needIat); (err == nil) != tc.ok {
			t.Errorf("%s (iat required %v): %v", tc.claims, tc.needIat, err)
		}
	}
}
