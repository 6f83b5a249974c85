package verifiers

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"
)

func TestNetlify(t *testing.T) {
	body := []byte(`{"id":"d1","state":"ready"}`)
	sum := sha256.Sum256(body)
	tok := func(claims map[string]any) string { s, _ := signHS256JWT([]byte("jws"), claims); return s }
	for _, tc := range []struct {
		name, token string
		ok          bool
	}{
		{"signed", tok(map[string]any{"iss": "netlify", "sha256": hex.EncodeToString(sum[:])}), true},
		{"no iss", tok(map[string]any{"sha256": hex.EncodeToString(sum[:])}), false},
		{"other iss", tok(map[string]any{"iss": "Netlify", "sha256": hex.EncodeToString(sum[:])}), false},
		{"no sha256", tok(map[string]any{"iss": "netlify"}), false},
		{"sha256 of another body", tok(map[string]any{"iss": "netlify", "sha256": hex.EncodeToString(make([]byte, 32))}), false},
		{"sha256 not hex", tok(map[string]any{"iss": "netlify", "sha256": "zz"}), false},
	} {
		d := request("POST", "https://x/hook", string(body))
		d.Request.Header.Set("X-Webhook-Signature", tc.token)
		p, _ := Lookup("netlify")
		v, _ := p.Build(Settings{Secrets: [][]byte{[]byte("jws")}})
		if _, err := v.Verify(d); (err == nil) != tc.ok {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
}
