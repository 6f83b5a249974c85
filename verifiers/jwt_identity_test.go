package verifiers

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"
	"time"
)

// TestJWTIdentityIsSigned: the replay identity of the JWT presets is made
// of what the token signs. monday's token does not cover the body, so
// one token is one delivery whatever body it carries; vonage's covers the
// body when there is one, and with none the token's claims are all there
// is, so two tokens are two deliveries.
func TestJWTIdentityIsSigned(t *testing.T) {
	const endpoint = "https://hooks.example.com/hook"
	now := time.Unix(1_700_000_000, 0)
	identity := func(t *testing.T, preset, secret, auth, body string) string {
		t.Helper()
		d := request("POST", endpoint, body)
		d.Now, d.PublicURL = now, endpoint
		d.Request.Header.Set("Authorization", auth)
		p, _ := Lookup(preset)
		v, err := p.Build(Settings{Secrets: [][]byte{[]byte(secret)}})
		if err != nil {
			t.Fatal(err)
		}
		got, err := v.Verify(d)
		if err != nil {
			t.Fatalf("%s: %v", preset, err)
		}
		id, err := got.Identity()
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	tok := func(secret string, claims map[string]any) string {
		s, err := signHS256JWT([]byte(secret), claims)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	mondayClaims := func(jti string) map[string]any {
		return map[string]any{"aud": endpoint, "exp": now.Unix() + 300, "iat": now.Unix(), "jti": jti}
	}
	vonageClaims := func(jti, body string) map[string]any {
		c := map[string]any{"iat": now.Unix(), "jti": jti}
		if body != "" {
			sum := sha256.Sum256([]byte(body))
			c["payload_hash"] = hex.EncodeToString(sum[:])
		}
		return c
	}
	one := tok("signing", mondayClaims("a"))
	tests := []struct {
		name       string
		a, b       func(t *testing.T) string
		sameWanted bool
	}{
		{"monday: one token, two bodies",
			func(t *testing.T) string { return identity(t, "monday", "signing", one, `{"event":{"id":1}}`) },
			func(t *testing.T) string { return identity(t, "monday", "signing", one, `{"event":{"id":2}}`) }, true},
		{"monday: two tokens, one body",
			func(t *testing.T) string { return identity(t, "monday", "signing", one, `{"event":{"id":1}}`) },
			func(t *testing.T) string {
				return identity(t, "monday", "signing", tok("signing", mondayClaims("b")), `{"event":{"id":1}}`)
			}, false},
		{"vonage: two tokens, no body",
			func(t *testing.T) string {
				return identity(t, "vonage", "sig", "Bearer "+tok("sig", vonageClaims("a", "")), "")
			},
			func(t *testing.T) string {
				return identity(t, "vonage", "sig", "Bearer "+tok("sig", vonageClaims("b", "")), "")
			}, false},
		{"vonage: two tokens, one body (a retry)",
			func(t *testing.T) string {
				return identity(t, "vonage", "sig", "Bearer "+tok("sig", vonageClaims("a", `{"x":1}`)), `{"x":1}`)
			},
			func(t *testing.T) string {
				return identity(t, "vonage", "sig", "Bearer "+tok("sig", vonageClaims("b", `{"x":1}`)), `{"x":1}`)
			}, true},
		{"vonage: Bearer spelled otherwise, no body",
			func(t *testing.T) string {
				return identity(t, "vonage", "sig", "Bearer "+tok("sig", vonageClaims("a", "")), "")
			},
			func(t *testing.T) string {
				return identity(t, "vonage", "sig", "bearer "+tok("sig", vonageClaims("a", "")), "")
			}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if same := tt.a(t) == tt.b(t); same != tt.sameWanted {
				t.Errorf("same identity: %v, want %v", same, tt.sameWanted)
			}
		})
	}
}
