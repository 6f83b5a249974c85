package verifiers

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"
	"time"
)

func TestVonage(t *testing.T) {
	body := `{"status":"delivered"}`
	sum := sha256.Sum256([]byte(body))
	now := time.Unix(1_700_000_000, 0)
	tok := func(claims map[string]any) string { s, _ := signHS256JWT([]byte("sig-secret"), claims); return s }
	for _, tc := range []struct {
		name, auth, body string
		ok               bool
	}{
		{"signed", "Bearer " + tok(map[string]any{"iat": now.Unix(), "payload_hash": hex.EncodeToString(sum[:])}), body, true},
		{"lower-case bearer", "bearer " + tok(map[string]any{"iat": now.Unix(), "payload_hash": hex.EncodeToString(sum[:])}), body, true},
		{"no body, no hash", "Bearer " + tok(map[string]any{"iat": now.Unix()}), "", true},
		{"body without hash", "Bearer " + tok(map[string]any{"iat": now.Unix()}), body, false},
		{"empty body with a hash", "Bearer " + tok(map[string]any{"iat": now.Unix(), "payload_hash": hex.EncodeToString(sum[:])}), "", false},
		{"no iat", "Bearer " + tok(map[string]any{"payload_hash": hex.EncodeToString(sum[:])}), body, false},
		{"iat of a retry 24 h later", "Bearer " + tok(map[string]any{"iat": now.Unix() - 24*3600, "payload_hash": hex.EncodeToString(sum[:])}), body, true},
		{"old iat", "Bearer " + tok(map[string]any{"iat": now.Unix() - 25*3600 - 1, "payload_hash": hex.EncodeToString(sum[:])}), body, false},
		{"iat in the future", "Bearer " + tok(map[string]any{"iat": now.Unix() + 301, "payload_hash": hex.EncodeToString(sum[:])}), body, false},
		{"expired", "Bearer " + tok(map[string]any{"iat": now.Unix(), "exp": now.Unix() - 301, "payload_hash": hex.EncodeToString(sum[:])}), body, false},
		{"not Bearer", "Basic " + tok(map[string]any{"iat": now.Unix(), "payload_hash": hex.EncodeToString(sum[:])}), body, false},
	} {
		d := request("POST", "https://x/hook", tc.body)
		d.Now = now
		d.Request.Header.Set("Authorization", tc.auth)
		p, _ := Lookup("vonage")
		v, _ := p.Build(Settings{Secrets: [][]byte{[]byte("sig-secret")}})
		if _, err := v.Verify(d); (err == nil) != tc.ok {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
}
