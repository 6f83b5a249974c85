package verifiers

import (
	"crypto/hmac"
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

// TestCheckJWTTimesAged: an iat may be as old as maxAge (a provider that
// resends the token it first issued), while exp, nbf and an iat in the
// future keep the short leeway.
func TestCheckJWTTimesAged(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	const leeway, maxAge = 5 * time.Minute, 25 * time.Hour
	for _, tc := range []struct {
		claims string
		ok     bool
	}{
		{`{"iat":1699910000}`, true},  // exactly 25 h old
		{`{"iat":1699909999}`, false}, // a second older than 25 h
		{`{"iat":1699950000,"exp":1699999701}`, true},
		{`{"iat":1699950000,"exp":1699999699}`, false}, // expired beyond the leeway
		{`{"iat":1699950000,"nbf":1700000299}`, true},
		{`{"iat":1699950000,"nbf":1700000301}`, false}, // not valid yet beyond the leeway
		{`{"iat":1699950000.5}`, false},                // not an integer
		{`{"iat":1700000299}`, true},
		{`{"iat":1700000301}`, false}, // in the future beyond the leeway
		{`{}`, false},                 // iat required
	} {
		c, err := parseJSON([]byte(tc.claims))
		if err != nil {
			t.Fatal(err)
		}
		if err := checkJWTTimesAged(c, now, leeway, maxAge, true); (err == nil) != tc.ok {
			t.Errorf("%s: %v", tc.claims, err)
		}
	}
}

// FuzzHS256JWT: a token from the sender never panics the reader, and one
// it accepts is a compact JWS whose header says HS256, whose signature is
// the key's HMAC-SHA256 of exactly its first two parts, and whose claims
// are a JSON object.
func FuzzHS256JWT(f *testing.F) {
	key := []byte("fuzz-signing-secret")
	good, err := signHS256JWT(key, map[string]any{"iat": 1700000000, "sub": "x"})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add(good + "=")
	f.Add(strings.Replace(good, ".", "..", 1))
	f.Add("eyJhbGciOiJub25lIn0.e30.")
	f.Add("eyJhbGciOiJIUzI1NiIsImFsZyI6Im5vbmUifQ.e30.AAAA")
	f.Fuzz(func(t *testing.T, token string) {
		claims, _, err := hs256JWT(token, [][]byte{key})
		if err != nil {
			return
		}
		parts := strings.Split(token, ".")
		if len(parts) != 3 {
			t.Fatalf("accepted %q with %d parts", token, len(parts))
		}
		header, _ := base64.RawURLEncoding.DecodeString(parts[0])
		h, err := parseJSON(header)
		if err != nil || h.Get("alg") == nil || h.Get("alg").Text != "HS256" {
			t.Fatalf("accepted a header that is not HS256: %q", header)
		}
		sig, _ := base64.RawURLEncoding.DecodeString(parts[2])
		if !hmac.Equal(sig, hmacSum(algSHA256, key, []byte(parts[0]+"."+parts[1]))) {
			t.Fatalf("accepted %q without the key's MAC", token)
		}
		if claims == nil || claims.Kind != jsonObject {
			t.Fatalf("accepted claims that are not an object")
		}
	})
}
